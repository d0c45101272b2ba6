//! Activities with their flows as the pages and the API read them.

use std::collections::HashMap;

use entities::{
    activity, activity_budget_line, activity_participant, activity_priority, activity_sector,
    planned_disbursement, transaction,
};
use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

use crate::AppError;
use crate::types::money::from_minor;
use crate::types::{
    Activity, ActivityStatus, Channel, CountrySystems, MoneyType, OrganisationRef, Page,
    ParticipantRole, PlannedDisbursement, Share, SystemOverrides, Transaction, TransactionKind,
    Validation,
};

use super::checks::*;
use crate::types::Currency;

pub fn planned_to_wire(model: planned_disbursement::Model) -> PlannedDisbursement {
    PlannedDisbursement {
        id: model.id,
        period_start: model.period_start,
        period_end: model.period_end,
        amount: from_minor(model.amount_minor),
        currency: Currency::stored(model.currency),
        fiscal_year: model.fiscal_year,
        version: model.version,
        replaces: model.replaces_id,
    }
}

pub fn transaction_to_wire(
    facts: &CountryFacts,
    model: transaction::Model,
) -> Result<Transaction, AppError> {
    let kind = TransactionKind::from_number(model.kind).ok_or_else(|| {
        AppError::internal(format!("transaction {} has kind {}", model.id, model.kind))
    })?;
    Ok(Transaction {
        id: model.id,
        activity_id: model.activity_id,
        kind,
        transaction_date: model.transaction_date,
        value_date: model.value_date,
        amount: from_minor(model.amount_minor),
        currency: Currency::stored(model.currency),
        fiscal_year: model.fiscal_year,
        provider: model.provider_org_id.map(|id| facts.organisation_ref(id)),
        receiver: model.receiver_org_id.map(|id| facts.organisation_ref(id)),
        provider_activity_id: model.provider_activity_id,
        description: model.description,
        overrides: SystemOverrides {
            on_budget: model.on_budget,
            on_treasury: model.on_treasury,
            on_procurement: model.on_procurement,
            on_accounting: model.on_accounting,
            on_audit: model.on_audit,
            on_report: model.on_report,
        },
        version: model.version,
        replaces: model.replaces_id,
    })
}

/// Activities with everything that hangs off them, in a few queries
/// whatever their number.
pub(super) async fn load_many(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    models: Vec<activity::Model>,
) -> Result<Vec<Activity>, AppError> {
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut participants: HashMap<i32, Vec<(OrganisationRef, ParticipantRole)>> = HashMap::new();
    for p in activity_participant::Entity::find()
        .filter(activity_participant::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_participant::Column::Id)
        .all(db)
        .await?
    {
        if let Some(role) = ParticipantRole::from_number(p.role) {
            participants
                .entry(p.activity_id)
                .or_default()
                .push((facts.organisation_ref(p.organisation_id), role));
        }
    }
    let mut sectors: HashMap<i32, Vec<Share>> = HashMap::new();
    for s in activity_sector::Entity::find()
        .filter(activity_sector::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_sector::Column::Id)
        .all(db)
        .await?
    {
        sectors.entry(s.activity_id).or_default().push(Share {
            code: s.sector_code,
            percent: bp_to_percent(s.share_bp),
        });
    }
    let mut priorities: HashMap<i32, Vec<Share>> = HashMap::new();
    for s in activity_priority::Entity::find()
        .filter(activity_priority::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_priority::Column::Id)
        .all(db)
        .await?
    {
        priorities.entry(s.activity_id).or_default().push(Share {
            code: s.priority_code,
            percent: bp_to_percent(s.share_bp),
        });
    }
    let mut lines: HashMap<i32, Vec<(String, String, Decimal)>> = HashMap::new();
    for l in activity_budget_line::Entity::find()
        .filter(activity_budget_line::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(activity_budget_line::Column::Id)
        .all(db)
        .await?
    {
        let (code, name) = facts
            .budget_lines
            .get(&l.budget_line_id)
            .cloned()
            .unwrap_or_default();
        lines
            .entry(l.activity_id)
            .or_default()
            .push((code, name, bp_to_percent(l.share_bp)));
    }
    let mut transactions: HashMap<i32, Vec<Transaction>> = HashMap::new();
    for t in transaction::Entity::find()
        .filter(transaction::Column::ActivityId.is_in(ids.clone()))
        .order_by_asc(transaction::Column::TransactionDate)
        .order_by_asc(transaction::Column::Id)
        .all(db)
        .await?
    {
        transactions
            .entry(t.activity_id)
            .or_default()
            .push(transaction_to_wire(facts, t)?);
    }
    let mut planned: HashMap<i32, Vec<PlannedDisbursement>> = HashMap::new();
    for p in planned_disbursement::Entity::find()
        .filter(planned_disbursement::Column::ActivityId.is_in(ids))
        .order_by_asc(planned_disbursement::Column::PeriodStart)
        .all(db)
        .await?
    {
        planned
            .entry(p.activity_id)
            .or_default()
            .push(planned_to_wire(p));
    }
    models
        .into_iter()
        .map(|m| {
            let bad = |what: &str| AppError::internal(format!("activity {} has bad {what}", m.id));
            Ok(Activity {
                id: m.id,
                reporting_org: facts.organisation_ref(m.reporting_org_id),
                status: ActivityStatus::from_number(m.status).ok_or_else(|| bad("status"))?,
                money_type: MoneyType::from_code(&m.money_type).ok_or_else(|| bad("money type"))?,
                channel: Channel::from_code(&m.channel).ok_or_else(|| bad("channel"))?,
                systems: CountrySystems {
                    on_plan: m.on_plan,
                    on_budget: m.on_budget,
                    on_treasury: m.on_treasury,
                    on_parliament: m.on_parliament,
                    on_procurement: m.on_procurement,
                    on_accounting: m.on_accounting,
                    on_audit: m.on_audit,
                    on_report: m.on_report,
                },
                participants: participants.remove(&m.id).unwrap_or_default(),
                sectors: sectors.remove(&m.id).unwrap_or_default(),
                priorities: priorities.remove(&m.id).unwrap_or_default(),
                budget_lines: lines.remove(&m.id).unwrap_or_default(),
                transactions: transactions.remove(&m.id).unwrap_or_default(),
                planned_disbursements: planned.remove(&m.id).unwrap_or_default(),
                iati_identifier: m.iati_identifier,
                title: m.title,
                description: m.description,
                planned_start: m.planned_start,
                planned_end: m.planned_end,
                actual_start: m.actual_start,
                actual_end: m.actual_end,
                aid_type: m.aid_type,
                finance_type: m.finance_type,
                earmarking: m.earmarking,
                default_currency: Currency::stored(m.default_currency),
                published: m.published,
                version: m.version,
                validation: Validation::from_code(&m.validation)
                    .ok_or_else(|| bad("validation state"))?,
                return_reason: m.return_reason,
                change_of: m.pending_for,
            })
        })
        .collect()
}

/// The activities that count in totals, indicators, public pages and
/// exports: published and validated. (A change waiting for validation is
/// never validated: its activity counts as it was.)
pub fn counted() -> Condition {
    Condition::all()
        .add(activity::Column::Published.eq(true))
        .add(activity::Column::Validation.eq(Validation::Validated.code()))
}

/// One organisation's activities in a country, published or not, as its
/// reporters work on them: an activity with a change waiting for
/// validation appears as the change.
pub async fn of_organisation(
    db: &impl ConnectionTrait,
    country_id: i32,
    organisation_id: i32,
) -> Result<Vec<Activity>, AppError> {
    let facts = CountryFacts::load(db, country_id).await?;
    let models = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::ReportingOrgId.eq(organisation_id))
        .order_by_asc(activity::Column::Title)
        .order_by_asc(activity::Column::Id)
        .all(db)
        .await?;
    let changed: Vec<i32> = models.iter().filter_map(|m| m.pending_for).collect();
    let models = models
        .into_iter()
        .filter(|m| !changed.contains(&m.id))
        .collect();
    load_many(db, &facts, models).await
}

