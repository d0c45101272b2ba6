//! Sign-ins, sign-outs and refused sign-ins in the audit trail. Each is an
//! entry of object `session` and the user's id, written once for every
//! country the user holds a role in, where that country's administrators
//! and reviewers read it. An attempt on an email no account has is kept
//! with object id 0 and no country. Passwords are never written.

use entities::membership;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;

use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::accounts::users;
use crate::types::Actor;

pub const OBJECT_TYPE: &str = "session";

/// The most of a refused attempt's email the trail keeps (the length of
/// its author column).
const MAX_EMAIL: usize = 254;

/// Why a sign-in was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The email or the password is not right.
    Credentials,
    /// The password was right but the account is disabled.
    Disabled,
}

/// What an entry keeps of the attempt.
#[derive(Serialize)]
struct Attempt<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    address: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

/// The countries a user holds a role in; `[None]` for none.
async fn countries_of(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<Option<i32>>, AppError> {
    let ids: Vec<i32> = membership::Entity::find()
        .select_only()
        .column(membership::Column::CountryId)
        .filter(membership::Column::UserId.eq(user_id))
        .order_by_asc(membership::Column::CountryId)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(if ids.is_empty() {
        vec![None]
    } else {
        ids.into_iter().map(Some).collect()
    })
}

async fn write(
    db: &DatabaseConnection,
    author: &Author,
    user_id: Option<i32>,
    change: Change,
    attempt: &Attempt<'_>,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let countries = match user_id {
        Some(id) => countries_of(&txn, id).await?,
        None => vec![None],
    };
    for country_id in countries {
        audit::record(
            &txn,
            author,
            country_id,
            OBJECT_TYPE,
            user_id.unwrap_or_default(),
            change,
            None,
            Some(attempt),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// `actor` signed in from `address`.
#[tracing::instrument(skip(db))]
pub async fn signed_in(
    db: &DatabaseConnection,
    actor: &Actor,
    address: Option<&str>,
) -> Result<(), AppError> {
    let attempt = Attempt {
        email: None,
        address,
        reason: None,
    };
    let author = Author::user(actor);
    write(db, &author, Some(actor.user_id), Change::SignIn, &attempt).await
}

/// `actor` signed out from `address`.
#[tracing::instrument(skip(db))]
pub async fn signed_out(
    db: &DatabaseConnection,
    actor: &Actor,
    address: Option<&str>,
) -> Result<(), AppError> {
    let attempt = Attempt {
        email: None,
        address,
        reason: None,
    };
    let author = Author::user(actor);
    write(db, &author, Some(actor.user_id), Change::SignOut, &attempt).await
}

/// Someone at `address` tried to sign in as `email` and was refused. The
/// entry's author is the email as tried (no user acted).
#[tracing::instrument(skip(db))]
pub async fn refused(
    db: &DatabaseConnection,
    email: &str,
    address: Option<&str>,
    refusal: Refusal,
) -> Result<(), AppError> {
    let email: String = users::normalise_email(email)
        .chars()
        .take(MAX_EMAIL)
        .collect();
    let user = users::find_by_email(db, &email).await?;
    let reason = match (refusal, &user) {
        (Refusal::Disabled, _) => "the account is disabled",
        (Refusal::Credentials, Some(_)) => "wrong password",
        (Refusal::Credentials, None) => "no account has this email",
    };
    let label = if email.is_empty() {
        "(no email)"
    } else {
        email.as_str()
    };
    let attempt = Attempt {
        email: Some(&email),
        address,
        reason: Some(reason),
    };
    let author = Author::system(label);
    write(
        db,
        &author,
        user.map(|u| u.id),
        Change::SignInFailed,
        &attempt,
    )
    .await
}
