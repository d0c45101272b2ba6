use serde::{Deserialize, Serialize};

use super::ExchangeRate;

/// One of a country's exchange rates as stored: what the rates page lists,
/// an edit form corrects and the audit trail keeps before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRate {
    pub id: i32,
    /// The version an edit form was opened at.
    pub version: i32,
    #[serde(flatten)]
    pub rate: ExchangeRate,
}
