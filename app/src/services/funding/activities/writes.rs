//! Writes of activities (their flows: `flows.rs`): each one
//! database transaction with its audit entry.

use crate::i18n::td_string;
use entities::{
    activity, activity_budget_line, activity_participant, activity_priority, activity_sector,
    transaction,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::types::money::to_minor;
use crate::types::{Activity, Currency, NewActivity, NewTransaction};

use super::checks::*;
use super::reads::load_many;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::funding::cells;
use crate::services::locks;

/// Inserts a checked transaction.
pub async fn insert_transaction(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    activity: &activity::Model,
    new: NewTransaction,
) -> Result<transaction::Model, AppError> {
    let amount_minor = to_minor(new.amount).ok_or_else(|| {
        AppError::invalid(
            "amount",
            td_string!(crate::language::current(), rules.two_decimals),
        )
    })?;
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
        .filter(activity::Column::PendingFor.is_null())
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
    let txn = crate::services::locks::begin(db).await?;
    let facts = CountryFacts::load(&txn, country_id).await?;
    let new = validate(&facts, new)?;
    if let Some(identifier) = &new.iati_identifier
        && identifier_taken(&txn, country_id, identifier).await?
    {
        return Err(AppError::invalid(
            "iati_identifier",
            td_string!(
                crate::language::current(),
                rules.activity_id_taken,
                id = format!("{identifier:?}")
            )
            .to_string(),
        ));
    }
    let state = super::pending::initial_state(&txn, author, country_id).await?;
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
        updated_at: Set(crate::services::now()),
        validation: Set(state.code().to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_lists(&txn, model.id, &new).await?;
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
    cells::refresh(&txn, country_id, &[model.id]).await?;
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
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_activity, id).to_string(),
            )
        })
}

/// Moves an activity from `version` to the next as the transaction's first
/// write, which also holds the row until the transaction ends: a form
/// opened at an older version is refused as stale.
async fn next_version(
    db: &impl ConnectionTrait,
    activity_id: i32,
    version: i32,
) -> Result<activity::Model, AppError> {
    let moved = activity::Entity::update_many()
        .col_expr(
            activity::Column::Version,
            Expr::col(activity::Column::Version).add(1),
        )
        .col_expr(
            activity::Column::UpdatedAt,
            Expr::value(crate::services::now()),
        )
        .filter(activity::Column::Id.eq(activity_id))
        .filter(activity::Column::Version.eq(version))
        .exec(db)
        .await?;
    let row = get_model(db, activity_id).await?;
    if moved.rows_affected == 1 {
        Ok(row)
    } else {
        Err(crate::services::versions::stale(
            db,
            td_string!(crate::language::current(), rules.the_activity),
            ("activity", activity_id),
        )
        .await)
    }
}

/// The activity as read back, for the audit trail.
async fn wire(
    db: &impl ConnectionTrait,
    facts: &CountryFacts,
    row: activity::Model,
) -> Result<Activity, AppError> {
    load_many(db, facts, vec![row])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("an activity did not load"))
}

/// Corrects every field of an activity, which was at `version` when the
/// form opened; its lists (participants, sectors, priorities, budget lines)
/// are replaced. It stays its reporting organisation's. Where the change
/// waits for validation, it is written to the activity's waiting change.
#[tracing::instrument(skip(db, new))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    version: i32,
    new: NewActivity,
) -> Result<Activity, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    locks::activity(&txn, activity_id).await?;
    let target =
        super::pending::writable(&txn, author, get_model(&txn, activity_id).await?).await?;
    let activity_id = target.id;
    let row = next_version(&txn, activity_id, version).await?;
    let facts = CountryFacts::load(&txn, row.country_id).await?;
    let new = validate(
        &facts,
        NewActivity {
            reporting_org_id: row.reporting_org_id,
            ..new
        },
    )?;
    if let Some(identifier) = &new.iati_identifier
        && row.iati_identifier.as_ref() != Some(identifier)
        && identifier_taken(&txn, row.country_id, identifier).await?
    {
        return Err(AppError::invalid(
            "iati_identifier",
            td_string!(
                crate::language::current(),
                rules.activity_id_taken,
                id = format!("{identifier:?}")
            )
            .to_string(),
        ));
    }
    let before = wire(&txn, &facts, row.clone()).await?;
    let s = new.systems;
    let mut model: activity::ActiveModel = row.into();
    model.iati_identifier = Set(new.iati_identifier.clone());
    model.title = Set(new.title.clone());
    model.description = Set(new.description.clone());
    model.status = Set(new.status.number());
    model.planned_start = Set(new.planned_start);
    model.planned_end = Set(new.planned_end);
    model.actual_start = Set(new.actual_start);
    model.actual_end = Set(new.actual_end);
    model.money_type = Set(new.money_type.code().to_string());
    model.aid_type = Set(new.aid_type.clone());
    model.finance_type = Set(new.finance_type.clone());
    model.earmarking = Set(new.earmarking.clone());
    model.channel = Set(new.channel.code().to_string());
    model.default_currency = Set(new.default_currency.clone());
    model.on_plan = Set(s.on_plan);
    model.on_budget = Set(s.on_budget);
    model.on_treasury = Set(s.on_treasury);
    model.on_parliament = Set(s.on_parliament);
    model.on_procurement = Set(s.on_procurement);
    model.on_accounting = Set(s.on_accounting);
    model.on_audit = Set(s.on_audit);
    model.on_report = Set(s.on_report);
    model.published = Set(new.published);
    let row = model.update(&txn).await?;
    write_lists(&txn, activity_id, &new).await?;
    let after = wire(&txn, &facts, row).await?;
    audit::record(
        &txn,
        author,
        Some(facts.country_id),
        "activity",
        activity_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    cells::refresh(&txn, facts.country_id, &[activity_id]).await?;
    txn.commit().await?;
    Ok(after)
}

