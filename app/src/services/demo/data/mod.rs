//! The demo dataset's tables, one file per domain: the rows the seeding
//! modules write, as plain constants. Nothing here reads or writes the
//! database.

pub mod accounts;
pub mod compact;
pub mod funding;
pub mod indicators;
pub mod strategy;
pub mod transition;
