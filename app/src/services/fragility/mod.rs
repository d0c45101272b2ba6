//! Fragility assessments: rounds that place each Peacebuilding and
//! Statebuilding Goal on the fragility spectrum, their rows, and the moves
//! draft -> validated -> published. Every write begins, checks, writes and
//! records its audit entry in one transaction.

pub mod checks;
mod lock;
pub mod read;
pub mod rounds;
pub mod stages;
