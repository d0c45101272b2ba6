//! Reading the integrated peacebuilding strategy: a version with its
//! pillars, priorities, costs and agreements; the list of versions; the
//! latest endorsed one; peers' priorities in the same thematic area.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{
    country, organisation, pillar, priority, priority_cost, priority_partner, priority_provision,
    strategy,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::AppError;
use crate::types::money::from_minor;
use crate::types::{
    Endorsement, OrganisationRef, PeerPriority, Phase, Pillar, Priority, ProvisionRef, Strategy,
    StrategyStatus, ThematicArea, YearCost,
};

use crate::services::strategy::agreements;
use crate::services::strategy::drafts::{get_model, status_of};
use crate::types::Currency;

/// One version, whole: pillars in order, priorities by code, costs by year.
pub async fn load(db: &impl ConnectionTrait, strategy_id: i32) -> Result<Strategy, AppError> {
    let model = get_model(db, strategy_id).await?;
    let status = status_of(&model)?;
    let country = country::Entity::find_by_id(model.country_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_country,
                    id = model.country_id
                )
                .to_string(),
            )
        })?;
    let based_on_version = match model.based_on_id {
        Some(id) => Some(get_model(db, id).await?.version),
        None => None,
    };
    let pillars = pillar::Entity::find()
        .filter(pillar::Column::StrategyId.eq(strategy_id))
        .order_by_asc(pillar::Column::Number)
        .all(db)
        .await?;
    let rows = priority::Entity::find()
        .filter(priority::Column::StrategyId.eq(strategy_id))
        .find_also_related(organisation::Entity)
        .order_by_asc(priority::Column::Code)
        .all(db)
        .await?;
    let costs = priority_cost::Entity::find()
        .inner_join(priority::Entity)
        .filter(priority::Column::StrategyId.eq(strategy_id))
        .order_by_asc(priority_cost::Column::FiscalYear)
        .all(db)
        .await?;
    let mut costs_of: HashMap<i32, Vec<YearCost>> = HashMap::new();
    for c in costs {
        costs_of.entry(c.priority_id).or_default().push(YearCost {
            fiscal_year: c.fiscal_year,
            amount: from_minor(c.amount_minor),
        });
    }
    let agreements = agreements::of_strategy(db, strategy_id).await?;
    let mut provisions_of: HashMap<i32, Vec<ProvisionRef>> = HashMap::new();
    for link in priority_provision::Entity::find()
        .inner_join(priority::Entity)
        .filter(priority::Column::StrategyId.eq(strategy_id))
        .all(db)
        .await?
    {
        let found = agreements.iter().find_map(|a| {
            let p = a.provisions.iter().find(|p| p.id == link.provision_id)?;
            Some(ProvisionRef {
                id: p.id,
                agreement: a.title.clone(),
                number: p.number.clone(),
                text: p.text.clone(),
            })
        });
        if let Some(found) = found {
            provisions_of
                .entry(link.priority_id)
                .or_default()
                .push(found);
        }
    }
    let mut partners_of: HashMap<i32, Vec<OrganisationRef>> = HashMap::new();
    for (link, org) in priority_partner::Entity::find()
        .inner_join(priority::Entity)
        .filter(priority::Column::StrategyId.eq(strategy_id))
        .find_also_related(organisation::Entity)
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
    {
        partners_of
            .entry(link.priority_id)
            .or_default()
            .push(OrganisationRef {
                id: link.organisation_id,
                name: org.map(|o| o.name).unwrap_or_default(),
            });
    }
    let mut by_pillar: HashMap<i32, Vec<Priority>> = HashMap::new();
    for (p, lead) in rows {
        let phase = Phase::from_code(&p.phase)
            .ok_or_else(|| AppError::internal(format!("priority {} phase {:?}", p.id, p.phase)))?;
        let thematic_area = ThematicArea::from_code(&p.thematic_area).ok_or_else(|| {
            AppError::internal(format!("priority {} area {:?}", p.id, p.thematic_area))
        })?;
        by_pillar.entry(p.pillar_id).or_default().push(Priority {
            id: p.id,
            code: p.code,
            title: p.title,
            objective: p.objective,
            lead_organisation_id: p.lead_organisation_id,
            lead_organisation: lead.map(|o| o.name).unwrap_or_default(),
            partners: partners_of.remove(&p.id).unwrap_or_default(),
            provisions: {
                let mut list = provisions_of.remove(&p.id).unwrap_or_default();
                list.sort_by(|a, b| (&a.agreement, &a.number).cmp(&(&b.agreement, &b.number)));
                list
            },
            phase,
            thematic_area,
            costs: costs_of.remove(&p.id).unwrap_or_default(),
            version: p.version,
        });
    }
    Ok(Strategy {
        id: model.id,
        country_code: country.code,
        version: model.version,
        status,
        title: model.title,
        first_fiscal_year: model.first_fiscal_year,
        last_fiscal_year: model.last_fiscal_year,
        vision: model.vision,
        currency: Currency::stored(country.currency),
        fiscal_year_start_month: u32::try_from(country.fiscal_year_start_month).unwrap_or(1),
        based_on_version,
        revision: model.revision,
        endorsement: match (model.endorsed_by, model.endorsed_on) {
            (Some(by), Some(on)) => Some(Endorsement {
                by,
                on,
                url: model.endorsement_url,
            }),
            _ => None,
        },
        agreements,
        pillars: pillars
            .into_iter()
            .map(|p| Pillar {
                priorities: by_pillar.remove(&p.id).unwrap_or_default(),
                id: p.id,
                number: p.number,
                title: p.title,
                version: p.version,
            })
            .collect(),
    })
}

