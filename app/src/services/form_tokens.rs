//! One-time form tokens. Every form that creates a row carries a token; the
//! first post that carries it spends it, and a later post of the same form
//! (a network retry, a second click) finds it spent and creates nothing.
//! Spent tokens are kept a week, far longer than any retry.

use crate::i18n::td_string;
use chrono::TimeDelta;
use entities::form_token;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::AppError;

/// How long a spent token is remembered.
const KEPT: TimeDelta = TimeDelta::days(7);

/// Checks that `token` looks like one this server issues.
fn check(token: &str) -> Result<(), AppError> {
    let ok = (20..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(AppError::invalid(
            "once",
            td_string!(crate::language::current(), rules.form_expired),
        ))
    }
}

/// Spends `token`: true for the first post that carries it, false when it
/// was spent before.
pub async fn spend(db: &impl ConnectionTrait, token: &str) -> Result<bool, AppError> {
    check(token)?;
    form_token::Entity::delete_many()
        .filter(form_token::Column::UsedAt.lt(crate::services::now() - KEPT))
        .exec(db)
        .await?;
    let inserted = form_token::Entity::insert(form_token::ActiveModel {
        token: Set(token.to_string()),
        used_at: Set(crate::services::now()),
    })
    .on_conflict(
        OnConflict::column(form_token::Column::Token)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(inserted == 1)
}

/// Gives `token` back when what it was spent on failed, so that the
/// corrected form can be posted again.
pub async fn give_back(db: &impl ConnectionTrait, token: &str) -> Result<(), AppError> {
    form_token::Entity::delete_by_id(token.to_string())
        .exec(db)
        .await?;
    Ok(())
}
