//! Reporting rounds (data calls) and who has answered them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::OrganisationRef;

coded_enum! {
    /// A partner's answer to a reporting round.
    ResponseStatus {
        Submitted => ("submitted", response_submitted),
        NothingToReport => ("nothing_to_report", response_nothing_to_report),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReportingRound {
    pub title: String,
    pub fiscal_year: i32,
    pub due_on: NaiveDate,
}

/// One partner's line in a round's compliance table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compliance {
    pub organisation: OrganisationRef,
    pub status: Option<ResponseStatus>,
    pub at: Option<DateTime<Utc>>,
    /// The version of the answer, which a change of it carries.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingRound {
    pub id: i32,
    pub title: String,
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    pub opened_on: NaiveDate,
    pub due_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub compliance: Vec<Compliance>,
}

impl ReportingRound {
    /// How many partners have answered, of how many.
    pub fn answered(&self) -> (usize, usize) {
        let answered = self
            .compliance
            .iter()
            .filter(|c| c.status.is_some())
            .count();
        (answered, self.compliance.len())
    }
}
