//! The server's shared state, provided to every server function as context.

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::AppError;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Settings,
}

/// Settings the request handlers need.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Mark cookies `Secure`: the app is served over HTTPS.
    pub secure_cookies: bool,
    /// A reverse proxy stands in front: the client's address is the last
    /// entry of `X-Forwarded-For`, which the proxy appends.
    pub behind_proxy: bool,
    /// Serve Prometheus metrics at `/metrics`.
    pub metrics: bool,
}

/// The state of the current request.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::internal("AppState is missing from the request context"))
}

/// The database handle of the current request.
pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.db)
}
