//! Mutual accountability indicators: definitions, targets and measurements,
//! the computed values, readings against targets, and scorecards.

pub mod comments;
pub mod computation;
pub mod definitions;
mod figures;
pub mod readings;
pub mod scorecards;
