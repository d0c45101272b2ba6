//! IATI files: the import page's data and the import itself.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{ImportReport, Organisation};

/// The query parameter that carries a plain form post's import report.
pub const REPORT_PARAM: &str = "report";

/// Problems a report carried back in a page address keeps of each list.
#[cfg(feature = "ssr")]
const SHORT_REPORT_ITEMS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiView {
    /// Whether the reader may import for any organisation (an admin).
    pub any_organisation: bool,
    /// Organisations the reader may import for.
    pub organisations: Vec<Organisation>,
}

/// Who may import what on the IATI page.
#[server]
pub async fn load_iati(country: String) -> Result<IatiView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::current_actor().await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let any_organisation = allows(
                actor.as_ref(),
                Action::ImportIati {
                    country_id,
                    organisation_id: None,
                },
            );
            let organisations = crate::services::accounts::organisations::active(&db, country_id)
                .await?
                .into_iter()
                .filter(|o| {
                    allows(
                        actor.as_ref(),
                        Action::ImportIati {
                            country_id,
                            organisation_id: Some(o.id),
                        },
                    ) && !o.kind.is_government()
                })
                .collect();
            Ok(IatiView {
                any_organisation,
                organisations,
            })
        }
        .await,
    )
    .await
}

/// Imports an IATI activity file pasted into the form, for one
/// organisation (`organisation_id`) or, blank, for whichever the file reports.
#[server]
pub async fn import_iati(
    csrf: String,
    country: String,
    organisation_id: String,
    file: String,
) -> Result<ImportReport, AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let organisation_id =
                crate::types::input::optional_id("organisation_id", &organisation_id)?;
            crate::auth::ensure(
                &actor,
                crate::policy::Action::ImportIati {
                    country_id,
                    organisation_id,
                },
            )?;
            if let Some(id) = organisation_id {
                let (org_country, _) =
                    crate::services::accounts::organisations::get(&db, id).await?;
                if org_country != country_id {
                    return Err(AppError::NotFound(
                        crate::i18n::td_string!(
                            crate::language::current(),
                            rules.what_organisation,
                            id
                        )
                        .to_string(),
                    ));
                }
            }
            let author = crate::services::accounts::audit::Author::user(&actor);
            let report = crate::services::iati::import(
                &db,
                &author,
                country_id,
                organisation_id,
                "pasted file",
                std::io::Cursor::new(file.into_bytes()),
            )
            .await?;
            if let Ok(json) = serde_json::to_string(&shortened(&report)) {
                crate::server_fns::form::back_with(REPORT_PARAM, &json);
            }
            Ok(report)
        }
        .await,
    )
    .await
}

/// The report with its lists cut short, to travel in a page address.
#[cfg(feature = "ssr")]
fn shortened(report: &ImportReport) -> ImportReport {
    let mut short = report.clone();
    short.activities.truncate(SHORT_REPORT_ITEMS);
    short.warnings.truncate(SHORT_REPORT_ITEMS);
    short.errors.truncate(SHORT_REPORT_ITEMS);
    short.conflicts.truncate(SHORT_REPORT_ITEMS);
    short
}
