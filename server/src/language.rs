//! Chooses the language each request is answered in and hands it to the
//! pages and server functions (`app::language::current`).
//!
//! In order: the `ct_lang` cookie (set by the language switcher, and at
//! sign-in to the account's own choice), the browser's `Accept-Language`,
//! then the language of the country the page belongs to. A choice made
//! from the country is kept in the cookie, so that the forms of the page
//! are read in the language they were shown in.

use app::auth::csrf::cookies_named;
use app::components::country_and_area;
use app::language::{self, Locale};
use app::services::accounts::countries;
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, CONTENT_TYPE, SET_COOKIE};
use axum::middleware::Next;
use axum::response::Response;

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let from_visitor = from_cookie(&request).or_else(|| {
        request
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(language::from_accept_language)
    });
    let (locale, keep) = match from_visitor {
        Some(locale) => (locale, false),
        None => match of_country(&state, request.uri().path()).await {
            Some(locale) => (locale, true),
            None => (Locale::default(), false),
        },
    };
    request.extensions_mut().insert(locale);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let is_page = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if is_page && !headers.contains_key(CONTENT_LANGUAGE) {
        headers.insert(
            CONTENT_LANGUAGE,
            HeaderValue::from_static(language::code(locale)),
        );
    }
    if keep
        && let Ok(value) =
            HeaderValue::from_str(&language::cookie(locale, state.settings.secure_cookies))
    {
        headers.append(SET_COOKIE, value);
    }
    response
}

fn from_cookie(request: &Request) -> Option<Locale> {
    cookies_named(request, language::COOKIE).find_map(|value| language::from_code(&value))
}

/// The language of the country a path belongs to, if it belongs to one.
async fn of_country(state: &AppState, path: &str) -> Option<Locale> {
    let code = country_and_area(path).0?;
    let country = countries::get(&state.db, &code).await.ok()?;
    language::from_code(&country.language)
}
