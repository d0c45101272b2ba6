//! How a server function's failure reaches the caller. A fetch from the
//! live page gets the error with its HTTP status. A plain form post (before
//! the wasm loads, or without JavaScript) is sent back to the page it came
//! from with the error as `?error=<json>`, so the page can show it; an
//! error too long for a page address (an import's list of bad lines) waits
//! in the session instead, and the address says `?error=stored`.

use axum::http::header::{ACCEPT, REFERER};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use leptos::prelude::use_context;

use crate::AppError;

use super::{ERROR_PARAM, STORED_ERROR};

/// The longest error (as JSON) that travels in the page address; proxies
/// commonly refuse headers past a few kilobytes.
const INLINE_LIMIT: usize = 1000;

/// The session key of an error too long for the page address.
pub const STORED_ERROR_KEY: &str = "form_error";

/// The session key of the input of a refused plain form post.
pub const KEPT_INPUT_KEY: &str = "form_input";

/// A form post's body as the server read it (put in the request by the
/// server's form middleware), so a refused plain post can give its input
/// back to the page.
#[derive(Debug, Clone)]
pub struct PostedForm(pub String);

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
pub async fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let Err(err) = &result else {
        return result;
    };
    let back = plain_form_post().and_then(|parts| {
        let referer = parts.headers.get(REFERER)?.to_str().ok()?.to_string();
        Some((referer, parts))
    });
    match back {
        Some((referer, parts)) => {
            keep_input(&parts).await;
            redirect_back(&referer, err).await;
        }
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
    leptos_axum::redirect(&format!(
        "{base}?{param}={}",
        crate::types::query::encode(json)
    ));
    true
}

async fn redirect_back(referer: &str, err: &AppError) {
    let Ok(json) = serde_json::to_string(err) else {
        return;
    };
    let base = referer.split('?').next().unwrap_or(referer);
    let param = if json.len() <= INLINE_LIMIT {
        crate::types::query::encode(&json)
    } else {
        match store(json).await {
            Ok(()) => STORED_ERROR.to_string(),
            Err(e) => {
                tracing::error!("keeping a form's error in the session: {e}");
                return;
            }
        }
    };
    leptos_axum::redirect(&format!("{base}?{ERROR_PARAM}={param}"));
}

/// Keeps a refused plain post's input in the session for the page it goes
/// back to.
async fn keep_input(parts: &Parts) {
    let Some(PostedForm(body)) = parts.extensions.get::<PostedForm>() else {
        return;
    };
    let kept = crate::types::KeptInput {
        path: parts.uri.path().to_string(),
        fields: form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .filter(|(name, _)| crate::types::KeptInput::keeps(name))
            .collect(),
    };
    let stored = async {
        let json = serde_json::to_string(&kept).map_err(AppError::internal)?;
        session()
            .await?
            .insert(KEPT_INPUT_KEY, json)
            .await
            .map_err(AppError::internal)
    };
    if let Err(e) = stored.await {
        tracing::error!("keeping a refused form's input in the session: {e}");
    }
}

async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(AppError::internal)
}

async fn store(json: String) -> Result<(), AppError> {
    session()
        .await?
        .insert(STORED_ERROR_KEY, json)
        .await
        .map_err(AppError::internal)
}

/// Runs `create` once per form token: the post that spends the token runs
/// it (and gives the token back if it fails, so the corrected form can be
/// posted again); a later post of the same form runs nothing and gets
/// `None`: what it asked for was done. A post without a token (the page's
/// next token still on its way) just runs.
pub async fn once<T>(
    db: &sea_orm::DatabaseConnection,
    token: &str,
    create: impl Future<Output = Result<T, AppError>>,
) -> Result<Option<T>, AppError> {
    use crate::services::form_tokens;
    if token.is_empty() {
        return create.await.map(Some);
    }
    if !form_tokens::spend(db, token).await? {
        tracing::info!("a create form posted again: nothing more created");
        return Ok(None);
    }
    match create.await {
        Ok(created) => Ok(Some(created)),
        Err(error) => {
            form_tokens::give_back(db, token).await?;
            Err(error)
        }
    }
}
