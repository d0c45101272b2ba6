//! `GET /healthz`: the process answers (200). `GET /readyz`: 200 when the
//! database answers a query and has no migration pending, 503 otherwise.

use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use migrations::{Migrator, MigratorTrait};

pub async fn healthz() -> (StatusCode, &'static str) {
    (StatusCode::OK, "ok")
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if let Err(err) = state.db.ping().await {
        tracing::error!(error = %err, "readiness: the database does not answer");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unavailable");
    }
    match Migrator::get_pending_migrations(&state.db).await {
        Ok(pending) if pending.is_empty() => (StatusCode::OK, "ready"),
        Ok(_) => (StatusCode::SERVICE_UNAVAILABLE, "migrations pending"),
        Err(err) => {
            tracing::error!(error = %err, "readiness: the migrations cannot be read");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
