//! The phases of the mission's drawdown, inside its drawdown window.

use entities::{drawdown_phase, transition_plan};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::{DrawdownPhase, NewDrawdownPhase};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};

fn to_wire(model: drawdown_phase::Model) -> DrawdownPhase {
    DrawdownPhase {
        id: model.id,
        name: model.name,
        starts_on: model.starts_on,
        ends_on: model.ends_on,
    }
}

/// Adds a phase to the country's drawdown; it must lie within the window.
#[tracing::instrument(skip(db))]
pub async fn add_phase(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewDrawdownPhase,
) -> Result<DrawdownPhase, AppError> {
    let txn = db.begin().await?;
    let plan = transition_plan::Entity::find()
        .filter(transition_plan::Column::CountryId.eq(country_id))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("plan", "set the mission and its drawdown first"))?;
    let name = new.name.trim().to_string();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new("phase_name", "must be 1 to 200 characters"));
    }
    let window = plan.drawdown_start..=plan.drawdown_end;
    let outside = format!(
        "must fall within the mission's drawdown, {} to {}",
        plan.drawdown_start, plan.drawdown_end
    );
    if !window.contains(&new.starts_on) {
        errors.push(FieldError::new("phase_start", outside.clone()));
    }
    if !window.contains(&new.ends_on) {
        errors.push(FieldError::new("phase_end", outside));
    } else if new.ends_on < new.starts_on {
        errors.push(FieldError::new(
            "phase_end",
            "must not be before the phase starts",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let added = drawdown_phase::ActiveModel {
        plan_id: Set(plan.id),
        name: Set(name),
        starts_on: Set(new.starts_on),
        ends_on: Set(new.ends_on),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = to_wire(added);
    audit::record(
        &txn,
        author,
        Some(country_id),
        "drawdown_phase",
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// A plan's phases in date order.
pub async fn of_plan(
    db: &impl ConnectionTrait,
    plan_id: i32,
) -> Result<Vec<DrawdownPhase>, AppError> {
    Ok(drawdown_phase::Entity::find()
        .filter(drawdown_phase::Column::PlanId.eq(plan_id))
        .order_by_asc(drawdown_phase::Column::StartsOn)
        .order_by_asc(drawdown_phase::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_wire)
        .collect())
}
