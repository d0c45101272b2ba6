//! The database side of an import: an activity's rows, its flows, and the
//! values the import wrote, which the next import compares against.

use std::collections::HashMap;

use entities::{
    activity, activity_budget_line, activity_participant, activity_sector, iati_imported_value,
    planned_disbursement, transaction,
};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Set,
};

use crate::AppError;
use crate::services::funding::activities::CountryFacts;
use crate::services::funding::rates::RateTable;
use crate::types::money::{from_minor, to_minor};
use crate::types::{
    ActivityStatus, Channel, CountrySystems, MoneyType, NewPlannedDisbursement, NewTransaction,
    ParticipantRole, Share, Validation, split_by_fiscal_year,
};

use super::fields::Fields;

/// Rows per multi-row INSERT, well under both databases' parameter limits.
const CHUNK: usize = 400;

fn bp(percent: Decimal) -> i32 {
    to_minor(percent)
        .and_then(|v| i32::try_from(v).ok())
        .unwrap_or_default()
}

/// A transaction row as text, to tell whether it changed since import.
pub fn transaction_print(t: &transaction::Model) -> String {
    let id = |x: Option<i32>| x.map(|id| id.to_string()).unwrap_or_default();
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}|{}",
        t.kind,
        t.transaction_date,
        t.value_date,
        from_minor(t.amount_minor),
        t.currency,
        id(t.provider_org_id),
        id(t.receiver_org_id),
        id(t.provider_activity_id),
        t.description,
    )
}

pub fn planned_print(p: &planned_disbursement::Model) -> String {
    format!(
        "{}|{}|{}|{}",
        p.period_start,
        p.period_end,
        from_minor(p.amount_minor),
        p.currency
    )
}

/// The rows of the file's transactions, not yet inserted, their amounts
/// converted with `rates`.
pub fn transaction_rows(
    facts: &CountryFacts,
    rates: &RateTable,
    activity_id: i32,
    default_currency: &str,
    transactions: &[(usize, NewTransaction)],
) -> Result<Vec<(usize, transaction::Model)>, AppError> {
    let mut rows = Vec::with_capacity(transactions.len());
    for (i, t) in transactions {
        let Some(amount_minor) = to_minor(t.amount) else {
            continue;
        };
        let currency = t
            .currency
            .as_deref()
            .unwrap_or(default_currency)
            .to_string();
        let value_date = t.value_date.unwrap_or(t.transaction_date);
        let converted = rates.convert(&currency, value_date, amount_minor)?;
        rows.push((
            *i,
            transaction::Model {
                id: 0,
                country_id: facts.country_id,
                activity_id,
                kind: t.kind.number(),
                transaction_date: t.transaction_date,
                value_date,
                amount_minor,
                currency,
                fiscal_year: facts.fiscal_year(t.transaction_date),
                provider_org_id: t.provider_org_id,
                receiver_org_id: t.receiver_org_id,
                provider_activity_id: t.provider_activity_id,
                description: t.description.clone(),
                on_budget: None,
                on_treasury: None,
                on_procurement: None,
                on_accounting: None,
                on_audit: None,
                on_report: None,
                converted_minor: converted.map(|(c, _)| c),
                rate_date: converted.map(|(_, d)| d),
                version: 1,
                replaces_id: None,
            },
        ));
    }
    Ok(rows)
}

/// The rows of the file's planned disbursements, one per country fiscal
/// year a period spans.
pub fn planned_rows(
    facts: &CountryFacts,
    rates: &RateTable,
    activity_id: i32,
    default_currency: &str,
    planned: &[NewPlannedDisbursement],
) -> Result<Vec<planned_disbursement::Model>, AppError> {
    let mut rows = Vec::new();
    for p in planned {
        let Some(minor) = to_minor(p.amount) else {
            continue;
        };
        for part in split_by_fiscal_year(
            p.period_start,
            p.period_end,
            minor,
            facts.fiscal_year_start_month,
        ) {
            let currency = p
                .currency
                .as_deref()
                .unwrap_or(default_currency)
                .to_string();
            let converted = rates.convert(&currency, part.first_day, part.amount_minor)?;
            rows.push(planned_disbursement::Model {
                id: 0,
                activity_id,
                period_start: part.first_day,
                period_end: part.last_day,
                amount_minor: part.amount_minor,
                currency,
                fiscal_year: part.fiscal_year.start_year,
                converted_minor: converted.map(|(c, _)| c),
                rate_date: converted.map(|(_, d)| d),
                version: 1,
                replaces_id: None,
            });
        }
    }
    Ok(rows)
}

