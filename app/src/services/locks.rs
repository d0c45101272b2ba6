//! How writes begin, and locks for decisions that read, then write ("is
//! this the last signature?", "is a round still open?", "is this still the
//! version the form showed?"). Taken as a transaction's first statement, a
//! no-op update of the row the decision is about makes a second transaction
//! on the same row wait until the first has committed: on PostgreSQL by the
//! row lock, on SQLite by its single writer. The second then reads what the
//! first wrote.

use entities::{activity, compact, country, planned_disbursement, transaction};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

use crate::AppError;

/// Starts a transaction that writes. On SQLite it takes the write lock at
/// once (`BEGIN IMMEDIATE`), so a second writer waits its turn within the
/// busy timeout rather than failing when its reads turn into a write;
/// PostgreSQL ignores the mode. Every service write begins here.
pub async fn begin<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Locks one compact version.
pub async fn compact(db: &impl ConnectionTrait, compact_id: i32) -> Result<(), AppError> {
    compact::Entity::update_many()
        .col_expr(compact::Column::Id, Expr::col(compact::Column::Id))
        .filter(compact::Column::Id.eq(compact_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Locks the country a compact version belongs to.
pub async fn country_of_compact(
    db: &impl ConnectionTrait,
    compact_id: i32,
) -> Result<(), AppError> {
    let of_compact = Query::select()
        .column(compact::Column::CountryId)
        .from(compact::Entity)
        .and_where(compact::Column::Id.eq(compact_id))
        .to_owned();
    country::Entity::update_many()
        .col_expr(country::Column::Id, Expr::col(country::Column::Id))
        .filter(country::Column::Id.in_subquery(of_compact))
        .exec(db)
        .await?;
    Ok(())
}

/// Locks one activity, the first write of any change to its flows.
pub async fn activity(db: &impl ConnectionTrait, activity_id: i32) -> Result<(), AppError> {
    activity::Entity::update_many()
        .col_expr(activity::Column::Id, Expr::col(activity::Column::Id))
        .filter(activity::Column::Id.eq(activity_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Locks the activity a transaction belongs to.
pub async fn activity_of_transaction(
    db: &impl ConnectionTrait,
    transaction_id: i32,
) -> Result<(), AppError> {
    let of_transaction = Query::select()
        .column(transaction::Column::ActivityId)
        .from(transaction::Entity)
        .and_where(transaction::Column::Id.eq(transaction_id))
        .to_owned();
    activity::Entity::update_many()
        .col_expr(activity::Column::Id, Expr::col(activity::Column::Id))
        .filter(activity::Column::Id.in_subquery(of_transaction))
        .exec(db)
        .await?;
    Ok(())
}

/// Locks the activity a planned disbursement belongs to.
pub async fn activity_of_planned(
    db: &impl ConnectionTrait,
    planned_id: i32,
) -> Result<(), AppError> {
    let of_planned = Query::select()
        .column(planned_disbursement::Column::ActivityId)
        .from(planned_disbursement::Entity)
        .and_where(planned_disbursement::Column::Id.eq(planned_id))
        .to_owned();
    activity::Entity::update_many()
        .col_expr(activity::Column::Id, Expr::col(activity::Column::Id))
        .filter(activity::Column::Id.in_subquery(of_planned))
        .exec(db)
        .await?;
    Ok(())
}

/// Locks one transition function, the first write of any change to it.
pub async fn transition_function(
    db: &impl ConnectionTrait,
    function_id: i32,
) -> Result<(), AppError> {
    use entities::transition_function as function;
    function::Entity::update_many()
        .col_expr(function::Column::Id, Expr::col(function::Column::Id))
        .filter(function::Column::Id.eq(function_id))
        .exec(db)
        .await?;
    Ok(())
}
