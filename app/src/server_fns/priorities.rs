//! A priority's page and the changes a planner makes to a draft's
//! priorities.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::PriorityForm;
use crate::AppError;
use crate::types::{Organisation, PeerPriority, Strategy, TransitionFunction};

/// A priority's page: the version it is read in (whole, for its pillars,
/// years and agreements), peers' work in the same thematic area, and the
/// mission functions it takes over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityView {
    pub strategy: Strategy,
    pub code: String,
    /// The reader may change it: a planner, and the version is a draft.
    pub can_edit: bool,
    /// Government organisations, the possible lead ministries.
    pub ministries: Vec<Organisation>,
    /// Every organisation of the country, the possible supporting partners.
    pub organisations: Vec<Organisation>,
    pub peers: Vec<PeerPriority>,
    pub functions: Vec<TransitionFunction>,
}

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::policy::{Action, allows};
    pub use crate::server_fns::form::respond;
    pub(super) use crate::server_fns::strategy::planner_of_strategy;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::{accounts::countries, strategy::priorities, strategy::strategies};
    pub use crate::state::db;
}

#[server]
pub async fn load_priority(
    country: String,
    code: String,
    version: Option<i32>,
) -> Result<PriorityView, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let (country_id, _) = countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let drafts = allows(actor.as_ref(), Action::ReadDrafts { country_id });
            let visible: Vec<(i32, i32)> = strategies::versions(&db, country_id)
                .await?
                .into_iter()
                .filter(|(_, _, status)| {
                    drafts || *status == crate::types::StrategyStatus::Endorsed
                })
                .map(|(id, version, _)| (id, version))
                .collect();
            let shown = match version {
                Some(v) => visible.iter().find(|(_, version)| *version == v),
                None => visible.last(),
            };
            let not_found = || {
                AppError::NotFound(
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.what_priority,
                        id = &code
                    )
                    .to_string(),
                )
            };
            let &(strategy_id, _) = shown.ok_or_else(not_found)?;
            let strategy = strategies::load(&db, strategy_id).await?;
            let (_, priority) = strategy.priority(&code).ok_or_else(not_found)?;
            let peers = strategies::peer_priorities(&db, &country, priority.thematic_area).await?;
            let functions = crate::services::transition::plans::load(&db, country_id)
                .await?
                .map(|plan| plan.functions)
                .unwrap_or_default()
                .into_iter()
                .filter(|f| f.priority_code.as_deref() == Some(code.as_str()))
                .collect();
            let organisations =
                crate::services::accounts::organisations::list(&db, country_id).await?;
            Ok(PriorityView {
                can_edit: strategy.status == crate::types::StrategyStatus::Draft
                    && allows(actor.as_ref(), Action::EditStrategy { country_id }),
                ministries: organisations
                    .iter()
                    .filter(|o| o.kind.is_government())
                    .cloned()
                    .collect(),
                organisations,
                peers,
                functions,
                code,
                strategy,
            })
        }
        .await,
    )
    .await
}

/// Where a priority is read: its page in the version it belongs to.
#[cfg(feature = "ssr")]
fn priority_page(strategy: &Strategy, code: &str) -> String {
    format!(
        "/countries/{}/strategy/priorities/{code}?version={}",
        strategy.country_code, strategy.version
    )
}

#[server]
pub async fn update_priority(
    csrf: String,
    strategy_id: i32,
    priority_id: i32,
    version: i32,
    priority: PriorityForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_strategy(&csrf, strategy_id).await?;
            let new = priority.into_new()?;
            let author = Author::user(&actor);
            let changed =
                priorities::update(&db, &author, (strategy_id, priority_id), version, new).await?;
            let strategy = strategies::load(&db, strategy_id).await?;
            leptos_axum::redirect(&priority_page(&strategy, &changed.code));
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn remove_priority(
    csrf: String,
    strategy_id: i32,
    priority_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_strategy(&csrf, strategy_id).await?;
            let author = Author::user(&actor);
            priorities::remove(&db, &author, (strategy_id, priority_id), version).await?;
            let strategy = strategies::load(&db, strategy_id).await?;
            leptos_axum::redirect(&format!(
                "/countries/{}/strategy?version={}",
                strategy.country_code, strategy.version
            ));
            Ok(())
        }
        .await,
    )
    .await
}
