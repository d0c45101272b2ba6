//! An administrator's hold on accounts: disabling one (it cannot sign in,
//! and its open sessions are refused from their next request), enabling it
//! again, and removing a user's membership of a country.

use crate::i18n::td_string;
use chrono::Utc;
use entities::{membership, user};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use serde::Serialize;

use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::accounts::{organisations, users};
use crate::types::{Membership, UserSummary};

const OBJECT_TYPE: &str = "user";

/// What the audit keeps of an account's memberships.
#[derive(Serialize)]
struct Access {
    email: String,
    memberships: Vec<Membership>,
}

async fn access(db: &impl ConnectionTrait, user_id: i32) -> Result<Access, AppError> {
    let actor = users::actor(db, user_id).await?.ok_or_else(|| {
        AppError::NotFound(
            td_string!(crate::language::current(), rules.what_user, id = user_id).to_string(),
        )
    })?;
    Ok(Access {
        email: actor.email,
        memberships: actor.memberships,
    })
}

/// Disables an account (`disabled: true`) or enables it again. Either way
/// its session epoch moves on: the sessions open when it was disabled stay
/// ended after it is enabled. Nobody disables their own account.
#[tracing::instrument(skip(db))]
pub async fn set_disabled(
    db: &impl TransactionTrait,
    author: &Author,
    user_id: i32,
    disabled: bool,
) -> Result<UserSummary, AppError> {
    if disabled && author.user_id == Some(user_id) {
        return Err(AppError::invalid(
            "user_id",
            td_string!(crate::language::current(), rules.not_own_account_disable),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    // The first write, which locks the row until the change commits.
    let moved = user::Entity::update_many()
        .col_expr(
            user::Column::SessionEpoch,
            Expr::col(user::Column::SessionEpoch).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    if moved.rows_affected == 0 {
        return Err(AppError::NotFound(
            td_string!(crate::language::current(), rules.what_user, id = user_id).to_string(),
        ));
    }
    let model = users::get_model(&txn, user_id).await?;
    if model.disabled_at.is_some() == disabled {
        let email = &model.email;
        let message = if disabled {
            td_string!(
                crate::language::current(),
                rules.account_already_disabled,
                email
            )
            .to_string()
        } else {
            td_string!(
                crate::language::current(),
                rules.account_already_enabled,
                email
            )
            .to_string()
        };
        return Err(AppError::invalid("user_id", message));
    }
    let before = users::summary(&txn, &model).await?;
    let country_id = organisations::get_model(&txn, model.organisation_id)
        .await?
        .country_id;
    let mut row: user::ActiveModel = model.into();
    row.disabled_at = Set(disabled.then(Utc::now));
    let after = users::summary(&txn, &row.update(&txn).await?).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        user_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes the user's membership of `country_id`: their role there ends at
/// their next request. Nobody removes their own membership.
#[tracing::instrument(skip(db))]
pub async fn remove_membership(
    db: &impl TransactionTrait,
    author: &Author,
    user_id: i32,
    country_id: i32,
) -> Result<(), AppError> {
    if author.user_id == Some(user_id) {
        return Err(AppError::invalid(
            "user_id",
            td_string!(crate::language::current(), rules.not_own_membership),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let of_user = || {
        membership::Entity::update_many()
            .filter(membership::Column::UserId.eq(user_id))
            .filter(membership::Column::CountryId.eq(country_id))
    };
    // A write that changes nothing, first, to lock the row.
    let found = of_user()
        .col_expr(
            membership::Column::Role,
            Expr::col(membership::Column::Role),
        )
        .exec(&txn)
        .await?;
    if found.rows_affected == 0 {
        return Err(AppError::NotFound(
            td_string!(
                crate::language::current(),
                rules.what_membership,
                id = user_id
            )
            .to_string(),
        ));
    }
    let before = access(&txn, user_id).await?;
    membership::Entity::delete_many()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::CountryId.eq(country_id))
        .exec(&txn)
        .await?;
    let after = access(&txn, user_id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        user_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
