//! An indicator's targets by fiscal year: set (or changed), and removed.
//! The audit keeps each target as it was before and after.

use crate::i18n::td_string;
use entities::indicator_target;
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde::Serialize;

use super::checks::{check_value, check_year, get_model, unit_of};
use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;

const TARGET: &str = "indicator_target";

/// A target as the audit keeps it.
#[derive(Debug, Serialize)]
struct Recorded<'a> {
    indicator: &'a str,
    fiscal_year: i32,
    value: String,
    version: i32,
}

fn recorded<'a>(code: &'a str, row: &indicator_target::Model) -> Recorded<'a> {
    Recorded {
        indicator: code,
        fiscal_year: row.fiscal_year,
        value: row.value.clone(),
        version: row.version,
    }
}

/// The target of `fiscal_year`, locked until the change commits.
async fn locked(
    db: &impl ConnectionTrait,
    indicator_id: i32,
    fiscal_year: i32,
) -> Result<Option<indicator_target::Model>, AppError> {
    Ok(indicator_target::Entity::find()
        .filter(indicator_target::Column::IndicatorId.eq(indicator_id))
        .filter(indicator_target::Column::FiscalYear.eq(fiscal_year))
        .lock_exclusive()
        .one(db)
        .await?)
}

/// Sets the target of a fiscal year that has none (`opened_at` is `None`),
/// or changes the one it has, which was at version `opened_at` when the
/// form showed it (and moves on to its next version).
#[tracing::instrument(skip(db))]
pub async fn set_target(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    code: &str,
    (fiscal_year, opened_at): (i32, Option<i32>),
    value: Decimal,
) -> Result<(), AppError> {
    check_year("target_fiscal_year", fiscal_year)?;
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, country_id, code).await?;
    if let Some(error) = check_value("target_value", unit_of(&model)?, value) {
        return Err(AppError::Invalid(vec![error]));
    }
    let text = value.normalize().to_string();
    // A new year's target is inserted; an existing one (perhaps inserted
    // a moment ago by someone else) is locked, then changed.
    let inserted = indicator_target::Entity::insert(indicator_target::ActiveModel {
        indicator_id: Set(model.id),
        fiscal_year: Set(fiscal_year),
        value: Set(text.clone()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            indicator_target::Column::IndicatorId,
            indicator_target::Column::FiscalYear,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let row = locked(&txn, model.id, fiscal_year)
        .await?
        .ok_or_else(|| AppError::internal(format!("target {code} {fiscal_year} vanished")))?;
    let taken = AppError::invalid(
        "target_fiscal_year",
        td_string!(
            crate::language::current(),
            rules.target_taken,
            year = fiscal_year,
            value = &row.value
        )
        .to_string(),
    );
    let keyed = (inserted == 1, row.version);
    let object = (TARGET, row.id);
    versions::ensure_keyed(
        &txn,
        td_string!(crate::language::current(), rules.the_target),
        object,
        keyed,
        opened_at,
        Some(taken),
    )
    .await?;
    let (change, before, after) = if inserted == 1 {
        (Change::Create, None, row)
    } else {
        let version = row.version.saturating_add(1);
        let mut active: indicator_target::ActiveModel = row.clone().into();
        active.value = Set(text);
        active.version = Set(version);
        let after = active.update(&txn).await?;
        (Change::Update, Some(row), after)
    };
    let before = before.as_ref().map(|b| recorded(code, b));
    audit::record(
        &txn,
        author,
        Some(country_id),
        TARGET,
        after.id,
        change,
        before.as_ref(),
        Some(&recorded(code, &after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Removes the target of `fiscal_year`, which was at `version` when the
/// page showed it.
#[tracing::instrument(skip(db))]
pub async fn remove_target(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    code: &str,
    fiscal_year: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, country_id, code).await?;
    let not_found = || {
        AppError::NotFound(
            td_string!(
                crate::language::current(),
                rules.what_target_of,
                code,
                year = fiscal_year
            )
            .to_string(),
        )
    };
    let id = locked(&txn, model.id, fiscal_year)
        .await?
        .ok_or_else(not_found)?
        .id;
    let columns = (
        indicator_target::Column::Id,
        indicator_target::Column::Version,
    );
    let was = versions::advance::<indicator_target::Entity>(
        &txn,
        td_string!(crate::language::current(), rules.the_target),
        (TARGET, id),
        columns,
        version,
    )
    .await?;
    let row = indicator_target::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let before = Recorded {
        version: was,
        ..recorded(code, &row)
    };
    row.delete(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        TARGET,
        id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
