//! How a server function's failure reaches the caller. A fetch from the
//! live page gets the error with its HTTP status. A plain form post (before
//! the wasm loads, or without JavaScript) is sent back to the page it came
//! from with the error as `?error=<json>`, so the page can show it.

use axum::http::header::{ACCEPT, REFERER};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use leptos::prelude::use_context;

use crate::AppError;

/// The query parameter that carries a failed form post's error.
pub const ERROR_PARAM: &str = "error";

/// A browser's own form submission: a POST that accepts HTML. (Pages
/// rendered on the server call server functions inside a GET.)
fn plain_form_post() -> Option<Parts> {
    let parts = use_context::<Parts>()?;
    if parts.method != Method::POST {
        return None;
    }
    let accepts_html = parts
        .headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    accepts_html.then_some(parts)
}

/// Passes `result` through, giving a failure its status or, for a plain
/// form post, the way back to the form.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let Err(err) = &result else {
        return result;
    };
    let back = plain_form_post().and_then(|parts| {
        parts
            .headers
            .get(REFERER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    match back {
        Some(referer) => redirect_back(&referer, err),
        None => {
            if let Some(options) = use_context::<leptos_axum::ResponseOptions>()
                && let Ok(status) = StatusCode::from_u16(err.status_code())
            {
                options.set_status(status);
            }
        }
    }
    result
}

/// Sends a plain form post back to the page it came from with `json` as
/// `?<param>=`; false when the call did not come from a plain form post.
pub fn back_with(param: &str, json: &str) -> bool {
    let Some(referer) = plain_form_post().and_then(|parts| {
        parts
            .headers
            .get(REFERER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }) else {
        return false;
    };
    let base = referer.split('?').next().unwrap_or(&referer);
    leptos_axum::redirect(&format!("{base}?{param}={}", urlencode(json)));
    true
}

fn redirect_back(referer: &str, err: &AppError) {
    if let Ok(json) = serde_json::to_string(err) {
        let base = referer.split('?').next().unwrap_or(referer);
        let mut url = String::from(base);
        url.push('?');
        url.push_str(ERROR_PARAM);
        url.push('=');
        url.push_str(&urlencode(&json));
        leptos_axum::redirect(&url);
    }
}

fn urlencode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
