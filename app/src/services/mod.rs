//! Plain async service functions over a database connection, one folder per
//! domain. Server functions, the JSON API, the command line and the tests
//! all call these.

pub mod accounts;
pub mod compact;
pub mod demo;
pub mod form_tokens;
pub mod fragility;
pub mod funding;
pub mod iati;
pub mod indicators;
pub mod locks;
pub mod strategy;
pub mod transition;
pub mod versions;

/// A count as the request's language writes it in a rule: `2,000` in
/// English, `2 000` in French.
pub fn count(n: i64) -> String {
    let written = crate::language::amount(crate::language::current(), n.into());
    // Written with two decimals after a one-character mark: drop them.
    let whole = written.len().saturating_sub(3);
    written.get(..whole).unwrap_or(&written).to_string()
}

/// Where in an uploaded file a fault lies, as the field an error names:
/// `line 4`.
pub fn at_line(line: usize) -> String {
    crate::i18n::td_string!(crate::language::current(), rules.at_line, line).to_string()
}

/// The start of the field an error names for a column of an uploaded
/// file's line: `line 4: `, to which the column's name is added.
pub fn line_prefix(line: usize) -> String {
    crate::i18n::td_string!(
        crate::language::current(),
        rules.at_line_column,
        line,
        column = ""
    )
    .to_string()
}

/// The time a write records: now, to the microsecond, which is what
/// PostgreSQL keeps, so that a row reads back the same on either backend
/// and survives a move between them unchanged.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    chrono::Utc::now().trunc_subsecs(6)
}
