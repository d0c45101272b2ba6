use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::input;
use super::query::encode;
use crate::AppError;

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
    /// `create`, `update` or `delete`; `sign_in`, `sign_out` or
    /// `sign_in_failed` for a session.
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

/// The audit page's address as its GET form and paging links write it:
/// the filters as typed, and where in the trail the page starts. Every
/// part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub object_type: Option<String>,
    #[serde(default)]
    pub object_id: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// The entries older than this id: the next page.
    #[serde(default)]
    pub before: Option<i64>,
    /// The entries newer than this id: the previous page.
    #[serde(default)]
    pub after: Option<i64>,
}

fn typed(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl AuditQuery {
    /// The filters, each checked; a field left empty filters nothing.
    pub fn filter(&self) -> Result<AuditFilter, AppError> {
        let date = |field: &str, value: &Option<String>| {
            typed(value).map(|v| input::date(field, v)).transpose()
        };
        let object_id = typed(&self.object_id)
            .map(|id| {
                id.parse::<i32>().map_err(|_| {
                    AppError::invalid(
                        "object_id",
                        crate::i18n::td_string!(crate::language::current(), rules.whole_number),
                    )
                })
            })
            .transpose()?;
        Ok(AuditFilter {
            user: typed(&self.user).map(str::to_string),
            object_type: typed(&self.object_type).map(str::to_string),
            object_id,
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
        })
    }

    /// The query string of these filters, starting before or after an
    /// entry (neither: the newest entries), for the page's links.
    pub fn query(&self, before: Option<i64>, after: Option<i64>) -> String {
        let text = [
            ("user", &self.user),
            ("object_type", &self.object_type),
            ("object_id", &self.object_id),
            ("from", &self.from),
            ("to", &self.to),
        ];
        let mut parts: Vec<String> = text
            .iter()
            .filter_map(|(name, value)| Some(format!("{name}={}", encode(typed(value)?))))
            .collect();
        parts.extend(before.map(|id| format!("before={id}")));
        parts.extend(after.map(|id| format!("after={id}")));
        parts.join("&")
    }
}

/// One page of a country's audit trail, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The entries the filters match, on every page.
    pub total: u64,
    /// Where the page of older entries starts (`before=`), if there are any.
    pub older: Option<i64>,
    /// Where the page of newer entries starts (`after=`), if there are any.
    pub newer: Option<i64>,
    /// The kinds of object the country's trail holds, for the filter.
    pub object_types: Vec<String>,
}
