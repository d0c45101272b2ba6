//! The UN transition: the mission's functions to hand over, the drawdown
//! and its phases, and the financing cliff.

pub mod drawdown;
pub mod functions;
pub mod plans;
