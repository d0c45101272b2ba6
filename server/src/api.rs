//! The public, read-only JSON API under `/api/v1`. It serves published data
//! only and needs no account.

use app::AppError;
use app::services::{
    accounts::countries, compact::compacts, funding::activities, funding::report,
    indicators::computation, indicators::readings, strategy::strategies, transition::plans,
};
use app::state::AppState;
use app::types::input;
use app::types::{
    Activity, Compact, Country, FundingReport, GroupBy, Page, Strategy, TransitionPlan,
};
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
        .route("/countries/{code}/fragility", get(published_fragility))
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
    let plan = plans::load(&state.db, country_id)
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
    // The members' comment threads are theirs, not the public's.
    Ok(Json(compact.without_comments()))
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<String>,
    per_page: Option<String>,
}

/// A page of activities and where it sits in the whole.
#[derive(Serialize)]
struct ActivitiesPage {
    page: u64,
    per_page: u64,
    /// Published activities in all.
    total: u64,
    pages: u64,
    activities: Vec<Activity>,
}

/// A page of the country's published activities (by reporter and title)
/// with their transactions and planned disbursements, each amount in its
/// own currency.
async fn published_activities(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<PageQuery>,
) -> Result<Json<ActivitiesPage>, ApiError> {
    let page = Page::parse(query.page.as_deref(), query.per_page.as_deref())?;
    let (country_id, _) = countries::get_with_id(&state.db, &code).await?;
    let (activities, total) = activities::published_page(&state.db, country_id, page).await?;
    Ok(Json(ActivitiesPage {
        page: page.number,
        per_page: page.size,
        total,
        pages: page.count(total),
        activities,
    }))
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
        Some(year) => Some(input::year("fiscal_year", year)?),
    };
    let (country_id, _) = countries::get_with_id(&state.db, &code).await?;
    Ok(Json(
        report::build(&state.db, country_id, group_by, fiscal_year).await?,
    ))
}

#[derive(Deserialize)]
struct IndicatorQuery {
    fiscal_year: Option<String>,
    partner: Option<String>,
    pillar: Option<String>,
}

#[derive(Serialize)]
struct IndicatorsBody {
    currency: app::types::Currency,
    fiscal_year: i32,
    fiscal_year_label: String,
    partner: Option<app::types::OrganisationRef>,
    pillar: Option<i32>,
    indicators: Vec<IndicatorBody>,
}

#[derive(Serialize)]
struct IndicatorBody {
    code: String,
    name: String,
    definition: String,
    /// `computed` or `entered`.
    kind: &'static str,
    unit: app::types::Unit,
    direction: app::types::Direction,
    pillar: Option<i32>,
    /// `null`: not applicable, or not measured.
    value: Option<rust_decimal::Decimal>,
    /// A computed value's terms; `null` for an entered one.
    numerator: Option<rust_decimal::Decimal>,
    denominator: Option<rust_decimal::Decimal>,
    previous: Option<rust_decimal::Decimal>,
    target: Option<rust_decimal::Decimal>,
    /// Against the year's target; `null` while no target is set.
    status: Option<app::types::Status>,
    /// The rows a computed value came from.
    parts: Vec<app::types::Part>,
    /// Where an entered value comes from.
    source: Option<String>,
}

/// Every indicator of a fiscal year (default: the latest with flows),
/// country-wide or for one partner (`partner` = organisation id), for
/// every pillar or one (`pillar` = its number).
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
    let fiscal_year = match query.fiscal_year.as_deref() {
        None | Some("") => None,
        Some(year) => Some(input::year("fiscal_year", year)?),
    };
    let partner = number("partner", query.partner.as_deref())?;
    let pillar = number("pillar", query.pillar.as_deref())?;
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    if let Some(id) = partner {
        let (org_country, _) = app::services::accounts::organisations::get(&state.db, id).await?;
        if org_country != country_id {
            return Err(AppError::NotFound(format!("organisation {id}")).into());
        }
    }
    let year = match fiscal_year {
        Some(year) => year,
        None => {
            computation::default_year(
                &state.db,
                country_id,
                country.fiscal_year_start_month,
                app::services::now().date_naive(),
            )
            .await?
        }
    };
    let filter = readings::Filter { partner, pillar };
    let set = readings::of_year(&state.db, country_id, year, filter).await?;
    Ok(Json(IndicatorsBody {
        currency: set.currency,
        fiscal_year: set.fiscal_year,
        fiscal_year_label: set.fiscal_year_label,
        partner: set.partner,
        pillar: set.pillar,
        indicators: set
            .readings
            .into_iter()
            .map(|r| IndicatorBody {
                kind: if r.computed.is_some() {
                    "computed"
                } else {
                    "entered"
                },
                numerator: r.computed.as_ref().map(|v| v.numerator),
                denominator: r.computed.as_ref().map(|v| v.denominator),
                parts: r.computed.map(|v| v.parts).unwrap_or_default(),
                source: r.measurement.map(|m| m.source),
                code: r.code,
                name: r.name,
                definition: r.definition,
                unit: r.unit,
                direction: r.direction,
                pillar: r.pillar,
                value: r.value,
                previous: r.previous,
                target: r.target,
                status: r.status,
            })
            .collect(),
    }))
}

/// The country's published fragility assessments.
#[derive(Serialize)]
struct FragilityBody {
    country: String,
    /// Newest first, each with its rows (goal and stage as codes).
    rounds: Vec<app::types::FragilityRound>,
}

/// The published fragility assessment rounds, newest first, with their
/// rows; drafts and validated rounds are the members' only.
async fn published_fragility(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<FragilityBody>, ApiError> {
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    let rounds = app::services::fragility::read::rounds(&state.db, country_id, false).await?;
    Ok(Json(FragilityBody {
        country: country.code,
        rounds,
    }))
}
