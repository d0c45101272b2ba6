use serde::{Deserialize, Serialize};

use crate::types::Role;

/// An account as pages and the audit trail show it. Never carries the
/// password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub organisation_id: i32,
    pub organisation_name: String,
    pub role: Option<Role>,
    pub signatory: bool,
    pub must_change_password: bool,
    /// An administrator disabled the account: it cannot sign in.
    pub disabled: bool,
    /// The interface language the user chose, if any: `en`, `fr`, `pt`.
    pub language: Option<String>,
    /// Moves on with every change of name, role or signature; the form
    /// that changes them carries it.
    pub version: i32,
}

/// What an administrator submits to create an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub organisation_id: i32,
    pub role: Role,
    pub signatory: bool,
}

/// A new or reset account with the one-time password to hand over, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPassword {
    pub user: UserSummary,
    pub one_time_password: String,
}

/// What an administrator may change on an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserChanges {
    pub display_name: String,
    pub role: Role,
    pub signatory: bool,
}
