//! What people type, read once where it arrives: amounts, dates, years,
//! shares and choices from a list. Each parser names the field and the rule
//! when the text is not right, and never guesses.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::AppError;
use crate::types::Share;

/// The years a date may fall in: aid data before 1990 or after 2100 is a
/// typing mistake.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

use crate::types::money::MAX_AMOUNT;

const AMOUNT_FORMS: &str = "write it with a dot for decimals and commas or spaces between thousands, such as 1500000.50 or 1,500,000.50";

/// An amount as typed; `None` when blank. Accepted: digits with a dot for
/// decimals (`1500000.50`), and thousands grouped by commas or spaces in
/// threes (`1,500,000.50`, `1 500 000`). A comma that could be a decimal
/// comma (`1000,50`, `1.500,75`) is refused, never guessed.
pub fn amount(field: &str, text: &str) -> Result<Option<Decimal>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let refuse = || AppError::invalid(field, format!("is not an amount: {AMOUNT_FORMS}"));
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.trim_start()),
        None => ("", text),
    };
    let (whole, decimals) = match unsigned.split_once('.') {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (unsigned, None),
    };
    if decimals.is_some_and(|d| d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit())) {
        return Err(refuse());
    }
    let digits = grouped_digits(whole).ok_or_else(refuse)?;
    let plain = match decimals {
        Some(d) => format!("{sign}{digits}.{d}"),
        None => format!("{sign}{digits}"),
    };
    let value: Decimal = plain.parse().map_err(|_| refuse())?;
    if value.abs() > Decimal::from(MAX_AMOUNT) {
        return Err(AppError::invalid(
            field,
            format!("must be at most {MAX_AMOUNT} in absolute value"),
        ));
    }
    Ok(Some(value))
}

/// The digits of a whole number, written plain or grouped in threes by
/// commas or by spaces (one kind of separator only).
fn grouped_digits(whole: &str) -> Option<String> {
    if whole.is_empty() || whole.len() > 40 {
        return None;
    }
    let separator = whole
        .chars()
        .find(|c| matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}'));
    let Some(separator) = separator else {
        return whole
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| whole.to_string());
    };
    let groups: Vec<&str> = whole.split(separator).collect();
    let (first, rest) = groups.split_first()?;
    let first_ok = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    let rest_ok = rest
        .iter()
        .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok).then(|| groups.concat())
}

/// An amount that must be given.
pub fn required_amount(field: &str, text: &str) -> Result<Decimal, AppError> {
    amount(field, text)?.ok_or_else(|| AppError::invalid(field, "is required"))
}

/// A date typed as YYYY-MM-DD within [`YEARS`].
pub fn date(field: &str, text: &str) -> Result<NaiveDate, AppError> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, "must be a date written YYYY-MM-DD"))?;
    check_date(field, date)?;
    Ok(date)
}

/// Refuses a date outside [`YEARS`].
pub fn check_date(field: &str, date: NaiveDate) -> Result<(), AppError> {
    if YEARS.contains(&date.year()) {
        Ok(())
    } else {
        Err(AppError::invalid(
            field,
            format!("must be a date from {} to {}", YEARS.start(), YEARS.end()),
        ))
    }
}

/// The longest period one planned disbursement may cover. Plans come by
/// quarter or year; every fiscal year a period spans becomes a row, so a
/// period of decades is a mistake, not a plan.
pub const MAX_PLANNED_DAYS: i64 = 5 * 366;

/// Refuses a planned-disbursement period that ends before it starts, lies
/// outside [`YEARS`], or is longer than [`MAX_PLANNED_DAYS`].
pub fn check_planned_period(start: NaiveDate, end: NaiveDate) -> Result<(), AppError> {
    check_date("period_start", start)?;
    check_date("period_end", end)?;
    if end < start {
        return Err(AppError::invalid(
            "period_end",
            "must not be before the period starts",
        ));
    }
    if (end - start).num_days() > MAX_PLANNED_DAYS {
        return Err(AppError::invalid(
            "period_end",
            "must be within five years of the period start; report a longer plan year by year",
        ));
    }
    Ok(())
}

