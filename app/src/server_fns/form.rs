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

/// A date typed as YYYY-MM-DD, or an error naming `field`.
pub fn date(field: &str, text: &str) -> Result<chrono::NaiveDate, AppError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, "must be a date written YYYY-MM-DD"))
}

/// An amount as typed (thousands separators allowed); `None` when blank.
pub fn amount(field: &str, text: &str) -> Result<Option<rust_decimal::Decimal>, AppError> {
    let text = text.trim().replace([',', ' '], "");
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, "must be a number such as 1500000.50"))
}

/// An amount that must be given.
pub fn required_amount(field: &str, text: &str) -> Result<rust_decimal::Decimal, AppError> {
    amount(field, text)?.ok_or_else(|| AppError::invalid(field, "is required"))
}

/// The year a fiscal year starts, as typed.
pub fn year(field: &str, text: &str) -> Result<i32, AppError> {
    text.trim()
        .parse()
        .map_err(|_| AppError::invalid(field, "must be a year such as 2026"))
}

/// Codes with percentages as typed: `15210 60; 15220 40`, or one code alone
/// for all of it. Blank means none.
pub fn shares(field: &str, text: &str) -> Result<Vec<crate::types::Share>, AppError> {
    let items: Vec<&str> = text
        .split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let single = items.len() == 1;
    items
        .into_iter()
        .map(|item| {
            let mut parts = item.split_whitespace();
            let code = parts.next().unwrap_or_default().to_string();
            let percent = match (parts.next(), single) {
                (Some(p), _) => p.trim_end_matches('%').parse().ok(),
                (None, true) => Some(rust_decimal::Decimal::ONE_HUNDRED),
                (None, false) => None,
            };
            match (percent, parts.next()) {
                (Some(percent), None) => Ok(crate::types::Share { code, percent }),
                _ => Err(AppError::invalid(
                    field,
                    format!("write each as a code and a percentage, such as \"15210 60; 15220 40\" (not {item:?})"),
                )),
            }
        })
        .collect()
}

/// A checkbox: present when ticked.
pub fn ticked(value: &Option<String>) -> bool {
    value.is_some()
}

/// An optional id from a select whose first option is blank.
pub fn optional_id(field: &str, text: &str) -> Result<Option<i32>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, "must be chosen from the list"))
}
