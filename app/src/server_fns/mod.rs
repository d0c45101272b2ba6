//! Server functions: thin wrappers that check the CSRF token, who is asking
//! and what the policy allows, then call the service layer.

mod activities;
mod admin;
mod budget;
mod compact;
mod countries;
mod dashboard;
mod flows;
#[cfg(feature = "ssr")]
mod form;
mod funding;
mod iati;
mod indicators;
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
pub use budget::*;
pub use compact::*;
pub use countries::*;
pub use dashboard::*;
pub use flows::*;
pub use funding::*;
pub use iati::*;
pub use indicators::*;
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
