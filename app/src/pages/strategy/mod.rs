//! The integrated peacebuilding strategy: a version with its lifecycle,
//! pillars, priorities and costs, consultation and agreements; the
//! comparison of two versions; the page of one priority.

mod actions;
mod agreements;
mod comments;
mod compare;
mod costs;
mod fields;
mod lifecycle;
mod pillars;
mod priorities;
mod strategies;

pub use compare::StrategyComparePage;
pub use priorities::PriorityPage;
pub use strategies::StrategyPage;
