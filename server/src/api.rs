//! The public, read-only JSON API under `/api/v1`. It serves published data
//! only and needs no account.

use app::AppError;
use app::services::{activities, compacts, countries, funding, strategies, transition};
use app::state::AppState;
use app::types::{Activity, Compact, Country, FundingReport, GroupBy, Strategy, TransitionPlan};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/countries", get(list_countries))
        .route("/countries/{code}/strategy", get(endorsed_strategy))
        .route("/countries/{code}/transition", get(transition_plan))
        .route("/countries/{code}/compact", get(signed_compact))
        .route("/countries/{code}/activities", get(published_activities))
        .route("/countries/{code}/funding", get(funding_totals))
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

/// The country's published activities with their transactions and planned
/// disbursements, each amount in its own currency.
async fn published_activities(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Vec<Activity>>, ApiError> {
    let (country_id, _) = countries::get_with_id(&state.db, &code).await?;
    Ok(Json(activities::published(&state.db, country_id).await?))
}

#[derive(Deserialize)]
struct FundingQuery {
    group_by: Option<String>,
    fiscal_year: Option<String>,
}

/// Totals of published flows in the reporting currency, grouped one way,
/// with the rates used and the amounts no rate converts.
async fn funding_totals(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<FundingQuery>,
) -> Result<Json<FundingReport>, ApiError> {
    let group_by = match query.group_by.as_deref() {
        None | Some("") => GroupBy::Partner,
        Some(code) => GroupBy::from_code(code).ok_or_else(|| {
            let choices: Vec<&str> = GroupBy::ALL.iter().map(|g| g.code()).collect();
            AppError::invalid("group_by", format!("must be one of {}", choices.join(", ")))
        })?,
    };
    let fiscal_year = match query.fiscal_year.as_deref() {
        None | Some("") => None,
        Some(year) => Some(year.parse::<i32>().map_err(|_| {
            AppError::invalid(
                "fiscal_year",
                "must be the year a fiscal year starts in, such as 2026",
            )
        })?),
    };
    let (country_id, _) = countries::get_with_id(&state.db, &code).await?;
    Ok(Json(
        funding::report(&state.db, country_id, group_by, fiscal_year).await?,
    ))
}
