//! The report of an IATI import: what happened to each activity, every
//! warning and error with the activity it concerns, and the totals.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What an import did with one activity of the file.
    ImportOutcome {
        Imported => ("imported", import_imported),
        Updated => ("updated", import_updated),
        Skipped => ("skipped", import_skipped),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityOutcome {
    pub identifier: String,
    pub outcome: ImportOutcome,
    /// Why an activity was skipped, or what an update changed.
    pub note: String,
    pub transactions_imported: u32,
}

/// A warning or error, with the identifier of the activity it concerns
/// (none for the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub activity: Option<String>,
    pub message: String,
}

/// A value edited in the app after an earlier import, which the import
/// kept although the file says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportConflict {
    pub activity: String,
    pub field: String,
    pub imported: String,
    pub local: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportTotals {
    pub activities_imported: u32,
    pub activities_updated: u32,
    pub activities_skipped: u32,
    pub transactions_imported: u32,
    /// `(currency, amount)` of the transactions imported, by currency.
    pub amounts: Vec<(String, Decimal)>,
}

/// The report of one file. A file that is not well-formed XML has an
/// `error` and wrote nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file: String,
    pub error: Option<String>,
    pub totals: ImportTotals,
    pub activities: Vec<ActivityOutcome>,
    pub warnings: Vec<ImportProblem>,
    pub errors: Vec<ImportProblem>,
    pub conflicts: Vec<ImportConflict>,
    /// What the import concluded from what the file says (e.g. money
    /// through the treasury is on treasury).
    #[serde(default)]
    pub inferences: Vec<ImportProblem>,
}
