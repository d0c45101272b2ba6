use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The user's email, or who acted outside the web app.
    pub actor: String,
    pub object_type: String,
    pub object_id: i32,
    /// The country the object belongs to.
    pub country_id: Option<i32>,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// JSON of the object before and after.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The audit page's filters, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user: Option<String>,
    pub object_type: Option<String>,
    pub object_id: Option<i32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}