/// Withdraws a published activity: it stops counting everywhere and
/// becomes a draft again; the audit trail keeps what it was.
#[tracing::instrument(skip(db))]
pub async fn withdraw(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    version: i32,
) -> Result<Activity, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let row = next_version(&txn, activity_id, version).await?;
    if row.pending_for.is_some() {
        return Err(AppError::invalid(
            "activity_id",
            td_string!(crate::language::current(), rules.pending_discarded),
        ));
    }
    if !row.published {
        return Err(AppError::invalid(
            "published",
            td_string!(crate::language::current(), rules.activity_not_published),
        ));
    }
    let facts = CountryFacts::load(&txn, row.country_id).await?;
    let before = wire(&txn, &facts, row.clone()).await?;
    if let Some(change) = super::pending::change_for(&txn, activity_id).await? {
        super::pending::delete_with_rows(&txn, change.id).await?;
    }
    let mut model: activity::ActiveModel = row.into();
    model.published = Set(false);
    let after = wire(&txn, &facts, model.update(&txn).await?).await?;
    audit::record(
        &txn,
        author,
        Some(facts.country_id),
        "activity",
        activity_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    cells::refresh(&txn, facts.country_id, &[activity_id]).await?;
    txn.commit().await?;
    Ok(after)
}

/// Deletes a draft with its flows, or discards a change waiting for
/// validation; the audit trail keeps the activity as it was. A published
/// activity is withdrawn first.
#[tracing::instrument(skip(db))]
pub async fn delete(
    db: &impl TransactionTrait,
    author: &Author,
    activity_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let row = next_version(&txn, activity_id, version).await?;
    if row.published && row.pending_for.is_none() {
        return Err(AppError::invalid(
            "published",
            td_string!(crate::language::current(), rules.withdraw_first),
        ));
    }
    let facts = CountryFacts::load(&txn, row.country_id).await?;
    let before = wire(&txn, &facts, row).await?;
    if let Some(change) = super::pending::change_for(&txn, activity_id).await? {
        super::pending::delete_with_rows(&txn, change.id).await?;
    }
    super::pending::delete_with_rows(&txn, activity_id).await?;
    audit::record(
        &txn,
        author,
        Some(facts.country_id),
        "activity",
        activity_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    cells::refresh(&txn, facts.country_id, &[activity_id]).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes an activity's participants, sectors, priorities and budget lines.
async fn clear_lists(db: &impl ConnectionTrait, activity_id: i32) -> Result<(), AppError> {
    activity_participant::Entity::delete_many()
        .filter(activity_participant::Column::ActivityId.eq(activity_id))
        .exec(db)
        .await?;
    activity_sector::Entity::delete_many()
        .filter(activity_sector::Column::ActivityId.eq(activity_id))
        .exec(db)
        .await?;
    activity_priority::Entity::delete_many()
        .filter(activity_priority::Column::ActivityId.eq(activity_id))
        .exec(db)
        .await?;
    activity_budget_line::Entity::delete_many()
        .filter(activity_budget_line::Column::ActivityId.eq(activity_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Writes an activity's participants, sectors, priorities and budget
/// lines, in place of any it had.
async fn write_lists(
    db: &impl ConnectionTrait,
    activity_id: i32,
    new: &NewActivity,
) -> Result<(), AppError> {
    clear_lists(db, activity_id).await?;
    for (organisation_id, role) in &new.participants {
        activity_participant::ActiveModel {
            activity_id: Set(activity_id),
            organisation_id: Set(*organisation_id),
            role: Set(role.number()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for share in &new.sectors {
        activity_sector::ActiveModel {
            activity_id: Set(activity_id),
            sector_code: Set(share.code.clone()),
            share_bp: Set(percent_to_bp(share.percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for share in &new.priorities {
        activity_priority::ActiveModel {
            activity_id: Set(activity_id),
            priority_code: Set(share.code.clone()),
            share_bp: Set(percent_to_bp(share.percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (line_id, percent) in &new.budget_lines {
        activity_budget_line::ActiveModel {
            activity_id: Set(activity_id),
            budget_line_id: Set(*line_id),
            share_bp: Set(percent_to_bp(*percent).unwrap_or_default()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
