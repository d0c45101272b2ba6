//! Funding flows: the funding report with its reporting rounds, an
//! organisation's activities, exchange rates, the national budget and IATI
//! files.

mod activities;
mod budget;
mod iati;
mod rates;
mod report;
mod reporting;

pub use activities::ActivitiesPage;
pub use budget::BudgetPage;
pub use iati::IatiPage;
pub use rates::RatesPage;
pub use report::FundingPage;
