//! Writes of activities, transactions and planned disbursements: each one
//! database transaction with its audit entry.

use chrono::Utc;
use entities::{
    activity, activity_budget_line, activity_participant, activity_priority, activity_sector,
    planned_disbursement, transaction,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::money::{MAX_AMOUNT, to_minor, too_large};
use crate::types::{
    Activity, Currency, NewActivity, NewPlannedDisbursement, NewTransaction, PlannedDisbursement,
    Transaction, split_by_fiscal_year,
};
use crate::{AppError, FieldError};
use rust_decimal::Decimal;

use super::checks::*;
use super::reads::{load_many, planned_to_wire, transaction_to_wire};
use crate::services::accounts::audit::{self, Author, Change};

/// Inserts a checked transaction.
pub async fn insert_transaction(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    activity: &activity::Model,
    new: NewTransaction,
) -> Result<transaction::Model, AppError> {
    let amount_minor = to_minor(new.amount)
        .ok_or_else(|| AppError::invalid("amount", "must have at most two decimal places"))?;
    let o = new.overrides;
    Ok(transaction::ActiveModel {
        country_id: Set(facts.country_id),
        activity_id: Set(activity.id),
        kind: Set(new.kind.number()),
        transaction_date: Set(new.transaction_date),
        value_date: Set(new.value_date.unwrap_or(new.transaction_date)),
        amount_minor: Set(amount_minor),
        currency: Set(match new.currency.as_deref() {
            Some(code) => Currency::parse("currency", code)?.into(),
            None => activity.default_currency.clone(),
        }),
        fiscal_year: Set(facts.fiscal_year(new.transaction_date)),
        provider_org_id: Set(new.provider_org_id),
        receiver_org_id: Set(new.receiver_org_id),
        provider_activity_id: Set(new.provider_activity_id),
        description: Set(new.description.trim().to_string()),
        on_budget: Set(o.on_budget),
        on_treasury: Set(o.on_treasury),
        on_procurement: Set(o.on_procurement),
        on_accounting: Set(o.on_accounting),
        on_audit: Set(o.on_audit),
        on_report: Set(o.on_report),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

async fn identifier_taken(
    db: &impl ConnectionTrait,
    country_id: i32,
    identifier: &str,
) -> Result<bool, AppError> {
    Ok(activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::IatiIdentifier.eq(identifier))
        .one(db)
        .await?
        .is_some())
}

/// Records an activity with its participants and shares.
#[tracing::instrument(skip(db, new), fields(title = %new.title))]
pub async fn create(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewActivity,
) -> Result<Activity, AppError> {
    let txn = db.begin().await?;
    let facts = CountryFacts::load(&txn, country_id).await?;
    let new = validate(&facts, new)?;
    if let Some(identifier) = &new.iati_identifier
        && identifier_taken(&txn, country_id, identifier).await?
    {
        return Err(AppError::invalid(
            "iati_identifier",
            format!("an activity with identifier {identifier:?} already exists in this country"),
        ));
    }
    let s = new.systems;
    let model = activity::ActiveModel {
        country_id: Set(country_id),
        reporting_org_id: Set(new.reporting_org_id),
        iati_identifier: Set(new.iati_identifier.clone()),
        title: Set(new.title.clone()),
        description: Set(new.description.clone()),
        status: Set(new.status.number()),
        planned_start: Set(new.planned_start),
        planned_end: Set(new.planned_end),
        actual_start: Set(new.actual_start),
        actual_end: Set(new.actual_end),
        money_type: Set(new.money_type.code().to_string()),
        aid_type: Set(new.aid_type.clone()),
        finance_type: Set(new.finance_type.clone()),
        earmarking: Set(new.earmarking.clone()),
        channel: Set(new.channel.code().to_string()),
        default_currency: Set(new.default_currency.clone()),
        on_plan: Set(s.on_plan),
        on_budget: Set(s.on_budget),
        on_treasury: Set(s.on_treasury),
        on_parliament: Set(s.on_parliament),
        on_procurement: Set(s.on_procurement),
        on_accounting: Set(s.on_accounting),
        on_audit: Set(s.on_audit),
        on_report: Set(s.on_report),
        published: Set(new.published),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (organisation_id, role) in &new.participants {
        activity_participant::ActiveModel {
            activity_id: Set(model.id),
            organisation_id: Set(*organisation_id),
            role: Set(role.number()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for share in &new.sectors {
        activity_sector::ActiveModel {
            activity_id: Set(model.id),
            sector_code: Set(share.code.clone()),
            share_bp: Set(percent_to_bp(share.percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for share in &new.priorities {
        activity_priority::ActiveModel {
            activity_id: Set(model.id),
            priority_code: Set(share.code.clone()),
            share_bp: Set(percent_to_bp(share.percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for (line_id, percent) in &new.budget_lines {
        activity_budget_line::ActiveModel {
            activity_id: Set(model.id),
            budget_line_id: Set(*line_id),
            share_bp: Set(percent_to_bp(*percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        author,
        Some(country_id),
        "activity",
        model.id,
        Change::Create,
        None,
        Some(&new),
    )
    .await?;
    let created = load_many(&txn, &facts, vec![model]).await?;
    txn.commit().await?;
    created
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("created activity did not load"))
}

/// An activity's row, with the country it belongs to.
pub async fn get_model(db: &impl ConnectionTrait, id: i32) -> Result<activity::Model, AppError> {
    activity::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("activity {id}")))
}

/// Adds a transaction to an activity.
#[tracing::instrument(skip(db))]
pub async fn add_transaction(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewTransaction,
) -> Result<Transaction, AppError> {
    let txn = db.begin().await?;
    let activity = get_model(&txn, activity_id).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let errors = check_transaction(&facts, &new, "");
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let model = insert_transaction(&txn, &facts, &activity, new).await?;
    let added = transaction_to_wire(&facts, model)?;
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        "transaction",
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(added)
}

async fn touch(db: &impl ConnectionTrait, activity: activity::Model) -> Result<(), AppError> {
    let mut model: activity::ActiveModel = activity.into();
    model.updated_at = Set(Utc::now());
    model.update(db).await?;
    Ok(())
}

/// Adds a planned disbursement to an activity; a period that spans country
/// fiscal years is split between them in proportion to its days.
#[tracing::instrument(skip(db))]
pub async fn add_planned_disbursement(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    new: NewPlannedDisbursement,
) -> Result<Vec<PlannedDisbursement>, AppError> {
    let txn = db.begin().await?;
    let activity = get_model(&txn, activity_id).await?;
    let facts = CountryFacts::load(&txn, activity.country_id).await?;
    let mut errors = Vec::new();
    let amount_minor = match to_minor(new.amount) {
        Some(_) if new.amount > Decimal::from(MAX_AMOUNT) => {
            errors.push(FieldError::new("planned_amount", too_large()));
            0
        }
        Some(minor) if minor > 0 => minor,
        _ => {
            errors.push(FieldError::new(
                "planned_amount",
                "must be greater than zero, with two decimals at most",
            ));
            0
        }
    };
    if new.period_end < new.period_start {
        errors.push(FieldError::new(
            "period_end",
            "must not be before the period starts",
        ));
    }
    let currency = match new.currency.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => match Currency::check("planned_currency", code) {
            Ok(currency) => currency.into(),
            Err(error) => {
                errors.push(error);
                String::new()
            }
        },
        _ => activity.default_currency.clone(),
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // A period over two country fiscal years is kept as one row per year,
    // its amount shared by days.
    let mut added = Vec::new();
    for part in split_by_fiscal_year(
        new.period_start,
        new.period_end,
        amount_minor,
        facts.fiscal_year_start_month,
    ) {
        let model = planned_disbursement::ActiveModel {
            activity_id: Set(activity.id),
            period_start: Set(part.first_day),
            period_end: Set(part.last_day),
            amount_minor: Set(part.amount_minor),
            currency: Set(currency.clone()),
            fiscal_year: Set(part.fiscal_year.start_year),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        added.push(planned_to_wire(model));
    }
    audit::record(
        &txn,
        author,
        Some(activity.country_id),
        "planned_disbursement",
        activity.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    touch(&txn, activity).await?;
    txn.commit().await?;
    Ok(added)
}
