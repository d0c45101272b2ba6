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

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal(format!("no session layer: {e}")))
}

/// The signed-in user of this request, if any.
pub async fn current_actor() -> Result<Option<Actor>, AppError> {
    let session = session().await?;
    let user_id: Option<i32> = session.get(USER_ID).await.map_err(AppError::internal)?;
    let Some(user_id) = user_id else {
        return Ok(None);
    };
    let db = crate::state::db()?;
    users::actor(&db, user_id).await
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

/// Starts a session for `user_id` under a new session id.
pub async fn start_session(user_id: i32) -> Result<(), AppError> {
    let session = session().await?;
    session.cycle_id().await.map_err(AppError::internal)?;
    session
        .insert(USER_ID, user_id)
        .await
        .map_err(AppError::internal)
}

/// Ends the session: its record is deleted and the cookie cleared.
pub async fn end_session() -> Result<(), AppError> {
    session().await?.flush().await.map_err(AppError::internal)
}
