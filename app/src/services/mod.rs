//! Plain async service functions over a database connection. Server
//! functions, the JSON API, the command line and the tests all call these.

pub mod activities;
pub mod agreements;
pub mod audit;
pub mod budget;
pub mod comments;
pub mod commitments;
pub mod compacts;
pub mod countries;
pub mod demo;
mod demo_compact;
mod demo_funding;
mod demo_indicators;
mod demo_strategy;
mod demo_transition;
pub mod drawdown;
pub mod funding;
pub mod iati;
pub mod indicator_definitions;
pub mod indicators;
pub mod organisations;
pub mod pillars;
pub mod priorities;
pub mod rates;
pub mod readings;
pub mod reporting;
pub mod reviews;
pub mod scorecards;
pub mod strategies;
pub mod transaction_import;
pub mod transition;
pub mod users;
