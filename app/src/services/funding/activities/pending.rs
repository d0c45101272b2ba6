//! Changes waiting for the government's validation. Where the country
//! validates partners' data, a partner's write to a validated activity goes
//! to a copy of it (`pending_for`): the activity counts as it was until a
//! planner validates the change, which then takes the copy's place. The
//! copy's flows name the rows they replace, so the activity's rows keep
//! their ids (and the audit trail and IATI memory that refer to them).

use crate::i18n::td_string;
use entities::{
    activity, activity_budget_line, activity_participant, activity_priority, activity_sector,
    country, iati_imported_value, membership, planned_disbursement, transaction,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};

use crate::AppError;
use crate::services::accounts::audit::Author;
use crate::types::{Role, Validation};

/// Rows per multi-row insert (SQLite takes at most 32,766 parameters).
const CHUNK: usize = 500;

/// Whether `author`'s writes in the country count at once: the country
/// does not validate, or the author validates (an administrator, a
/// planner, the command line).
pub async fn counts_at_once(
    db: &impl ConnectionTrait,
    author: &Author,
    country_id: i32,
) -> Result<bool, AppError> {
    let required = country::Entity::find_by_id(country_id)
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
    let Some(user_id) = author.user_id else {
        return Ok(true);
    };
    if !required {
        return Ok(true);
    }
    let role = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::CountryId.eq(country_id))
        .one(db)
        .await?
        .and_then(|m| Role::from_code(&m.role));
    Ok(matches!(role, Some(Role::Admin | Role::Planner)))
}

/// The state a new activity starts in.
pub async fn initial_state(
    db: &impl ConnectionTrait,
    author: &Author,
    country_id: i32,
) -> Result<Validation, AppError> {
    Ok(if counts_at_once(db, author, country_id).await? {
        Validation::Validated
    } else {
        Validation::Awaiting
    })
}

async fn set_state(
    db: &impl ConnectionTrait,
    row: activity::Model,
    state: Validation,
) -> Result<activity::Model, AppError> {
    if row.validation == state.code() && row.return_reason.is_none() {
        return Ok(row);
    }
    let mut model = row.into_active_model();
    model.validation = Set(state.code().to_string());
    model.return_reason = Set(None);
    Ok(model.update(db).await?)
}

/// The row `author`'s change to `row` (locked by the caller) is written
/// to: the activity itself, or the change waiting for validation (made now
/// if there is none), whose state is then "awaiting".
pub async fn writable(
    db: &impl ConnectionTrait,
    author: &Author,
    row: activity::Model,
) -> Result<activity::Model, AppError> {
    let at_once = counts_at_once(db, author, row.country_id).await?;
    if row.pending_for.is_some() {
        return set_state(db, row, Validation::Awaiting).await;
    }
    if at_once {
        return set_state(db, row, Validation::Validated).await;
    }
    if row.validation == Validation::Validated.code() && row.published {
        return change_of(db, &row).await;
    }
    set_state(db, row, Validation::Awaiting).await
}

/// The change waiting for validation of `row`, made as a copy of it if
/// there is none.
async fn change_of(
    db: &impl ConnectionTrait,
    row: &activity::Model,
) -> Result<activity::Model, AppError> {
    if let Some(change) = activity::Entity::find()
        .filter(activity::Column::PendingFor.eq(row.id))
        .one(db)
        .await?
    {
        return set_state(db, change, Validation::Awaiting).await;
    }
    let mut copy = row.clone().into_active_model().reset_all();
    copy.id = NotSet;
    copy.pending_for = Set(Some(row.id));
    copy.validation = Set(Validation::Awaiting.code().to_string());
    copy.return_reason = Set(None);
    let copy = copy.insert(db).await?;
    copy_rows(db, row.id, copy.id).await?;
    Ok(copy)
}

macro_rules! copy_list {
    ($db:expr, $entity:ident, $from:expr, $to:expr) => {{
        let rows: Vec<$entity::ActiveModel> = $entity::Entity::find()
            .filter($entity::Column::ActivityId.eq($from))
            .all($db)
            .await?
            .into_iter()
            .map(|r| {
                let mut m = r.into_active_model().reset_all();
                m.id = NotSet;
                m.activity_id = Set($to);
                m
            })
            .collect();
        for chunk in rows.chunks(CHUNK) {
            $entity::Entity::insert_many(chunk.to_vec())
                .exec_without_returning($db)
                .await?;
        }
    }};
}

macro_rules! copy_flows {
    ($db:expr, $entity:ident, $from:expr, $to:expr) => {{
        let rows: Vec<$entity::ActiveModel> = $entity::Entity::find()
            .filter($entity::Column::ActivityId.eq($from))
            .all($db)
            .await?
            .into_iter()
            .map(|r| {
                let id = r.id;
                let mut m = r.into_active_model().reset_all();
                m.id = NotSet;
                m.activity_id = Set($to);
                m.replaces_id = Set(Some(id));
                m
            })
            .collect();
        for chunk in rows.chunks(CHUNK) {
            $entity::Entity::insert_many(chunk.to_vec())
                .exec_without_returning($db)
                .await?;
        }
    }};
}

/// Copies what hangs off an activity to its change.
async fn copy_rows(db: &impl ConnectionTrait, from: i32, to: i32) -> Result<(), AppError> {
    copy_list!(db, activity_participant, from, to);
    copy_list!(db, activity_sector, from, to);
    copy_list!(db, activity_priority, from, to);
    copy_list!(db, activity_budget_line, from, to);
    copy_list!(db, iati_imported_value, from, to);
    copy_flows!(db, transaction, from, to);
    copy_flows!(db, planned_disbursement, from, to);
    Ok(())
}

