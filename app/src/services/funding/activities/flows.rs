//! The transactions of an activity, added, corrected and removed (planned
//! disbursements: `plans`). Each write is one database transaction with its
//! audit entry (the row before and after), and moves the activity's
//! `updated_at`, having first locked the activity (see `services::locks`).
//! A correction or removal names the version of the row it was opened at:
//! a row changed in the meantime is refused as stale.

use crate::i18n::td_string;
use entities::{activity, transaction};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::money::to_minor;
use crate::types::{Currency, NewTransaction, Transaction};
use crate::{AppError, FieldError};

use super::checks::{CountryFacts, check_transaction};
use super::pending::{self, writable};
use super::reads::transaction_to_wire;
use super::writes::{get_model, insert_transaction};
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::{locks, versions};

const TRANSACTION: &str = "transaction";

/// Marks the activity changed now and brings its funding cells in step.
pub(super) async fn touch(
    db: &impl ConnectionTrait,
    activity: activity::Model,
) -> Result<(), AppError> {
    let (country_id, id) = (activity.country_id, activity.id);
    let mut model: activity::ActiveModel = activity.into();
    model.updated_at = Set(crate::services::now());
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

async fn transaction_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<transaction::Model, AppError> {
    transaction::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_transaction, id).to_string(),
            )
        })
}

/// Adds a transaction to an activity.
pub async fn add_transaction(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewTransaction,
) -> Result<Transaction, AppError> {
    add_transactions(db, author, activity_id, vec![new])
        .await?
        .pop()
        .ok_or_else(|| AppError::internal("a transaction added and not answered"))
}

/// Adds transactions to an activity, all or none; with more than one, each
/// error names its row (`row 2: amount`).
#[tracing::instrument(skip(db, news), fields(rows = news.len()))]
pub async fn add_transactions(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    news: Vec<NewTransaction>,
) -> Result<Vec<Transaction>, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    locks::activity(&txn, activity_id).await?;
    let activity = writable(&txn, author, get_model(&txn, activity_id).await?).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let many = news.len() > 1;
    let errors: Vec<FieldError> = news
        .iter()
        .enumerate()
        .flat_map(|(i, new)| {
            let prefix = if many {
                td_string!(
                    crate::language::current(),
                    rules.at_row_column,
                    row = i + 1,
                    column = ""
                )
                .to_string()
            } else {
                String::new()
            };
            check_transaction(&facts, new, &prefix)
        })
        .collect();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut added = Vec::with_capacity(news.len());
    for new in news {
        let model = insert_transaction(&txn, &facts, &activity, new).await?;
        let row = transaction_to_wire(&facts, model)?;
        audit::record(
            &txn,
            author,
            Some(activity.country_id),
            TRANSACTION,
            row.id,
            Change::Create,
            None,
            Some(&row),
        )
        .await?;
        added.push(row);
    }
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
        td_string!(crate::language::current(), rules.the_transaction),
        (TRANSACTION, row.id),
        row.version,
        version,
    )
    .await?;
    let errors = check_transaction(&facts, &new, "");
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let amount_minor = to_minor(new.amount).ok_or_else(|| {
        AppError::invalid(
            "amount",
            td_string!(crate::language::current(), rules.two_decimals),
        )
    })?;
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
        return Err(versions::stale(
            &txn,
            td_string!(crate::language::current(), rules.the_transaction),
            (TRANSACTION, transaction_id),
        )
        .await);
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
        td_string!(crate::language::current(), rules.the_transaction),
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
        return Err(versions::stale(
            &txn,
            td_string!(crate::language::current(), rules.the_transaction),
            (TRANSACTION, transaction_id),
        )
        .await);
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
