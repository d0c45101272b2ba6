//! The phases of the mission's drawdown, inside its drawdown window.

use crate::i18n::td_string;
use entities::{drawdown_phase, transition_plan};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Unchanged, ColumnTrait, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::types::{DrawdownPhase, NewDrawdownPhase};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;

fn to_wire(model: drawdown_phase::Model) -> DrawdownPhase {
    DrawdownPhase {
        id: model.id,
        name: model.name,
        starts_on: model.starts_on,
        ends_on: model.ends_on,
        version: model.version,
    }
}

const OBJECT: &str = "drawdown_phase";

/// The country's plan; phases and functions are added only once it exists.
pub(super) async fn plan_of(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<transition_plan::Model, AppError> {
    transition_plan::Entity::find()
        .filter(transition_plan::Column::CountryId.eq(country_id))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "plan",
                td_string!(crate::language::current(), rules.set_mission_first),
            )
        })
}

/// The phase's name, checked, if it lies within the plan's window.
fn check(plan: &transition_plan::Model, new: &NewDrawdownPhase) -> Result<String, AppError> {
    let name = new.name.trim().to_string();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "phase_name",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    let window = plan.drawdown_start..=plan.drawdown_end;
    let outside = td_string!(
        crate::language::current(),
        rules.within_drawdown,
        start = plan.drawdown_start,
        end = plan.drawdown_end
    )
    .to_string();
    if !window.contains(&new.starts_on) {
        errors.push(FieldError::new("phase_start", outside.clone()));
    }
    if !window.contains(&new.ends_on) {
        errors.push(FieldError::new("phase_end", outside));
    } else if new.ends_on < new.starts_on {
        errors.push(FieldError::new(
            "phase_end",
            td_string!(crate::language::current(), rules.before_phase_start),
        ));
    }
    if errors.is_empty() {
        Ok(name)
    } else {
        Err(AppError::Invalid(errors))
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
    let txn = crate::services::locks::begin(db).await?;
    let plan = plan_of(&txn, country_id).await?;
    let name = check(&plan, &new)?;
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

/// The phase `phase_id` of the country's plan, locked for a change (its
/// version moves on) and checked to have been at `version`.
async fn to_change(
    db: &impl ConnectionTrait,
    plan: &transition_plan::Model,
    phase_id: i32,
    version: i32,
) -> Result<DrawdownPhase, AppError> {
    drawdown_phase::Entity::update_many()
        .col_expr(
            drawdown_phase::Column::Version,
            Expr::col(drawdown_phase::Column::Version).add(1),
        )
        .filter(drawdown_phase::Column::Id.eq(phase_id))
        .filter(drawdown_phase::Column::PlanId.eq(plan.id))
        .exec(db)
        .await?;
    let row = drawdown_phase::Entity::find_by_id(phase_id)
        .filter(drawdown_phase::Column::PlanId.eq(plan.id))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_drawdown_phase,
                    id = phase_id
                )
                .to_string(),
            )
        })?;
    let was = row.version.checked_sub(1).unwrap_or_default();
    versions::ensure(
        db,
        td_string!(crate::language::current(), rules.the_phase),
        (OBJECT, phase_id),
        was,
        version,
    )
    .await?;
    Ok(DrawdownPhase {
        version: was,
        ..to_wire(row)
    })
}

/// Corrects a phase, which was at `version` when the form opened.
#[tracing::instrument(skip(db))]
pub async fn update_phase(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    phase_id: i32,
    version: i32,
    new: NewDrawdownPhase,
) -> Result<DrawdownPhase, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let plan = plan_of(&txn, country_id).await?;
    let before = to_change(&txn, &plan, phase_id, version).await?;
    let name = check(&plan, &new)?;
    let after = drawdown_phase::ActiveModel {
        id: Unchanged(phase_id),
        name: Set(name),
        starts_on: Set(new.starts_on),
        ends_on: Set(new.ends_on),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let after = to_wire(after);
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        phase_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a phase, which was at `version` when the page showed it.
#[tracing::instrument(skip(db))]
pub async fn remove_phase(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    phase_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let plan = plan_of(&txn, country_id).await?;
    let before = to_change(&txn, &plan, phase_id, version).await?;
    drawdown_phase::Entity::delete_by_id(phase_id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        phase_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
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