/// The year a fiscal year starts, as typed, within [`YEARS`].
pub fn year(field: &str, text: &str) -> Result<i32, AppError> {
    let year: i32 = text
        .trim()
        .parse()
        .map_err(|_| AppError::invalid(field, "must be a year such as 2026"))?;
    check_year(field, year)?;
    Ok(year)
}

/// A fiscal year chosen in a page address or an API query, if any, within
/// [`YEARS`].
pub fn fiscal_year(year: Option<i32>) -> Result<Option<i32>, AppError> {
    year.map(|y| check_year("fiscal_year", y).map(|()| y))
        .transpose()
}

/// Refuses a year outside [`YEARS`].
pub fn check_year(field: &str, year: i32) -> Result<(), AppError> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(AppError::invalid(
            field,
            format!("must be a year from {} to {}", YEARS.start(), YEARS.end()),
        ))
    }
}

/// Codes with percentages as typed: `15210 60; 15220 40`, or one code alone
/// for all of it. Blank means none.
pub fn shares(field: &str, text: &str) -> Result<Vec<Share>, AppError> {
    let items: Vec<&str> = text
        .split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let single = items.len() == 1;
    items
        .into_iter()
        .map(|item| {
            let mut parts = item.split_whitespace();
            let code = parts.next().unwrap_or_default().to_string();
            let percent = match (parts.next(), single) {
                (Some(p), _) => p.trim_end_matches('%').parse().ok(),
                (None, true) => Some(Decimal::ONE_HUNDRED),
                (None, false) => None,
            };
            match (percent, parts.next()) {
                (Some(percent), None) => Ok(Share { code, percent }),
                _ => Err(AppError::invalid(
                    field,
                    format!(
                        "write each as a code and a percentage, such as \"15210 60; 15220 40\" (not {item:?})"
                    ),
                )),
            }
        })
        .collect()
}

/// A checkbox: present when ticked.
pub fn ticked(value: &Option<String>) -> bool {
    value.is_some()
}

/// An optional id from a select whose first option is blank.
pub fn optional_id(field: &str, text: &str) -> Result<Option<i32>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, "must be chosen from the list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Option<Decimal> {
        amount("amount", text).ok().flatten()
    }

    fn d(text: &str) -> Option<Decimal> {
        text.parse().ok()
    }

    #[test]
    fn reads_plain_and_grouped_amounts() {
        assert_eq!(ok("1500000.50"), d("1500000.50"));
        assert_eq!(ok("1,500,000.50"), d("1500000.50"));
        assert_eq!(ok("1 500 000"), d("1500000"));
        assert_eq!(ok("-12.5"), d("-12.5"));
        assert_eq!(ok("  "), None);
        assert!(amount("amount", "").is_ok_and(|v| v.is_none()));
    }

    #[test]
    fn refuses_what_it_would_have_to_guess() {
        for text in [
            "1000,50",
            "1.500,75",
            "1,5",
            "1,50,000",
            "12,3456",
            "1.2.3",
            "1 500,75",
            "1,000 000",
            "abc",
            "1e5",
            ".",
            "1.",
            "--1",
            "0x10",
        ] {
            let err = amount("amount", text);
            assert!(err.is_err(), "{text:?} was accepted as {err:?}");
        }
    }

    #[test]
    fn bounds_amounts_dates_and_years() {
        assert!(amount("amount", "1000000000000000").is_ok());
        assert!(amount("amount", "1000000000000000.01").is_err());
        assert!(date("d", "2026-07-01").is_ok());
        assert!(date("d", "1989-12-31").is_err());
        assert!(date("d", "2101-01-01").is_err());
        assert!(year("y", "2026").is_ok());
        assert!(year("y", "2147483647").is_err());
        assert!(year("y", "-5").is_err());
    }
}
