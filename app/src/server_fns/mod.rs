//! Server functions: thin wrappers that check the CSRF token, who is asking
//! and what the policy allows, then call the service layer.

mod activities;
mod admin;
mod agreements;
mod budget;
mod chart;
mod compact;
mod countries;
mod dashboard;
mod flows;
#[cfg(feature = "ssr")]
mod form;
mod fragility;
mod funding;
mod iati;
mod indicator_edits;
mod indicators;
mod lifecycle;
mod parties;
mod pillars;
mod priorities;
mod projects;
mod rates;
mod reviews;
mod scorecards;
mod session;
mod strategy;
mod transition;
mod validation;

pub use activities::*;
pub use admin::*;
pub use agreements::*;
pub use budget::*;
pub use chart::*;
pub use compact::*;
pub use countries::*;
pub use dashboard::*;
pub use flows::*;
pub use fragility::*;
pub use funding::*;
pub use iati::*;
pub use indicator_edits::*;
pub use indicators::*;
pub use lifecycle::*;
pub use parties::*;
pub use pillars::*;
pub use priorities::*;
pub use projects::*;
pub use rates::*;
pub use reviews::*;
pub use scorecards::*;
pub use session::*;
pub use strategy::*;
pub use transition::*;
pub use validation::*;

#[cfg(feature = "ssr")]
pub use form::PostedForm;
