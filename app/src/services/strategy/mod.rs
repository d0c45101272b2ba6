//! The integrated peacebuilding strategy: versions and their lifecycle,
//! pillars, priorities with their costs, peace agreements and provisions,
//! and the consultation's comments.

pub mod agreements;
pub mod comments;
pub mod drafts;
pub mod lifecycle;
pub mod pillars;
pub mod priorities;
pub mod provisions;
pub mod strategies;
