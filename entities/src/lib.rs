//! SeaORM entities, one module per table. Wire types live in `app`; the
//! service layer maps between the two.

pub mod assessment;
pub mod audit_entry;
pub mod commitment;
pub mod commitment_comment;
pub mod commitment_progress;
pub mod compact;
pub mod compact_party;
pub mod compact_signature;
pub mod country;
pub mod drawdown_phase;
pub mod membership;
pub mod organisation;
pub mod peace_agreement;
pub mod pillar;
pub mod priority;
pub mod priority_cost;
pub mod priority_partner;
pub mod priority_provision;
pub mod provision;
pub mod review_round;
pub mod session;
pub mod strategy;
pub mod strategy_comment;
pub mod transition_function;
pub mod transition_plan;
pub mod user;