/// The row of `change` standing for `row`, a transaction of the validated
/// activity or of the change itself.
pub async fn transaction_in(
    db: &impl ConnectionTrait,
    change: &activity::Model,
    row: transaction::Model,
) -> Result<transaction::Model, AppError> {
    if row.activity_id == change.id {
        return Ok(row);
    }
    transaction::Entity::find()
        .filter(transaction::Column::ActivityId.eq(change.id))
        .filter(transaction::Column::ReplacesId.eq(row.id))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_transaction,
                    id = row.id
                )
                .to_string(),
            )
        })
}

/// The row of `change` standing for `row`, a planned disbursement of the
/// validated activity or of the change itself.
pub async fn planned_in(
    db: &impl ConnectionTrait,
    change: &activity::Model,
    row: planned_disbursement::Model,
) -> Result<planned_disbursement::Model, AppError> {
    if row.activity_id == change.id {
        return Ok(row);
    }
    planned_disbursement::Entity::find()
        .filter(planned_disbursement::Column::ActivityId.eq(change.id))
        .filter(planned_disbursement::Column::ReplacesId.eq(row.id))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_planned, id = row.id).to_string(),
            )
        })
}

macro_rules! move_list {
    ($db:expr, $entity:ident, $from:expr, $to:expr) => {{
        $entity::Entity::delete_many()
            .filter($entity::Column::ActivityId.eq($to))
            .exec($db)
            .await?;
        $entity::Entity::update_many()
            .col_expr($entity::Column::ActivityId, Expr::value($to))
            .filter($entity::Column::ActivityId.eq($from))
            .exec($db)
            .await?;
    }};
}

/// The change's flows take the place of the activity's: a replaced row
/// takes the change's values and keeps its id, a row the change dropped
/// goes, a row it added moves over.
macro_rules! merge_flows {
    ($db:expr, $entity:ident, $change:expr, $into:expr) => {{
        let kept: Vec<i32> = $entity::Entity::find()
            .filter($entity::Column::ActivityId.eq($into))
            .all($db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let mut replaced = Vec::new();
        for row in $entity::Entity::find()
            .filter($entity::Column::ActivityId.eq($change))
            .all($db)
            .await?
        {
            match row.replaces_id.filter(|id| kept.contains(id)) {
                Some(id) => {
                    let gone = row.id;
                    let mut m = row.into_active_model().reset_all();
                    m.id = Set(id);
                    m.activity_id = Set($into);
                    m.replaces_id = Set(None);
                    m.update($db).await?;
                    $entity::Entity::delete_by_id(gone).exec($db).await?;
                    replaced.push(id);
                }
                None => {
                    let mut m = row.into_active_model();
                    m.activity_id = Set($into);
                    m.replaces_id = Set(None);
                    m.update($db).await?;
                }
            }
        }
        let dropped: Vec<i32> = kept
            .into_iter()
            .filter(|id| !replaced.contains(id))
            .collect();
        for chunk in dropped.chunks(CHUNK) {
            $entity::Entity::delete_many()
                .filter($entity::Column::Id.is_in(chunk.iter().copied()))
                .exec($db)
                .await?;
        }
    }};
}

/// Validates `change`: the activity it was made of takes its values and
/// rows, and the change is gone. Returns the activity as it now is. Both
/// rows are locked by the caller.
pub async fn merge(
    db: &impl ConnectionTrait,
    change: activity::Model,
    into: activity::Model,
) -> Result<activity::Model, AppError> {
    let (from, to) = (change.id, into.id);
    move_list!(db, activity_participant, from, to);
    move_list!(db, activity_sector, from, to);
    move_list!(db, activity_priority, from, to);
    move_list!(db, activity_budget_line, from, to);
    move_list!(db, iati_imported_value, from, to);
    merge_flows!(db, transaction, from, to);
    merge_flows!(db, planned_disbursement, from, to);
    let version = Ord::max(change.version, into.version).saturating_add(1);
    activity::Entity::delete_by_id(from).exec(db).await?;
    let mut model = change.into_active_model().reset_all();
    model.id = Set(to);
    model.pending_for = Set(None);
    model.validation = Set(Validation::Validated.code().to_string());
    model.return_reason = Set(None);
    model.version = Set(version);
    Ok(model.update(db).await?)
}

/// Deletes an activity (a draft, or a change waiting for validation) with
/// everything that hangs off it.
pub async fn delete_with_rows(db: &impl ConnectionTrait, change_id: i32) -> Result<(), AppError> {
    macro_rules! clear {
        ($($entity:ident),+) => {$(
            $entity::Entity::delete_many()
                .filter($entity::Column::ActivityId.eq(change_id))
                .exec(db)
                .await?;
        )+};
    }
    clear!(
        activity_participant,
        activity_sector,
        activity_priority,
        activity_budget_line,
        iati_imported_value,
        transaction,
        planned_disbursement
    );
    activity::Entity::delete_by_id(change_id).exec(db).await?;
    Ok(())
}

/// The change waiting for validation of an activity, if any.
pub async fn change_for(
    db: &impl ConnectionTrait,
    activity_id: i32,
) -> Result<Option<activity::Model>, AppError> {
    Ok(activity::Entity::find()
        .filter(activity::Column::PendingFor.eq(activity_id))
        .one(db)
        .await?)
}
