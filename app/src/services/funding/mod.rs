//! Funding flows: activities with their transactions and planned
//! disbursements, the transaction import, exchange rates, the national
//! budget and its chart of accounts, reporting rounds and the funding
//! report.

pub mod activities;
pub mod basis;
pub mod budget;
pub mod cells;
pub mod chart;
pub mod chart_import;
pub mod check;
pub mod groups;
pub mod rates;
pub mod reference;
pub mod report;
pub mod reporting;
pub mod sums;
pub mod transaction_import;
