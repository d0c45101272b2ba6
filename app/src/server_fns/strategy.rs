//! The strategy page and its changes.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{
    Comment, Organisation, Phase, Strategy, StrategyComparison, StrategyStatus, ThematicArea,
};

/// A version in the list of versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub id: i32,
    pub version: i32,
    pub status: StrategyStatus,
}

/// The strategy page: the version shown, the versions the reader may see,
/// and what the reader may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyView {
    pub strategy: Option<Strategy>,
    pub versions: Vec<VersionSummary>,
    pub can_edit: bool,
    /// Government organisations, the possible lead ministries.
    pub ministries: Vec<Organisation>,
    /// Every organisation of the country, the possible supporting partners.
    pub organisations: Vec<Organisation>,
    /// Consultation comments on the version shown, for members.
    pub comments: Vec<Comment>,
    pub can_comment: bool,
    pub can_resolve: bool,
}

/// One fiscal year's cost as typed into a form; a blank amount is no cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostInput {
    pub fiscal_year: i32,
    pub amount: String,
}

/// The fields of the form that adds or changes a priority, posted as
/// `priority[title]`, `priority[costs][0][amount]` and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PriorityForm {
    pub pillar_id: i32,
    pub code: String,
    pub title: String,
    pub objective: String,
    pub lead_organisation_id: i32,
    pub phase: Phase,
    pub thematic_area: ThematicArea,
    #[serde(default)]
    pub partner_ids: Vec<i32>,
    #[serde(default)]
    pub provision_ids: Vec<i32>,
    #[serde(default)]
    pub costs: Vec<CostInput>,
}

#[cfg(feature = "ssr")]
impl PriorityForm {
    /// The priority the form describes, its typed costs read.
    pub(super) fn into_new(self) -> Result<crate::types::NewPriority, AppError> {
        Ok(crate::types::NewPriority {
            pillar_id: self.pillar_id,
            code: self.code,
            title: self.title,
            objective: self.objective,
            lead_organisation_id: self.lead_organisation_id,
            partner_ids: self.partner_ids,
            provision_ids: self.provision_ids,
            phase: self.phase,
            thematic_area: self.thematic_area,
            costs: ssr::parse_costs(self.costs)?,
        })
    }
}

#[cfg(feature = "ssr")]
pub(super) use ssr::planner_of_strategy;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::auth::{ensure, signed_in};
    pub use crate::policy::{Action, allows};
    pub use crate::server_fns::form::respond;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::{
        accounts::countries, strategy::lifecycle, strategy::priorities, strategy::strategies,
    };
    pub use crate::state::db;

    use crate::AppError;
    use crate::types::YearCost;

    /// Parses typed amounts, naming the year's field when one is not a number.
    pub fn parse_costs(inputs: Vec<super::CostInput>) -> Result<Vec<YearCost>, AppError> {
        let mut costs = Vec::new();
        for input in inputs {
            let field = format!("cost_{}", input.fiscal_year);
            let Some(amount) =
                crate::types::input::amount(crate::language::current(), &field, &input.amount)?
            else {
                continue;
            };
            costs.push(YearCost {
                fiscal_year: input.fiscal_year,
                amount,
            });
        }
        Ok(costs)
    }

    /// The signed-in planner of the strategy's country.
    pub async fn planner_of_strategy(
        csrf: &str,
        strategy_id: i32,
    ) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection), AppError> {
        let actor = signed_in(csrf).await?;
        let db = db()?;
        let country_id = strategies::country_of(&db, strategy_id).await?;
        ensure(&actor, Action::EditStrategy { country_id })?;
        Ok((actor, db))
    }
}

