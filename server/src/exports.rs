//! Downloads of published data as CSV.

use app::AppError;
use app::services::{
    accounts::countries, compact::compacts, compact::signing, strategy::strategies,
};
use app::state::AppState;
use app::types::{Compact, CompactStatus, FiscalYear, Strategy};
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;

use crate::api::ApiError;

/// The canonical JSON of a signed compact version (`v2.json`): the exact
/// bytes whose SHA-256 the signatures carry.
pub async fn compact_json(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    let not_found = || AppError::NotFound(format!("compact {file}"));
    let version: i32 = file
        .strip_prefix('v')
        .and_then(|f| f.strip_suffix(".json"))
        .and_then(|n| n.parse().ok())
        .ok_or_else(not_found)?;
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    let (id, _, status) = compacts::versions(&state.db, country_id)
        .await?
        .into_iter()
        .find(|(_, v, _)| *v == version)
        .ok_or_else(not_found)?;
    if status != CompactStatus::Signed {
        return Err(not_found().into());
    }
    let body = signing::canonical_json(&compacts::load(&state.db, id).await?)?;
    let name = format!(
        "attachment; filename=\"compact-{}-v{version}.json\"",
        country.code
    );
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_string()),
            (CONTENT_DISPOSITION, name),
        ],
        body,
    ))
}

/// The commitments of the latest signed compact, one row each, with their
/// status now.
pub async fn compact_csv(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    let compact = compacts::latest_signed(&state.db, country_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("a signed compact for {code}")))?;
    let today = app::services::now().date_naive();
    let body = commitments_csv(&compact, today).map_err(AppError::internal)?;
    let file = format!(
        "attachment; filename=\"compact-{}-v{}.csv\"",
        country.code, compact.version
    );
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, file),
        ],
        body,
    ))
}

/// A text cell as a spreadsheet will read it: a cell that starts like a
/// formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
/// apostrophe, so that no spreadsheet runs what a user typed (OWASP's
/// advice on CSV injection).
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One row per commitment, numbered as in the signed text.
pub fn commitments_csv(compact: &Compact, today: chrono::NaiveDate) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "number",
        "party",
        "kind",
        "category",
        "commitment",
        "priority",
        "due",
        "responsible office",
        "status",
        "reason",
        "overdue",
    ])?;
    for (i, c) in compact.commitments.iter().enumerate() {
        out.write_record([
            (i + 1).to_string(),
            cell(&c.party),
            c.kind.label_in(app::language::Locale::en).to_string(),
            c.category.label_in(app::language::Locale::en).to_string(),
            cell(&c.text),
            cell(&c.priority_code),
            c.due_on.to_string(),
            cell(&c.responsible_office),
            c.status.label_in(app::language::Locale::en).to_string(),
            cell(c.status_reason.as_deref().unwrap_or_default()),
            if c.overdue(today) { "yes" } else { "no" }.to_string(),
        ])?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The priorities of the latest endorsed strategy with their yearly costs.
pub async fn strategy_csv(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    let strategy = strategies::latest_endorsed(&state.db, country_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("an endorsed strategy for {code}")))?;
    let body = priorities_csv(&strategy).map_err(AppError::internal)?;
    let file = format!(
        "attachment; filename=\"strategy-{}-v{}.csv\"",
        country.code, strategy.version
    );
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, file),
        ],
        body,
    ))
}

/// One row per priority: its facts, then its cost in each fiscal year and in
/// all, in the strategy's currency.
pub fn priorities_csv(strategy: &Strategy) -> Result<String, csv::Error> {
    let years: Vec<i32> = strategy.fiscal_years().collect();
    let label = |year: i32| {
        FiscalYear {
            start_year: year,
            start_month: strategy.fiscal_year_start_month,
        }
        .label_in(app::language::Locale::en)
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = [
        "code",
        "pillar",
        "priority",
        "lead ministry",
        "phase",
        "thematic area",
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        years
            .iter()
            .map(|y| format!("{} ({})", label(*y), strategy.currency)),
    );
    header.push(format!("total ({})", strategy.currency));
    out.write_record(&header)?;
    for pillar in &strategy.pillars {
        for p in &pillar.priorities {
            let mut row = vec![
                cell(&p.code),
                format!("{}. {}", pillar.number, cell(&pillar.title)),
                cell(&p.title),
                cell(&p.lead_organisation),
                p.phase.label_in(app::language::Locale::en).to_string(),
                p.thematic_area
                    .label_in(app::language::Locale::en)
                    .to_string(),
            ];
            row.extend(years.iter().map(|y| format!("{:.2}", p.cost_in(*y))));
            row.push(format!("{:.2}", p.total_cost()));
            out.write_record(&row)?;
        }
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The file to start a transactions import from: the columns and one
/// example row.
pub async fn transactions_template() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"transactions-template.csv\"",
            ),
        ],
        app::services::funding::transaction_import::template(),
    )
}
