//! Countries, organisations, user accounts and the audit trail every write
//! records.

pub mod audit;
pub mod countries;
pub mod organisations;
pub mod password;
pub mod users;
