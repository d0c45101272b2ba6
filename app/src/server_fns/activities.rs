//! A partner's own page: its activities, their flows, and the forms and
//! import that record them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{
    Activity, ActivityStatus, BudgetLine, Channel, MoneyType, Organisation, TransactionKind,
};

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

/// The fields of the form that records an activity: `activity[title]` and
/// so on. A ticked checkbox sends a value; an unticked one sends nothing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivityForm {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub iati_identifier: String,
    pub status: ActivityStatus,
    pub money_type: MoneyType,
    pub channel: Channel,
    pub default_currency: String,
    #[serde(default)]
    pub aid_type: String,
    #[serde(default)]
    pub finance_type: String,
    /// DAC sector codes with percentages, as typed.
    #[serde(default)]
    pub sectors: String,
    /// Strategy priority codes with percentages, as typed.
    #[serde(default)]
    pub priorities: String,
    /// Blank for none.
    #[serde(default)]
    pub budget_line_id: String,
    #[serde(default)]
    pub on_plan: Option<String>,
    #[serde(default)]
    pub on_budget: Option<String>,
    #[serde(default)]
    pub on_treasury: Option<String>,
    #[serde(default)]
    pub on_parliament: Option<String>,
    #[serde(default)]
    pub on_procurement: Option<String>,
    #[serde(default)]
    pub on_accounting: Option<String>,
    #[serde(default)]
    pub on_audit: Option<String>,
    #[serde(default)]
    pub on_report: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
}

#[server]
pub async fn create_activity(
    csrf: String,
    country: String,
    organisation_id: i32,
    activity: ActivityForm,
) -> Result<(), AppError> {
    use crate::types::input::{optional_id, shares, ticked};
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = editor(&csrf, &country, organisation_id).await?;
            let budget_lines = optional_id("budget_line_id", &activity.budget_line_id)?
                .map(|id| vec![(id, rust_decimal::Decimal::ONE_HUNDRED)])
                .unwrap_or_default();
            let new = crate::types::NewActivity {
                reporting_org_id: organisation_id,
                iati_identifier: Some(activity.iati_identifier),
                title: activity.title,
                description: activity.description,
                status: activity.status,
                planned_start: None,
                planned_end: None,
                actual_start: None,
                actual_end: None,
                money_type: activity.money_type,
                aid_type: Some(activity.aid_type),
                finance_type: Some(activity.finance_type),
                earmarking: None,
                channel: activity.channel,
                default_currency: activity.default_currency,
                systems: crate::types::CountrySystems {
                    on_plan: ticked(&activity.on_plan),
                    on_budget: ticked(&activity.on_budget),
                    on_treasury: ticked(&activity.on_treasury),
                    on_parliament: ticked(&activity.on_parliament),
                    on_procurement: ticked(&activity.on_procurement),
                    on_accounting: ticked(&activity.on_accounting),
                    on_audit: ticked(&activity.on_audit),
                    on_report: ticked(&activity.on_report),
                },
                published: ticked(&activity.published),
                participants: vec![(organisation_id, crate::types::ParticipantRole::Funding)],
                sectors: shares("sectors", &activity.sectors)?,
                priorities: shares("priorities", &activity.priorities)?,
                budget_lines,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::activities::create(&db, &author, country_id, new).await?;
            Ok(())
        }
        .await,
    )
}

/// The fields of the form that adds a transaction to an activity:
/// `transaction[amount]` and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransactionForm {
    pub kind: TransactionKind,
    pub transaction_date: String,
    /// Blank: the transaction date.
    #[serde(default)]
    pub value_date: String,
    pub amount: String,
    /// Blank: the activity's currency.
    #[serde(default)]
    pub currency: String,
    /// Blank when not stated.
    #[serde(default)]
    pub provider_org_id: String,
    /// Blank when not stated.
    #[serde(default)]
    pub receiver_org_id: String,
    #[serde(default)]
    pub description: String,
    /// `yes`, `no`, or blank for as the activity.
    #[serde(default)]
    pub on_budget: String,
}

#[server]
pub async fn add_transaction(
    csrf: String,
    country: String,
    activity_id: i32,
    transaction: TransactionForm,
) -> Result<(), AppError> {
    use crate::types::input::{date, optional_id, required_amount};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = activity_editor(&csrf, &country, activity_id).await?;
            let value_date = match transaction.value_date.trim() {
                "" => None,
                text => Some(date("value_date", text)?),
            };
            let new = crate::types::NewTransaction {
                kind: transaction.kind,
                transaction_date: date("transaction_date", &transaction.transaction_date)?,
                value_date,
                amount: required_amount("amount", &transaction.amount)?,
                currency: Some(transaction.currency).filter(|c| !c.trim().is_empty()),
                provider_org_id: optional_id("provider_org_id", &transaction.provider_org_id)?,
                receiver_org_id: optional_id("receiver_org_id", &transaction.receiver_org_id)?,
                provider_activity_id: None,
                description: transaction.description,
                overrides: crate::types::SystemOverrides {
                    on_budget: match transaction.on_budget.as_str() {
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
