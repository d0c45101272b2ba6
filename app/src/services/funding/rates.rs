//! Exchange rates to a reporting currency, and the conversions that use
//! them. A conversion takes the rate on the value date or the nearest
//! earlier one; with none, the amount is reported as unconverted.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::NaiveDate;
use entities::exchange_rate;
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

use crate::types::ExchangeRate;
use crate::types::money::MAX_RATE;
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::types::Currency;

/// The source named for amounts already in the reporting currency.
pub const SAME_CURRENCY: &str = "same currency";

fn to_wire(model: exchange_rate::Model) -> Result<ExchangeRate, AppError> {
    let rate = Decimal::from_str(&model.rate)
        .map_err(|e| AppError::internal(format!("exchange rate {}: {e}", model.id)))?;
    Ok(ExchangeRate {
        currency: Currency::stored(model.currency),
        quote_currency: Currency::stored(model.quote_currency),
        rate_date: model.rate_date,
        rate,
        source: model.source,
    })
}

/// Checks a rate; `prefix` names the fields (`""` on the form, `"line 3: "`
/// in a file).
pub fn validate(rate: &ExchangeRate, prefix: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let field = |name: &str| format!("{prefix}{name}");
    if rate.currency == rate.quote_currency {
        errors.push(FieldError::new(
            field("currency"),
            "is already the reporting currency",
        ));
    }
    if rate.rate <= Decimal::ZERO {
        errors.push(FieldError::new(field("rate"), "must be greater than zero"));
    } else if rate.rate > Decimal::from(MAX_RATE) {
        errors.push(FieldError::new(
            field("rate"),
            format!("must be at most {MAX_RATE}"),
        ));
    } else if rate.rate.scale() > 12 {
        errors.push(FieldError::new(
            field("rate"),
            "must have at most 12 decimal places",
        ));
    }
    let source = rate.source.trim();
    if source.is_empty() || source.chars().count() > 200 {
        errors.push(FieldError::new(
            field("source"),
            "must be 1 to 200 characters",
        ));
    }
    errors
}

/// Records rates, replacing any for the same currency and day, in one
/// transaction: all are stored or none.
#[tracing::instrument(skip(db, rates))]
pub async fn store(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: Option<i32>,
    rates: Vec<ExchangeRate>,
) -> Result<usize, AppError> {
    let errors: Vec<FieldError> = rates.iter().flat_map(|r| validate(r, "")).collect();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin().await?;
    for rate in &rates {
        let model = exchange_rate::ActiveModel {
            currency: Set(String::from(rate.currency.clone())),
            quote_currency: Set(String::from(rate.quote_currency.clone())),
            rate_date: Set(rate.rate_date),
            rate: Set(rate.rate.normalize().to_string()),
            source: Set(rate.source.trim().to_string()),
            ..Default::default()
        };
        exchange_rate::Entity::insert(model)
            .on_conflict(
                OnConflict::columns([
                    exchange_rate::Column::Currency,
                    exchange_rate::Column::QuoteCurrency,
                    exchange_rate::Column::RateDate,
                ])
                .update_columns([exchange_rate::Column::Rate, exchange_rate::Column::Source])
                .to_owned(),
            )
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        author,
        country_id,
        "exchange_rates",
        0,
        Change::Update,
        None,
        Some(&rates),
    )
    .await?;
    txn.commit().await?;
    Ok(rates.len())
}

/// Parses a rates file: a header `currency,date,rate,source`, then one rate
/// per line. Every problem is reported with its line; any problem refuses
/// the whole file.
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
            "line 1 must be the header currency,date,rate,source",
        ));
    }
    let mut rates = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let prefix = format!("line {line}: ");
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(FieldError::new(format!("line {line}"), e.to_string()));
                continue;
            }
        };
        let get = |i: usize| record.get(i).unwrap_or("").to_string();
        let date = NaiveDate::parse_from_str(&get(1), "%Y-%m-%d");
        let rate = Decimal::from_str(&get(2));
        if date.is_err() {
            errors.push(FieldError::new(
                format!("{prefix}date"),
                "must be a date written YYYY-MM-DD",
            ));
        }
        if rate.is_err() {
            errors.push(FieldError::new(
                format!("{prefix}rate"),
                "must be a decimal number such as 1.0842",
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
        errors.push(FieldError::new("file", "holds no rates"));
    }
    if errors.is_empty() {
        Ok(rates)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Every rate to `quote_currency`, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    quote_currency: &str,
) -> Result<Vec<ExchangeRate>, AppError> {
    exchange_rate::Entity::find()
        .filter(exchange_rate::Column::QuoteCurrency.eq(quote_currency))
        .order_by_desc(exchange_rate::Column::RateDate)
        .order_by_asc(exchange_rate::Column::Currency)
        .all(db)
        .await?
        .into_iter()
        .map(to_wire)
        .collect()
}

/// The rates to one reporting currency, ready to convert with.
#[derive(Debug, Default)]
pub struct RateTable {
    quote_currency: String,
    /// Per currency, in date order.
    by_currency: HashMap<String, Vec<ExchangeRate>>,
}

impl RateTable {
    pub async fn load(db: &impl ConnectionTrait, quote_currency: &str) -> Result<Self, AppError> {
        let mut by_currency: HashMap<String, Vec<ExchangeRate>> = HashMap::new();
        for rate in list(db, quote_currency).await?.into_iter().rev() {
            by_currency
                .entry(String::from(rate.currency.clone()))
                .or_default()
                .push(rate);
        }
        Ok(Self {
            quote_currency: quote_currency.to_string(),
            by_currency,
        })
    }

    pub fn quote_currency(&self) -> &str {
        &self.quote_currency
    }

    /// The rate for `currency` on `date`: that day's, or the nearest
    /// earlier one. The reporting currency converts at 1.
    pub fn rate(&self, currency: &str, date: NaiveDate) -> Option<ExchangeRate> {
        if currency == self.quote_currency {
            return Some(ExchangeRate {
                currency: Currency::stored(currency.to_string()),
                quote_currency: Currency::stored(currency.to_string()),
                rate_date: date,
                rate: Decimal::ONE,
                source: SAME_CURRENCY.to_string(),
            });
        }
        let rates = self.by_currency.get(currency)?;
        let after = rates.partition_point(|r| r.rate_date <= date);
        after.checked_sub(1).and_then(|i| rates.get(i)).cloned()
    }
}