#[server]
pub async fn load_strategy(
    country: String,
    version: Option<i32>,
) -> Result<StrategyView, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let (country_id, _) = countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let drafts = allows(actor.as_ref(), Action::ReadDrafts { country_id });
            let versions: Vec<VersionSummary> = strategies::versions(&db, country_id)
                .await?
                .into_iter()
                .filter(|(_, _, status)| drafts || *status == StrategyStatus::Endorsed)
                .map(|(id, version, status)| VersionSummary {
                    id,
                    version,
                    status,
                })
                .collect();
            let shown = match version {
                Some(v) => Some(versions.iter().find(|s| s.version == v).ok_or_else(|| {
                    AppError::NotFound(
                        crate::i18n::td_string!(
                            crate::language::current(),
                            rules.what_strategy_version,
                            version = v
                        )
                        .to_string(),
                    )
                })?),
                None => versions.last(),
            };
            let strategy = match shown {
                Some(s) => Some(strategies::load(&db, s.id).await?),
                None => None,
            };
            let organisations =
                crate::services::accounts::organisations::list(&db, country_id).await?;
            let ministries = organisations
                .iter()
                .filter(|o| o.kind.is_government())
                .cloned()
                .collect();
            let comments = match &strategy {
                Some(s) if allows(actor.as_ref(), Action::ReadComments { country_id }) => {
                    crate::services::strategy::comments::for_strategy(&db, s.id).await?
                }
                _ => Vec::new(),
            };
            Ok(StrategyView {
                strategy,
                versions,
                can_edit: allows(actor.as_ref(), Action::EditStrategy { country_id }),
                ministries,
                organisations,
                comments,
                can_comment: allows(actor.as_ref(), Action::Comment { country_id }),
                can_resolve: allows(actor.as_ref(), Action::ResolveComment { country_id }),
            })
        }
        .await,
    )
    .await
}

#[server]
pub async fn compare_strategy_versions(
    country: String,
    from: i32,
    to: i32,
) -> Result<StrategyComparison, AppError> {
    use ssr::*;
    respond(
        async {
            let view = load_strategy_inner(&country, from).await?;
            let other = load_strategy_inner(&country, to).await?;
            Ok(StrategyComparison::between(&view, &other))
        }
        .await,
    )
    .await
}

/// A version the reader may see.
#[cfg(feature = "ssr")]
async fn load_strategy_inner(country: &str, version: i32) -> Result<Strategy, AppError> {
    use ssr::*;
    let db = db()?;
    let (country_id, _) = countries::get_with_id(&db, country).await?;
    let id = strategies::version_id(&db, country_id, version).await?;
    let strategy = strategies::load(&db, id).await?;
    let actor = crate::auth::current_actor().await?;
    if strategy.status != StrategyStatus::Endorsed
        && !allows(actor.as_ref(), Action::ReadDrafts { country_id })
    {
        return Err(AppError::NotFound(
            crate::i18n::td_string!(
                crate::language::current(),
                rules.what_strategy_version,
                version
            )
            .to_string(),
        ));
    }
    Ok(strategy)
}

#[server]
pub async fn create_strategy(
    csrf: String,
    country: String,
    title: String,
    first_fiscal_year: i32,
    last_fiscal_year: i32,
    vision: String,
) -> Result<Strategy, AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let (country_id, _) = countries::get_with_id(&db, &country).await?;
            ensure(&actor, Action::EditStrategy { country_id })?;
            let new = crate::types::NewStrategy {
                title,
                first_fiscal_year,
                last_fiscal_year,
                vision,
            };
            lifecycle::create(&db, &Author::user(&actor), country_id, new).await
        }
        .await,
    )
    .await
}

