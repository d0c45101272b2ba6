//! A partner's own page: its activities, their flows, and the forms and
//! import that record them.
#![allow(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field, and the macro's expansion defeats #[expect]"
)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{Activity, BudgetLine, Organisation};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivitiesView {
    /// The organisation whose activities these are.
    pub organisation: Organisation,
    pub activities: Vec<Activity>,
    pub can_edit: bool,
    /// `(code, title)` of the strategy's priorities.
    pub priorities: Vec<(String, String)>,
    pub budget_lines: Vec<BudgetLine>,
    /// Organisations a flow can come from or go to.
    pub organisations: Vec<Organisation>,
    pub reporting_currency: String,
}

/// An organisation's activities: by default the reader's own.
#[server]
pub async fn load_activities(
    country: String,
    organisation_id: Option<i32>,
) -> Result<ActivitiesView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::current_actor()
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let db = crate::state::db()?;
            let (country_id, country) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, Action::ReadDrafts { country_id })?;
            let organisation_id = organisation_id.unwrap_or(actor.organisation_id);
            let (org_country, organisation) =
                crate::services::accounts::organisations::get(&db, organisation_id).await?;
            if org_country != country_id {
                return Err(AppError::NotFound(format!(
                    "organisation {organisation_id}"
                )));
            }
            let priorities =
                crate::services::strategy::strategies::latest_endorsed(&db, country_id)
                    .await?
                    .map(|s| {
                        s.priorities()
                            .map(|p| (p.code.clone(), p.title.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
            Ok(ActivitiesView {
                activities: crate::services::funding::activities::of_organisation(
                    &db,
                    country_id,
                    organisation_id,
                )
                .await?,
                can_edit: allows(
                    Some(&actor),
                    Action::EditActivities {
                        country_id,
                        organisation_id,
                    },
                ),
                organisation,
                priorities,
                budget_lines: crate::services::funding::budget::lines(&db, country_id).await?,
                organisations: crate::services::accounts::organisations::list(&db, country_id)
                    .await?,
                reporting_currency: String::from(country.currency),
            })
        }
        .await,
    )
}

/// Checks the actor may edit `organisation_id`'s activities in `country`.
#[cfg(feature = "ssr")]
async fn editor(
    csrf: &str,
    country: &str,
    organisation_id: i32,
) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection, i32), AppError> {
    let actor = crate::auth::signed_in(csrf).await?;
    let db = crate::state::db()?;
    let (country_id, _) = crate::services::accounts::countries::get_with_id(&db, country).await?;
    crate::auth::ensure(
        &actor,
        crate::policy::Action::EditActivities {
            country_id,
            organisation_id,
        },
    )?;
    Ok((actor, db, country_id))
}

/// Checks the actor may edit the activity, which must be in `country`.
#[cfg(feature = "ssr")]
async fn activity_editor(
    csrf: &str,
    country: &str,
    activity_id: i32,
) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection), AppError> {
    let db = crate::state::db()?;
    let activity = crate::services::funding::activities::get_model(&db, activity_id).await?;
    let (actor, db, country_id) = editor(csrf, country, activity.reporting_org_id).await?;
    if activity.country_id != country_id {
        return Err(AppError::NotFound(format!("activity {activity_id}")));
    }
    Ok((actor, db))
}

