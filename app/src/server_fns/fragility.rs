//! The fragility assessment page and its changes: rounds, their rows, and
//! the moves draft -> validated -> published.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::FragilityView;

/// The country's fragility assessments: the published rounds for
/// everyone, every round for the country's members.
#[server]
pub async fn load_fragility(country: String) -> Result<FragilityView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, found) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let drafts = allows(actor.as_ref(), Action::ReadDrafts { country_id });
            Ok(FragilityView {
                country_code: found.code,
                rounds: crate::services::fragility::read::rounds(&db, country_id, drafts).await?,
                can_edit: allows(actor.as_ref(), Action::EditFragility { country_id }),
            })
        }
        .await,
    )
    .await
}

/// The fields of a round's form: `round[year]` and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FragilityRoundForm {
    pub year: String,
    #[serde(default)]
    pub government: String,
    #[serde(default)]
    pub civil_society: String,
    #[serde(default)]
    pub partners: String,
    #[serde(default)]
    pub method_notes: String,
}

/// The fields of a row's form: `row[psg]` and so on; a blank dimension is
/// the goal as a whole, a blank dissent none.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FragilityStageForm {
    pub psg: String,
    #[serde(default)]
    pub dimension: String,
    pub stage: String,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub dissent: String,
}

#[cfg(feature = "ssr")]
impl FragilityRoundForm {
    fn parse(self) -> Result<crate::types::NewFragilityRound, AppError> {
        let year = self.year.trim().parse::<i32>().map_err(|_| {
            AppError::invalid(
                "year",
                crate::i18n::td_string!(
                    crate::language::current(),
                    fragility.rule_year,
                    first = *crate::types::input::YEARS.start(),
                    last = *crate::types::input::YEARS.end()
                )
                .to_string(),
            )
        })?;
        Ok(crate::types::NewFragilityRound {
            year,
            government: self.government,
            civil_society: self.civil_society,
            partners: self.partners,
            method_notes: self.method_notes,
        })
    }
}

#[cfg(feature = "ssr")]
impl FragilityStageForm {
    fn parse(self) -> Result<crate::types::NewFragilityStage, AppError> {
        let stage = self.stage.trim().parse::<i32>().map_err(|_| {
            AppError::invalid(
                "stage",
                crate::i18n::td_string!(crate::language::current(), fragility.rule_stage),
            )
        })?;
        Ok(crate::types::NewFragilityStage {
            psg: self.psg,
            dimension: self.dimension,
            stage,
            evidence: self.evidence,
            dissent: self.dissent,
        })
    }
}

/// A signed-in planner of the country, with the database and the
/// country's id.
#[cfg(feature = "ssr")]
async fn editor(
    csrf: &str,
    country: &str,
) -> Result<
    (
        crate::services::accounts::audit::Author,
        sea_orm::DatabaseConnection,
        i32,
    ),
    AppError,
> {
    let actor = crate::auth::signed_in(csrf).await?;
    let db = crate::state::db()?;
    let (country_id, _) = crate::services::accounts::countries::get_with_id(&db, country).await?;
    crate::auth::ensure(&actor, crate::policy::Action::EditFragility { country_id })?;
    Ok((
        crate::services::accounts::audit::Author::user(&actor),
        db,
        country_id,
    ))
}

#[server]
pub async fn start_fragility_round(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    round: FragilityRoundForm,
) -> Result<(), AppError> {
    use crate::services::fragility::rounds;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let start = rounds::start_round(&db, &author, country_id, round.parse()?);
            crate::server_fns::form::once(&db, &once, start).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Corrects a draft round's details, opened at `version`.
#[server]
pub async fn update_fragility_round(
    csrf: String,
    country: String,
    round_id: i32,
    version: i32,
    round: FragilityRoundForm,
) -> Result<(), AppError> {
    use crate::services::fragility::rounds;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let new = round.parse()?;
            rounds::update_round(&db, &author, country_id, round_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Validates, publishes, or puts back to draft a round the page showed at
/// `version`; `status` is the code of where it goes.
#[server]
pub async fn set_fragility_status(
    csrf: String,
    country: String,
    round_id: i32,
    version: i32,
    status: String,
) -> Result<(), AppError> {
    use crate::services::fragility::rounds;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let to = crate::types::RoundStatus::from_code(status.trim()).ok_or_else(|| {
                AppError::invalid(
                    "status",
                    crate::i18n::td_string!(crate::language::current(), fragility.rule_status),
                )
            })?;
            rounds::set_status(&db, &author, country_id, round_id, version, to).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn add_fragility_stage(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    round_id: i32,
    row: FragilityStageForm,
) -> Result<(), AppError> {
    use crate::services::fragility::stages;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let add = stages::add_stage(&db, &author, country_id, round_id, row.parse()?);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Corrects a row of a draft round, opened at `version`.
#[server]
pub async fn update_fragility_stage(
    csrf: String,
    country: String,
    stage_id: i32,
    version: i32,
    row: FragilityStageForm,
) -> Result<(), AppError> {
    use crate::services::fragility::stages;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let new = row.parse()?;
            stages::update_stage(&db, &author, country_id, stage_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn remove_fragility_stage(
    csrf: String,
    country: String,
    stage_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use crate::services::fragility::stages;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            stages::remove_stage(&db, &author, country_id, stage_id, version).await
        }
        .await,
    )
    .await
}
