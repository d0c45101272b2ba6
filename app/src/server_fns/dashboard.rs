//! The accountability dashboard and each indicator's drill-down.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{DefinitionChange, Indicator, IndicatorComment, OrganisationRef, Readings};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub readings: Readings,
    /// `(start year, label)` of the fiscal years a view can choose.
    pub fiscal_years: Vec<(i32, String)>,
    /// The partners a view can narrow to.
    pub partners: Vec<OrganisationRef>,
    /// `(number, title)` of the latest endorsed strategy's pillars.
    pub pillars: Vec<(i32, String)>,
}

/// What the filters offer and which fiscal year a view opens on.
#[cfg(feature = "ssr")]
pub(crate) struct Choices {
    pub country_id: i32,
    pub fiscal_year: i32,
    pub fiscal_years: Vec<(i32, String)>,
    pub partners: Vec<OrganisationRef>,
}

#[cfg(feature = "ssr")]
pub(crate) async fn choices(
    db: &sea_orm::DatabaseConnection,
    country: &str,
    fiscal_year: Option<i32>,
) -> Result<Choices, AppError> {
    use crate::services::{
        accounts::countries, accounts::organisations, funding::report, funding::reporting,
        indicators::computation,
    };
    let (country_id, summary) = countries::get_with_id(db, country).await?;
    let start_month = summary.fiscal_year_start_month;
    let default = computation::default_year(
        db,
        country_id,
        start_month,
        crate::services::now().date_naive(),
    )
    .await?;
    let fiscal_year = crate::types::input::fiscal_year(fiscal_year)?.unwrap_or(default);
    let mut years = report::fiscal_years(db, country_id).await?;
    for year in [default, fiscal_year] {
        if !years.contains(&year) {
            years.push(year);
        }
    }
    years.sort_unstable();
    let partners = organisations::list(db, country_id)
        .await?
        .into_iter()
        .filter(|o| reporting::reports_funding(o.kind))
        .map(|o| OrganisationRef {
            id: o.id,
            name: o.name,
        })
        .collect();
    Ok(Choices {
        country_id,
        fiscal_year,
        fiscal_years: years
            .into_iter()
            .map(|start_year| {
                let label = crate::types::FiscalYear {
                    start_year,
                    start_month,
                }
                .label();
                (start_year, label)
            })
            .collect(),
        partners,
    })
}

/// Every indicator of a fiscal year (default: the latest with flows),
/// country-wide or for one partner, for every pillar or one; public.
#[server]
pub async fn load_dashboard(
    country: String,
    fiscal_year: Option<i32>,
    partner: Option<i32>,
    pillar: Option<i32>,
) -> Result<DashboardView, AppError> {
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let choices = choices(&db, &country, fiscal_year).await?;
            let partner = partner.filter(|id| choices.partners.iter().any(|p| p.id == *id));
            let pillars: Vec<(i32, String)> =
                crate::services::strategy::strategies::latest_endorsed(&db, choices.country_id)
                    .await?
                    .map(|s| s.pillars.into_iter().map(|p| (p.number, p.title)).collect())
                    .unwrap_or_default();
            let pillar = pillar.filter(|n| pillars.iter().any(|(number, _)| number == n));
            let filter = crate::services::indicators::readings::Filter { partner, pillar };
            Ok(DashboardView {
                readings: crate::services::indicators::readings::of_year(
                    &db,
                    choices.country_id,
                    choices.fiscal_year,
                    filter,
                )
                .await?,
                fiscal_years: choices.fiscal_years,
                partners: choices.partners,
                pillars,
            })
        }
        .await,
    )
    .await
}

/// An indicator's definition, history and comments, and what the reader
/// may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorDetail {
    /// `None` for a computed indicator the country has not defined.
    pub indicator: Option<Indicator>,
    pub comments: Vec<IndicatorComment>,
    pub can_enter: bool,
    pub can_comment: bool,
    /// The reader may correct the definition and remove targets.
    pub can_edit: bool,
    /// The corrections of the definition, newest first.
    pub changes: Vec<DefinitionChange>,
    /// The owners and pillars the correction form offers; empty unless
    /// `can_edit`.
    pub organisations: Vec<OrganisationRef>,
    pub pillars: Vec<(i32, String)>,
}

/// The definition behind a dashboard tile; public.
#[server]
pub async fn load_indicator_detail(
    country: String,
    indicator: String,
) -> Result<IndicatorDetail, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let found = crate::services::indicators::definitions::list(
                &db,
                country_id,
                summary.fiscal_year_start_month,
            )
            .await?
            .into_iter()
            .find(|i| i.code == indicator);
            let comments = match &found {
                Some(i) if allows(actor.as_ref(), Action::ReadComments { country_id }) => {
                    crate::services::indicators::comments::comments(&db, i.id).await?
                }
                _ => Vec::new(),
            };
            let can_enter = match &found {
                Some(i) if i.formula.is_none() => {
                    let action =
                        measurement_action(&db, country_id, i.owner.as_ref().map(|o| o.id)).await?;
                    allows(actor.as_ref(), action)
                }
                _ => false,
            };
            let can_edit =
                found.is_some() && allows(actor.as_ref(), Action::EditIndicators { country_id });
            let changes = match &found {
                Some(i) => {
                    let history = crate::policy::history_action("indicator", country_id);
                    let authors = allows(actor.as_ref(), history);
                    crate::services::indicators::definitions::changes(&db, i.id, authors).await?
                }
                None => Vec::new(),
            };
            let (organisations, pillars) = match &found {
                Some(i) if can_edit => correction_choices(&db, country_id, i).await?,
                _ => (Vec::new(), Vec::new()),
            };
            Ok(IndicatorDetail {
                can_comment: found.is_some()
                    && allows(actor.as_ref(), Action::Comment { country_id }),
                indicator: found,
                comments,
                can_enter,
                can_edit,
                changes,
                organisations,
                pillars,
            })
        }
        .await,
    )
    .await
}

/// The owners a definition may pass to (the active organisations, and its
/// own owner) and the latest endorsed strategy's pillars.
#[cfg(feature = "ssr")]
async fn correction_choices(
    db: &sea_orm::DatabaseConnection,
    country_id: i32,
    indicator: &Indicator,
) -> Result<(Vec<OrganisationRef>, Vec<(i32, String)>), AppError> {
    let owner = indicator.owner.as_ref().map(|o| o.id);
    let organisations = crate::services::accounts::organisations::list(db, country_id)
        .await?
        .into_iter()
        .filter(|o| o.active || owner == Some(o.id))
        .map(|o| OrganisationRef {
            id: o.id,
            name: o.name,
        })
        .collect();
    let pillars = crate::services::strategy::strategies::latest_endorsed(db, country_id)
        .await?
        .map(|s| s.pillars.into_iter().map(|p| (p.number, p.title)).collect())
        .unwrap_or_default();
    Ok((organisations, pillars))
}

/// What entering a measurement of an indicator owned by `owner_id` asks
/// of the policy.
#[cfg(feature = "ssr")]
pub(crate) async fn measurement_action(
    db: &sea_orm::DatabaseConnection,
    country_id: i32,
    owner_id: Option<i32>,
) -> Result<crate::policy::Action, AppError> {
    let government_owner = match owner_id {
        Some(id) => {
            crate::services::accounts::organisations::get(db, id)
                .await?
                .1
                .kind
                == crate::types::OrganisationKind::GovernmentMinistry
        }
        None => true,
    };
    Ok(crate::policy::Action::EnterMeasurement {
        country_id,
        owner_id,
        government_owner,
    })
}
