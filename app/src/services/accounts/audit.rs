//! The audit trail: who changed what, when, with the row before and after.
//! Every write of a domain row calls [`record`] inside its own transaction,
//! so a change without its audit entry cannot be committed.

use chrono::{NaiveDate, Utc};
use entities::audit_entry;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;

use crate::AppError;
use crate::types::Actor;
use crate::types::{AuditEntry, AuditFilter};

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
}

impl Change {
    fn code(self) -> &'static str {
        match self {
            Change::Create => "create",
            Change::Update => "update",
            Change::Delete => "delete",
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
        at: Set(Utc::now()),
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

/// A country's audit trail, newest first, filtered; at most 500 entries.
pub async fn search(
    db: &impl ConnectionTrait,
    country_id: i32,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>, AppError> {
    let mut query = audit_entry::Entity::find()
        .filter(audit_entry::Column::CountryId.eq(country_id))
        .order_by_desc(audit_entry::Column::Id)
        .limit(500);
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
    Ok(query.all(db).await?.into_iter().map(to_wire).collect())
}
