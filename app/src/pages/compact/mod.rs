//! The compact of mutual commitments: a version with its parties,
//! signatures and commitments, and the report of a joint review round.

mod commitments;
mod compacts;
mod fields;
mod reviews;
mod signing;

pub use compacts::CompactPage;
pub use reviews::ReviewPage;
