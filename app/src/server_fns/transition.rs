//! The transition page and its changes.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{FunctionKind, Organisation, Readiness, TransitionPlan};

/// The transition page: the plan, and what the reader may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionView {
    pub plan: Option<TransitionPlan>,
    pub can_edit: bool,
    /// The organisations a function can pass to.
    pub organisations: Vec<Organisation>,
    /// `(code, title)` of the priorities a function can serve: those of the
    /// newest strategy version the reader may see.
    pub priorities: Vec<(String, String)>,
}

/// Blank means zero for the yearly amounts of a function.
#[cfg(feature = "ssr")]
fn amount_or_zero(field: &str, text: &str) -> Result<rust_decimal::Decimal, AppError> {
    Ok(crate::types::input::amount(crate::language::current(), field, text)?.unwrap_or_default())
}

/// The country's transition plan; public, as the shared picture of the
/// mission's departure.
#[server]
pub async fn load_transition(country: String) -> Result<TransitionView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let drafts = allows(actor.as_ref(), Action::ReadDrafts { country_id });
            let strategies =
                crate::services::strategy::strategies::versions(&db, country_id).await?;
            let newest = strategies
                .iter()
                .rev()
                .find(|(_, _, status)| drafts || *status == crate::types::StrategyStatus::Endorsed);
            let priorities = match newest {
                Some((id, _, _)) => crate::services::strategy::strategies::load(&db, *id)
                    .await?
                    .priorities()
                    .map(|p| (p.code.clone(), p.title.clone()))
                    .collect(),
                None => Vec::new(),
            };
            Ok(TransitionView {
                priorities,
                plan: crate::services::transition::plans::load(&db, country_id).await?,
                can_edit: allows(actor.as_ref(), Action::EditTransition { country_id }),
                organisations: crate::services::accounts::organisations::list(&db, country_id)
                    .await?,
            })
        }
        .await,
    )
    .await
}

#[server]
pub async fn set_transition_plan(
    csrf: String,
    country: String,
    mission_name: String,
    mandate_end: String,
    drawdown_start: String,
    drawdown_end: String,
    // The version of the plan the form showed; absent when it showed none.
    #[server(default)] version: Option<i32>,
) -> Result<(), AppError> {
    use crate::types::input::date;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let plan = crate::types::NewTransitionPlan {
                mission_name,
                mandate_end: date("mandate_end", &mandate_end)?,
                drawdown_start: date("drawdown_start", &drawdown_start)?,
                drawdown_end: date("drawdown_end", &drawdown_end)?,
            };
            crate::services::transition::plans::set_plan(&db, &author, country_id, plan, version)
                .await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// The fields of the form that adds a mission function to hand over:
/// `function[name]` and so on. Blank yearly amounts are zero.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransitionFunctionForm {
    pub kind: FunctionKind,
    pub name: String,
    pub current_provider: String,
    pub future_owner_id: i32,
    pub target_handover: String,
    pub readiness: Readiness,
    pub mission_cost: String,
    pub after_cost: String,
    pub secured: String,
    /// The strategy priority it serves; blank for none.
    #[serde(default)]
    pub priority_code: Option<String>,
}

/// A signed-in editor of the country's transition plan, with the
/// database and the country's id.
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
    crate::auth::ensure(&actor, crate::policy::Action::EditTransition { country_id })?;
    Ok((
        crate::services::accounts::audit::Author::user(&actor),
        db,
        country_id,
    ))
}

#[cfg(feature = "ssr")]
impl TransitionFunctionForm {
    fn parse(self) -> Result<crate::types::NewFunction, AppError> {
        Ok(crate::types::NewFunction {
            kind: self.kind,
            name: self.name,
            current_provider: self.current_provider,
            future_owner_id: self.future_owner_id,
            target_handover: crate::types::input::date("target_handover", &self.target_handover)?,
            readiness: self.readiness,
            mission_cost: amount_or_zero("mission_cost", &self.mission_cost)?,
            after_cost: amount_or_zero("after_cost", &self.after_cost)?,
            secured: amount_or_zero("secured", &self.secured)?,
            priority_code: self.priority_code,
        })
    }
}

/// The fields of a drawdown phase's form.
#[cfg(feature = "ssr")]
fn phase(name: String, start: &str, end: &str) -> Result<crate::types::NewDrawdownPhase, AppError> {
    use crate::types::input::date;
    Ok(crate::types::NewDrawdownPhase {
        name,
        starts_on: date("phase_start", start)?,
        ends_on: date("phase_end", end)?,
    })
}

#[server]
pub async fn add_transition_function(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    function: TransitionFunctionForm,
) -> Result<(), AppError> {
    use crate::services::transition::functions;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let add = functions::add_function(&db, &author, country_id, function.parse()?);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Corrects a function, opened at `version`; a new readiness joins its
/// history.
#[server]
pub async fn update_transition_function(
    csrf: String,
    country: String,
    function_id: i32,
    version: i32,
    function: TransitionFunctionForm,
) -> Result<(), AppError> {
    use crate::services::transition::functions;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let new = function.parse()?;
            functions::update_function(&db, &author, country_id, function_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn remove_transition_function(
    csrf: String,
    country: String,
    function_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use crate::services::transition::functions;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            functions::remove_function(&db, &author, country_id, function_id, version).await
        }
        .await,
    )
    .await
}

#[server]
pub async fn add_drawdown_phase(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    phase_name: String,
    phase_start: String,
    phase_end: String,
) -> Result<(), AppError> {
    use crate::services::transition::drawdown;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let new = phase(phase_name, &phase_start, &phase_end)?;
            let add = drawdown::add_phase(&db, &author, country_id, new);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn update_drawdown_phase(
    csrf: String,
    country: String,
    phase_id: i32,
    version: i32,
    phase_name: String,
    phase_start: String,
    phase_end: String,
) -> Result<(), AppError> {
    use crate::services::transition::drawdown;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            let new = phase(phase_name, &phase_start, &phase_end)?;
            drawdown::update_phase(&db, &author, country_id, phase_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn remove_drawdown_phase(
    csrf: String,
    country: String,
    phase_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use crate::services::transition::drawdown;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id) = editor(&csrf, &country).await?;
            drawdown::remove_phase(&db, &author, country_id, phase_id, version).await
        }
        .await,
    )
    .await
}
