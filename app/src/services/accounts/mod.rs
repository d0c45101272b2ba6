//! Countries, organisations, user accounts and the audit trail every write
//! records.

pub mod access;
pub mod audit;
pub mod countries;
pub mod merge;
pub mod organisations;
pub mod password;
pub mod sign_ins;
pub mod throttle;
pub mod users;
