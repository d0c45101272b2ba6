//! A partner's own page: its activities, their flows, and the forms and
//! import that record them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{
    ActivityFilter, ActivityList, ActivityStatus, BudgetLine, Channel, MoneyType, Organisation,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivitiesView {
    /// The organisation the list is filtered to, if one.
    pub organisation: Option<Organisation>,
    pub list: ActivityList,
    pub filter: ActivityFilter,
    /// Whether the reader records activities for `organisation`.
    pub can_edit: bool,
    /// `(code, title)` of the strategy's priorities.
    pub priorities: Vec<(String, String)>,
    pub budget_lines: Vec<BudgetLine>,
    /// The country's organisations: partners to filter by, organisations a
    /// flow can come from or go to, participants.
    pub organisations: Vec<Organisation>,
    pub reporting_currency: String,
}

/// The list's query values as typed in its filter form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub organisation: Option<String>,
    pub q: Option<String>,
    pub status: Option<String>,
    pub validation: Option<String>,
    pub fiscal_year: Option<String>,
    pub page: Option<String>,
}

/// Reads a list filter from the page's query values; a value out of its
/// range is refused with the field it came from.
#[cfg(feature = "ssr")]
fn activity_filter(query: &ListQuery) -> Result<ActivityFilter, AppError> {
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let (q, status, validation, fiscal_year, page) = (
        blank(&query.q),
        blank(&query.status),
        blank(&query.validation),
        blank(&query.fiscal_year),
        blank(&query.page),
    );
    Ok(ActivityFilter {
        organisation_id: None,
        search: q.unwrap_or_default(),
        status: match status.as_deref() {
            None => None,
            Some(code) => Some(ActivityStatus::from_code(code).ok_or_else(|| {
                AppError::invalid(
                    "status",
                    crate::i18n::td_string!(crate::language::current(), rules.activity_status_code),
                )
            })?),
        },
        validation: match validation.as_deref() {
            None => None,
            Some(code) => Some(crate::types::Validation::from_code(code).ok_or_else(|| {
                AppError::invalid(
                    "validation",
                    crate::i18n::td_string!(crate::language::current(), rules.validation_choice),
                )
            })?),
        },
        fiscal_year: crate::types::input::fiscal_year(
            fiscal_year
                .as_deref()
                .map(|text| {
                    text.parse::<i32>().map_err(|_| {
                        AppError::invalid(
                            "fiscal_year",
                            crate::i18n::td_string!(crate::language::current(), rules.year_eg),
                        )
                    })
                })
                .transpose()?,
        )?,
        page: page.and_then(|p| p.parse().ok()).unwrap_or(1),
    })
}

/// The activities list: by default the reader's own organisation's (a
/// partner) or every partner's; `organisation` is an id or `all`.
#[server]
pub async fn load_activities(
    country: String,
    query: ListQuery,
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
            let filter = activity_filter(&query)?;
            let organisation = query.organisation.filter(|o| !o.trim().is_empty());
            let partner = actor.role_in(country_id) == Some(crate::types::Role::PartnerReporter);
            let organisation_id = match organisation.as_deref() {
                Some("all") => None,
                Some(id) => Some(id.parse::<i32>().map_err(|_| {
                    AppError::invalid(
                        "organisation",
                        crate::i18n::td_string!(crate::language::current(), rules.org_or_all),
                    )
                })?),
                None if partner => Some(actor.organisation_id),
                None => None,
            };
            let organisation = match organisation_id {
                Some(id) => {
                    let (org_country, organisation) =
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
                    Some(organisation)
                }
                None => None,
            };
            let filter = ActivityFilter {
                organisation_id,
                ..filter
            };
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
                list: crate::services::funding::activities::worklist(&db, country_id, &filter)
                    .await?,
                can_edit: organisation_id.is_some_and(|organisation_id| {
                    allows(
                        Some(&actor),
                        Action::EditActivities {
                            country_id,
                            organisation_id,
                        },
                    )
                }),
                organisation,
                filter,
                priorities,
                budget_lines: crate::services::funding::budget::lines(&db, country_id).await?,
                organisations: crate::services::accounts::organisations::list(&db, country_id)
                    .await?,
                reporting_currency: String::from(country.currency),
            })
        }
        .await,
    )
    .await
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
pub(super) async fn activity_editor(
    csrf: &str,
    country: &str,
    activity_id: i32,
) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection), AppError> {
    let db = crate::state::db()?;
    let activity = crate::services::funding::activities::get_model(&db, activity_id).await?;
    let (actor, db, country_id) = editor(csrf, country, activity.reporting_org_id).await?;
    if activity.country_id != country_id {
        return Err(AppError::NotFound(
            crate::i18n::td_string!(
                crate::language::current(),
                rules.what_activity,
                id = activity_id
            )
            .to_string(),
        ));
    }
    Ok((actor, db))
}

/// The fields of the form that records or corrects an activity:
/// `activity[title]` and so on. A ticked checkbox sends a value; an
/// unticked one sends nothing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivityForm {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub iati_identifier: String,
    pub status: ActivityStatus,
    /// Dates as typed, YYYY-MM-DD; blank when not known.
    #[serde(default)]
    pub planned_start: String,
    #[serde(default)]
    pub planned_end: String,
    #[serde(default)]
    pub actual_start: String,
    #[serde(default)]
    pub actual_end: String,
    pub money_type: MoneyType,
    pub channel: Channel,
    pub default_currency: String,
    #[serde(default)]
    pub aid_type: String,
    #[serde(default)]
    pub finance_type: String,
    #[serde(default)]
    pub earmarking: String,
    /// DAC sector codes with percentages, as typed.
    #[serde(default)]
    pub sectors: String,
    /// Strategy priority codes with percentages, as typed.
    #[serde(default)]
    pub priorities: String,
    /// Budget line codes with percentages, as typed: `04-110 60; 04-120 40`.
    #[serde(default)]
    pub budget_lines: String,
    /// The ticked participations, each `{organisation id}:{IATI role code}`.
    #[serde(default)]
    pub participants: Vec<String>,
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

