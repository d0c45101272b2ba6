//! CSRF protection. Before sign-in, by double submit: every browser gets a
//! random token in an HttpOnly, SameSite=Lax cookie (`__Host-` prefixed
//! when cookies are secure, so no sibling subdomain can plant one). At
//! sign-in a new token is drawn and kept in the session, and from then on
//! only that token is accepted: a planted cookie is worth nothing. Every
//! form and server function that changes state sends the token back as its
//! `csrf` field, which a cross-site page cannot read.

use axum::extract::{Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderValue, request::Parts};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use leptos::prelude::use_context;
use tower_sessions::Session;

use crate::AppError;
use crate::services::accounts::password::random_token;
use crate::state::AppState;

/// The session key holding the token of a signed-in session.
pub const SESSION_KEY: &str = "csrf";

/// The cookie holding the token before sign-in.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { "__Host-ct_csrf" } else { "ct_csrf" }
}

/// The token of the current request, placed in its extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

fn from_cookies(request: &Request, name: &str) -> Option<String> {
    cookies_named(request, name).find(|value| value.len() >= 32)
}

/// The values of the request's cookies called `name`, in the order sent.
pub fn cookies_named<'a>(request: &'a Request, name: &'a str) -> impl Iterator<Item = String> + 'a {
    request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(move |c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// The token a signed-in session holds, if any.
async fn from_session(session: Option<Session>) -> Option<String> {
    match session?.get::<String>(SESSION_KEY).await {
        Ok(token) => token,
        Err(e) => {
            tracing::error!("reading the session's CSRF token: {e}");
            None
        }
    }
}

/// A new token for a session that is starting: the token before sign-in is
/// not accepted after it.
pub async fn bind_to_session(session: &Session) -> Result<(), AppError> {
    session
        .insert(SESSION_KEY, random_token())
        .await
        .map_err(AppError::internal)
}

/// Middleware: gives every request its token, setting the cookie when a
/// browser without a session has none yet.
pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let name = cookie_name(state.settings.secure_cookies);
    let session = request.extensions().get::<Session>().cloned();
    if let Some(token) = from_session(session).await {
        request.extensions_mut().insert(CsrfToken(token));
        return next.run(request).await;
    }
    let existing = from_cookies(&request, name);
    let token = existing.clone().unwrap_or_else(random_token);
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        let cookie = Cookie::build((name, token))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(state.settings.secure_cookies)
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// The token of the request being served (for rendering forms).
pub fn current_token() -> Option<String> {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<CsrfToken>().cloned())
        .map(|t| t.0)
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Refuses a state-changing request whose `csrf` field does not match.
pub fn check_csrf(submitted: &str) -> Result<(), AppError> {
    match current_token() {
        Some(expected) if same(expected.as_bytes(), submitted.as_bytes()) => Ok(()),
        _ => Err(AppError::CsrfRejected),
    }
}
