//! Mutual accountability indicators: definitions and their corrections,
//! targets and measurements, the computed values, readings against
//! targets, and scorecards.

mod checks;
pub mod comments;
pub mod computation;
pub mod definitions;
mod edits;
mod figures;
mod measurements;
pub mod readings;
pub mod scorecards;
mod targets;
