//! Signing in, sessions, CSRF and throttling (server only). Server functions
//! start with [`signed_in`] or [`check_csrf`] and then ask the policy.

pub mod csrf;
pub mod store;

use tower_sessions::Session;

use crate::AppError;
use crate::policy::{Action, allows};
use crate::services::accounts::users;
use crate::types::Actor;

pub use csrf::check_csrf;

/// The session key holding the signed-in user's id.
const USER_ID: &str = "user_id";
/// The session key holding the user's session epoch at sign-in.
const EPOCH: &str = "epoch";
/// The session key holding when the user signed in (Unix seconds).
const SIGNED_IN_AT: &str = "signed_in_at";

/// A session ends this long after sign-in, however active it is.
pub const ABSOLUTE_LIFETIME: chrono::TimeDelta = chrono::TimeDelta::hours(12);

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal(format!("no session layer: {e}")))
}

/// The signed-in user of this request, if any. A session started before
/// the user's password last changed, of an account since disabled, or
/// longer ago than [`ABSOLUTE_LIFETIME`], is ended here.
pub async fn current_actor() -> Result<Option<Actor>, AppError> {
    actor_of(&session().await?, &crate::state::db()?).await
}

/// The signed-in user of `session`, checked as [`current_actor`] checks
/// it: for routes outside server functions (the audit trail's CSV).
pub async fn actor_of(
    session: &Session,
    db: &sea_orm::DatabaseConnection,
) -> Result<Option<Actor>, AppError> {
    let get = async |key: &str| -> Result<Option<i64>, AppError> {
        session.get(key).await.map_err(AppError::internal)
    };
    let Some(user_id) = get(USER_ID).await? else {
        return Ok(None);
    };
    let user_id = i32::try_from(user_id).map_err(AppError::internal)?;
    let epoch = get(EPOCH).await?;
    let signed_in_at = get(SIGNED_IN_AT).await?.unwrap_or_default();
    let current_epoch = users::session_epoch(db, user_id).await?;
    let age = crate::services::now()
        .timestamp()
        .saturating_sub(signed_in_at);
    if current_epoch.map(i64::from) != epoch || age > ABSOLUTE_LIFETIME.num_seconds() {
        tracing::info!(
            user = user_id,
            "session ended: password changed, account disabled, or too old"
        );
        session.flush().await.map_err(AppError::internal)?;
        return Ok(None);
    }
    users::actor(db, user_id).await
}

/// Checks the CSRF token and that someone is signed in who has replaced
/// their one-time password.
pub async fn signed_in(csrf: &str) -> Result<Actor, AppError> {
    let actor = signed_in_with_one_time_password(csrf).await?;
    if actor.must_change_password {
        return Err(AppError::PasswordChangeRequired);
    }
    Ok(actor)
}

/// Like [`signed_in`], but lets a one-time password through: for changing it.
pub async fn signed_in_with_one_time_password(csrf: &str) -> Result<Actor, AppError> {
    check_csrf(csrf)?;
    current_actor().await?.ok_or(AppError::Unauthenticated)
}

/// Refuses unless the policy allows `actor` to do `action`.
pub fn ensure(actor: &Actor, action: Action) -> Result<(), AppError> {
    if allows(Some(actor), action) {
        Ok(())
    } else {
        tracing::warn!(user = actor.user_id, ?action, "refused by policy");
        Err(AppError::Forbidden)
    }
}

/// Starts a session for `user_id` under a new session id and a new CSRF
/// token, in the user's current session epoch.
pub async fn start_session(user_id: i32) -> Result<(), AppError> {
    let session = session().await?;
    let db = crate::state::db()?;
    let epoch = users::session_epoch(&db, user_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    session.cycle_id().await.map_err(AppError::internal)?;
    csrf::bind_to_session(&session).await?;
    for (key, value) in [
        (USER_ID, i64::from(user_id)),
        (EPOCH, i64::from(epoch)),
        (SIGNED_IN_AT, crate::services::now().timestamp()),
    ] {
        session
            .insert(key, value)
            .await
            .map_err(AppError::internal)?;
    }
    Ok(())
}

/// Ends the session: its record is deleted and the cookie cleared.
pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(AppError::internal)
}
