//! The audit trail: who changed what, when, with the row before and after.
//! Every write of a domain row calls [`record`] inside its own transaction,
//! so a change without its audit entry cannot be committed; sign-ins and
//! sign-outs are entries too (see `sign_ins`). A country's trail is read a
//! page at a time ([`search`]), or in batches for a download ([`entries`]).

use chrono::{NaiveDate, Utc};
use entities::audit_entry;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, Set, sea_query::SimpleExpr,
};
use serde::Serialize;

use crate::AppError;
use crate::types::Actor;
use crate::types::{AuditEntry, AuditFilter, AuditPage};

/// Who made a change.
#[derive(Debug, Clone)]
pub struct Author {
    pub user_id: Option<i32>,
    pub label: String,
}

impl Author {
    pub fn user(actor: &Actor) -> Self {
        Self {
            user_id: Some(actor.user_id),
            label: actor.email.clone(),
        }
    }

    /// Changes made from the command line or by the demo loader.
    pub fn system(label: &str) -> Self {
        Self {
            user_id: None,
            label: label.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Create,
    Update,
    Delete,
    /// A session began (object `session`, the user's id).
    SignIn,
    /// A session was ended by its user.
    SignOut,
    /// Someone tried to sign in and was refused.
    SignInFailed,
}

impl Change {
    fn code(self) -> &'static str {
        match self {
            Change::Create => "create",
            Change::Update => "update",
            Change::Delete => "delete",
            Change::SignIn => "sign_in",
            Change::SignOut => "sign_out",
            Change::SignInFailed => "sign_in_failed",
        }
    }
}

fn json(value: Option<&impl Serialize>) -> Result<Option<String>, AppError> {
    value
        .map(serde_json::to_string)
        .transpose()
        .map_err(AppError::internal)
}

/// Records one change. `before` and `after` are the wire form of the row.
#[expect(
    clippy::too_many_arguments,
    reason = "one audit row has this many facts"
)]
pub async fn record<T: Serialize>(
    db: &impl ConnectionTrait,
    author: &Author,
    country_id: Option<i32>,
    object_type: &str,
    object_id: i32,
    change: Change,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<(), AppError> {
    audit_entry::ActiveModel {
        at: Set(crate::services::now()),
        user_id: Set(author.user_id),
        actor_label: Set(author.label.clone()),
        country_id: Set(country_id),
        object_type: Set(object_type.to_string()),
        object_id: Set(object_id),
        action: Set(change.code().to_string()),
        before: Set(json(before)?),
        after: Set(json(after)?),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn to_wire(model: audit_entry::Model) -> AuditEntry {
    AuditEntry {
        id: model.id,
        at: model.at,
        actor: model.actor_label,
        object_type: model.object_type,
        object_id: model.object_id,
        country_id: model.country_id,
        action: model.action,
        before: model.before,
        after: model.after,
    }
}

/// The history of one object, newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    object_type: &str,
    object_id: i32,
) -> Result<Vec<AuditEntry>, AppError> {
    Ok(audit_entry::Entity::find()
        .filter(audit_entry::Column::ObjectType.eq(object_type))
        .filter(audit_entry::Column::ObjectId.eq(object_id))
        .order_by_desc(audit_entry::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_wire)
        .collect())
}

/// The countries a set of entries belongs to, each once.
pub fn countries_of(entries: &[AuditEntry]) -> Vec<i32> {
    let mut ids: Vec<i32> = entries.iter().filter_map(|e| e.country_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn day_start(date: NaiveDate) -> Option<chrono::DateTime<Utc>> {
    date.and_hms_opt(0, 0, 0).map(|d| d.and_utc())
}

/// Entries on a page of the audit trail.
pub const PAGE_SIZE: u64 = 50;

/// Where in the trail a page starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cursor {
    /// The newest entries.
    #[default]
    Newest,
    /// The entries older than this id.
    Before(i64),
    /// The entries newer than this id.
    After(i64),
}

impl Cursor {
    /// The cursor a page address names; `before` wins over `after`.
    pub fn of(before: Option<i64>, after: Option<i64>) -> Self {
        match (before, after) {
            (Some(id), _) => Cursor::Before(id),
            (None, Some(id)) => Cursor::After(id),
            (None, None) => Cursor::Newest,
        }
    }
}

/// A country's entries the filter matches, in any order.
fn matching(country_id: i32, filter: &AuditFilter) -> Select<audit_entry::Entity> {
    let mut query =
        audit_entry::Entity::find().filter(audit_entry::Column::CountryId.eq(country_id));
    if let Some(user) = filter.user.as_deref().filter(|u| !u.is_empty()) {
        query = query.filter(audit_entry::Column::ActorLabel.eq(user.to_lowercase()));
    }
    if let Some(kind) = filter.object_type.as_deref().filter(|k| !k.is_empty()) {
        query = query.filter(audit_entry::Column::ObjectType.eq(kind));
    }
    if let Some(id) = filter.object_id {
        query = query.filter(audit_entry::Column::ObjectId.eq(id));
    }
    if let Some(from) = filter.from.and_then(day_start) {
        query = query.filter(audit_entry::Column::At.gte(from));
    }
    if let Some(to) = filter.to.and_then(|d| d.succ_opt()).and_then(day_start) {
        query = query.filter(audit_entry::Column::At.lt(to));
    }
    query
}

/// At most `size` of a country's entries the filter matches from `cursor`
/// on, newest first: a page, or a batch of a download.
pub async fn entries(
    db: &impl ConnectionTrait,
    country_id: i32,
    filter: &AuditFilter,
    cursor: Cursor,
    size: u64,
) -> Result<Vec<AuditEntry>, AppError> {
    let query = matching(country_id, filter).limit(size);
    let query = match cursor {
        Cursor::Newest => query.order_by_desc(audit_entry::Column::Id),
        Cursor::Before(id) => query
            .filter(audit_entry::Column::Id.lt(id))
            .order_by_desc(audit_entry::Column::Id),
        Cursor::After(id) => query
            .filter(audit_entry::Column::Id.gt(id))
            .order_by_asc(audit_entry::Column::Id),
    };
    let mut entries: Vec<AuditEntry> = query.all(db).await?.into_iter().map(to_wire).collect();
    if matches!(cursor, Cursor::After(_)) {
        entries.reverse();
    }
    Ok(entries)
}

/// One page of a country's audit trail, newest first, filtered, with
/// where the pages before and after it start.
#[tracing::instrument(skip(db))]
pub async fn search(
    db: &impl ConnectionTrait,
    country_id: i32,
    filter: &AuditFilter,
    cursor: Cursor,
) -> Result<AuditPage, AppError> {
    let entries = entries(db, country_id, filter, cursor, PAGE_SIZE).await?;
    let any = async |side: SimpleExpr| -> Result<bool, AppError> {
        Ok(matching(country_id, filter)
            .filter(side)
            .select_only()
            .column(audit_entry::Column::Id)
            .into_tuple::<i64>()
            .one(db)
            .await?
            .is_some())
    };
    let newer = match entries.first() {
        Some(e) if any(audit_entry::Column::Id.gt(e.id)).await? => Some(e.id),
        _ => None,
    };
    let older = match entries.last() {
        Some(e) if any(audit_entry::Column::Id.lt(e.id)).await? => Some(e.id),
        _ => None,
    };
    let total = matching(country_id, filter).count(db).await?;
    let object_types = audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::ObjectType)
        .distinct()
        .filter(audit_entry::Column::CountryId.eq(country_id))
        .order_by_asc(audit_entry::Column::ObjectType)
        .into_tuple::<String>()
        .all(db)
        .await?;
    Ok(AuditPage {
        entries,
        total,
        older,
        newer,
        object_types,
    })
}
