//! The public, read-only JSON API under `/api/v1`. It serves published data
//! only and needs no account.

use app::AppError;
use app::services::{compacts, countries, strategies, transition};
use app::state::AppState;
use app::types::{Compact, Country, Strategy, TransitionPlan};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/countries", get(list_countries))
        .route("/countries/{code}/strategy", get(endorsed_strategy))
        .route("/countries/{code}/transition", get(transition_plan))
        .route("/countries/{code}/compact", get(signed_compact))
}

/// An API failure: the status and `{"error": "..."}`.
pub struct ApiError(AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

#[derive(Serialize)]
struct ErrorBody {
    error: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            error: self.0.to_string(),
        };
        (status, Json(body)).into_response()
    }
}

async fn list_countries(State(state): State<AppState>) -> Result<Json<Vec<Country>>, ApiError> {
    Ok(Json(countries::list(&state.db).await?))
}

/// The latest endorsed version of the country's strategy.
async fn endorsed_strategy(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Strategy>, ApiError> {
    let (country_id, _) = countries::get_with_id(&state.db, &code).await?;
    let strategy = strategies::latest_endorsed(&state.db, country_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("an endorsed strategy for {code}")))?;
    Ok(Json(strategy))
}

/// The transition plan: functions and the financing cliff by fiscal year.
async fn transition_plan(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<TransitionPlan>, ApiError> {
    let (country_id, _) = countries::get_with_id(&state.db, &code).await?;
    let plan = transition::load(&state.db, country_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("a transition plan for {code}")))?;
    Ok(Json(plan))
}

/// The latest signed version of the country's compact.
async fn signed_compact(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Compact>, ApiError> {
    let (country_id, _) = countries::get_with_id(&state.db, &code).await?;
    let compact = compacts::latest_signed(&state.db, country_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("a signed compact for {code}")))?;
    Ok(Json(compact))
}
