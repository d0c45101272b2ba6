//! The chart of accounts from a CSV file: every line, or (with any problem)
//! none, each problem reported with its line and column.

use crate::i18n::td_string;
use sea_orm::{TransactionSession, TransactionTrait};

use crate::types::NewBudgetLine;
use crate::{AppError, FieldError};

use crate::services::accounts::audit::Author;
use crate::services::funding::chart::{Chart, insert};

/// The columns of a chart-of-accounts file, in order.
pub const COLUMNS: [&str; 7] = [
    "code",
    "name",
    "parent_code",
    "holder",
    "function",
    "security",
    "sector",
];

/// A file to start from: the header and two example rows.
pub fn template() -> String {
    format!(
        "{}\n05,Ministry of Interior,,Ministry of Interior,Public order and safety,yes,\n05.01,National Police,05,Ministry of Interior,Police services,yes,152\n",
        COLUMNS.join(",")
    )
}

/// Reads every row of a chart-of-accounts file: the lines in file order,
/// or every problem with its line and column.
fn parse(text: &str) -> Result<Vec<(String, NewBudgetLine)>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header_ok = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(str::to_lowercase)
                .eq(COLUMNS.iter().map(|c| c.to_string()))
        })
        .unwrap_or(false);
    if !header_ok {
        return Err(AppError::invalid(
            "file",
            td_string!(
                crate::language::current(),
                rules.header_must_be,
                header = COLUMNS.join(",")
            )
            .to_string(),
        ));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index.saturating_add(2);
        let prefix = crate::services::line_prefix(line);
        let record = match record {
            Ok(r) if r.len() == COLUMNS.len() => r,
            Ok(r) => {
                errors.push(FieldError::new(
                    crate::services::at_line(line),
                    td_string!(
                        crate::language::current(),
                        rules.column_count,
                        count = r.len(),
                        expected = COLUMNS.len()
                    )
                    .to_string(),
                ));
                continue;
            }
            Err(e) => {
                errors.push(FieldError::new(
                    crate::services::at_line(line),
                    e.to_string(),
                ));
                continue;
            }
        };
        let get = |i: usize| record.get(i).unwrap_or("").to_string();
        let security = match get(5).to_lowercase().as_str() {
            "yes" | "true" | "1" => true,
            "" | "no" | "false" | "0" => false,
            other => {
                errors.push(FieldError::new(
                    format!("{prefix}security"),
                    td_string!(
                        crate::language::current(),
                        rules.yes_or_no,
                        value = format!("{other:?}")
                    )
                    .to_string(),
                ));
                false
            }
        };
        rows.push((
            prefix,
            NewBudgetLine {
                code: get(0),
                name: get(1),
                parent_code: Some(get(2)),
                admin_unit: get(3),
                function_name: get(4),
                security,
                sector_code: Some(get(6)),
            },
        ));
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The most lines one file may hold.
pub const MAX_LINES: usize = 20_000;

/// Loads the lines of `text` into the country's chart of accounts (a
/// parent's row comes before the rows under it): all of them, or (with any
/// problem) none.
/// Returns how many were added.
#[tracing::instrument(skip(db, text))]
pub async fn import(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    text: &str,
) -> Result<usize, AppError> {
    let rows = parse(text)?;
    if rows.len() > MAX_LINES {
        return Err(AppError::invalid(
            "file",
            td_string!(
                crate::language::current(),
                rules.too_many_lines,
                count = rows.len(),
                max = MAX_LINES
            )
            .to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let mut chart = Chart::load(&txn, country_id).await?;
    let mut errors = Vec::new();
    let count = rows.len();
    for (prefix, new) in rows {
        match insert(&txn, author, (country_id, &mut chart), new, &prefix).await {
            Ok(_) => {}
            Err(AppError::Invalid(mut found)) => errors.append(&mut found),
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    txn.commit().await?;
    Ok(count)
}
