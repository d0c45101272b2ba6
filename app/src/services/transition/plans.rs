//! The UN transition plan: the functions the mission hands over, to whom,
//! when, and the financing cliff their handover opens.

use std::collections::BTreeSet;

use entities::{country, organisation, priority, strategy, transition_function, transition_plan};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::money::{from_minor, to_minor};
use crate::types::{
    CliffYear, FiscalYear, FunctionKind, NewFunction, NewTransitionPlan, Readiness,
    TransitionFunction, TransitionPlan,
};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::types::Currency;

/// Creates the country's plan, or changes its mission and dates.
#[tracing::instrument(skip(db))]
pub async fn set_plan(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    plan: NewTransitionPlan,
) -> Result<i32, AppError> {
    let mission_name = plan.mission_name.trim().to_string();
    let mut errors = Vec::new();
    if mission_name.is_empty() || mission_name.chars().count() > 200 {
        errors.push(FieldError::new(
            "mission_name",
            "must be 1 to 200 characters",
        ));
    }
    if plan.drawdown_end < plan.drawdown_start {
        errors.push(FieldError::new(
            "drawdown_end",
            "must not be before the drawdown starts",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin().await?;
    let existing = transition_plan::Entity::find()
        .filter(transition_plan::Column::CountryId.eq(country_id))
        .one(&txn)
        .await?;
    let (model, change) = match existing {
        Some(m) => {
            let mut active: transition_plan::ActiveModel = m.into();
            active.mission_name = Set(mission_name);
            active.mandate_end = Set(plan.mandate_end);
            active.drawdown_start = Set(plan.drawdown_start);
            active.drawdown_end = Set(plan.drawdown_end);
            (active.update(&txn).await?, Change::Update)
        }
        None => {
            let active = transition_plan::ActiveModel {
                country_id: Set(country_id),
                mission_name: Set(mission_name),
                mandate_end: Set(plan.mandate_end),
                drawdown_start: Set(plan.drawdown_start),
                drawdown_end: Set(plan.drawdown_end),
                ..Default::default()
            };
            (active.insert(&txn).await?, Change::Create)
        }
    };
    let after = serde_json::json!({
        "mission_name": model.mission_name,
        "mandate_end": model.mandate_end,
        "drawdown_start": model.drawdown_start,
        "drawdown_end": model.drawdown_end,
    });
    audit::record(
        &txn,
        author,
        Some(country_id),
        "transition_plan",
        model.id,
        change,
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(model.id)
}

fn amount(field: &str, value: Decimal, errors: &mut Vec<FieldError>) -> i64 {
    if value.is_sign_negative() {
        errors.push(FieldError::new(field, "must not be negative"));
    }
    to_minor(value).unwrap_or_else(|| {
        errors.push(FieldError::new(
            field,
            "must be an amount with at most two decimal places",
        ));
        0
    })
}

/// Whether any version of the country's strategy has a priority `code`.
async fn priority_exists(
    db: &impl ConnectionTrait,
    country_id: i32,
    code: &str,
) -> Result<bool, AppError> {
    Ok(priority::Entity::find()
        .inner_join(strategy::Entity)
        .filter(strategy::Column::CountryId.eq(country_id))
        .filter(priority::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some())
}

/// Registers a function the mission hands over.
#[tracing::instrument(skip(db))]
pub async fn add_function(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewFunction,
) -> Result<TransitionFunction, AppError> {
    let txn = db.begin().await?;
    let plan = transition_plan::Entity::find()
        .filter(transition_plan::Column::CountryId.eq(country_id))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid("plan", "set the mission and its drawdown first"))?;
    let country = country::Entity::find_by_id(country_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("country {country_id}")))?;
    let mut errors = Vec::new();
    let name = new.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new("name", "must be 1 to 200 characters"));
    }
    if !(plan.drawdown_start..=plan.drawdown_end).contains(&new.target_handover) {
        errors.push(FieldError::new(
            "target_handover",
            format!(
                "must fall within the mission's drawdown, {} to {}",
                plan.drawdown_start, plan.drawdown_end
            ),
        ));
    }
    let owner = organisation::Entity::find_by_id(new.future_owner_id)
        .one(&txn)
        .await?;
    if owner.is_none_or(|o| o.country_id != country_id) {
        errors.push(FieldError::new(
            "future_owner_id",
            "must be an organisation of this country",
        ));
    }
    let priority_code = new
        .priority_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(code) = &priority_code
        && !priority_exists(&txn, country_id, code).await?
    {
        errors.push(FieldError::new(
            "priority_code",
            format!("must be the code of a priority in this country's strategy; {code} is not"),
        ));
    }
    let mission_cost = amount("mission_cost", new.mission_cost, &mut errors);
    let after_cost = amount("after_cost", new.after_cost, &mut errors);
    let secured = amount("secured", new.secured, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let model = transition_function::ActiveModel {
        plan_id: Set(plan.id),
        kind: Set(new.kind.code().into()),
        name: Set(name),
        current_provider: Set(new.current_provider.trim().to_string()),
        future_owner_id: Set(new.future_owner_id),
        target_handover: Set(new.target_handover),
        readiness: Set(new.readiness.code().into()),
        mission_cost_minor: Set(mission_cost),
        after_cost_minor: Set(after_cost),
        secured_minor: Set(secured),
        currency: Set(country.currency),
        priority_code: Set(priority_code),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = load(&txn, country_id)
        .await?
        .and_then(|p| p.functions.into_iter().find(|f| f.id == model.id))
        .ok_or_else(|| AppError::internal(format!("transition function {} vanished", model.id)))?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        "transition_function",
        model.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The cliff by fiscal year, from the year of the first handover to the
/// year of the last: each year counts every function handed over by then.
pub fn cliff(functions: &[TransitionFunction], start_month: u32) -> Vec<CliffYear> {
    let years: BTreeSet<i32> = functions.iter().map(|f| f.handover_fiscal_year).collect();
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return Vec::new();
    };
    (*first..=*last)
        .map(|year| {
            let handed: Vec<&TransitionFunction> = functions
                .iter()
                .filter(|f| f.handover_fiscal_year <= year)
                .collect();
            let replacement_cost: Decimal = handed.iter().map(|f| f.after_cost).sum();
            let secured: Decimal = handed.iter().map(|f| f.secured).sum();
            CliffYear {
                fiscal_year: year,
                label: FiscalYear {
                    start_year: year,
                    start_month,
                }
                .label(),
                mission_cost_ended: handed.iter().map(|f| f.mission_cost).sum(),
                replacement_cost,
                secured,
                gap: replacement_cost - secured,
            }
        })
        .collect()
}

/// The country's plan with its functions and cliff, if it has one.
pub async fn load(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Option<TransitionPlan>, AppError> {
    let Some(plan) = transition_plan::Entity::find()
        .filter(transition_plan::Column::CountryId.eq(country_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let country = country::Entity::find_by_id(country_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("country {country_id}")))?;
    let start_month = u32::try_from(country.fiscal_year_start_month).unwrap_or(1);
    let rows = transition_function::Entity::find()
        .filter(transition_function::Column::PlanId.eq(plan.id))
        .find_also_related(organisation::Entity)
        .order_by_asc(transition_function::Column::TargetHandover)
        .order_by_asc(transition_function::Column::Id)
        .all(db)
        .await?;
    let mut functions = Vec::with_capacity(rows.len());
    for (f, owner) in rows {
        let kind = FunctionKind::from_code(&f.kind)
            .ok_or_else(|| AppError::internal(format!("function {} kind {:?}", f.id, f.kind)))?;
        let readiness = Readiness::from_code(&f.readiness).ok_or_else(|| {
            AppError::internal(format!("function {} readiness {:?}", f.id, f.readiness))
        })?;
        functions.push(TransitionFunction {
            id: f.id,
            kind,
            name: f.name,
            current_provider: f.current_provider,
            future_owner: owner.map(|o| o.name).unwrap_or_default(),
            handover_fiscal_year: FiscalYear::containing(f.target_handover, start_month).start_year,
            target_handover: f.target_handover,
            readiness,
            priority_code: f.priority_code,
            mission_cost: from_minor(f.mission_cost_minor),
            after_cost: from_minor(f.after_cost_minor),
            secured: from_minor(f.secured_minor),
        });
    }
    Ok(Some(TransitionPlan {
        country_code: country.code,
        mission_name: plan.mission_name,
        mandate_end: plan.mandate_end,
        drawdown_start: plan.drawdown_start,
        drawdown_end: plan.drawdown_end,
        phases: crate::services::transition::drawdown::of_plan(db, plan.id).await?,
        currency: Currency::stored(country.currency),
        cliff: cliff(&functions, start_month),
        functions,
    }))
}
