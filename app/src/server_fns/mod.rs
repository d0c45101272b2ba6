//! Server functions: thin wrappers that check the CSRF token, who is asking
//! and what the policy allows, then call the service layer.

mod activity;
mod admin;
mod budget;
mod compact;
mod countries;
mod dashboard;
#[cfg(feature = "ssr")]
mod form;
mod funding;
mod iati;
mod indicators;
mod pillar;
mod priority;
mod review;
mod scorecard;
mod session;
mod strategy;
mod transition;

pub use activity::*;
pub use admin::*;
pub use budget::*;
pub use compact::*;
pub use countries::*;
pub use dashboard::*;
pub use funding::*;
pub use iati::*;
pub use indicators::*;
pub use pillar::*;
pub use priority::*;
pub use review::*;
pub use scorecard::*;
pub use session::*;
pub use strategy::*;
pub use transition::*;
