//! The rates file: a header `currency,date,rate,source`, then one rate per
//! line.

use crate::i18n::td_string;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::validate;
use crate::types::{Currency, ExchangeRate};
use crate::{AppError, FieldError};

/// Parses a rates file of rates to `quote_currency`. Every problem is
/// reported with its line; any problem refuses the whole file.
pub fn parse_csv(text: &str, quote_currency: &str) -> Result<Vec<ExchangeRate>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let expected = ["currency", "date", "rate", "source"];
    let header_ok = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(str::to_lowercase)
                .eq(expected.iter().map(|s| s.to_string()))
        })
        .unwrap_or(false);
    if !header_ok {
        return Err(AppError::invalid(
            "file",
            td_string!(
                crate::language::current(),
                rules.header_must_be,
                header = "currency,date,rate,source"
            )
            .to_string(),
        ));
    }
    let mut rates = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let prefix = crate::services::line_prefix(line);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(FieldError::new(
                    crate::services::at_line(line),
                    e.to_string(),
                ));
                continue;
            }
        };
        let get = |i: usize| record.get(i).unwrap_or("").to_string();
        let date = NaiveDate::parse_from_str(&get(1), "%Y-%m-%d");
        let rate = Decimal::from_str(&get(2));
        if date.is_err() {
            errors.push(FieldError::new(
                format!("{prefix}date"),
                td_string!(crate::language::current(), rules.date_format),
            ));
        }
        if rate.is_err() {
            errors.push(FieldError::new(
                format!("{prefix}rate"),
                td_string!(crate::language::current(), rules.decimal_number),
            ));
        }
        if let (Ok(rate_date), Ok(rate)) = (date, rate) {
            let currency =
                Currency::check(&format!("{prefix}currency"), &get(0)).unwrap_or_else(|error| {
                    errors.push(error);
                    Currency::stored(get(0))
                });
            let parsed = ExchangeRate {
                currency,
                quote_currency: Currency::stored(quote_currency.to_string()),
                rate_date,
                rate,
                source: get(3),
            };
            errors.extend(validate(&parsed, &prefix));
            rates.push(parsed);
        }
    }
    if rates.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "file",
            td_string!(crate::language::current(), rules.no_rates),
        ));
    }
    if errors.is_empty() {
        Ok(rates)
    } else {
        Err(AppError::Invalid(errors))
    }
}
