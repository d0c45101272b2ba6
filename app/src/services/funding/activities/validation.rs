//! The government's validation of partners' activities: the queue of what
//! waits, oldest first, with what each would change; validating (one or
//! several at once) and returning with a reason. Each decision is one
//! database transaction with its audit entries.

use crate::i18n::td_string;
use std::collections::HashMap;

use chrono::Utc;
use entities::{activity, country};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionSession,
    TransactionTrait,
};

use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::locks;
use crate::types::{MAX_REASON, Validation, ValidationQueue, Waiting, validation_differences};

use super::checks::CountryFacts;
use super::pending;
use super::reads::load_many;
use super::writes::get_model;

/// The most a planner validates in one go, and the queue's page.
pub const MAX_BATCH: usize = 100;

const VALIDATION: &str = "activity_validation";

/// Waiting for validation: submitted (published) activities never
/// validated, and changes to validated ones.
fn waiting() -> Condition {
    Condition::all()
        .add(activity::Column::Validation.eq(Validation::Awaiting.code()))
        .add(
            Condition::any()
                .add(activity::Column::Published.eq(true))
                .add(activity::Column::PendingFor.is_not_null()),
        )
}

/// The country's queue: the oldest [`MAX_BATCH`] waiting, each with what
/// it would change.
pub async fn queue(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<ValidationQueue, AppError> {
    let validation_required = country::Entity::find_by_id(country_id)
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
        })?
        .validation_required;
    let query = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(waiting());
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(activity::Column::UpdatedAt)
        .order_by_asc(activity::Column::Id)
        .limit(MAX_BATCH as u64)
        .all(db)
        .await?;
    let facts = CountryFacts::load(db, country_id).await?;
    let originals = activity::Entity::find()
        .filter(activity::Column::Id.is_in(rows.iter().filter_map(|r| r.pending_for)))
        .all(db)
        .await?;
    let mut before: HashMap<i32, _> = load_many(db, &facts, originals)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let since: HashMap<i32, _> = rows.iter().map(|r| (r.id, r.updated_at)).collect();
    let proposed = load_many(db, &facts, rows).await?;
    let waiting = proposed
        .into_iter()
        .map(|proposed| {
            let original = proposed.change_of.and_then(|id| before.remove(&id));
            Waiting {
                differences: validation_differences(original.as_ref(), &proposed),
                new: original.is_none(),
                since: since.get(&proposed.id).copied().unwrap_or_else(Utc::now),
                proposed,
            }
        })
        .collect();
    Ok(ValidationQueue {
        waiting,
        total,
        validation_required,
    })
}

/// A waiting activity of the country, locked: the row and, for a change,
/// the validated activity it replaces.
async fn waiting_row(
    db: &impl ConnectionTrait,
    country_id: i32,
    activity_id: i32,
) -> Result<(activity::Model, Option<activity::Model>), AppError> {
    locks::activity(db, activity_id).await?;
    let row = get_model(db, activity_id).await?;
    let is_waiting = row.validation == Validation::Awaiting.code()
        && (row.published || row.pending_for.is_some());
    if row.country_id != country_id {
        return Err(AppError::NotFound(
            td_string!(
                crate::language::current(),
                rules.what_activity,
                id = activity_id
            )
            .to_string(),
        ));
    }
    if !is_waiting {
        return Err(AppError::invalid(
            "activity_ids",
            td_string!(
                crate::language::current(),
                rules.not_waiting,
                id = activity_id
            )
            .to_string(),
        ));
    }
    let original = match row.pending_for {
        Some(id) => {
            locks::activity(db, id).await?;
            Some(get_model(db, id).await?)
        }
        None => None,
    };
    Ok((row, original))
}

/// Validates the given waiting activities, all or none: from now on they
/// count, in their new form for changes. Returns how many.
#[tracing::instrument(skip(db))]
pub async fn validate(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    activity_ids: &[i32],
) -> Result<usize, AppError> {
    if activity_ids.is_empty() {
        return Err(AppError::invalid(
            "activity_ids",
            td_string!(crate::language::current(), rules.choose_activity),
        ));
    }
    if activity_ids.len() > MAX_BATCH {
        return Err(AppError::invalid(
            "activity_ids",
            td_string!(crate::language::current(), rules.batch_max, max = MAX_BATCH).to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let facts = CountryFacts::load(&txn, country_id).await?;
    let mut done = Vec::new();
    let mut written = Vec::new();
    for &id in activity_ids {
        if done.contains(&id) {
            continue;
        }
        let (row, original) = waiting_row(&txn, country_id, id).await?;
        let load = |row| load_many(&txn, &facts, vec![row]);
        let (subject, before, after) = match original {
            Some(original) => {
                let subject = original.id;
                let before = load(original.clone()).await?;
                let merged = pending::merge(&txn, row, original).await?;
                (subject, before, load(merged).await?)
            }
            None => {
                let before = load(row.clone()).await?;
                let mut model = row.into_active_model();
                model.validation = Set(Validation::Validated.code().to_string());
                model.return_reason = Set(None);
                (id, before, load(model.update(&txn).await?).await?)
            }
        };
        audit::record(
            &txn,
            author,
            Some(country_id),
            VALIDATION,
            subject,
            Change::Update,
            before.first(),
            after.first(),
        )
        .await?;
        done.push(id);
        written.extend([id, subject]);
    }
    crate::services::funding::cells::refresh(&txn, country_id, &written).await?;
    txn.commit().await?;
    Ok(done.len())
}

/// Returns a waiting activity to its partner with the reason, which the
/// partner sees; a change returned leaves the validated activity counting.
#[tracing::instrument(skip(db, reason))]
pub async fn send_back(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    activity_id: i32,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            td_string!(crate::language::current(), rules.say_why_returned),
        ));
    }
    if reason.chars().count() > MAX_REASON {
        return Err(AppError::invalid(
            "reason",
            td_string!(crate::language::current(), rules.too_long, max = MAX_REASON).to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let (row, _) = waiting_row(&txn, country_id, activity_id).await?;
    let before = (row.validation.clone(), row.return_reason.clone());
    let mut model = row.into_active_model();
    model.validation = Set(Validation::Returned.code().to_string());
    model.return_reason = Set(Some(reason.to_string()));
    let row = model.update(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        VALIDATION,
        activity_id,
        Change::Update,
        Some(&before),
        Some(&(row.validation, row.return_reason)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Turns the country's validation of partners' data on or off. Turned off,
/// partners' later writes count at once; what already waits still waits.
#[tracing::instrument(skip(db))]
pub async fn set_required(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    required: bool,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let row = country::Entity::find_by_id(country_id)
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
    let before = row.validation_required;
    let mut model = row.into_active_model();
    model.validation_required = Set(required);
    model.update(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        "country_validation",
        country_id,
        Change::Update,
        Some(&before),
        Some(&required),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
