//! The activities list of the partners' and the government's pages: which
//! activities, a page at a time.

use serde::{Deserialize, Serialize};

use super::{Activity, ActivityStatus, Validation};

/// What the activities list shows; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilter {
    /// One partner's activities, or every partner's.
    pub organisation_id: Option<i32>,
    /// Held in the title or the IATI identifier, in any case.
    pub search: String,
    pub status: Option<ActivityStatus>,
    pub validation: Option<Validation>,
    /// Activities with a transaction or a planned disbursement in this
    /// fiscal year (by start year).
    pub fiscal_year: Option<i32>,
    /// From 1.
    pub page: u64,
}

impl ActivityFilter {
    /// The query string of this filter at `page`, for the list's links.
    pub fn query(&self, page: u64) -> String {
        use super::query::encode;
        let mut parts = Vec::new();
        if let Some(id) = self.organisation_id {
            parts.push(format!("organisation={id}"));
        }
        if !self.search.is_empty() {
            parts.push(format!("q={}", encode(&self.search)));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.code()));
        }
        if let Some(state) = self.validation {
            parts.push(format!("validation={}", state.code()));
        }
        if let Some(year) = self.fiscal_year {
            parts.push(format!("fiscal_year={year}"));
        }
        parts.push(format!("page={page}"));
        parts.join("&")
    }
}

/// One page of the activities list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityList {
    pub activities: Vec<Activity>,
    /// Activities matching the filter, on every page.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    pub pages: u64,
}