#[server]
pub async fn create_activity(
    csrf: String,
    country: String,
    organisation_id: i32,
    title: String,
    #[server(default)] description: String,
    #[server(default)] iati_identifier: String,
    status: crate::types::ActivityStatus,
    money_type: crate::types::MoneyType,
    channel: crate::types::Channel,
    default_currency: String,
    #[server(default)] aid_type: String,
    #[server(default)] finance_type: String,
    #[server(default)] sectors: String,
    #[server(default)] priorities: String,
    #[server(default)] budget_line_id: String,
    #[server(default)] on_plan: Option<String>,
    #[server(default)] on_budget: Option<String>,
    #[server(default)] on_treasury: Option<String>,
    #[server(default)] on_parliament: Option<String>,
    #[server(default)] on_procurement: Option<String>,
    #[server(default)] on_accounting: Option<String>,
    #[server(default)] on_audit: Option<String>,
    #[server(default)] on_report: Option<String>,
    #[server(default)] published: Option<String>,
) -> Result<(), AppError> {
    use crate::types::input::{optional_id, shares, ticked};
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = editor(&csrf, &country, organisation_id).await?;
            let budget_lines = optional_id("budget_line_id", &budget_line_id)?
                .map(|id| vec![(id, rust_decimal::Decimal::ONE_HUNDRED)])
                .unwrap_or_default();
            let new = crate::types::NewActivity {
                reporting_org_id: organisation_id,
                iati_identifier: Some(iati_identifier),
                title,
                description,
                status,
                planned_start: None,
                planned_end: None,
                actual_start: None,
                actual_end: None,
                money_type,
                aid_type: Some(aid_type),
                finance_type: Some(finance_type),
                earmarking: None,
                channel,
                default_currency,
                systems: crate::types::CountrySystems {
                    on_plan: ticked(&on_plan),
                    on_budget: ticked(&on_budget),
                    on_treasury: ticked(&on_treasury),
                    on_parliament: ticked(&on_parliament),
                    on_procurement: ticked(&on_procurement),
                    on_accounting: ticked(&on_accounting),
                    on_audit: ticked(&on_audit),
                    on_report: ticked(&on_report),
                },
                published: ticked(&published),
                participants: vec![(organisation_id, crate::types::ParticipantRole::Funding)],
                sectors: shares("sectors", &sectors)?,
                priorities: shares("priorities", &priorities)?,
                budget_lines,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::activities::create(&db, &author, country_id, new).await?;
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn add_transaction(
    csrf: String,
    country: String,
    activity_id: i32,
    kind: crate::types::TransactionKind,
    transaction_date: String,
    #[server(default)] value_date: String,
    amount: String,
    #[server(default)] currency: String,
    #[server(default)] provider_org_id: String,
    #[server(default)] receiver_org_id: String,
    #[server(default)] description: String,
    #[server(default)] on_budget: String,
) -> Result<(), AppError> {
    use crate::types::input::{date, optional_id, required_amount};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = activity_editor(&csrf, &country, activity_id).await?;
            let value_date = match value_date.trim() {
                "" => None,
                text => Some(date("value_date", text)?),
            };
            let new = crate::types::NewTransaction {
                kind,
                transaction_date: date("transaction_date", &transaction_date)?,
                value_date,
                amount: required_amount("amount", &amount)?,
                currency: Some(currency).filter(|c| !c.trim().is_empty()),
                provider_org_id: optional_id("provider_org_id", &provider_org_id)?,
                receiver_org_id: optional_id("receiver_org_id", &receiver_org_id)?,
                provider_activity_id: None,
                description,
                overrides: crate::types::SystemOverrides {
                    on_budget: match on_budget.as_str() {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    },
                    ..Default::default()
                },
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::activities::add_transaction(&db, &author, activity_id, new)
                .await?;
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn add_planned_disbursement(
    csrf: String,
    country: String,
    activity_id: i32,
    period_start: String,
    period_end: String,
    planned_amount: String,
    #[server(default)] planned_currency: String,
) -> Result<(), AppError> {
    use crate::types::input::{date, required_amount};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = activity_editor(&csrf, &country, activity_id).await?;
            let new = crate::types::NewPlannedDisbursement {
                period_start: date("period_start", &period_start)?,
                period_end: date("period_end", &period_end)?,
                amount: required_amount("planned_amount", &planned_amount)?,
                currency: Some(planned_currency),
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::activities::add_planned_disbursement(
                &db,
                &author,
                activity_id,
                new,
            )
            .await?;
            Ok(())
        }
        .await,
    )
}

/// Imports a CSV of transactions for one organisation's activities.
#[server]
pub async fn import_transactions(
    csrf: String,
    country: String,
    organisation_id: i32,
    file: String,
) -> Result<usize, AppError> {
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = editor(&csrf, &country, organisation_id).await?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::transaction_import::import(
                &db,
                &author,
                country_id,
                Some(organisation_id),
                &file,
            )
            .await
        }
        .await,
    )
}
