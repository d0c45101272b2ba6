//! Indicator definitions, targets, measurements and comments.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{Direction, Formula, Indicator, OrganisationRef, Unit};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorsView {
    pub indicators: Vec<Indicator>,
    pub can_edit: bool,
    /// Organisations that may own an entered indicator.
    pub organisations: Vec<OrganisationRef>,
    /// Computed formulas the country has not defined yet.
    pub undefined_formulas: Vec<Formula>,
    pub pillars: Vec<(i32, String)>,
}

/// The country's indicator definitions; public.
#[server]
pub async fn load_indicators(country: String) -> Result<IndicatorsView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let indicators = crate::services::indicators::definitions::list(
                &db,
                country_id,
                summary.fiscal_year_start_month,
            )
            .await?;
            let undefined_formulas = Formula::ALL
                .iter()
                .copied()
                .filter(|f| !indicators.iter().any(|i| i.formula == Some(*f)))
                .collect();
            Ok(IndicatorsView {
                indicators,
                can_edit: allows(actor.as_ref(), Action::EditIndicators { country_id }),
                // The organisations a new indicator may belong to.
                organisations: crate::services::accounts::organisations::active(&db, country_id)
                    .await?
                    .into_iter()
                    .map(|o| OrganisationRef {
                        id: o.id,
                        name: o.name,
                    })
                    .collect(),
                undefined_formulas,
                pillars: crate::services::strategy::strategies::latest_endorsed(&db, country_id)
                    .await?
                    .map(|s| s.pillars.into_iter().map(|p| (p.number, p.title)).collect())
                    .unwrap_or_default(),
            })
        }
        .await,
    )
    .await
}

/// The fields of the form that defines an indicator: `indicator[name]`
/// and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorForm {
    /// Blank for a computed indicator, which takes its formula's.
    #[serde(default)]
    pub code: String,
    pub name: String,
    pub definition: String,
    /// Blank (none) for an indicator its owner enters.
    #[serde(default)]
    pub formula: Option<Formula>,
    /// An entered indicator's; a computed one takes its formula's.
    #[serde(default)]
    pub unit: Option<Unit>,
    /// An entered indicator's; a computed one takes its formula's.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// The pillar's number; blank for cross-cutting.
    #[serde(default)]
    pub pillar: String,
    /// The owning organisation's id; blank for the government's planners.
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub baseline_value: String,
    #[serde(default)]
    pub baseline_date: String,
}

/// A planner defines an indicator. A computed one names its formula and
/// takes the formula's code, unit and direction.
#[server]
pub async fn define_indicator(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    indicator: IndicatorForm,
) -> Result<(), AppError> {
    use crate::types::{Baseline, NewIndicator};
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::EditIndicators { country_id })?;
            let IndicatorForm {
                code,
                name,
                definition,
                formula,
                unit,
                direction,
                pillar,
                owner,
                baseline_value,
                baseline_date,
            } = indicator;
            let (code, unit, direction) = match formula {
                Some(f) => (f.code().to_string(), f.unit(), f.direction()),
                None => (
                    code,
                    unit.ok_or_else(|| {
                        AppError::invalid(
                            "unit",
                            crate::i18n::td_string!(crate::language::current(), rules.choose_unit),
                        )
                    })?,
                    direction.ok_or_else(|| {
                        AppError::invalid(
                            "direction",
                            crate::i18n::td_string!(
                                crate::language::current(),
                                rules.choose_direction
                            ),
                        )
                    })?,
                ),
            };
            let baseline = match (baseline_value.trim(), baseline_date.trim()) {
                ("", "") => None,
                (value, date) => Some(Baseline {
                    value: crate::types::input::required_amount(
                        crate::language::current(),
                        "baseline_value",
                        value,
                    )?,
                    date: crate::types::input::date("baseline_date", date)?,
                }),
            };
            let new = NewIndicator {
                code,
                name,
                definition,
                unit,
                direction,
                formula,
                pillar: crate::types::input::optional_id("pillar", &pillar)?,
                owner_id: crate::types::input::optional_id("owner", &owner)?,
                baseline,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            let define =
                crate::services::indicators::definitions::define(&db, &author, country_id, new);
            crate::server_fns::form::once(&db, &once, define).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// A planner sets an indicator's target for a fiscal year that has none,
/// or changes one, which was at `target_version` when the page showed it.
#[server]
pub async fn set_indicator_target(
    csrf: String,
    country: String,
    indicator: String,
    target_fiscal_year: String,
    target_value: String,
    #[server(default)] target_version: Option<i32>,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::EditIndicators { country_id })?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::indicators::definitions::set_target(
                &db,
                &author,
                country_id,
                &indicator,
                (
                    crate::types::input::year("target_fiscal_year", &target_fiscal_year)?,
                    target_version,
                ),
                crate::types::input::required_amount(
                    crate::language::current(),
                    "target_value",
                    &target_value,
                )?,
            )
            .await
        }
        .await,
    )
    .await
}

/// The owner of an entered indicator records its value for a fiscal year.
#[server]
pub async fn record_measurement(
    csrf: String,
    country: String,
    indicator: String,
    measurement: crate::types::MeasurementForm,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let owner_id =
                crate::services::indicators::definitions::get_model(&db, country_id, &indicator)
                    .await?
                    .owner_id;
            let action = super::dashboard::measurement_action(&db, country_id, owner_id).await?;
            crate::auth::ensure(&actor, action)?;
            let new = crate::types::NewMeasurement {
                fiscal_year: crate::types::input::year(
                    "measurement_fiscal_year",
                    &measurement.fiscal_year,
                )?,
                value: crate::types::input::required_amount(
                    crate::language::current(),
                    "value",
                    &measurement.value,
                )?,
                source: measurement.source,
                note: measurement.note,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::indicators::definitions::record_measurement(
                &db,
                &author,
                (country_id, &indicator),
                new,
                measurement.version,
            )
            .await
        }
        .await,
    )
    .await
}

/// Any member comments on an indicator's fiscal year.
#[server]
pub async fn comment_on_indicator(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    indicator: String,
    fiscal_year: i32,
    body: String,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::Comment { country_id })?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            let comment = crate::services::indicators::comments::comment(
                &db,
                &author,
                country_id,
                &indicator,
                fiscal_year,
                &body,
            );
            crate::server_fns::form::once(&db, &once, comment).await?;
            Ok(())
        }
        .await,
    )
    .await
}
