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

use crate::language::{Locale, numbers::Marks};
use crate::types::money::MAX_AMOUNT;

/// An amount as typed in `locale`; `None` when blank. Accepted: digits
/// with the language's decimal mark (`1500000.50`; `1500000,50` in French
/// and Portuguese), and thousands grouped in threes by the language's
/// group mark or by spaces (`1,500,000.50`, `1 500 000,50`,
/// `1.500.000,50`). Anything else, such as `1.500,75` in English, is
/// refused with the expected form, never guessed.
pub fn amount(locale: Locale, field: &str, text: &str) -> Result<Option<Decimal>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let marks = Marks::of(locale);
    let refuse = || {
        let example = crate::language::amount(locale, Decimal::new(150_000_050, 2));
        AppError::invalid(
            field,
            crate::i18n::td_string!(locale, common.not_an_amount, example).to_string(),
        )
    };
    if text.chars().count() > 64 {
        return Err(refuse());
    }
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.trim_start()),
        None => ("", text),
    };
    let (whole, decimals) = match unsigned.split_once(marks.decimal) {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (unsigned, None),
    };
    if decimals.is_some_and(|d| d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit())) {
        return Err(refuse());
    }
    let digits = grouped_digits(whole, marks).ok_or_else(refuse)?;
    let plain = match decimals {
        Some(d) => format!("{sign}{digits}.{d}"),
        None => format!("{sign}{digits}"),
    };
    let value: Decimal = plain.parse().map_err(|_| refuse())?;
    if value.abs() > Decimal::from(MAX_AMOUNT) {
        let max = crate::language::amount(locale, Decimal::from(MAX_AMOUNT));
        return Err(AppError::invalid(
            field,
            crate::i18n::td_string!(locale, common.amount_too_large, max).to_string(),
        ));
    }
    Ok(Some(value))
}

/// The digits of a whole number, written plain or grouped in threes by one
/// kind of group mark.
fn grouped_digits(whole: &str, marks: Marks) -> Option<String> {
    if whole.is_empty() || whole.len() > 40 {
        return None;
    }
    let Some(separator) = whole.chars().find(|c| marks.is_group(*c)) else {
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
pub fn required_amount(locale: Locale, field: &str, text: &str) -> Result<Decimal, AppError> {
    amount(locale, field, text)?.ok_or_else(|| {
        AppError::invalid(
            field,
            crate::i18n::td_string!(locale, common.required).to_string(),
        )
    })
}

/// A date typed as YYYY-MM-DD within [`YEARS`].
pub fn date(field: &str, text: &str) -> Result<NaiveDate, AppError> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        AppError::invalid(
            field,
            crate::i18n::td_string!(crate::language::current(), rules.date_format),
        )
    })?;
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
            crate::i18n::td_string!(
                crate::language::current(),
                rules.date_between,
                start = YEARS.start(),
                end = YEARS.end()
            )
            .to_string(),
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
            crate::i18n::td_string!(crate::language::current(), rules.before_period_start),
        ));
    }
    if (end - start).num_days() > MAX_PLANNED_DAYS {
        return Err(AppError::invalid(
            "period_end",
            crate::i18n::td_string!(crate::language::current(), rules.period_five_years),
        ));
    }
    Ok(())
}

/// The year a fiscal year starts, as typed, within [`YEARS`].
pub fn year(field: &str, text: &str) -> Result<i32, AppError> {
    let year: i32 = text.trim().parse().map_err(|_| {
        AppError::invalid(
            field,
            crate::i18n::td_string!(crate::language::current(), rules.year_such_as),
        )
    })?;
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
            crate::i18n::td_string!(
                crate::language::current(),
                rules.year_between,
                start = YEARS.start(),
                end = YEARS.end()
            )
            .to_string(),
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
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.shares_format,
                        item = format!("{item:?}")
                    )
                    .to_string(),
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
    text.parse().map(Some).map_err(|_| {
        AppError::invalid(
            field,
            crate::i18n::td_string!(crate::language::current(), rules.from_the_list),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Option<Decimal> {
        amount(Locale::en, "amount", text).ok().flatten()
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
        assert!(amount(Locale::en, "amount", "").is_ok_and(|v| v.is_none()));
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
            let err = amount(Locale::en, "amount", text);
            assert!(err.is_err(), "{text:?} was accepted as {err:?}");
        }
    }

    #[test]
    fn reads_amounts_as_french_and_portuguese_write_them() {
        let fr = |text: &str| amount(Locale::fr, "amount", text).ok().flatten();
        let pt = |text: &str| amount(Locale::pt, "amount", text).ok().flatten();
        assert_eq!(fr("1 500,75"), d("1500.75"));
        assert_eq!(fr("1\u{202f}500\u{202f}000,50"), d("1500000.50"));
        assert_eq!(fr("1500,75"), d("1500.75"));
        assert_eq!(pt("1.500,75"), d("1500.75"));
        assert_eq!(pt("1 500 000"), d("1500000"));
        for text in ["1.500,75", "1500.75", "1,500.75", "1 500.75"] {
            assert!(amount(Locale::fr, "amount", text).is_err(), "fr {text}");
        }
        for text in ["1,500.75", "1500.75", "1.5", "1.500.0,5"] {
            assert!(amount(Locale::pt, "amount", text).is_err(), "pt {text}");
        }
    }

    #[test]
    fn a_refusal_shows_the_form_the_language_expects() {
        let message = |locale, text| match amount(locale, "amount", text) {
            Err(AppError::Invalid(errors)) => errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_default(),
            other => format!("{other:?}"),
        };
        assert!(message(Locale::en, "1.500,75").contains("1,500,000.50"));
        assert!(message(Locale::fr, "1.500,75").contains("1\u{202f}500\u{202f}000,50"));
        assert!(message(Locale::pt, "1,500.75").contains("1.500.000,50"));
    }

    #[test]
    fn bounds_amounts_dates_and_years() {
        assert!(amount(Locale::en, "amount", "1000000000000000").is_ok());
        assert!(amount(Locale::en, "amount", "1000000000000000.01").is_err());
        assert!(date("d", "2026-07-01").is_ok());
        assert!(date("d", "1989-12-31").is_err());
        assert!(date("d", "2101-01-01").is_err());
        assert!(year("y", "2026").is_ok());
        assert!(year("y", "2147483647").is_err());
        assert!(year("y", "-5").is_err());
    }
}
