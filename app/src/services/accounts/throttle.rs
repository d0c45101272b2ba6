//! Sign-in throttling: at most ten attempts a minute for one account, and
//! for one client address. Attempts are kept in the database, so every
//! server process sharing it counts the same ones. Accounts are counted by
//! their email as sign-in reads it, so spaces or capitals around it count as
//! the same account. What is kept of an attempt is a digest of the account
//! or address and the time, for a minute.

use chrono::TimeDelta;
use entities::sign_in_attempt;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::AppError;
use crate::services::accounts::users::normalise_email;

pub const ATTEMPTS_PER_MINUTE: u64 = 10;

/// How long an attempt counts.
const WINDOW: TimeDelta = TimeDelta::minutes(1);

/// What an attempt is counted by, as kept: a digest of `kind` and `value`.
fn key(kind: &str, value: &str) -> String {
    format!("{:x}", Sha256::digest(format!("{kind}:{value}")))
}

/// Counts one attempt on the account of `email` from `address`; false when
/// the account or the address has made more than its allowance within the
/// last minute, this attempt included. Each attempt is recorded before any
/// is counted, so attempts made at once by several processes cannot all
/// pass: the one recorded eleventh counts at least eleven.
pub async fn attempt(
    db: &impl ConnectionTrait,
    email: &str,
    address: Option<&str>,
) -> Result<bool, AppError> {
    let now = crate::services::now();
    let since = now - WINDOW;
    let keys: Vec<String> = std::iter::once(key("account", &normalise_email(email)))
        .chain(address.map(|a| key("address", a)))
        .collect();
    sign_in_attempt::Entity::delete_many()
        .filter(sign_in_attempt::Column::At.lte(since))
        .exec(db)
        .await?;
    sign_in_attempt::Entity::insert_many(keys.iter().map(|k| sign_in_attempt::ActiveModel {
        key: Set(k.clone()),
        at: Set(now),
        ..Default::default()
    }))
    .exec_without_returning(db)
    .await?;
    for k in keys {
        let made = sign_in_attempt::Entity::find()
            .filter(sign_in_attempt::Column::Key.eq(k))
            .filter(sign_in_attempt::Column::At.gt(since))
            .count(db)
            .await?;
        if made > ATTEMPTS_PER_MINUTE {
            return Ok(false);
        }
    }
    Ok(true)
}
