//! Every change to a country's rates: entering or loading rates (a rate
//! for a currency and day the country already has replaces it), correcting
//! one, removing one. Each goes through [`write`], which records the rate
//! before and after under its own id.

use crate::i18n::td_string;
use std::collections::BTreeSet;

use entities::exchange_rate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait, EntityTrait,
    QueryFilter, Set, TransactionSession, TransactionTrait,
};

use super::{OBJECT, to_wire, validate};
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;
use crate::types::{ExchangeRate, StoredRate};
use crate::{AppError, FieldError};

/// Converts again the flows in `currencies` whose rate changed, with their
/// funding cells.
async fn reconvert(
    db: &impl ConnectionTrait,
    country_id: i32,
    currencies: BTreeSet<String>,
) -> Result<(), AppError> {
    for currency in currencies {
        crate::services::funding::cells::rates_changed(db, country_id, &currency).await?;
    }
    Ok(())
}

fn checked(rates: &[ExchangeRate]) -> Result<(), AppError> {
    let errors: Vec<FieldError> = rates.iter().flat_map(|r| validate(r, "")).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// The one way a rate changes: `before` (already claimed, its version
/// moved on) becomes `after`; no `before` adds a rate, no `after` removes
/// it. The audit trail keeps both under the rate's id.
async fn write(
    db: &impl ConnectionTrait,
    author: &Author,
    country_id: i32,
    before: Option<StoredRate>,
    after: Option<&ExchangeRate>,
) -> Result<Option<StoredRate>, AppError> {
    let fields = |rate: &ExchangeRate| exchange_rate::ActiveModel {
        currency: Set(String::from(rate.currency.clone())),
        quote_currency: Set(String::from(rate.quote_currency.clone())),
        rate_date: Set(rate.rate_date),
        rate: Set(rate.rate.normalize().to_string()),
        source: Set(rate.source.trim().to_string()),
        ..Default::default()
    };
    let (change, written) = match (&before, after) {
        (None, None) => return Ok(None),
        (None, Some(rate)) => {
            let added = exchange_rate::ActiveModel {
                country_id: Set(country_id),
                version: Set(1),
                ..fields(rate)
            }
            .insert(db)
            .await?;
            (Change::Create, Some(to_wire(added)?))
        }
        (Some(old), Some(rate)) => {
            let changed = exchange_rate::ActiveModel {
                id: Unchanged(old.id),
                ..fields(rate)
            }
            .update(db)
            .await?;
            (Change::Update, Some(to_wire(changed)?))
        }
        (Some(old), None) => {
            exchange_rate::Entity::delete_by_id(old.id).exec(db).await?;
            (Change::Delete, None)
        }
    };
    let id = written
        .as_ref()
        .or(before.as_ref())
        .map(|r| r.id)
        .unwrap_or_default();
    audit::record(
        db,
        author,
        Some(country_id),
        OBJECT,
        id,
        change,
        before.as_ref(),
        written.as_ref(),
    )
    .await?;
    Ok(written)
}

/// Moves the version of the rows `filter` picks on by one (the change's
/// first write, which holds them until it commits) and reads the one it
/// picked, as it was.
async fn claim(
    db: &impl ConnectionTrait,
    filter: sea_orm::Condition,
) -> Result<Option<StoredRate>, AppError> {
    exchange_rate::Entity::update_many()
        .col_expr(
            exchange_rate::Column::Version,
            Expr::col(exchange_rate::Column::Version).add(1),
        )
        .filter(filter.clone())
        .exec(db)
        .await?;
    let Some(row) = exchange_rate::Entity::find().filter(filter).one(db).await? else {
        return Ok(None);
    };
    let mut stored = to_wire(row)?;
    stored.version = stored.version.saturating_sub(1);
    Ok(Some(stored))
}

/// The country's rate for the currency and day of `rate`, claimed.
async fn claim_day(
    db: &impl ConnectionTrait,
    country_id: i32,
    rate: &ExchangeRate,
) -> Result<Option<StoredRate>, AppError> {
    let day = sea_orm::Condition::all()
        .add(exchange_rate::Column::CountryId.eq(country_id))
        .add(exchange_rate::Column::Currency.eq(String::from(rate.currency.clone())))
        .add(exchange_rate::Column::QuoteCurrency.eq(String::from(rate.quote_currency.clone())))
        .add(exchange_rate::Column::RateDate.eq(rate.rate_date));
    claim(db, day).await
}

/// The country's rate `rate_id`, claimed and checked to have been at
/// `version` when the form opened.
async fn to_change(
    db: &impl ConnectionTrait,
    country_id: i32,
    rate_id: i32,
    version: i32,
) -> Result<StoredRate, AppError> {
    let one = sea_orm::Condition::all()
        .add(exchange_rate::Column::Id.eq(rate_id))
        .add(exchange_rate::Column::CountryId.eq(country_id));
    let stored = claim(db, one).await?.ok_or_else(|| {
        AppError::NotFound(
            td_string!(
                crate::language::current(),
                rules.what_exchange_rate,
                id = rate_id
            )
            .to_string(),
        )
    })?;
    versions::ensure(
        db,
        td_string!(crate::language::current(), rules.the_rate),
        (OBJECT, rate_id),
        stored.version,
        version,
    )
    .await?;
    Ok(stored)
}

/// Records the country's rates, each replacing any it has for the same
/// currency and day, in one transaction: all are stored or none.
#[tracing::instrument(skip(db, rates))]
pub async fn store(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    rates: Vec<ExchangeRate>,
) -> Result<usize, AppError> {
    checked(&rates)?;
    let txn = crate::services::locks::begin(db).await?;
    let mut currencies = BTreeSet::new();
    for rate in &rates {
        let before = claim_day(&txn, country_id, rate).await?;
        write(&txn, author, country_id, before, Some(rate)).await?;
        currencies.insert(String::from(rate.currency.clone()));
    }
    reconvert(&txn, country_id, currencies).await?;
    txn.commit().await?;
    Ok(rates.len())
}

/// Corrects the country's rate `rate_id`, which was at `version` when the
/// form opened. Its new currency and day must not be another rate's.
#[tracing::instrument(skip(db))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    rate_id: i32,
    version: i32,
    new: ExchangeRate,
) -> Result<StoredRate, AppError> {
    checked(std::slice::from_ref(&new))?;
    let txn = crate::services::locks::begin(db).await?;
    let before = to_change(&txn, country_id, rate_id, version).await?;
    let before_currency = String::from(before.rate.currency.clone());
    let taken = exchange_rate::Entity::find()
        .filter(exchange_rate::Column::CountryId.eq(country_id))
        .filter(exchange_rate::Column::Currency.eq(String::from(new.currency.clone())))
        .filter(exchange_rate::Column::QuoteCurrency.eq(String::from(new.quote_currency.clone())))
        .filter(exchange_rate::Column::RateDate.eq(new.rate_date))
        .filter(exchange_rate::Column::Id.ne(rate_id))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(AppError::invalid(
            "rate_date",
            td_string!(
                crate::language::current(),
                rules.rate_taken,
                currency = new.currency
            )
            .to_string(),
        ));
    }
    let after = write(&txn, author, country_id, Some(before), Some(&new))
        .await?
        .ok_or_else(|| AppError::internal(format!("exchange rate {rate_id} was not written")))?;
    let currencies = [before_currency, String::from(new.currency.clone())];
    reconvert(&txn, country_id, currencies.into_iter().collect()).await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes the country's rate `rate_id`, which was at `version` when the
/// page showed it. Amounts it converted fall back on the rate before it.
#[tracing::instrument(skip(db))]
pub async fn remove(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    rate_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let before = to_change(&txn, country_id, rate_id, version).await?;
    let currency = String::from(before.rate.currency.clone());
    write(&txn, author, country_id, Some(before), None).await?;
    reconvert(&txn, country_id, BTreeSet::from([currency])).await?;
    txn.commit().await?;
    Ok(())
}
