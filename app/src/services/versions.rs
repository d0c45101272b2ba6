//! Every edit form carries the version of the row it was opened at. A save
//! against a newer version is refused, naming who made the newer one and
//! when (from the audit trail), so nobody overwrites another's change
//! unknowingly.

use crate::i18n::td_string;
use entities::audit_entry;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

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
        Ok(Some(entry)) => {
            let locale = crate::language::current();
            AppError::Stale(
                td_string!(
                    locale,
                    rules.changed_by,
                    what,
                    who = entry.actor_label,
                    date = crate::language::date(locale, entry.at.date_naive()),
                    time = entry.at.format("%H:%M")
                )
                .to_string(),
            )
        }
        Ok(None) => AppError::Stale(
            td_string!(crate::language::current(), rules.changed_by_someone, what).to_string(),
        ),
        Err(e) => {
            tracing::error!("reading who changed {object_type} {object_id}: {e}");
            AppError::Stale(
                td_string!(crate::language::current(), rules.changed_by_someone, what).to_string(),
            )
        }
    }
}

/// Moves row `id` of `E` on to its next version as the change's first write
/// (which also locks the row until the change commits), and refuses unless
/// it was at `opened_at`; `what` and `object_type` name it as [`stale`]
/// does. Returns the version the row was at, for the audit's "before".
pub async fn advance<E: EntityTrait>(
    db: &impl ConnectionTrait,
    what: &str,
    object: (&str, i32),
    columns: (E::Column, E::Column),
    opened_at: i32,
) -> Result<i32, AppError> {
    let (id_column, version_column) = columns;
    let (object_type, id) = object;
    let moved = E::update_many()
        .col_expr(version_column, Expr::col(version_column).add(1))
        .filter(id_column.eq(id))
        .exec(db)
        .await?;
    if moved.rows_affected == 0 {
        return Err(AppError::NotFound(format!("{object_type} {id}")));
    }
    let stored: Option<i32> = E::find()
        .select_only()
        .column(version_column)
        .filter(id_column.eq(id))
        .into_tuple()
        .one(db)
        .await?;
    let was = stored
        .and_then(|v| v.checked_sub(1))
        .ok_or_else(|| AppError::internal(format!("{object_type} {id} has no version")))?;
    ensure(db, what, object, was, opened_at).await?;
    Ok(was)
}

/// Checks a form that sets a row kept once per key (a year's target, a
/// line's figures for a year). `inserted` says whether this change has just
/// inserted the row, `stored` is the row's version, and `opened_at` the
/// version the form showed, `None` when it showed no row. A form that
/// showed none but finds one is refused with `taken`, or, without it, as
/// stale: someone else entered the row meanwhile.
pub async fn ensure_keyed(
    db: &impl ConnectionTrait,
    what: &str,
    object: (&str, i32),
    (inserted, stored): (bool, i32),
    opened_at: Option<i32>,
    taken: Option<AppError>,
) -> Result<(), AppError> {
    match (inserted, opened_at) {
        (true, None) => Ok(()),
        (true, Some(_)) => Err(AppError::Stale(
            td_string!(crate::language::current(), rules.was_removed, what).to_string(),
        )),
        (false, None) => Err(match taken {
            Some(error) => error,
            None => stale(db, what, object).await,
        }),
        (false, Some(opened_at)) => ensure(db, what, object, stored, opened_at).await,
    }
}
