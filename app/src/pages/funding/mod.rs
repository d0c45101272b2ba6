//! Funding flows: the funding report with its reporting rounds, an
//! organisation's activities, exchange rates, the national budget and IATI
//! files.

mod activities;
mod activity_form;
mod budget;
mod chart;
mod flows;
mod iati;
mod projects;
mod rates;
mod report;
mod reporting;
mod validation;

pub use activities::ActivitiesPage;
pub use budget::BudgetPage;
pub use iati::IatiPage;
pub use projects::{ProjectPage, ProjectsPage};
pub use rates::RatesPage;
pub use report::FundingPage;
pub use validation::ValidationPage;