#[server]
pub async fn add_priority(
    csrf: String,
    #[server(default)] once: String,
    strategy_id: i32,
    priority: PriorityForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_strategy(&csrf, strategy_id).await?;
            let new = priority.into_new()?;
            crate::server_fns::form::once(
                &db,
                &once,
                priorities::add(&db, &Author::user(&actor), strategy_id, new),
            )
            .await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn set_priority_cost(
    csrf: String,
    strategy_id: i32,
    priority_id: i32,
    version: i32,
    fiscal_year: i32,
    amount: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_strategy(&csrf, strategy_id).await?;
            let mut costs = parse_costs(vec![CostInput {
                fiscal_year,
                amount: if amount.trim().is_empty() {
                    "0".into()
                } else {
                    amount
                },
            }])?;
            let cost = costs.pop().ok_or_else(|| {
                AppError::invalid(
                    format!("cost_{fiscal_year}"),
                    crate::i18n::td_string!(crate::language::current(), common.required),
                )
            })?;
            let author = Author::user(&actor);
            priorities::set_cost(&db, &author, (strategy_id, priority_id), version, cost).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Runs one lifecycle step as the strategy's planner.
#[cfg(feature = "ssr")]
async fn step<F, Fut>(csrf: String, strategy_id: i32, run: F) -> Result<(), AppError>
where
    F: FnOnce(sea_orm::DatabaseConnection, ssr::Author) -> Fut,
    Fut: Future<Output = Result<Strategy, AppError>>,
{
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_strategy(&csrf, strategy_id).await?;
            run(db, Author::user(&actor)).await.map(|_| ())
        }
        .await,
    )
    .await
}

#[server]
pub async fn send_strategy_to_consultation(csrf: String, strategy_id: i32) -> Result<(), AppError> {
    use ssr::lifecycle;
    step(csrf, strategy_id, |db, author| async move {
        lifecycle::send_to_consultation(&db, &author, strategy_id).await
    })
    .await
}

/// Endorses a version in consultation, with the record of who endorsed it
/// (`endorsed_by`), on what day and where the record is published.
#[server]
pub async fn endorse_strategy(
    csrf: String,
    strategy_id: i32,
    endorsed_by: String,
    endorsed_on: String,
    #[server(default)] endorsement_url: String,
) -> Result<(), AppError> {
    use ssr::lifecycle;
    step(csrf, strategy_id, |db, author| async move {
        let endorsement = crate::types::Endorsement {
            by: endorsed_by,
            on: crate::types::input::date("endorsed_on", &endorsed_on)?,
            url: Some(endorsement_url),
        };
        lifecycle::endorse(&db, &author, strategy_id, endorsement).await
    })
    .await
}

/// Changes a draft's title, vision and period, as they were at `revision`.
#[server]
pub async fn revise_strategy(
    csrf: String,
    strategy_id: i32,
    revision: i32,
    title: String,
    first_fiscal_year: i32,
    last_fiscal_year: i32,
    vision: String,
) -> Result<(), AppError> {
    use ssr::lifecycle;
    step(csrf, strategy_id, |db, author| async move {
        let new = crate::types::NewStrategy {
            title,
            first_fiscal_year,
            last_fiscal_year,
            vision,
        };
        lifecycle::revise(&db, &author, strategy_id, revision, new).await
    })
    .await
}

#[server]
pub async fn redraft_strategy(csrf: String, strategy_id: i32) -> Result<(), AppError> {
    use ssr::lifecycle;
    step(csrf, strategy_id, |db, author| async move {
        lifecycle::new_draft_from(&db, &author, strategy_id).await
    })
    .await
}

#[server]
pub async fn add_comment(
    csrf: String,
    #[server(default)] once: String,
    priority_id: i32,
    parent_id: Option<i32>,
    body: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let (_, country_id, _) =
                crate::services::strategy::comments::strategy_of_priority(&db, priority_id).await?;
            ensure(&actor, Action::Comment { country_id })?;
            let add =
                crate::services::strategy::comments::add(&db, &actor, priority_id, parent_id, body);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn resolve_comment(csrf: String, comment_id: i32) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let priority_id =
                crate::services::strategy::comments::priority_of(&db, comment_id).await?;
            let (_, country_id, _) =
                crate::services::strategy::comments::strategy_of_priority(&db, priority_id).await?;
            ensure(&actor, Action::ResolveComment { country_id })?;
            crate::services::strategy::comments::resolve(&db, &Author::user(&actor), comment_id)
                .await
        }
        .await,
    )
    .await
}