pub async fn insert_transactions(
    db: &DatabaseTransaction,
    rows: Vec<transaction::Model>,
) -> Result<(), AppError> {
    let mut rows = rows
        .into_iter()
        .map(|m| transaction::ActiveModel {
            id: NotSet,
            ..m.into()
        })
        .peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(CHUNK).collect();
        transaction::Entity::insert_many(chunk).exec(db).await?;
    }
    Ok(())
}

pub async fn insert_planned(
    db: &DatabaseTransaction,
    rows: Vec<planned_disbursement::Model>,
) -> Result<(), AppError> {
    let mut rows = rows
        .into_iter()
        .map(|m| planned_disbursement::ActiveModel {
            id: NotSet,
            ..m.into()
        })
        .peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(CHUNK).collect();
        planned_disbursement::Entity::insert_many(chunk)
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Sets the activity's row from `fields`: the `existing` row, or a new one
/// in the given validation state.
pub async fn save_activity(
    db: &DatabaseTransaction,
    country_id: i32,
    reporting_org_id: i32,
    identifier: &str,
    fields: &Fields,
    existing: Result<activity::Model, Validation>,
) -> Result<activity::Model, AppError> {
    let update = existing.is_ok();
    let mut model = match existing {
        Ok(m) => {
            let version = m.version.saturating_add(1);
            let mut model: activity::ActiveModel = m.into();
            model.version = Set(version);
            model
        }
        Err(state) => activity::ActiveModel {
            validation: Set(state.code().to_string()),
            country_id: Set(country_id),
            reporting_org_id: Set(reporting_org_id),
            iati_identifier: Set(Some(identifier.to_string())),
            published: Set(true),
            ..Default::default()
        },
    };
    model.title = Set(fields.title.clone());
    model.description = Set(fields.description.clone());
    model.status = Set(fields.status.number());
    model.planned_start = Set(fields.planned_start);
    model.planned_end = Set(fields.planned_end);
    model.actual_start = Set(fields.actual_start);
    model.actual_end = Set(fields.actual_end);
    model.money_type = Set(fields.money_type.code().to_string());
    model.aid_type = Set(fields.aid_type.clone());
    model.finance_type = Set(fields.finance_type.clone());
    model.channel = Set(fields.channel.code().to_string());
    model.default_currency = Set(fields.default_currency.clone());
    let s = fields.systems;
    model.on_plan = Set(s.on_plan);
    model.on_budget = Set(s.on_budget);
    model.on_treasury = Set(s.on_treasury);
    model.on_parliament = Set(s.on_parliament);
    model.on_procurement = Set(s.on_procurement);
    model.on_accounting = Set(s.on_accounting);
    model.on_audit = Set(s.on_audit);
    model.on_report = Set(s.on_report);
    model.updated_at = Set(crate::services::now());
    Ok(if update {
        model.update(db).await?
    } else {
        model.insert(db).await?
    })
}

/// Replaces the activity's participants, sectors and budget lines.
pub async fn save_lists(
    db: &DatabaseTransaction,
    activity_id: i32,
    fields: &Fields,
    replace: bool,
) -> Result<(), AppError> {
    if replace {
        activity_participant::Entity::delete_many()
            .filter(activity_participant::Column::ActivityId.eq(activity_id))
            .exec(db)
            .await?;
        activity_sector::Entity::delete_many()
            .filter(activity_sector::Column::ActivityId.eq(activity_id))
            .exec(db)
            .await?;
        activity_budget_line::Entity::delete_many()
            .filter(activity_budget_line::Column::ActivityId.eq(activity_id))
            .exec(db)
            .await?;
    }
    if !fields.participants.is_empty() {
        activity_participant::Entity::insert_many(fields.participants.iter().map(|(org, role)| {
            activity_participant::ActiveModel {
                activity_id: Set(activity_id),
                organisation_id: Set(*org),
                role: Set(role.number()),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    if !fields.sectors.is_empty() {
        activity_sector::Entity::insert_many(fields.sectors.iter().map(|s| {
            activity_sector::ActiveModel {
                activity_id: Set(activity_id),
                sector_code: Set(s.code.clone()),
                share_bp: Set(bp(s.percent)),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    if !fields.budget_lines.is_empty() {
        activity_budget_line::Entity::insert_many(fields.budget_lines.iter().map(|(id, p)| {
            activity_budget_line::ActiveModel {
                activity_id: Set(activity_id),
                budget_line_id: Set(*id),
                share_bp: Set(bp(*p)),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The activity's fields as they are in the app now.
pub async fn local_fields(
    db: &DatabaseTransaction,
    model: &activity::Model,
) -> Result<Fields, AppError> {
    let bad = |what: &str| AppError::internal(format!("activity {} has bad {what}", model.id));
    let participants = activity_participant::Entity::find()
        .filter(activity_participant::Column::ActivityId.eq(model.id))
        .order_by_asc(activity_participant::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.organisation_id, ParticipantRole::from_number(p.role)?)))
        .collect();
    let sectors = activity_sector::Entity::find()
        .filter(activity_sector::Column::ActivityId.eq(model.id))
        .order_by_asc(activity_sector::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| Share {
            code: s.sector_code,
            percent: from_minor(i64::from(s.share_bp)).normalize(),
        })
        .collect();
    let budget_lines = activity_budget_line::Entity::find()
        .filter(activity_budget_line::Column::ActivityId.eq(model.id))
        .order_by_asc(activity_budget_line::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| {
            (
                l.budget_line_id,
                from_minor(i64::from(l.share_bp)).normalize(),
            )
        })
        .collect();
    Ok(Fields {
        title: model.title.clone(),
        description: model.description.clone(),
        status: ActivityStatus::from_number(model.status).ok_or_else(|| bad("status"))?,
        planned_start: model.planned_start,
        planned_end: model.planned_end,
        actual_start: model.actual_start,
        actual_end: model.actual_end,
        money_type: MoneyType::from_code(&model.money_type).ok_or_else(|| bad("money type"))?,
        aid_type: model.aid_type.clone(),
        finance_type: model.finance_type.clone(),
        channel: Channel::from_code(&model.channel).ok_or_else(|| bad("channel"))?,
        default_currency: model.default_currency.clone(),
        participants,
        sectors,
        budget_lines,
        systems: CountrySystems {
            on_plan: model.on_plan,
            on_budget: model.on_budget,
            on_treasury: model.on_treasury,
            on_parliament: model.on_parliament,
            on_procurement: model.on_procurement,
            on_accounting: model.on_accounting,
            on_audit: model.on_audit,
            on_report: model.on_report,
        },
    })
}

/// The values the last import wrote, by field.
pub async fn imported_values(
    db: &DatabaseTransaction,
    activity_id: i32,
) -> Result<HashMap<String, String>, AppError> {
    Ok(iati_imported_value::Entity::find()
        .filter(iati_imported_value::Column::ActivityId.eq(activity_id))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.field, v.value))
        .collect())
}

/// Remembers what this import wrote, in place of what the last one did.
pub async fn remember(
    db: &DatabaseTransaction,
    activity_id: i32,
    values: Vec<(String, String)>,
    replace: bool,
) -> Result<(), AppError> {
    if replace {
        iati_imported_value::Entity::delete_many()
            .filter(iati_imported_value::Column::ActivityId.eq(activity_id))
            .exec(db)
            .await?;
    }
    iati_imported_value::Entity::insert_many(values.into_iter().map(|(field, value)| {
        iati_imported_value::ActiveModel {
            activity_id: Set(activity_id),
            field: Set(field),
            value: Set(value),
            ..Default::default()
        }
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// The activity's transactions now, with their text form.
pub async fn current_transactions(
    db: &DatabaseTransaction,
    activity_id: i32,
) -> Result<Vec<(i32, String)>, AppError> {
    Ok(transaction::Entity::find()
        .filter(transaction::Column::ActivityId.eq(activity_id))
        .order_by_asc(transaction::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, transaction_print(&t)))
        .collect())
}

pub async fn current_planned(
    db: &DatabaseTransaction,
    activity_id: i32,
) -> Result<Vec<(i32, String)>, AppError> {
    Ok(planned_disbursement::Entity::find()
        .filter(planned_disbursement::Column::ActivityId.eq(activity_id))
        .order_by_asc(planned_disbursement::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, planned_print(&p)))
        .collect())
}

/// The transactions of `ids`, as they are before the import removes them.
pub async fn transactions_by_id(
    db: &DatabaseTransaction,
    ids: &[i32],
) -> Result<Vec<transaction::Model>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(transaction::Entity::find()
        .filter(transaction::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(transaction::Column::Id)
        .all(db)
        .await?)
}

/// The planned disbursements of `ids`, before the import removes them.
pub async fn planned_by_id(
    db: &DatabaseTransaction,
    ids: &[i32],
) -> Result<Vec<planned_disbursement::Model>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(planned_disbursement::Entity::find()
        .filter(planned_disbursement::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(planned_disbursement::Column::Id)
        .all(db)
        .await?)
}

pub async fn delete_transactions(db: &DatabaseTransaction, ids: Vec<i32>) -> Result<(), AppError> {
    if !ids.is_empty() {
        transaction::Entity::delete_many()
            .filter(transaction::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn delete_planned(db: &DatabaseTransaction, ids: Vec<i32>) -> Result<(), AppError> {
    if !ids.is_empty() {
        planned_disbursement::Entity::delete_many()
            .filter(planned_disbursement::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }
    Ok(())
}
