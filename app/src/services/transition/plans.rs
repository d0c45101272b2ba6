//! The UN transition plan: the functions the mission hands over, to whom,
//! when, and the financing cliff their handover opens.

use crate::i18n::td_string;
use std::collections::{BTreeSet, HashMap};

use entities::{country, organisation, readiness_change, transition_function, transition_plan};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::types::money::from_minor;
use crate::types::{
    CliffYear, FiscalYear, FunctionKind, NewTransitionPlan, Readiness, ReadinessStep,
    TransitionFunction, TransitionPlan,
};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;
use crate::types::Currency;

const PLAN: &str = "transition_plan";

/// The plan as the audit keeps it.
fn recorded(model: &transition_plan::Model) -> serde_json::Value {
    serde_json::json!({
        "mission_name": model.mission_name,
        "mandate_end": model.mandate_end,
        "drawdown_start": model.drawdown_start,
        "drawdown_end": model.drawdown_end,
        "version": model.version,
    })
}

/// Creates the country's plan (`opened_at` is `None`: the form showed
/// none), or changes its mission and dates as the form showed them at
/// version `opened_at`.
#[tracing::instrument(skip(db))]
pub async fn set_plan(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    plan: NewTransitionPlan,
    opened_at: Option<i32>,
) -> Result<i32, AppError> {
    let mission_name = plan.mission_name.trim().to_string();
    let mut errors = Vec::new();
    if mission_name.is_empty() || mission_name.chars().count() > 200 {
        errors.push(FieldError::new(
            "mission_name",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    if plan.drawdown_end < plan.drawdown_start {
        errors.push(FieldError::new(
            "drawdown_end",
            td_string!(crate::language::current(), rules.before_drawdown_start),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = crate::services::locks::begin(db).await?;
    // A country without a plan gets one; an existing plan (perhaps created
    // a moment ago by someone else) is locked, then changed.
    let inserted = transition_plan::Entity::insert(transition_plan::ActiveModel {
        country_id: Set(country_id),
        mission_name: Set(mission_name.clone()),
        mandate_end: Set(plan.mandate_end),
        drawdown_start: Set(plan.drawdown_start),
        drawdown_end: Set(plan.drawdown_end),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(transition_plan::Column::CountryId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let row = transition_plan::Entity::find()
        .filter(transition_plan::Column::CountryId.eq(country_id))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::internal(format!("the plan of country {country_id} vanished")))?;
    let keyed = (inserted == 1, row.version);
    versions::ensure_keyed(
        &txn,
        td_string!(crate::language::current(), rules.the_plan),
        (PLAN, row.id),
        keyed,
        opened_at,
        None,
    )
    .await?;
    let (change, before, after) = if inserted == 1 {
        (Change::Create, None, row)
    } else {
        let mut active: transition_plan::ActiveModel = row.clone().into();
        active.mission_name = Set(mission_name);
        active.mandate_end = Set(plan.mandate_end);
        active.drawdown_start = Set(plan.drawdown_start);
        active.drawdown_end = Set(plan.drawdown_end);
        active.version = Set(row.version.saturating_add(1));
        let after = active.update(&txn).await?;
        (Change::Update, Some(recorded(&row)), after)
    };
    audit::record(
        &txn,
        author,
        Some(country_id),
        PLAN,
        after.id,
        change,
        before.as_ref(),
        Some(&recorded(&after)),
    )
    .await?;
    txn.commit().await?;
    Ok(after.id)
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
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_country,
                    id = country_id
                )
                .to_string(),
            )
        })?;
    let start_month = u32::try_from(country.fiscal_year_start_month).unwrap_or(1);
    let rows = transition_function::Entity::find()
        .filter(transition_function::Column::PlanId.eq(plan.id))
        .find_also_related(organisation::Entity)
        .order_by_asc(transition_function::Column::TargetHandover)
        .order_by_asc(transition_function::Column::Id)
        .all(db)
        .await?;
    let mut history = readiness_history(db, rows.iter().map(|(f, _)| f.id)).await?;
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
            future_owner_id: f.future_owner_id,
            version: f.version,
            history: history.remove(&f.id).unwrap_or_default(),
        });
    }
    Ok(Some(TransitionPlan {
        country_code: country.code,
        mission_name: plan.mission_name,
        version: plan.version,
        mandate_end: plan.mandate_end,
        drawdown_start: plan.drawdown_start,
        drawdown_end: plan.drawdown_end,
        phases: crate::services::transition::drawdown::of_plan(db, plan.id).await?,
        currency: Currency::stored(country.currency),
        cliff: cliff(&functions, start_month),
        functions,
    }))
}

/// Each function's readiness steps, oldest first.
async fn readiness_history(
    db: &impl ConnectionTrait,
    function_ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, Vec<ReadinessStep>>, AppError> {
    let rows = readiness_change::Entity::find()
        .filter(readiness_change::Column::FunctionId.is_in(function_ids))
        .order_by_asc(readiness_change::Column::At)
        .order_by_asc(readiness_change::Column::Id)
        .all(db)
        .await?;
    let mut steps: HashMap<i32, Vec<ReadinessStep>> = HashMap::new();
    for row in rows {
        let readiness = Readiness::from_code(&row.readiness).ok_or_else(|| {
            AppError::internal(format!("readiness change {} {:?}", row.id, row.readiness))
        })?;
        steps
            .entry(row.function_id)
            .or_default()
            .push(ReadinessStep {
                readiness,
                on: row.at.date_naive(),
            });
    }
    Ok(steps)
}
