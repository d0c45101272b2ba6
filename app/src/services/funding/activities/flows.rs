//! The flows of an activity: transactions and planned disbursements, added,
//! corrected and removed. Each write is one database transaction with its
//! audit entry (the row before and after), and moves the activity's
//! `updated_at`, having first locked the activity (see `services::locks`).
//! A correction or removal names the version of the row it was opened at:
//! a row changed in the meantime is refused as stale.

use chrono::Utc;
use entities::{activity, planned_disbursement, transaction};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::money::{MAX_AMOUNT, to_minor, too_large};
use crate::types::{
    Currency, NewPlannedDisbursement, NewTransaction, PlannedDisbursement, Transaction,
    split_by_fiscal_year,
};
use crate::{AppError, FieldError};

use super::checks::{CountryFacts, check_transaction};
use super::pending::{self, writable};
use super::reads::{planned_to_wire, transaction_to_wire};
use super::writes::{get_model, insert_transaction};
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::{locks, versions};

const TRANSACTION: &str = "transaction";
const PLANNED: &str = "planned_disbursement";

/// Marks the activity changed now and brings its funding cells in step.
async fn touch(db: &impl ConnectionTrait, activity: activity::Model) -> Result<(), AppError> {
    let (country_id, id) = (activity.country_id, activity.id);
    let mut model: activity::ActiveModel = activity.into();
    model.updated_at = Set(Utc::now());
    model.update(db).await?;
    crate::services::funding::cells::refresh(db, country_id, &[id]).await
}

/// The activity a transaction belongs to.
pub async fn activity_of_transaction(
    db: &impl ConnectionTrait,
    transaction_id: i32,
) -> Result<i32, AppError> {
    Ok(transaction_model(db, transaction_id).await?.activity_id)
}

/// The activity a planned disbursement belongs to.
pub async fn activity_of_planned(
    db: &impl ConnectionTrait,
    planned_id: i32,
) -> Result<i32, AppError> {
    Ok(planned_model(db, planned_id).await?.activity_id)
}

async fn transaction_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<transaction::Model, AppError> {
    transaction::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("transaction {id}")))
}

async fn planned_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<planned_disbursement::Model, AppError> {
    planned_disbursement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("planned disbursement {id}")))
}

/// Adds a transaction to an activity.
#[tracing::instrument(skip(db))]
pub async fn add_transaction(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewTransaction,
) -> Result<Transaction, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    locks::activity(&txn, activity_id).await?;
    let activity = writable(&txn, author, get_model(&txn, activity_id).await?).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let errors = check_transaction(&facts, &new, "");
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let model = insert_transaction(&txn, &facts, &activity, new).await?;
    let added = transaction_to_wire(&facts, model)?;
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        TRANSACTION,
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(added)
}

