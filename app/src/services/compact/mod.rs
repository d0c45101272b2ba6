//! The compact of mutual commitments: versions, signatures, commitments with
//! their progress and comments, and joint review rounds.

mod checks;
pub mod commitments;
pub mod compacts;
pub mod parties;
pub mod reviews;
pub mod signing;
