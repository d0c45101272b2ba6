//! Plain async service functions over a database connection, one folder per
//! domain. Server functions, the JSON API, the command line and the tests
//! all call these.

pub mod accounts;
pub mod compact;
pub mod demo;
pub mod form_tokens;
pub mod funding;
pub mod iati;
pub mod indicators;
pub mod locks;
pub mod strategy;
pub mod transition;
pub mod versions;

/// The time a write records: now, to the microsecond, which is what
/// PostgreSQL keeps, so that a row reads back the same on either backend
/// and survives a move between them unchanged.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}
