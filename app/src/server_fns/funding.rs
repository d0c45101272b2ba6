//! The funding page: totals in the reporting currency, and the reporting
//! rounds with who has answered.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{FundingReport, GroupBy, OrganisationRef, ReportingRound};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingView {
    pub report: FundingReport,
    /// `(start year, label)` of the fiscal years with flows.
    pub fiscal_years: Vec<(i32, String)>,
    pub rounds: Vec<ReportingRound>,
    pub can_manage_rounds: bool,
    /// The reader's organisation, when it answers reporting rounds.
    pub respondent: Option<OrganisationRef>,
    /// Whether the reader records activities (a link to their page).
    pub records_activities: bool,
    /// Whether the reader validates partners' activities (a link to the
    /// queue).
    pub validates: bool,
}

/// Reads a page's `group_by` query value; anything else reads by partner.
pub fn group_by_param(value: Option<&str>) -> GroupBy {
    value
        .and_then(GroupBy::from_code)
        .unwrap_or(GroupBy::Partner)
}

/// The funding view; public, as the shared picture of who funds what.
#[server]
pub async fn load_funding(
    country: String,
    group_by: Option<GroupBy>,
    fiscal_year: Option<i32>,
) -> Result<FundingView, AppError> {
    use crate::policy::{Action, allows};
    use crate::types::Role;
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let group_by = group_by.unwrap_or(GroupBy::Partner);
            let fiscal_year = crate::types::input::fiscal_year(fiscal_year)?;
            let report =
                crate::services::funding::report::build(&db, country_id, group_by, fiscal_year)
                    .await?;
            let fiscal_years = crate::services::funding::report::fiscal_years(&db, country_id)
                .await?
                .into_iter()
                .map(|start_year| {
                    let label = crate::types::FiscalYear {
                        start_year,
                        start_month: summary.fiscal_year_start_month,
                    }
                    .label();
                    (start_year, label)
                })
                .collect();
            let respondent = actor.as_ref().and_then(|a| {
                allows(
                    Some(a),
                    Action::RespondToRound {
                        country_id,
                        organisation_id: a.organisation_id,
                    },
                )
                .then(|| OrganisationRef {
                    id: a.organisation_id,
                    name: a.organisation_name.clone(),
                })
            });
            Ok(FundingView {
                report,
                fiscal_years,
                rounds: crate::services::funding::reporting::of_country(&db, country_id).await?,
                can_manage_rounds: allows(
                    actor.as_ref(),
                    Action::ManageReportingRounds { country_id },
                ),
                respondent,
                records_activities: actor
                    .as_ref()
                    .is_some_and(|a| a.role_in(country_id) == Some(Role::PartnerReporter)),
                validates: allows(actor.as_ref(), Action::ValidateActivities { country_id }),
            })
        }
        .await,
    )
    .await
}

#[server]
pub async fn open_reporting_round(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    round_title: String,
    round_fiscal_year: String,
    due_on: String,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(
                &actor,
                crate::policy::Action::ManageReportingRounds { country_id },
            )?;
            let new = crate::types::NewReportingRound {
                title: round_title,
                fiscal_year: crate::types::input::year("round_fiscal_year", &round_fiscal_year)?,
                due_on: crate::types::input::date("due_on", &due_on)?,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            let today = crate::services::now().date_naive();
            let open =
                crate::services::funding::reporting::open(&db, &author, country_id, new, today);
            crate::server_fns::form::once(&db, &once, open).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// The round, checked to belong to `country`, and the country's id.
#[cfg(feature = "ssr")]
async fn round_of(
    db: &sea_orm::DatabaseConnection,
    country: &str,
    round_id: i32,
) -> Result<(i32, entities::reporting_round::Model), AppError> {
    let (country_id, _) = crate::services::accounts::countries::get_with_id(db, country).await?;
    let round = crate::services::funding::reporting::get_model(db, round_id).await?;
    if round.country_id != country_id {
        return Err(AppError::NotFound(
            crate::i18n::td_string!(
                crate::language::current(),
                rules.what_reporting_round,
                id = round_id
            )
            .to_string(),
        ));
    }
    Ok((country_id, round))
}

#[server]
pub async fn close_reporting_round(
    csrf: String,
    country: String,
    round_id: i32,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, round) = round_of(&db, &country, round_id).await?;
            crate::auth::ensure(
                &actor,
                crate::policy::Action::ManageReportingRounds { country_id },
            )?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            let today = crate::services::now().date_naive();
            crate::services::funding::reporting::close(&db, &author, round.id, today).await
        }
        .await,
    )
    .await
}

/// A partner reporter answers a round for their organisation.
#[server]
pub async fn respond_to_round(
    csrf: String,
    country: String,
    round_id: i32,
    organisation_id: i32,
    status: crate::types::ResponseStatus,
    // The version of the answer the page showed; absent when there was none.
    #[server(default)] version: Option<i32>,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, round) = round_of(&db, &country, round_id).await?;
            crate::auth::ensure(
                &actor,
                crate::policy::Action::RespondToRound {
                    country_id,
                    organisation_id,
                },
            )?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            let answer = (round.id, organisation_id);
            crate::services::funding::reporting::respond(&db, &author, answer, status, version)
                .await
        }
        .await,
    )
    .await
}