#[cfg(feature = "ssr")]
impl ActivityForm {
    /// The participations as ticked; none ticked, the reporting
    /// organisation funds it.
    fn participants(
        &self,
        organisation_id: i32,
    ) -> Result<Vec<(i32, crate::types::ParticipantRole)>, AppError> {
        use crate::types::ParticipantRole;
        let bad = || {
            AppError::invalid(
                "participants",
                crate::i18n::td_string!(crate::language::current(), rules.participant_role),
            )
        };
        if self.participants.len() > 400 {
            return Err(AppError::invalid(
                "participants",
                crate::i18n::td_string!(crate::language::current(), rules.participations_max),
            ));
        }
        let mut list = Vec::new();
        for ticked in &self.participants {
            let (id, role) = ticked.split_once(':').ok_or_else(bad)?;
            let id = id.trim().parse::<i32>().map_err(|_| bad())?;
            let role = ParticipantRole::from_code(role.trim()).ok_or_else(bad)?;
            if !list.contains(&(id, role)) {
                list.push((id, role));
            }
        }
        if list.is_empty() {
            list.push((organisation_id, ParticipantRole::Funding));
        }
        Ok(list)
    }

    /// The activity as submitted, for `organisation_id`.
    async fn parse(
        self,
        db: &sea_orm::DatabaseConnection,
        country_id: i32,
        organisation_id: i32,
    ) -> Result<crate::types::NewActivity, AppError> {
        use crate::types::input::{date, shares, ticked};
        let participants = self.participants(organisation_id)?;
        let day = |field: &str, text: &str| match text.trim() {
            "" => Ok(None),
            text => date(field, text).map(Some),
        };
        let lines = crate::services::funding::budget::lines(db, country_id).await?;
        let budget_lines = shares("budget_lines", &self.budget_lines)?
            .into_iter()
            .map(|share| {
                lines
                    .iter()
                    .find(|l| l.code == share.code)
                    .map(|l| (l.id, share.percent))
                    .ok_or_else(|| {
                        AppError::invalid(
                            "budget_lines",
                            crate::i18n::td_string!(
                                crate::language::current(),
                                rules.not_budget_line_code,
                                value = format!("{:?}", share.code)
                            )
                            .to_string(),
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let optional = |text: String| Some(text).filter(|t| !t.trim().is_empty());
        Ok(crate::types::NewActivity {
            reporting_org_id: organisation_id,
            iati_identifier: optional(self.iati_identifier),
            title: self.title,
            description: self.description,
            status: self.status,
            planned_start: day("planned_start", &self.planned_start)?,
            planned_end: day("planned_end", &self.planned_end)?,
            actual_start: day("actual_start", &self.actual_start)?,
            actual_end: day("actual_end", &self.actual_end)?,
            money_type: self.money_type,
            aid_type: optional(self.aid_type),
            finance_type: optional(self.finance_type),
            earmarking: optional(self.earmarking),
            channel: self.channel,
            default_currency: self.default_currency,
            systems: crate::types::CountrySystems {
                on_plan: ticked(&self.on_plan),
                on_budget: ticked(&self.on_budget),
                on_treasury: ticked(&self.on_treasury),
                on_parliament: ticked(&self.on_parliament),
                on_procurement: ticked(&self.on_procurement),
                on_accounting: ticked(&self.on_accounting),
                on_audit: ticked(&self.on_audit),
                on_report: ticked(&self.on_report),
            },
            published: ticked(&self.published),
            participants,
            sectors: shares("sectors", &self.sectors)?,
            priorities: shares("priorities", &self.priorities)?,
            budget_lines,
        })
    }
}

#[server]
pub async fn create_activity(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    organisation_id: i32,
    activity: ActivityForm,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = editor(&csrf, &country, organisation_id).await?;
            let new = activity.parse(&db, country_id, organisation_id).await?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            let create =
                crate::services::funding::activities::create(&db, &author, country_id, new);
            crate::server_fns::form::once(&db, &once, create).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Corrects an activity, its participating organisations with the rest.
#[server]
pub async fn update_activity(
    csrf: String,
    country: String,
    activity_id: i32,
    version: i32,
    activity: ActivityForm,
) -> Result<(), AppError> {
    use crate::services::funding::activities;
    crate::server_fns::form::respond(
        async {
            let (actor, db) = activity_editor(&csrf, &country, activity_id).await?;
            let row = activities::get_model(&db, activity_id).await?;
            let new = activity
                .parse(&db, row.country_id, row.reporting_org_id)
                .await?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            activities::update(&db, &author, activity_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Withdraws a published activity, or deletes a draft.
#[server]
pub async fn remove_activity(
    csrf: String,
    country: String,
    activity_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use crate::services::funding::activities;
    crate::server_fns::form::respond(
        async {
            let (actor, db) = activity_editor(&csrf, &country, activity_id).await?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            if activities::get_model(&db, activity_id).await?.published {
                activities::withdraw(&db, &author, activity_id, version).await?;
            } else {
                activities::delete(&db, &author, activity_id, version).await?;
            }
            Ok(())
        }
        .await,
    )
    .await
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
    .await
}
