//! Request-body limits: every body is refused past its limit before anything
//! parses it. The imports take files, so their server functions get a larger
//! limit than the rest.

use app::server_fns::{ImportChartOfAccounts, ImportIati, ImportRates, ImportTransactions};
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderValue, StatusCode, header::CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::ServerFn;

/// The limit of a request body: forms, server functions, sign-in.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// The limit of an import's body: an IATI file, a CSV of transactions,
/// rates or budget lines, pasted or uploaded.
pub const IMPORT_LIMIT: usize = 25 * 1024 * 1024;

/// The body limit of a request to `path`.
pub fn limit_of(path: &str) -> usize {
    let imports = [
        ImportIati::PATH,
        ImportTransactions::PATH,
        ImportRates::PATH,
        ImportChartOfAccounts::PATH,
    ];
    if imports.contains(&path) {
        IMPORT_LIMIT
    } else {
        BODY_LIMIT
    }
}

fn too_large(limit: usize) -> Response {
    let message = format!(
        "{{\"error\":\"the request is larger than the limit of {} MiB; send a big file through the command line\"}}",
        limit / (1024 * 1024)
    );
    let mut response = (StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Middleware: refuses a declared length over the limit at once; a body of
/// unknown length (chunked) is read up to the limit first, and refused past
/// it.
pub async fn limit_bodies(request: Request, next: Next) -> Response {
    let limit = limit_of(request.uri().path());
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(limit);
    }
    if declared.is_some() {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(limit),
    }
}
