//! The pillars of a draft strategy: the five Peacebuilding and
//! Statebuilding Goals by default, renamed or added to by planners.

use crate::i18n::td_string;
use entities::{pillar, priority};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::types::Pillar;

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::strategy::drafts::draft_model;
use crate::services::versions;

const PILLAR: &str = "pillar";

fn validate_title(title: &str) -> Result<String, AppError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(AppError::invalid(
            "pillar_title",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    Ok(title.to_string())
}

fn to_wire(model: pillar::Model) -> Pillar {
    Pillar {
        id: model.id,
        number: model.number,
        title: model.title,
        priorities: Vec::new(),
        version: model.version,
    }
}

/// Adds a pillar after the last one of a draft.
#[tracing::instrument(skip(db))]
pub async fn add(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
    title: &str,
) -> Result<Pillar, AppError> {
    let title = validate_title(title)?;
    let txn = crate::services::locks::begin(db).await?;
    let strategy = draft_model(&txn, strategy_id).await?;
    let last = pillar::Entity::find()
        .filter(pillar::Column::StrategyId.eq(strategy_id))
        .order_by_desc(pillar::Column::Number)
        .one(&txn)
        .await?;
    let added = pillar::ActiveModel {
        strategy_id: Set(strategy_id),
        number: Set(last.map_or(1, |p| p.number + 1)),
        title: Set(title),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = to_wire(added);
    audit::record(
        &txn,
        author,
        Some(strategy.country_id),
        PILLAR,
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The pillar `pillar_id` of draft `strategy_id` moved on to its next
/// version (which locks it), refused unless it was at `version`: its row,
/// what it was, and the draft's country.
async fn to_change(
    db: &impl ConnectionTrait,
    (strategy_id, pillar_id): (i32, i32),
    version: i32,
) -> Result<(pillar::Model, Pillar, i32), AppError> {
    let columns = (pillar::Column::Id, pillar::Column::Version);
    let was = versions::advance::<pillar::Entity>(
        db,
        td_string!(crate::language::current(), rules.the_pillar),
        (PILLAR, pillar_id),
        columns,
        version,
    )
    .await?;
    let strategy = draft_model(db, strategy_id).await?;
    let row = pillar::Entity::find_by_id(pillar_id)
        .one(db)
        .await?
        .filter(|p| p.strategy_id == strategy_id)
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_pillar_of_version,
                    id = pillar_id
                )
                .to_string(),
            )
        })?;
    let before = Pillar {
        version: was,
        ..to_wire(row.clone())
    };
    Ok((row, before, strategy.country_id))
}

/// Renames a pillar of a draft; it was at `version` when the form opened.
#[tracing::instrument(skip(db))]
pub async fn rename(
    db: &impl TransactionTrait,
    author: &Author,
    (strategy_id, pillar_id): (i32, i32),
    version: i32,
    title: &str,
) -> Result<Pillar, AppError> {
    let title = validate_title(title)?;
    let txn = crate::services::locks::begin(db).await?;
    let (row, before, country_id) = to_change(&txn, (strategy_id, pillar_id), version).await?;
    let mut active: pillar::ActiveModel = row.into();
    active.title = Set(title);
    let after = to_wire(active.update(&txn).await?);
    audit::record(
        &txn,
        author,
        Some(country_id),
        PILLAR,
        pillar_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a pillar that has no priorities from a draft; it was at
/// `version` when the page showed it.
#[tracing::instrument(skip(db))]
pub async fn remove(
    db: &impl TransactionTrait,
    author: &Author,
    (strategy_id, pillar_id): (i32, i32),
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (row, before, country_id) = to_change(&txn, (strategy_id, pillar_id), version).await?;
    let codes: Vec<String> = priority::Entity::find()
        .filter(priority::Column::PillarId.eq(pillar_id))
        .order_by_asc(priority::Column::Code)
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| p.code)
        .collect();
    if !codes.is_empty() {
        return Err(AppError::invalid(
            "pillar_id",
            td_string!(
                crate::language::current(),
                rules.pillar_has_priorities,
                number = row.number,
                codes = codes.join(", ")
            )
            .to_string(),
        ));
    }
    row.delete(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        PILLAR,
        pillar_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