/// A country's published activities with their flows (the public API).
pub async fn published(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<Activity>, AppError> {
    let facts = CountryFacts::load(db, country_id).await?;
    let mut all = Vec::new();
    let mut after = 0;
    while let Some((page, last)) = published_after(db, &facts, after, Page::MAX_SIZE).await? {
        all.extend(page);
        after = last;
    }
    Ok(all)
}

/// Up to `size` published activities with ids above `after`, in id order,
/// and the last id among them; `None` past the end. Each read names at most
/// a page's ids, however many activities a country has.
pub async fn published_after(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    after: i32,
    size: u64,
) -> Result<Option<(Vec<Activity>, i32)>, AppError> {
    let models = published_in(facts.country_id)
        .filter(activity::Column::Id.gt(after))
        .order_by_asc(activity::Column::Id)
        .limit(size)
        .all(db)
        .await?;
    let Some(last) = models.last().map(|m| m.id) else {
        return Ok(None);
    };
    Ok(Some((load_many(db, facts, models).await?, last)))
}

/// One page of the country's published activities, by reporter, title and
/// id, and how many are published in all.
pub async fn published_page(
    db: &impl ConnectionTrait,
    country_id: i32,
    page: Page,
) -> Result<(Vec<Activity>, u64), AppError> {
    let facts = CountryFacts::load(db, country_id).await?;
    let query = published_in(country_id);
    let total = query.clone().count(db).await?;
    let models = query
        .order_by_asc(activity::Column::ReportingOrgId)
        .order_by_asc(activity::Column::Title)
        .order_by_asc(activity::Column::Id)
        .offset(page.number.saturating_sub(1).saturating_mul(page.size))
        .limit(page.size)
        .all(db)
        .await?;
    Ok((load_many(db, &facts, models).await?, total))
}

/// Each published activity's id, IATI identifier and reporter: all an
/// export needs to name the activity a flow came from.
pub async fn published_identifiers(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<(i32, Option<String>, i32)>, AppError> {
    Ok(published_in(country_id)
        .select_only()
        .column(activity::Column::Id)
        .column(activity::Column::IatiIdentifier)
        .column(activity::Column::ReportingOrgId)
        .into_tuple()
        .all(db)
        .await?)
}

fn published_in(country_id: i32) -> Select<activity::Entity> {
    activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(counted())
}

/// An activity's participating organisations with their roles.
pub async fn participants(
    db: &impl ConnectionTrait,
    activity_id: i32,
) -> Result<Vec<(i32, ParticipantRole)>, AppError> {
    Ok(activity_participant::Entity::find()
        .filter(activity_participant::Column::ActivityId.eq(activity_id))
        .order_by_asc(activity_participant::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| ParticipantRole::from_number(p.role).map(|r| (p.organisation_id, r)))
        .collect())
}
