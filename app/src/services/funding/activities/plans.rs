//! The planned disbursements of an activity, added, corrected and removed,
//! as its transactions are (see `flows`): one database transaction with the
//! audit entry, the activity locked first, a correction or removal at the
//! version it was opened at.

use crate::i18n::td_string;
use entities::{activity, planned_disbursement};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::money::{MAX_AMOUNT, to_minor, too_large};
use crate::types::{Currency, NewPlannedDisbursement, PlannedDisbursement, split_by_fiscal_year};
use crate::{AppError, FieldError};

use super::checks::CountryFacts;
use super::flows::touch;
use super::pending::{self, writable};
use super::reads::planned_to_wire;
use super::writes::get_model;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::{locks, versions};

const PLANNED: &str = "planned_disbursement";

/// The activity a planned disbursement belongs to.
pub async fn activity_of_planned(
    db: &impl ConnectionTrait,
    planned_id: i32,
) -> Result<i32, AppError> {
    Ok(planned_model(db, planned_id).await?.activity_id)
}

async fn planned_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<planned_disbursement::Model, AppError> {
    planned_disbursement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_planned, id).to_string(),
            )
        })
}

/// The amount and currency of a planned disbursement, checked.
fn check_planned(
    activity: &activity::Model,
    new: &NewPlannedDisbursement,
) -> Result<(i64, String), AppError> {
    let mut errors = Vec::new();
    let amount_minor = match to_minor(new.amount) {
        Some(_) if new.amount > Decimal::from(MAX_AMOUNT) => {
            errors.push(FieldError::new("planned_amount", too_large()));
            0
        }
        Some(minor) if minor > 0 => minor,
        _ => {
            errors.push(FieldError::new(
                "planned_amount",
                td_string!(
                    crate::language::current(),
                    rules.greater_than_zero_two_decimals
                ),
            ));
            0
        }
    };
    if let Err(AppError::Invalid(mut period)) =
        crate::types::input::check_planned_period(new.period_start, new.period_end)
    {
        errors.append(&mut period);
    }
    let currency = match new.currency.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => match Currency::check("planned_currency", code) {
            Ok(currency) => currency.into(),
            Err(error) => {
                errors.push(error);
                String::new()
            }
        },
        _ => activity.default_currency.clone(),
    };
    if errors.is_empty() {
        Ok((amount_minor, currency))
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Inserts a planned disbursement: a period over two country fiscal years
/// is kept as one row per year, its amount shared by days.
async fn insert_planned(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    activity: &activity::Model,
    new: &NewPlannedDisbursement,
) -> Result<Vec<PlannedDisbursement>, AppError> {
    let (amount_minor, currency) = check_planned(activity, new)?;
    let mut added = Vec::new();
    for part in split_by_fiscal_year(
        new.period_start,
        new.period_end,
        amount_minor,
        facts.fiscal_year_start_month,
    ) {
        let model = planned_disbursement::ActiveModel {
            activity_id: Set(activity.id),
            period_start: Set(part.first_day),
            period_end: Set(part.last_day),
            amount_minor: Set(part.amount_minor),
            currency: Set(currency.clone()),
            fiscal_year: Set(part.fiscal_year.start_year),
            ..Default::default()
        }
        .insert(db)
        .await?;
        added.push(planned_to_wire(model));
    }
    Ok(added)
}

/// Adds a planned disbursement to an activity; a period that spans country
/// fiscal years is split between them in proportion to its days.
pub async fn add_planned_disbursement(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewPlannedDisbursement,
) -> Result<Vec<PlannedDisbursement>, AppError> {
    add_planned_disbursements(db, author, activity_id, vec![new]).await
}

/// Adds planned disbursements to an activity, all or none (see
/// [`add_planned_disbursement`]).
#[tracing::instrument(skip(db, news), fields(rows = news.len()))]
pub async fn add_planned_disbursements(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    news: Vec<NewPlannedDisbursement>,
) -> Result<Vec<PlannedDisbursement>, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    locks::activity(&txn, activity_id).await?;
    let activity = writable(&txn, author, get_model(&txn, activity_id).await?).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let mut added = Vec::new();
    for new in &news {
        added.extend(insert_planned(&txn, &facts, &activity, new).await?);
    }
    for row in &added {
        audit::record(
            &txn,
            author,
            Some(activity.country_id),
            PLANNED,
            row.id,
            Change::Create,
            None,
            Some(row),
        )
        .await?;
    }
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(added)
}

/// Corrects a planned disbursement (at `version` when the form opened): the
/// row gives way to the new period's rows, one per fiscal year it spans.
#[tracing::instrument(skip(db))]
pub async fn update_planned_disbursement(
    db: &impl TransactionTrait,
    author: &Author,
    planned_id: i32,
    version: i32,
    new: NewPlannedDisbursement,
) -> Result<Vec<PlannedDisbursement>, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (activity, before) = remove_planned(&txn, author, planned_id, version).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let after = insert_planned(&txn, &facts, &activity, &new).await?;
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        PLANNED,
        planned_id,
        Change::Update,
        Some(&vec![before]),
        Some(&after),
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a planned disbursement, at `version` when the page showed it.
#[tracing::instrument(skip(db))]
pub async fn delete_planned_disbursement(
    db: &impl TransactionTrait,
    author: &Author,
    planned_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (activity, before) = remove_planned(&txn, author, planned_id, version).await?;
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        PLANNED,
        planned_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(())
}

/// Locks the row's activity and deletes the row (in the activity `author`
/// writes to) if it is still at `version`: that activity and the row as it
/// was.
async fn remove_planned(
    db: &impl ConnectionTrait,
    author: &Author,
    planned_id: i32,
    version: i32,
) -> Result<(activity::Model, PlannedDisbursement), AppError> {
    locks::activity_of_planned(db, planned_id).await?;
    let row = planned_model(db, planned_id).await?;
    let activity = writable(db, author, get_model(db, row.activity_id).await?).await?;
    let row = pending::planned_in(db, &activity, row).await?;
    let planned_id = row.id;
    versions::ensure(
        db,
        td_string!(crate::language::current(), rules.the_planned),
        (PLANNED, row.id),
        row.version,
        version,
    )
    .await?;
    let deleted = planned_disbursement::Entity::delete_many()
        .filter(planned_disbursement::Column::Id.eq(planned_id))
        .filter(planned_disbursement::Column::Version.eq(version))
        .exec(db)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(versions::stale(
            db,
            td_string!(crate::language::current(), rules.the_planned),
            (PLANNED, planned_id),
        )
        .await);
    }
    Ok((activity, planned_to_wire(row)))
}
