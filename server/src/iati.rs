//! IATI activity files: the download route and the `import-iati` and
//! `export-iati` commands.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::PathBuf;

use app::services::accounts::audit::Author;
use app::services::{accounts::countries, iati};
use app::state::AppState;
use app::types::{ImportReport, ImportTotals};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;
use serde::Serialize;

use crate::api::ApiError;

/// The country's published activities as IATI 2.03 XML, sent as it is
/// written, a page of activities at a time. A failure once sending has
/// begun is logged and cuts the download short, which the client sees as
/// an incomplete transfer.
pub async fn activities_xml(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let (country_id, country) = countries::get_with_id(&state.db, &code).await?;
    let export = iati::Export::start(&state.db, country_id).await?;
    let parts = futures_util::stream::try_unfold(
        (export, state.db.clone()),
        |(mut export, db)| async move {
            match export.next(&db).await {
                Ok(Some(part)) => Ok(Some((Bytes::from(part), (export, db)))),
                Ok(None) => Ok(None),
                Err(err) => {
                    tracing::error!(error = %err, "IATI export failed while sending");
                    Err(std::io::Error::other("the export failed"))
                }
            }
        },
    );
    let body = Body::from_stream(parts);
    let name = format!(
        "attachment; filename=\"iati-activities-{}.xml\"",
        country.code
    );
    Ok((
        [
            (CONTENT_TYPE, "application/xml; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, name),
        ],
        body,
    ))
}

/// What `import-iati --json` prints: each file's report and the sums.
#[derive(Serialize)]
pub struct ImportSummary {
    pub totals: ImportTotals,
    pub files: Vec<ImportReport>,
}

fn add(totals: &mut ImportTotals, more: &ImportTotals) {
    totals.activities_imported += more.activities_imported;
    totals.activities_updated += more.activities_updated;
    totals.activities_skipped += more.activities_skipped;
    totals.transactions_imported += more.transactions_imported;
    for (currency, amount) in &more.amounts {
        match totals.amounts.iter_mut().find(|(c, _)| c == currency) {
            Some((_, sum)) => *sum += *amount,
            None => totals.amounts.push((currency.clone(), *amount)),
        }
    }
    totals.amounts.sort();
}

/// Imports each file in its own database transaction. The summary, and
/// whether every file could be read.
pub async fn import_files(
    db: &DatabaseConnection,
    country: &str,
    files: &[PathBuf],
) -> Result<(ImportSummary, bool), app::AppError> {
    let (country_id, _) = countries::get_with_id(db, country).await?;
    let author = Author::system("command line");
    let mut summary = ImportSummary {
        totals: ImportTotals::default(),
        files: Vec::new(),
    };
    let mut all_read = true;
    for path in files {
        let name = path.display().to_string();
        let report = match File::open(path) {
            Ok(file) => {
                iati::import(db, &author, country_id, None, &name, BufReader::new(file)).await?
            }
            Err(err) => ImportReport {
                file: name,
                error: Some(format!("cannot be read: {err}")),
                ..ImportReport::default()
            },
        };
        all_read &= report.error.is_none();
        add(&mut summary.totals, &report.totals);
        summary.files.push(report);
    }
    Ok((summary, all_read))
}

fn amounts(list: &[(String, Decimal)]) -> String {
    list.iter()
        .map(|(c, a)| format!("{c} {a}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The report for people.
pub fn print_summary(out: &mut impl Write, summary: &ImportSummary) -> std::io::Result<()> {
    for report in &summary.files {
        writeln!(out, "{}:", report.file)?;
        if let Some(error) = &report.error {
            writeln!(out, "  error: {error}")?;
            continue;
        }
        for a in &report.activities {
            writeln!(out, "  {} {}: {}", a.outcome.label(), a.identifier, a.note)?;
        }
        for p in &report.errors {
            let at = p.activity.as_deref().unwrap_or("file");
            writeln!(out, "  error: {at}: {}", p.message)?;
        }
        for p in &report.warnings {
            let at = p.activity.as_deref().unwrap_or("file");
            writeln!(out, "  warning: {at}: {}", p.message)?;
        }
        for c in &report.conflicts {
            writeln!(
                out,
                "  conflict: {}: {} kept as {:?} (the file says {:?})",
                c.activity, c.field, c.local, c.imported
            )?;
        }
    }
    let t = &summary.totals;
    writeln!(
        out,
        "Activities: {} imported, {} updated, {} skipped. Transactions imported: {}{}.",
        t.activities_imported,
        t.activities_updated,
        t.activities_skipped,
        t.transactions_imported,
        if t.amounts.is_empty() {
            String::new()
        } else {
            format!(" ({})", amounts(&t.amounts))
        }
    )
}

/// Writes the country's IATI XML to `out`, or to standard output.
pub async fn export_file(
    db: &DatabaseConnection,
    country: &str,
    out: Option<&PathBuf>,
) -> anyhow::Result<()> {
    let (country_id, _) = countries::get_with_id(db, country)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut sink: Box<dyn Write> = match out {
        Some(path) => Box::new(std::io::BufWriter::new(File::create(path)?)),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut export = iati::Export::start(db, country_id)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    while let Some(part) = export.next(db).await.map_err(|e| anyhow::anyhow!("{e}"))? {
        sink.write_all(part.as_bytes())?;
    }
    sink.flush()?;
    Ok(())
}
