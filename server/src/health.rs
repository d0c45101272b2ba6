//! `GET /healthz`: 200 when the database answers a query, 503 otherwise.

use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(error = %err, "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
