//! Mutual accountability indicators: their definitions and targets, the
//! dashboard with one indicator's detail, and scorecards.

mod corrections;
mod dashboard;
mod definitions;
mod detail;
mod scorecards;

pub use dashboard::DashboardPage;
pub use definitions::IndicatorsPage;
pub use detail::IndicatorPage;
pub use scorecards::ScorecardPage;

use rust_decimal::Decimal;

use crate::language::Locale;

/// A value as a form field holds it: ungrouped, with the language's
/// decimal mark, so that it posts back unchanged (`0.45`, `0,45`).
fn form_value(locale: Locale, value: Decimal) -> String {
    let decimal = crate::language::numbers::Marks::of(locale).decimal;
    value
        .normalize()
        .to_string()
        .replace('.', &decimal.to_string())
}
