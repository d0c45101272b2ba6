//! A country's rates to its reporting currency, ready to convert with.

use crate::i18n::td_string;
use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::ConnectionTrait;

use super::{SAME_CURRENCY, list};
use crate::AppError;
use crate::types::{Currency, ExchangeRate};

/// One country's rates to its reporting currency; no other country's rate
/// ever converts its amounts.
#[derive(Debug, Default)]
pub struct RateTable {
    country_id: i32,
    quote_currency: String,
    /// Per currency, in date order.
    by_currency: HashMap<String, Vec<ExchangeRate>>,
}

impl RateTable {
    /// The rates of `country_id` to `quote_currency`, its reporting currency.
    pub async fn load(
        db: &impl ConnectionTrait,
        country_id: i32,
        quote_currency: &str,
    ) -> Result<Self, AppError> {
        let mut by_currency: HashMap<String, Vec<ExchangeRate>> = HashMap::new();
        for stored in list(db, country_id, quote_currency)
            .await?
            .into_iter()
            .rev()
        {
            by_currency
                .entry(String::from(stored.rate.currency.clone()))
                .or_default()
                .push(stored.rate);
        }
        Ok(Self {
            country_id,
            quote_currency: quote_currency.to_string(),
            by_currency,
        })
    }

    pub fn country_id(&self) -> i32 {
        self.country_id
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

    /// `minor` hundredths of `currency` in hundredths of the reporting
    /// currency at the rate of `date`, rounded half away from zero, with
    /// the date of that rate; `None` when no rate covers it. An amount too
    /// large to hold once converted is refused.
    pub fn convert(
        &self,
        currency: &str,
        date: NaiveDate,
        minor: i64,
    ) -> Result<Option<(i64, NaiveDate)>, AppError> {
        let Some(rate) = self.rate(currency, date) else {
            return Ok(None);
        };
        Decimal::new(minor, 2)
            .checked_mul(rate.rate)
            .map(|d| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
            .and_then(crate::types::money::to_minor)
            .map(|converted| Some((converted, rate.rate_date)))
            .ok_or_else(|| {
                AppError::OutOfRange(
                    td_string!(
                        crate::language::current(),
                        rules.what_converted,
                        amount = Decimal::new(minor, 2),
                        currency,
                        quote = &self.quote_currency,
                        date = rate.rate_date
                    )
                    .to_string(),
                )
            })
    }
}
