//! CSRF protection by double submit: every browser gets a random token in an
//! HttpOnly, SameSite=Lax cookie; every form and server function that
//! changes state sends the same token back as its `csrf` field, which a
//! cross-site page cannot read.

use axum::extract::{Request, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{HeaderValue, request::Parts};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use leptos::prelude::use_context;

use crate::AppError;
use crate::services::accounts::password::random_token;
use crate::state::AppState;

pub const COOKIE_NAME: &str = "ct_csrf";

/// The token of the current request, placed in its extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

fn from_cookies(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE_NAME && c.value().len() >= 32)
        .map(|c| c.value().to_string())
}

/// Middleware: gives every request a token, setting the cookie when new.
pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let existing = from_cookies(&request);
    let token = existing.clone().unwrap_or_else(random_token);
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        let cookie = Cookie::build((COOKIE_NAME, token))
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
