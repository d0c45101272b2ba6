//! Every edit form carries the version of the row it was opened at. A save
//! against a newer version is refused, naming who made the newer one and
//! when (from the audit trail), so nobody overwrites another's change
//! unknowingly.

use entities::audit_entry;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::AppError;

/// Refuses an edit of `what` (the audit's `object_type` and `object_id`)
/// opened at version `opened_at` when the row is now at `stored`.
pub async fn ensure(
    db: &impl ConnectionTrait,
    what: &str,
    object: (&str, i32),
    stored: i32,
    opened_at: i32,
) -> Result<(), AppError> {
    if stored == opened_at {
        Ok(())
    } else {
        Err(stale(db, what, object).await)
    }
}

/// The refusal of an edit whose row moved on: who changed `what` last, and
/// when.
pub async fn stale(db: &impl ConnectionTrait, what: &str, object: (&str, i32)) -> AppError {
    let (object_type, object_id) = object;
    let last = audit_entry::Entity::find()
        .filter(audit_entry::Column::ObjectType.eq(object_type))
        .filter(audit_entry::Column::ObjectId.eq(object_id))
        .order_by_desc(audit_entry::Column::Id)
        .one(db)
        .await;
    match last {
        Ok(Some(entry)) => AppError::Stale(format!(
            "{what} was changed by {} on {} UTC",
            entry.actor_label,
            entry.at.format("%-d %B %Y at %H:%M")
        )),
        Ok(None) => AppError::Stale(format!("{what} was changed by someone else")),
        Err(e) => {
            tracing::error!("reading who changed {object_type} {object_id}: {e}");
            AppError::Stale(format!("{what} was changed by someone else"))
        }
    }
}
