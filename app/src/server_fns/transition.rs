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
    Ok(crate::types::input::amount(field, text)?.unwrap_or_default())
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
}

#[server]
pub async fn set_transition_plan(
    csrf: String,
    country: String,
    mission_name: String,
    mandate_end: String,
    drawdown_start: String,
    drawdown_end: String,
) -> Result<(), AppError> {
    use crate::types::input::date;
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::EditTransition { country_id })?;
            let plan = crate::types::NewTransitionPlan {
                mission_name,
                mandate_end: date("mandate_end", &mandate_end)?,
                drawdown_start: date("drawdown_start", &drawdown_start)?,
                drawdown_end: date("drawdown_end", &drawdown_end)?,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::transition::plans::set_plan(&db, &author, country_id, plan).await?;
            Ok(())
        }
        .await,
    )
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

#[server]
pub async fn add_transition_function(
    csrf: String,
    country: String,
    function: TransitionFunctionForm,
) -> Result<(), AppError> {
    use crate::types::input::date;
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::EditTransition { country_id })?;
            let new = crate::types::NewFunction {
                kind: function.kind,
                name: function.name,
                current_provider: function.current_provider,
                future_owner_id: function.future_owner_id,
                target_handover: date("target_handover", &function.target_handover)?,
                readiness: function.readiness,
                mission_cost: amount_or_zero("mission_cost", &function.mission_cost)?,
                after_cost: amount_or_zero("after_cost", &function.after_cost)?,
                secured: amount_or_zero("secured", &function.secured)?,
                priority_code: function.priority_code,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::transition::plans::add_function(&db, &author, country_id, new).await?;
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn add_drawdown_phase(
    csrf: String,
    country: String,
    phase_name: String,
    phase_start: String,
    phase_end: String,
) -> Result<(), AppError> {
    use crate::types::input::date;
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::EditTransition { country_id })?;
            let phase = crate::types::NewDrawdownPhase {
                name: phase_name,
                starts_on: date("phase_start", &phase_start)?,
                ends_on: date("phase_end", &phase_end)?,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::transition::drawdown::add_phase(&db, &author, country_id, phase)
                .await?;
            Ok(())
        }
        .await,
    )
}
