//! The public, read-only JSON API under `/api/v1`. It serves published data
//! only and needs no account.

use app::AppError;
use app::services::{activities, compacts, countries, funding, indicators, strategies, transition};
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
        .route("/countries/{code}/indicators", get(indicator_values))
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

#[derive(Deserialize)]
struct IndicatorQuery {
    fiscal_year: Option<String>,
    partner: Option<String>,
}

#[derive(Serialize)]
struct IndicatorsBody {
    currency: String,
    fiscal_year: i32,
    fiscal_year_label: String,
    partner: Option<app::types::OrganisationRef>,
    indicators: Vec<IndicatorBody>,
}

#[derive(Serialize)]
struct IndicatorBody {
    code: &'static str,
    name: &'static str,
    definition: &'static str,
    unit: app::types::Unit,
    /// `null`: not applicable.
    value: Option<rust_decimal::Decimal>,
    numerator: rust_decimal::Decimal,
    denominator: rust_decimal::Decimal,
    /// Against a target; `null` while no target is set.
    status: Option<String>,
    parts: Vec<app::types::Part>,
}

/// The computed indicators of a fiscal year (default: the latest with
/// flows), country-wide or for one partner (`partner` = organisation id).
async fn indicator_values(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<IndicatorQuery>,
) -> Result<Json<IndicatorsBody>, ApiError> {
    let number = |field: &str, text: Option<&str>| match text {
        None | Some("") => Ok(None),
        Some(t) => t
            .parse::<i32>()
            .map(Some)
            .map_err(|_| AppError::invalid(field, "must be a whole number")),
    };
    let fiscal_year = number("fiscal_year", query.fiscal_year.as_deref())?;
    let partner = number("partner", query.partner.as_deref())?;
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    if let Some(id) = partner {
        let (org_country, _) = app::services::organisations::get(&state.db, id).await?;
        if org_country != country_id {
            return Err(AppError::NotFound(format!("organisation {id}")).into());
        }
    }
    let year = match fiscal_year {
        Some(year) => year,
        None => {
            indicators::default_year(
                &state.db,
                country_id,
                country.fiscal_year_start_month,
                chrono::Utc::now().date_naive(),
            )
            .await?
        }
    };
    let set = indicators::compute(&state.db, country_id, year, partner).await?;
    Ok(Json(IndicatorsBody {
        currency: set.currency,
        fiscal_year: set.fiscal_year,
        fiscal_year_label: set.fiscal_year_label,
        partner: set.partner,
        indicators: set
            .values
            .into_iter()
            .map(|v| IndicatorBody {
                code: v.formula.code(),
                name: v.formula.label(),
                definition: v.formula.definition(),
                unit: v.formula.unit(),
                value: v.value,
                numerator: v.numerator,
                denominator: v.denominator,
                status: None,
                parts: v.parts,
            })
            .collect(),
    }))
}
