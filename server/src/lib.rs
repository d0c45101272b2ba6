//! The `compact-tracker` server: configuration, database, router and the
//! command line. The binary in `main.rs` only parses arguments and dispatches.

pub mod api;
pub mod audit;
pub mod cli;
pub mod db;
pub mod exports;
pub mod form_text;
pub mod headers;
pub mod health;
pub mod iati;
pub mod language;
pub mod limits;
pub mod metrics;
pub mod router;
pub mod serve;
pub mod site;
pub mod transfer;
