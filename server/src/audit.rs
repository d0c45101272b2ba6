//! The audit trail of a country as CSV, filtered as the audit page is: for
//! those who may read the trail (administrators and reviewers), checked
//! here on the server, never cached.

use app::AppError;
use app::auth::{actor_of, ensure};
use app::policy::Action;
use app::services::accounts::{audit, countries};
use app::state::AppState;
use app::types::{AuditEntry, AuditQuery};
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use tower_sessions::Session;

use crate::api::ApiError;
use crate::exports::cell;

/// Entries read from the database at a time.
const BATCH: u64 = 1000;

const HEADER: [&str; 8] = [
    "id",
    "at (UTC)",
    "who",
    "action",
    "object type",
    "object id",
    "before",
    "after",
];

fn record(entry: &AuditEntry) -> [String; 8] {
    [
        entry.id.to_string(),
        entry.at.to_rfc3339(),
        cell(&entry.actor),
        cell(&entry.action),
        cell(&entry.object_type),
        entry.object_id.to_string(),
        cell(entry.before.as_deref().unwrap_or_default()),
        cell(entry.after.as_deref().unwrap_or_default()),
    ]
}

/// Every entry of the country the filters match, newest first.
pub async fn audit_csv(
    State(state): State<AppState>,
    session: Session,
    Path(code): Path<String>,
    Query(query): Query<AuditQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let actor = actor_of(&session, &state.db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    ensure(&actor, Action::ReadAudit { country_id })?;
    let filter = query.filter()?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER).map_err(AppError::internal)?;
    let mut cursor = audit::Cursor::Newest;
    loop {
        let batch = audit::entries(&state.db, country_id, &filter, cursor, BATCH).await?;
        for entry in &batch {
            out.write_record(record(entry))
                .map_err(AppError::internal)?;
        }
        match batch.last() {
            Some(last) if batch.len() as u64 == BATCH => cursor = audit::Cursor::Before(last.id),
            _ => break,
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::internal(e.into_error()))?;
    let file = format!("attachment; filename=\"audit-{}.csv\"", country.code);
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, file),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        String::from_utf8_lossy(&bytes).into_owned(),
    ))
}
