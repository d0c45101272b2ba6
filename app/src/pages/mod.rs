//! The pages, grouped by domain like the services; each page component is
//! re-exported here for the router.

mod accounts;
mod compact;
mod country;
mod fragility;
mod funding;
mod home;
mod indicators;
mod not_found;
mod params;
mod strategy;
mod transition;

pub use accounts::{
    AccountPage, AccountsPage, AuditPage, OrganisationPage, OrganisationsPage, SignInPage,
};
pub use compact::{CompactPage, ReviewPage};
pub use country::CountryPage;
pub use fragility::FragilityPage;
pub use funding::{
    ActivitiesPage, BudgetPage, FundingPage, IatiPage, ProjectPage, ProjectsPage, RatesPage,
    ValidationPage,
};
pub use home::HomePage;
pub use indicators::{DashboardPage, IndicatorPage, IndicatorsPage, ScorecardPage};
pub use not_found::NotFound;
pub use strategy::{PriorityPage, StrategyComparePage, StrategyPage};
pub use transition::TransitionPage;
