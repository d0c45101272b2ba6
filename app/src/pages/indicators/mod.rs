//! Mutual accountability indicators: their definitions and targets, the
//! dashboard with one indicator's detail, and scorecards.

mod corrections;
mod dashboard;
mod definitions;
mod detail;
mod scorecards;

pub use dashboard::DashboardPage;
pub use definitions::IndicatorsPage;
pub use detail::IndicatorPage;
pub use scorecards::ScorecardPage;