/// The country a strategy version belongs to.
pub async fn country_of(db: &impl ConnectionTrait, strategy_id: i32) -> Result<i32, AppError> {
    Ok(get_model(db, strategy_id).await?.country_id)
}

/// `(id, version, status)` of every version of a country, oldest first.
pub async fn versions(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<(i32, i32, StrategyStatus)>, AppError> {
    strategy::Entity::find()
        .filter(strategy::Column::CountryId.eq(country_id))
        .order_by_asc(strategy::Column::Version)
        .all(db)
        .await?
        .iter()
        .map(|m| Ok((m.id, m.version, status_of(m)?)))
        .collect()
}

/// The id of a country's version `version`.
pub async fn version_id(
    db: &impl ConnectionTrait,
    country_id: i32,
    version: i32,
) -> Result<i32, AppError> {
    strategy::Entity::find()
        .filter(strategy::Column::CountryId.eq(country_id))
        .filter(strategy::Column::Version.eq(version))
        .one(db)
        .await?
        .map(|m| m.id)
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_strategy_version,
                    version
                )
                .to_string(),
            )
        })
}

/// The newest endorsed version of a country, if any.
pub async fn latest_endorsed(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Option<Strategy>, AppError> {
    let model = strategy::Entity::find()
        .filter(strategy::Column::CountryId.eq(country_id))
        .filter(strategy::Column::Status.eq(StrategyStatus::Endorsed.code()))
        .order_by_desc(strategy::Column::Version)
        .one(db)
        .await?;
    match model {
        Some(m) => Ok(Some(load(db, m.id).await?)),
        None => Ok(None),
    }
}

/// Other countries' endorsed priorities in thematic area `area`: where a
/// planner finds peers' experience with the same kind of work.
pub async fn peer_priorities(
    db: &impl ConnectionTrait,
    country_code: &str,
    area: ThematicArea,
) -> Result<Vec<PeerPriority>, AppError> {
    let others = country::Entity::find()
        .filter(country::Column::Code.ne(country_code))
        .order_by_asc(country::Column::Name)
        .all(db)
        .await?;
    let mut peers = Vec::new();
    for other in others {
        let Some(theirs) = latest_endorsed(db, other.id).await? else {
            continue;
        };
        peers.extend(
            theirs
                .priorities()
                .filter(|p| p.thematic_area == area)
                .map(|p| PeerPriority {
                    country_code: other.code.clone(),
                    country_name: other.name.clone(),
                    code: p.code.clone(),
                    title: p.title.clone(),
                    thematic_area: p.thematic_area,
                    total_cost: p.total_cost(),
                    currency: theirs.currency.clone(),
                }),
        );
    }
    Ok(peers)
}