/// Corrects a transaction, which was at `version` when the form opened.
#[tracing::instrument(skip(db))]
pub async fn update_transaction(
    db: &impl TransactionTrait,
    author: &Author,
    transaction_id: i32,
    version: i32,
    new: NewTransaction,
) -> Result<Transaction, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (activity, row) = transaction_to_write(&txn, author, transaction_id).await?;
    let transaction_id = row.id;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    versions::ensure(
        &txn,
        "the transaction",
        (TRANSACTION, row.id),
        row.version,
        version,
    )
    .await?;
    let errors = check_transaction(&facts, &new, "");
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let amount_minor = to_minor(new.amount)
        .ok_or_else(|| AppError::invalid("amount", "must have at most two decimal places"))?;
    let currency = match new.currency.as_deref() {
        Some(code) => Currency::parse("currency", code)?.into(),
        None => activity.default_currency.clone(),
    };
    let before = transaction_to_wire(&facts, row.clone())?;
    let o = new.overrides;
    // Only the version read above is replaced: a concurrent correction
    // that committed first leaves nothing to update here.
    let updated = transaction::Entity::update_many()
        .col_expr(transaction::Column::Kind, Expr::value(new.kind.number()))
        .col_expr(
            transaction::Column::TransactionDate,
            Expr::value(new.transaction_date),
        )
        .col_expr(
            transaction::Column::ValueDate,
            Expr::value(new.value_date.unwrap_or(new.transaction_date)),
        )
        .col_expr(transaction::Column::AmountMinor, Expr::value(amount_minor))
        .col_expr(transaction::Column::Currency, Expr::value(currency))
        .col_expr(
            transaction::Column::FiscalYear,
            Expr::value(facts.fiscal_year(new.transaction_date)),
        )
        .col_expr(
            transaction::Column::ProviderOrgId,
            Expr::value(new.provider_org_id),
        )
        .col_expr(
            transaction::Column::ReceiverOrgId,
            Expr::value(new.receiver_org_id),
        )
        .col_expr(
            transaction::Column::ProviderActivityId,
            Expr::value(new.provider_activity_id),
        )
        .col_expr(
            transaction::Column::Description,
            Expr::value(new.description.trim().to_string()),
        )
        .col_expr(transaction::Column::OnBudget, Expr::value(o.on_budget))
        .col_expr(transaction::Column::OnTreasury, Expr::value(o.on_treasury))
        .col_expr(
            transaction::Column::OnProcurement,
            Expr::value(o.on_procurement),
        )
        .col_expr(
            transaction::Column::OnAccounting,
            Expr::value(o.on_accounting),
        )
        .col_expr(transaction::Column::OnAudit, Expr::value(o.on_audit))
        .col_expr(transaction::Column::OnReport, Expr::value(o.on_report))
        .col_expr(
            transaction::Column::Version,
            Expr::col(transaction::Column::Version).add(1),
        )
        .filter(transaction::Column::Id.eq(transaction_id))
        .filter(transaction::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(versions::stale(&txn, "the transaction", (TRANSACTION, transaction_id)).await);
    }
    let after = transaction_to_wire(&facts, transaction_model(&txn, transaction_id).await?)?;
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        TRANSACTION,
        transaction_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a transaction, which was at `version` when the page showed it.
#[tracing::instrument(skip(db))]
pub async fn delete_transaction(
    db: &impl TransactionTrait,
    author: &Author,
    transaction_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (activity, row) = transaction_to_write(&txn, author, transaction_id).await?;
    let transaction_id = row.id;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    versions::ensure(
        &txn,
        "the transaction",
        (TRANSACTION, row.id),
        row.version,
        version,
    )
    .await?;
    let before = transaction_to_wire(&facts, row)?;
    let deleted = transaction::Entity::delete_many()
        .filter(transaction::Column::Id.eq(transaction_id))
        .filter(transaction::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(versions::stale(&txn, "the transaction", (TRANSACTION, transaction_id)).await);
    }
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        TRANSACTION,
        transaction_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(())
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
                "must be greater than zero, with two decimals at most",
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
#[tracing::instrument(skip(db))]
pub async fn add_planned_disbursement(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewPlannedDisbursement,
) -> Result<Vec<PlannedDisbursement>, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    locks::activity(&txn, activity_id).await?;
    let activity = writable(&txn, author, get_model(&txn, activity_id).await?).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let added = insert_planned(&txn, &facts, &activity, &new).await?;
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

/// Locks the transaction's activity: the activity `author` writes to (see
/// `pending::writable`) and the transaction's row there.
async fn transaction_to_write(
    db: &impl ConnectionTrait,
    author: &Author,
    transaction_id: i32,
) -> Result<(activity::Model, transaction::Model), AppError> {
    locks::activity_of_transaction(db, transaction_id).await?;
    let row = transaction_model(db, transaction_id).await?;
    let activity = writable(db, author, get_model(db, row.activity_id).await?).await?;
    let row = pending::transaction_in(db, &activity, row).await?;
    Ok((activity, row))
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
        "the planned disbursement",
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
        return Err(versions::stale(db, "the planned disbursement", (PLANNED, planned_id)).await);
    }
    Ok((activity, planned_to_wire(row)))
}
