//! One module per page.

mod account;
mod activities;
mod admin;
mod agreements;
mod audit;
mod budget;
mod commitment_fields;
mod compact;
mod country;
mod dashboard;
mod funding;
mod home;
mod iati;
mod indicator_detail;
mod indicators;
mod not_found;
mod organisation;
mod pillar_forms;
mod priority;
mod priority_fields;
mod rates;
mod review;
mod scorecard;
mod sign_in;
mod strategy;
mod transition;

pub use account::AccountPage;
pub use activities::ActivitiesPage;
pub use admin::{AccountsPage, OrganisationsPage};
pub use audit::AuditPage;
pub use budget::BudgetPage;
pub use compact::CompactPage;
pub use country::CountryPage;
pub use dashboard::{DashboardPage, IndicatorPage};
pub use funding::FundingPage;
pub use home::HomePage;
pub use iati::IatiPage;
pub use indicators::IndicatorsPage;
pub use not_found::NotFound;
pub use organisation::OrganisationPage;
pub use priority::PriorityPage;
pub use rates::RatesPage;
pub use review::ReviewPage;
pub use scorecard::ScorecardPage;
pub use sign_in::SignInPage;
pub use strategy::{StrategyComparePage, StrategyPage};
pub use transition::TransitionPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:code` route parameter, upper-cased.
pub(crate) fn country_code_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("code")
            .unwrap_or_default()
            .to_ascii_uppercase()
    })
}
