//! IATI activity files: import (a streaming parse, then one database
//! transaction per file) and export (IATI 2.03 activity XML).
//!
//! The import matches activities on their `iati-identifier` within the
//! country. It remembers the values it wrote; on a later import a field
//! whose value in the app differs from what was imported was edited in the
//! app: it is kept, and the report names the conflict.

/// A sentence of the import's report, in the language of the request
/// (English in the command line and the tests): `say!(key, name = value)`
/// for the `rules` catalogue's `key`.
macro_rules! say {
    ($key:ident) => {
        crate::i18n::td_string!(crate::language::current(), rules.$key).to_string()
    };
    ($key:ident, $($args:tt)+) => {
        crate::i18n::td_string!(crate::language::current(), rules.$key, $($args)+).to_string()
    };
}

mod export;
mod fields;
mod flows;
mod import;
mod map;
mod orgs;
pub mod parse;
mod store;
mod update;

use std::io::BufRead;

use sea_orm::{DatabaseTransaction, TransactionTrait};
use tokio::sync::mpsc;

use crate::AppError;
use crate::types::ImportReport;

use crate::services::accounts::audit::Author;
use parse::{ActivityReader, IatiActivity, XmlError};

pub use export::{Export, export};

/// Activities read ahead of the database.
const READ_AHEAD: usize = 8;

/// Reads `source` on a blocking thread, one activity at a time.
fn read(source: impl BufRead + Send + 'static) -> mpsc::Receiver<Result<IatiActivity, XmlError>> {
    let (tx, rx) = mpsc::channel(READ_AHEAD);
    // The blocking thread has no request: it is told the language.
    let locale = crate::language::current();
    tokio::task::spawn_blocking(move || {
        let mut reader = ActivityReader::new(source).in_language(locale);
        loop {
            let next = match reader.next_activity() {
                Ok(Some(a)) => Ok(a),
                Ok(None) => break,
                Err(e) => Err(e),
            };
            let stop = next.is_err();
            if tx.blocking_send(next).is_err() || stop {
                break;
            }
        }
    });
    rx
}

/// Imports one IATI activity file into a country, for one organisation
/// (a partner reporter's) or for any (`None`). A file that is not
/// well-formed XML writes nothing and its report has an `error`.
#[tracing::instrument(skip(db, author, source))]
pub async fn import(
    db: &impl TransactionTrait<Transaction = DatabaseTransaction>,
    author: &Author,
    country_id: i32,
    organisation_id: Option<i32>,
    file: &str,
    source: impl BufRead + Send + 'static,
) -> Result<ImportReport, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let mut importer =
        import::Importer::new(&txn, author, country_id, organisation_id, file).await?;
    let mut activities = read(source);
    while let Some(next) = activities.recv().await {
        match next {
            Ok(activity) => importer.activity(activity).await?,
            Err(err) => {
                drop(importer);
                txn.rollback().await?;
                metrics::counter!("imports_total", "kind" => "iati", "outcome" => "refused")
                    .increment(1);
                return Ok(ImportReport {
                    file: file.to_string(),
                    error: Some(say!(
                        iati_not_well_formed,
                        error = say!(
                            iati_xml_error_at,
                            line = err.line,
                            column = err.column,
                            message = err.message
                        )
                    )),
                    ..ImportReport::default()
                });
            }
        }
    }
    let report = importer.finish().await?;
    txn.commit().await?;
    metrics::counter!("imports_total", "kind" => "iati", "outcome" => "imported").increment(1);
    Ok(report)
}
