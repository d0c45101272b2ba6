//! A round's rows: each places a goal, or a dimension of it, on the
//! fragility spectrum. Added, corrected and removed while the round is a
//! draft, each change with its audit entry.

use entities::fragility_stage;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::i18n::td_string;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;
use crate::types::{FragilityStage, NewFragilityStage};

use super::checks::{self, CheckedStage};
use super::{lock, read};

const OBJECT: &str = "fragility_stage";

/// Refuses a second row for the same goal and dimension in a round.
async fn ensure_unique(
    db: &impl ConnectionTrait,
    round_id: i32,
    checked: &CheckedStage,
    except: Option<i32>,
) -> Result<(), AppError> {
    let mut query = fragility_stage::Entity::find()
        .filter(fragility_stage::Column::RoundId.eq(round_id))
        .filter(fragility_stage::Column::Psg.eq(checked.psg.code()))
        .filter(fragility_stage::Column::Dimension.eq(checked.dimension.as_str()));
    if let Some(id) = except {
        query = query.filter(fragility_stage::Column::Id.ne(id));
    }
    if query.count(db).await? > 0 {
        return Err(AppError::invalid(
            "dimension",
            td_string!(crate::language::current(), fragility.rule_dimension_taken),
        ));
    }
    Ok(())
}

/// The row `stage_id` of a round of the country, as stored.
async fn row(db: &impl ConnectionTrait, stage_id: i32) -> Result<fragility_stage::Model, AppError> {
    fragility_stage::Entity::find_by_id(stage_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    fragility.what_stage,
                    id = stage_id
                )
                .to_string(),
            )
        })
}

/// Adds a row to a draft round of the country.
#[tracing::instrument(skip(db))]
pub async fn add_stage(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    round_id: i32,
    new: NewFragilityStage,
) -> Result<FragilityStage, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let round = lock::round(&txn, country_id, round_id).await?;
    lock::editable(&round)?;
    let checked = checks::stage(&new)?;
    ensure_unique(&txn, round_id, &checked, None).await?;
    let model = fragility_stage::ActiveModel {
        round_id: Set(round_id),
        psg: Set(checked.psg.code().into()),
        dimension: Set(checked.dimension),
        stage: Set(checked.stage.number()),
        evidence: Set(checked.evidence),
        dissent: Set(checked.dissent),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = read::stage_to_wire(model)?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The row `stage_id` of a draft round of the country, its round locked,
/// checked to be still at `version`.
async fn to_change(
    db: &impl ConnectionTrait,
    country_id: i32,
    stage_id: i32,
    version: i32,
) -> Result<fragility_stage::Model, AppError> {
    let stored = row(db, stage_id).await?;
    let round = lock::round(db, country_id, stored.round_id).await?;
    // Read again under the lock: the row may have moved meanwhile.
    let stored = row(db, stage_id).await?;
    let what = td_string!(crate::language::current(), fragility.the_row);
    versions::ensure(db, what, (OBJECT, stage_id), stored.version, version).await?;
    lock::editable(&round)?;
    Ok(stored)
}

/// Corrects a row of a draft round, opened at `version`.
#[tracing::instrument(skip(db))]
pub async fn update_stage(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    stage_id: i32,
    version: i32,
    new: NewFragilityStage,
) -> Result<FragilityStage, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let stored = to_change(&txn, country_id, stage_id, version).await?;
    let checked = checks::stage(&new)?;
    ensure_unique(&txn, stored.round_id, &checked, Some(stage_id)).await?;
    let before = read::stage_to_wire(stored)?;
    use fragility_stage::Column;
    fragility_stage::Entity::update_many()
        .col_expr(Column::Psg, Expr::value(checked.psg.code()))
        .col_expr(Column::Dimension, Expr::value(checked.dimension))
        .col_expr(Column::Stage, Expr::value(checked.stage.number()))
        .col_expr(Column::Evidence, Expr::value(checked.evidence))
        .col_expr(Column::Dissent, Expr::value(checked.dissent))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::Id.eq(stage_id))
        .exec(&txn)
        .await?;
    let after = read::stage_to_wire(row(&txn, stage_id).await?)?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        stage_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a row of a draft round, as the page showed it at `version`.
#[tracing::instrument(skip(db))]
pub async fn remove_stage(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    stage_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let stored = to_change(&txn, country_id, stage_id, version).await?;
    let before = read::stage_to_wire(stored)?;
    fragility_stage::Entity::delete_by_id(stage_id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        stage_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
