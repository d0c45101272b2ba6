//! Plain async service functions over a database connection. Server
//! functions, the JSON API, the command line and the tests all call these.

pub mod agreements;
pub mod audit;
pub mod comments;
pub mod commitments;
pub mod compacts;
pub mod countries;
pub mod demo;
mod demo_compact;
mod demo_strategy;
mod demo_transition;
pub mod drawdown;
pub mod organisations;
pub mod pillars;
pub mod priorities;
pub mod reviews;
pub mod strategies;
pub mod transition;
pub mod users;
