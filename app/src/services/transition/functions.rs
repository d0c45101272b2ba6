//! The functions a departing mission hands over: registered, corrected and
//! removed, each change audited. Every change of readiness is kept with its
//! date and author, so the plan shows progress towards handover.

use crate::i18n::td_string;
use entities::{
    country, organisation, priority, readiness_change, strategy, transition_function,
    transition_plan,
};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::{locks, versions};
use crate::types::money::to_minor;
use crate::types::{NewFunction, Readiness, TransitionFunction};
use crate::{AppError, FieldError};

use super::drawdown::plan_of;
use super::plans;

const OBJECT: &str = "transition_function";

/// A function's fields, checked and ready to store.
struct Checked {
    name: String,
    current_provider: String,
    mission_cost: i64,
    after_cost: i64,
    secured: i64,
    priority_code: Option<String>,
}

fn amount(field: &str, value: Decimal, errors: &mut Vec<FieldError>) -> i64 {
    if value.is_sign_negative() {
        errors.push(FieldError::new(
            field,
            td_string!(crate::language::current(), rules.not_negative),
        ));
    }
    to_minor(value).unwrap_or_else(|| {
        errors.push(FieldError::new(
            field,
            td_string!(crate::language::current(), rules.two_decimals_amount),
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

async fn check(
    db: &impl ConnectionTrait,
    country_id: i32,
    plan: &transition_plan::Model,
    new: &NewFunction,
) -> Result<Checked, AppError> {
    let mut errors = Vec::new();
    let name = new.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    let current_provider = new.current_provider.trim().to_string();
    if current_provider.chars().count() > 200 {
        errors.push(FieldError::new(
            "current_provider",
            td_string!(crate::language::current(), rules.too_long, max = 200).to_string(),
        ));
    }
    if !(plan.drawdown_start..=plan.drawdown_end).contains(&new.target_handover) {
        errors.push(FieldError::new(
            "target_handover",
            td_string!(
                crate::language::current(),
                rules.within_drawdown,
                start = plan.drawdown_start,
                end = plan.drawdown_end
            )
            .to_string(),
        ));
    }
    let owner = organisation::Entity::find_by_id(new.future_owner_id)
        .one(db)
        .await?;
    if owner.is_none_or(|o| o.country_id != country_id) {
        errors.push(FieldError::new(
            "future_owner_id",
            td_string!(crate::language::current(), rules.organisation_of_country),
        ));
    }
    let priority_code = new
        .priority_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(code) = &priority_code
        && !priority_exists(db, country_id, code).await?
    {
        errors.push(FieldError::new(
            "priority_code",
            td_string!(
                crate::language::current(),
                rules.priority_code_of_strategy,
                code
            )
            .to_string(),
        ));
    }
    let mission_cost = amount("mission_cost", new.mission_cost, &mut errors);
    let after_cost = amount("after_cost", new.after_cost, &mut errors);
    let secured = amount("secured", new.secured, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Checked {
        name,
        current_provider,
        mission_cost,
        after_cost,
        secured,
        priority_code,
    })
}

/// Keeps one step of a function's readiness.
async fn record_readiness(
    db: &impl ConnectionTrait,
    author: &Author,
    function_id: i32,
    readiness: Readiness,
) -> Result<(), AppError> {
    readiness_change::ActiveModel {
        function_id: Set(function_id),
        readiness: Set(readiness.code().into()),
        at: Set(crate::services::now()),
        actor: Set(author.label.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The function as the plan shows it.
async fn one(
    db: &impl ConnectionTrait,
    country_id: i32,
    function_id: i32,
) -> Result<TransitionFunction, AppError> {
    plans::load(db, country_id)
        .await?
        .and_then(|p| p.functions.into_iter().find(|f| f.id == function_id))
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_transition_function,
                    id = function_id
                )
                .to_string(),
            )
        })
}

/// Registers a function the mission hands over.
#[tracing::instrument(skip(db))]
pub async fn add_function(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewFunction,
) -> Result<TransitionFunction, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let plan = plan_of(&txn, country_id).await?;
    let country = country::Entity::find_by_id(country_id)
        .one(&txn)
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
    let checked = check(&txn, country_id, &plan, &new).await?;
    let model = transition_function::ActiveModel {
        plan_id: Set(plan.id),
        kind: Set(new.kind.code().into()),
        name: Set(checked.name),
        current_provider: Set(checked.current_provider),
        future_owner_id: Set(new.future_owner_id),
        target_handover: Set(new.target_handover),
        readiness: Set(new.readiness.code().into()),
        mission_cost_minor: Set(checked.mission_cost),
        after_cost_minor: Set(checked.after_cost),
        secured_minor: Set(checked.secured),
        currency: Set(country.currency),
        priority_code: Set(checked.priority_code),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_readiness(&txn, author, model.id, new.readiness).await?;
    let added = one(&txn, country_id, model.id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        model.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The function `function_id` of the country's plan, locked for a change
/// and checked to be still at `version`.
async fn to_change(
    db: &impl ConnectionTrait,
    country_id: i32,
    function_id: i32,
    version: i32,
) -> Result<TransitionFunction, AppError> {
    locks::transition_function(db, function_id).await?;
    let before = one(db, country_id, function_id).await?;
    versions::ensure(
        db,
        td_string!(crate::language::current(), rules.the_function),
        (OBJECT, function_id),
        before.version,
        version,
    )
    .await?;
    Ok(before)
}

/// Corrects a function, which was at `version` when the form opened. A
/// new readiness joins the function's history.
#[tracing::instrument(skip(db))]
pub async fn update_function(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    function_id: i32,
    version: i32,
    new: NewFunction,
) -> Result<TransitionFunction, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let before = to_change(&txn, country_id, function_id, version).await?;
    let plan = plan_of(&txn, country_id).await?;
    let checked = check(&txn, country_id, &plan, &new).await?;
    use transition_function::Column;
    let kind: String = new.kind.code().into();
    let readiness: String = new.readiness.code().into();
    transition_function::Entity::update_many()
        .col_expr(Column::Kind, Expr::value(kind))
        .col_expr(Column::Name, Expr::value(checked.name))
        .col_expr(
            Column::CurrentProvider,
            Expr::value(checked.current_provider),
        )
        .col_expr(Column::FutureOwnerId, Expr::value(new.future_owner_id))
        .col_expr(Column::TargetHandover, Expr::value(new.target_handover))
        .col_expr(Column::Readiness, Expr::value(readiness))
        .col_expr(Column::MissionCostMinor, Expr::value(checked.mission_cost))
        .col_expr(Column::AfterCostMinor, Expr::value(checked.after_cost))
        .col_expr(Column::SecuredMinor, Expr::value(checked.secured))
        .col_expr(Column::PriorityCode, Expr::value(checked.priority_code))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::Id.eq(function_id))
        .exec(&txn)
        .await?;
    if new.readiness != before.readiness {
        record_readiness(&txn, author, function_id, new.readiness).await?;
    }
    let after = one(&txn, country_id, function_id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        function_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a function, which was at `version` when the page showed it,
/// with its readiness history.
#[tracing::instrument(skip(db))]
pub async fn remove_function(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    function_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let before = to_change(&txn, country_id, function_id, version).await?;
    readiness_change::Entity::delete_many()
        .filter(readiness_change::Column::FunctionId.eq(function_id))
        .exec(&txn)
        .await?;
    transition_function::Entity::delete_by_id(function_id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        function_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
