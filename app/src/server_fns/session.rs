use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::Actor;

/// Who is signed in, and the CSRF token forms must send back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub actor: Option<Actor>,
    pub csrf: String,
}

#[server]
pub async fn current_session() -> Result<SessionInfo, AppError> {
    Ok(SessionInfo {
        actor: crate::auth::current_actor().await?,
        csrf: crate::auth::csrf::current_token().unwrap_or_default(),
    })
}

/// The query parameter that carries a failed plain form post's error.
pub const ERROR_PARAM: &str = "error";

/// What `?error=` says when a plain form post's error was too long for the
/// page address and waits in the session.
pub const STORED_ERROR: &str = "stored";

/// The last error a plain form post left in the session.
#[server]
pub async fn stored_form_error() -> Result<Option<AppError>, AppError> {
    let session = leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(AppError::internal)?;
    let json: Option<String> = session
        .get(super::form::STORED_ERROR_KEY)
        .await
        .map_err(AppError::internal)?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// The input of the last refused plain form post, kept in the session for
/// the page the post went back to.
#[server]
pub async fn kept_form_input() -> Result<Option<crate::types::KeptInput>, AppError> {
    let session = leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(AppError::internal)?;
    let json: Option<String> = session
        .get(super::form::KEPT_INPUT_KEY)
        .await
        .map_err(AppError::internal)?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// A fresh one-time token for a form that creates a row.
#[server]
pub async fn form_token() -> Result<String, AppError> {
    Ok(crate::services::accounts::password::random_token())
}

/// Where a user goes after signing in.
#[cfg(feature = "ssr")]
fn landing(actor: &Actor, next: Option<&str>) -> String {
    if actor.must_change_password {
        return "/account".into();
    }
    match next {
        Some(path) if is_local_path(path) => path.to_string(),
        _ => format!("/organisations/{}", actor.organisation_id),
    }
}

/// A path on this site, and only that: it starts with one slash, holds no
/// backslash (which browsers read as a slash) and no control character, and
/// parses as a path.
#[cfg(feature = "ssr")]
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
        && path.parse::<axum::http::uri::PathAndQuery>().is_ok()
}

#[server]
pub async fn sign_in(
    csrf: String,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    super::form::respond(
        async {
            use crate::services::accounts::sign_ins::{self, Refusal};
            use crate::services::accounts::{throttle, users};
            crate::auth::check_csrf(&csrf)?;
            let state = crate::state::state()?;
            let address = client_address(state.settings.behind_proxy).await;
            if !throttle::attempt(&state.db, &email, address.as_deref()).await? {
                tracing::warn!(%email, ?address, "sign-in throttled");
                return Err(AppError::Throttled);
            }
            let refused = async |refusal: Refusal| {
                sign_ins::refused(&state.db, &email, address.as_deref(), refusal).await
            };
            let Some(user) = users::authenticate(&state.db, &email, &password).await? else {
                refused(Refusal::Credentials).await?;
                return Err(AppError::invalid(
                    "email",
                    crate::i18n::td_string!(crate::language::current(), rules.wrong_credentials),
                ));
            };
            // Said only to whoever knows the password.
            if user.disabled_at.is_some() {
                tracing::warn!(user = user.id, "sign-in of a disabled account refused");
                refused(Refusal::Disabled).await?;
                return Err(AppError::invalid(
                    "email",
                    crate::i18n::td_string!(crate::language::current(), rules.account_disabled),
                ));
            }
            let actor = users::actor(&state.db, user.id)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            // The entry first: no session begins that the trail lacks.
            sign_ins::signed_in(&state.db, &actor, address.as_deref()).await?;
            crate::auth::start_session(user.id).await?;
            if let Some(locale) = user
                .language
                .as_deref()
                .and_then(crate::language::from_code)
            {
                remember_language(locale)?;
            }
            tracing::info!(user = user.id, "signed in");
            leptos_axum::redirect(&landing(&actor, next.as_deref()));
            Ok(())
        }
        .await,
    )
    .await
}

/// The address sign-in attempts are counted against.
#[cfg(feature = "ssr")]
async fn client_address(behind_proxy: bool) -> Option<String> {
    use axum::extract::ConnectInfo;
    use axum::http::request::Parts;
    let forwarded = || {
        use_context::<Parts>()?
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|a| !a.is_empty())
            .map(str::to_string)
    };
    if behind_proxy && let Some(address) = forwarded() {
        return Some(address);
    }
    leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|info| info.0.ip().to_string())
}

#[server]
pub async fn sign_out(csrf: String) -> Result<(), AppError> {
    super::form::respond(
        async {
            crate::auth::check_csrf(&csrf)?;
            if let Some(actor) = crate::auth::current_actor().await? {
                let state = crate::state::state()?;
                let address = client_address(state.settings.behind_proxy).await;
                crate::services::accounts::sign_ins::signed_out(
                    &state.db,
                    &actor,
                    address.as_deref(),
                )
                .await?;
            }
            crate::auth::end_session().await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn change_password(
    csrf: String,
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    super::form::respond(
        async {
            let actor = crate::auth::signed_in_with_one_time_password(&csrf).await?;
            crate::auth::ensure(&actor, crate::policy::Action::ChangeOwnPassword)?;
            let db = crate::state::db()?;
            crate::services::accounts::users::change_password(
                &db,
                &actor,
                current_password,
                new_password,
            )
            .await?;
            // The change ended every session of the user; this one goes on
            // under a new id.
            crate::auth::start_session(actor.user_id).await?;
            leptos_axum::redirect(&format!("/organisations/{}", actor.organisation_id));
            Ok(())
        }
        .await,
    )
    .await
}

/// Chooses the interface language: kept in a cookie for a year and, for a
/// signed-in user, on the account. Goes back to `next` (a path on this
/// site), or to the start page.
#[server]
pub async fn set_language(
    csrf: String,
    language: String,
    next: Option<String>,
) -> Result<(), AppError> {
    super::form::respond(
        async {
            crate::auth::check_csrf(&csrf)?;
            let locale = crate::language::from_code(&language).ok_or_else(|| {
                AppError::invalid(
                    "language",
                    crate::i18n::td_string!(crate::language::current(), rules.language_choice),
                )
            })?;
            if let Some(actor) = crate::auth::current_actor().await? {
                let db = crate::state::db()?;
                crate::services::accounts::users::set_language(&db, &actor, locale).await?;
            }
            remember_language(locale)?;
            let back = next.as_deref().filter(|p| is_local_path(p)).unwrap_or("/");
            leptos_axum::redirect(back);
            Ok(())
        }
        .await,
    )
    .await
}

/// Sets the language cookie on the response being built.
#[cfg(feature = "ssr")]
fn remember_language(locale: crate::language::Locale) -> Result<(), AppError> {
    use axum::http::{HeaderValue, header::SET_COOKIE};
    let state = crate::state::state()?;
    let cookie = crate::language::cookie(locale, state.settings.secure_cookies);
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        response.append_header(SET_COOKIE, value);
    }
    Ok(())
}
