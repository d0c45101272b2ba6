//! The axum router: pages, server functions, the JSON API, health and files.
//! Pages and server functions find `AppState` in their context.

use app::AppError;
use app::auth::csrf;
use app::auth::store::DbSessionStore;
use app::state::AppState;
use app::types::Area;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::extract::Query;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::middleware;
use axum::middleware::Next;
use axum::response::Redirect;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use serde::Deserialize;
use std::sync::OnceLock;
use time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::{api, audit, exports, form_text, headers, health, iati, language, limits, metrics};

/// The largest error body read back to give it its status.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Sessions end after eight hours without a request.
const SESSION_IDLE: Duration = Duration::hours(8);

/// The app's routes, generated once per process. Generating runs the app
/// with resource loading suppressed by a process-wide flag, so a second
/// generation while another router serves pages (as when tests start many
/// servers in one process) could stall a page's resources for good.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The session cookie; `__Host-` prefixed when secure, so no sibling
/// subdomain can set or read it.
fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-ct_session"
    } else {
        "ct_session"
    }
}

pub fn router(state: AppState) -> Router {
    let routes = routes();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(session_cookie_name(state.settings.secure_cookies))
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.settings.secure_cookies)
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE));
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/switch-country", get(switch_country))
        .nest("/api/v1", api::routes())
        .route("/countries/{code}/strategy.csv", get(exports::strategy_csv))
        .route(
            "/countries/{code}/compact/{file}",
            get(exports::compact_json),
        )
        .route("/countries/{code}/compact.csv", get(exports::compact_csv))
        .route("/countries/{code}/admin/audit.csv", get(audit::audit_csv))
        .route(
            "/countries/{code}/funding/transactions-template.csv",
            get(exports::transactions_template),
        )
        .route(
            "/countries/{code}/iati-activities.xml",
            get(iati::activities_xml),
        )
        .leptos_routes_with_context(&state, routes, || (), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell));
    let router = if state.settings.metrics {
        if let Err(err) = metrics::recorder() {
            tracing::error!(error = %err, "metrics: the recorder could not be installed");
        }
        router
            .route("/metrics", get(metrics::render))
            .route_layer(middleware::from_fn(metrics::track))
    } else {
        router
    };
    router
        .layer(middleware::from_fn_with_state(state.clone(), csrf::layer))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            language::layer,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(no_store_pages))
        .layer(middleware::from_fn(crate::site::cache_assets))
        .layer(middleware::from_fn(bad_arguments_are_bad_requests))
        .layer(middleware::from_fn(form_text::strip_control_characters))
        .layer(middleware::from_fn(limits::limit_bodies))
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn(headers::security_headers))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

#[derive(Deserialize)]
struct SwitchCountry {
    code: String,
    #[serde(default)]
    area: String,
}

/// The country switcher's form target when JavaScript is not running.
async fn switch_country(Query(query): Query<SwitchCountry>) -> Redirect {
    let code = query.code.trim().to_ascii_uppercase();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Redirect::to("/");
    }
    match Area::from_slug(&query.area) {
        Some(area) => Redirect::to(&format!("/countries/{code}/{}", area.slug())),
        None => Redirect::to(&format!("/countries/{code}")),
    }
}

/// Pages may hold private data: browsers must not keep them, so the back
/// button after signing out shows nothing private. Static files keep their
/// validators and are revalidated as usual.
async fn no_store_pages(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html && !response.headers().contains_key(CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A server function called with arguments that do not parse fails before
/// its body runs, and the framework answers 500; it is the caller's
/// mistake, so it answers 400 with the message.
async fn bad_arguments_are_bad_requests(request: Request, next: Next) -> Response {
    let is_server_fn =
        request.uri().path().starts_with("/api/") && !request.uri().path().starts_with("/api/v1/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if matches!(serde_json::from_slice(&bytes), Ok(AppError::Request(_))) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
