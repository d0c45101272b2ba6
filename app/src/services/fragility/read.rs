//! Reading rounds: the ones a reader may see, newest first, each with its
//! rows by goal and dimension.

use std::collections::HashMap;

use entities::{fragility_round, fragility_stage};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::AppError;
use crate::i18n::td_string;
use crate::types::{FragilityRound, FragilityStage, Psg, RoundStatus, Stage};

/// A stored row as the page and the API show it.
pub fn stage_to_wire(row: fragility_stage::Model) -> Result<FragilityStage, AppError> {
    let psg = Psg::from_code(&row.psg).ok_or_else(|| {
        AppError::internal(format!("fragility stage {} psg {:?}", row.id, row.psg))
    })?;
    let stage = Stage::from_number(row.stage).ok_or_else(|| {
        AppError::internal(format!("fragility stage {} stage {}", row.id, row.stage))
    })?;
    Ok(FragilityStage {
        id: row.id,
        psg,
        dimension: row.dimension,
        stage,
        evidence: row.evidence,
        dissent: row.dissent,
        version: row.version,
    })
}

/// A stored round's status.
pub fn status_of(round: &fragility_round::Model) -> Result<RoundStatus, AppError> {
    RoundStatus::from_code(&round.status).ok_or_else(|| {
        AppError::internal(format!(
            "fragility round {} status {:?}",
            round.id, round.status
        ))
    })
}

fn round_to_wire(
    round: fragility_round::Model,
    stages: Vec<FragilityStage>,
) -> Result<FragilityRound, AppError> {
    Ok(FragilityRound {
        status: status_of(&round)?,
        id: round.id,
        year: round.year,
        government: round.government_participants,
        civil_society: round.civil_society_participants,
        partners: round.partner_participants,
        method_notes: round.method_notes,
        published_at: round.published_at,
        version: round.version,
        stages,
    })
}

/// The rows of `rounds`, each round's by goal, then dimension.
async fn stages_of(
    db: &impl ConnectionTrait,
    round_ids: Vec<i32>,
) -> Result<HashMap<i32, Vec<FragilityStage>>, AppError> {
    let mut by_round: HashMap<i32, Vec<FragilityStage>> = HashMap::new();
    if round_ids.is_empty() {
        return Ok(by_round);
    }
    let rows = fragility_stage::Entity::find()
        .filter(fragility_stage::Column::RoundId.is_in(round_ids))
        .order_by_asc(fragility_stage::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        let round_id = row.round_id;
        by_round
            .entry(round_id)
            .or_default()
            .push(stage_to_wire(row)?);
    }
    for stages in by_round.values_mut() {
        stages.sort_by(|a, b| (a.psg, &a.dimension, a.id).cmp(&(b.psg, &b.dimension, b.id)));
    }
    Ok(by_round)
}

/// The country's rounds, newest first: all of them with `drafts`, else the
/// published ones only.
pub async fn rounds(
    db: &impl ConnectionTrait,
    country_id: i32,
    drafts: bool,
) -> Result<Vec<FragilityRound>, AppError> {
    let mut query =
        fragility_round::Entity::find().filter(fragility_round::Column::CountryId.eq(country_id));
    if !drafts {
        query = query.filter(fragility_round::Column::Status.eq(RoundStatus::Published.code()));
    }
    let models = query
        .order_by_desc(fragility_round::Column::Year)
        .all(db)
        .await?;
    let mut stages = stages_of(db, models.iter().map(|r| r.id).collect()).await?;
    models
        .into_iter()
        .map(|r| {
            let rows = stages.remove(&r.id).unwrap_or_default();
            round_to_wire(r, rows)
        })
        .collect()
}

/// The country's round `round_id` as stored, or not found.
pub async fn round_model(
    db: &impl ConnectionTrait,
    country_id: i32,
    round_id: i32,
) -> Result<fragility_round::Model, AppError> {
    fragility_round::Entity::find_by_id(round_id)
        .filter(fragility_round::Column::CountryId.eq(country_id))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    fragility.what_round,
                    id = round_id
                )
                .to_string(),
            )
        })
}

/// The country's round `round_id` with its rows.
pub async fn round(
    db: &impl ConnectionTrait,
    country_id: i32,
    round_id: i32,
) -> Result<FragilityRound, AppError> {
    let model = round_model(db, country_id, round_id).await?;
    let mut stages = stages_of(db, vec![model.id]).await?;
    let rows = stages.remove(&model.id).unwrap_or_default();
    round_to_wire(model, rows)
}
