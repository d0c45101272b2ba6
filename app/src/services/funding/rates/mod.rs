//! A country's exchange rates to its reporting currency, and the
//! conversions that use them. Each country keeps its own rates (from its
//! central bank or ministry, with their source); a conversion takes the
//! country's rate on the value date or the nearest earlier one, and with
//! none the amount is reported as unconverted.

mod changes;
mod csv;
mod table;

use crate::i18n::td_string;
use std::str::FromStr;

use entities::exchange_rate;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::types::money::MAX_RATE;
use crate::types::{Currency, ExchangeRate, StoredRate};
use crate::{AppError, FieldError};

pub use changes::{remove, store, update};
pub use csv::parse_csv;
pub use table::RateTable;

/// The source named for amounts already in the reporting currency.
pub const SAME_CURRENCY: &str = "same currency";

/// The audit trail's name for a rate.
pub const OBJECT: &str = "exchange_rate";

fn to_wire(model: exchange_rate::Model) -> Result<StoredRate, AppError> {
    let rate = Decimal::from_str(&model.rate)
        .map_err(|e| AppError::internal(format!("exchange rate {}: {e}", model.id)))?;
    Ok(StoredRate {
        id: model.id,
        version: model.version,
        rate: ExchangeRate {
            currency: Currency::stored(model.currency),
            quote_currency: Currency::stored(model.quote_currency),
            rate_date: model.rate_date,
            rate,
            source: model.source,
        },
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
            td_string!(crate::language::current(), rules.already_reporting_currency),
        ));
    }
    if rate.rate <= Decimal::ZERO {
        errors.push(FieldError::new(
            field("rate"),
            td_string!(crate::language::current(), rules.greater_than_zero),
        ));
    } else if rate.rate > Decimal::from(MAX_RATE) {
        errors.push(FieldError::new(
            field("rate"),
            td_string!(
                crate::language::current(),
                rules.at_most_value,
                max = MAX_RATE
            )
            .to_string(),
        ));
    } else if rate.rate.scale() > 12 {
        errors.push(FieldError::new(
            field("rate"),
            td_string!(crate::language::current(), rules.max_decimals, count = 12).to_string(),
        ));
    }
    let source = rate.source.trim();
    if source.is_empty() || source.chars().count() > 200 {
        errors.push(FieldError::new(
            field("source"),
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    errors
}

/// The rates of `country_id` to `quote_currency` (its reporting currency),
/// newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    country_id: i32,
    quote_currency: &str,
) -> Result<Vec<StoredRate>, AppError> {
    exchange_rate::Entity::find()
        .filter(exchange_rate::Column::CountryId.eq(country_id))
        .filter(exchange_rate::Column::QuoteCurrency.eq(quote_currency))
        .order_by_desc(exchange_rate::Column::RateDate)
        .order_by_asc(exchange_rate::Column::Currency)
        .all(db)
        .await?
        .into_iter()
        .map(to_wire)
        .collect()
}
