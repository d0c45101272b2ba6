//! The integrated peacebuilding strategy: versions, pillars, priorities and
//! their yearly costs. Only a draft changes; endorsing freezes a version, and
//! a new draft starts as a copy of the endorsed one.

use std::collections::HashMap;

use chrono::Utc;
use entities::{
    country, organisation, pillar, priority, priority_cost, priority_partner, priority_provision,
    strategy,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::types::money::from_minor;
use crate::types::{
    DEFAULT_PILLARS, NewPriority, NewStrategy, OrganisationRef, PeerPriority, Phase, Pillar,
    Priority, ProvisionRef, Strategy, StrategyStatus, ThematicArea, YearCost,
};
use crate::{AppError, FieldError};

use super::audit::{self, Author, Change};
use super::{agreements, priorities};

const STRATEGY: &str = "strategy";

/// The widest span a strategy may cover, in fiscal years.
const MAX_YEARS: i32 = 15;

fn validate_strategy(new: NewStrategy) -> Result<NewStrategy, AppError> {
    let title = new.title.trim().to_string();
    let vision = new.vision.trim().to_string();
    let mut errors = Vec::new();
    if title.is_empty() || title.chars().count() > 300 {
        errors.push(FieldError::new("title", "must be 1 to 300 characters"));
    }
    if !(2000..=2100).contains(&new.first_fiscal_year) {
        errors.push(FieldError::new(
            "first_fiscal_year",
            "must be a year from 2000 to 2100",
        ));
    }
    if new.last_fiscal_year < new.first_fiscal_year {
        errors.push(FieldError::new(
            "last_fiscal_year",
            "must not be before the first fiscal year",
        ));
    } else if new.last_fiscal_year - new.first_fiscal_year >= MAX_YEARS {
        errors.push(FieldError::new(
            "last_fiscal_year",
            format!("a strategy covers at most {MAX_YEARS} fiscal years"),
        ));
    }
    if errors.is_empty() {
        Ok(NewStrategy {
            title,
            vision,
            ..new
        })
    } else {
        Err(AppError::Invalid(errors))
    }
}

async fn get_model(db: &impl ConnectionTrait, id: i32) -> Result<strategy::Model, AppError> {
    strategy::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("strategy {id}")))
}

fn status_of(model: &strategy::Model) -> Result<StrategyStatus, AppError> {
    StrategyStatus::from_code(&model.status).ok_or_else(|| {
        AppError::internal(format!(
            "strategy {} has status {:?}",
            model.id, model.status
        ))
    })
}

/// Refuses unless the version is a draft.
fn require_draft(model: &strategy::Model) -> Result<(), AppError> {
    match status_of(model)? {
        StrategyStatus::Draft => Ok(()),
        status => Err(AppError::invalid(
            "status",
            format!(
                "version {} is {}: only a draft can be edited",
                model.version,
                status.label().to_lowercase()
            ),
        )),
    }
}

/// The version, refused unless it is a draft.
pub(super) async fn draft_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<strategy::Model, AppError> {
    let model = get_model(db, id).await?;
    require_draft(&model)?;
    Ok(model)
}

pub(super) async fn currency_of(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<String, AppError> {
    Ok(country::Entity::find_by_id(country_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("country {country_id}")))?
        .currency)
}

async fn next_version(db: &impl ConnectionTrait, country_id: i32) -> Result<i32, AppError> {
    let max: Option<i32> = strategy::Entity::find()
        .select_only()
        .column_as(strategy::Column::Version.max(), "max")
        .filter(strategy::Column::CountryId.eq(country_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    Ok(max.unwrap_or(0) + 1)
}

/// Starts a draft strategy with the five PSG pillars.
#[tracing::instrument(skip(db))]
pub async fn create(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewStrategy,
) -> Result<Strategy, AppError> {
    let new = validate_strategy(new)?;
    let txn = db.begin().await?;
    let model = strategy::ActiveModel {
        country_id: Set(country_id),
        version: Set(next_version(&txn, country_id).await?),
        status: Set(StrategyStatus::Draft.code().into()),
        title: Set(new.title),
        first_fiscal_year: Set(new.first_fiscal_year),
        last_fiscal_year: Set(new.last_fiscal_year),
        vision: Set(new.vision),
        based_on_id: Set(None),
        created_at: Set(Utc::now()),
        endorsed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (i, title) in DEFAULT_PILLARS.iter().enumerate() {
        pillar::ActiveModel {
            strategy_id: Set(model.id),
            number: Set(i32::try_from(i).unwrap_or(0) + 1),
            title: Set((*title).into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let created = load(&txn, model.id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        STRATEGY,
        model.id,
        Change::Create,
        None,
        Some(&created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

async fn set_status(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
    from: StrategyStatus,
    to: StrategyStatus,
) -> Result<Strategy, AppError> {
    let txn = db.begin().await?;
    let model = get_model(&txn, strategy_id).await?;
    let current = status_of(&model)?;
    if current != from {
        return Err(AppError::invalid(
            "status",
            format!(
                "version {} is {}; it must be {} first",
                model.version,
                current.label().to_lowercase(),
                from.label().to_lowercase()
            ),
        ));
    }
    let before = load(&txn, strategy_id).await?;
    let country_id = model.country_id;
    let mut active: strategy::ActiveModel = model.into();
    active.status = Set(to.code().into());
    if to == StrategyStatus::Endorsed {
        active.endorsed_at = Set(Some(Utc::now()));
    }
    active.update(&txn).await?;
    let after = load(&txn, strategy_id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        STRATEGY,
        strategy_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Opens a draft to comments from reviewers and partners.
pub async fn send_to_consultation(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
) -> Result<Strategy, AppError> {
    set_status(
        db,
        author,
        strategy_id,
        StrategyStatus::Draft,
        StrategyStatus::Consultation,
    )
    .await
}

/// Endorses a version after consultation; from then on it never changes.
pub async fn endorse(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
) -> Result<Strategy, AppError> {
    set_status(
        db,
        author,
        strategy_id,
        StrategyStatus::Consultation,
        StrategyStatus::Endorsed,
    )
    .await
}

/// Starts the next draft as a copy of an endorsed version.
#[tracing::instrument(skip(db))]
pub async fn new_draft_from(
    db: &impl TransactionTrait,
    author: &Author,
    endorsed_id: i32,
) -> Result<Strategy, AppError> {
    let txn = db.begin().await?;
    let source = get_model(&txn, endorsed_id).await?;
    if status_of(&source)? != StrategyStatus::Endorsed {
        return Err(AppError::invalid(
            "status",
            "a new draft starts from an endorsed version",
        ));
    }
    let open = strategy::Entity::find()
        .filter(strategy::Column::CountryId.eq(source.country_id))
        .filter(strategy::Column::Status.ne(StrategyStatus::Endorsed.code()))
        .one(&txn)
        .await?;
    if let Some(open) = open {
        return Err(AppError::invalid(
            "status",
            format!("version {} is still open; finish it first", open.version),
        ));
    }
    let whole = load(&txn, endorsed_id).await?;
    let draft = strategy::ActiveModel {
        country_id: Set(source.country_id),
        version: Set(next_version(&txn, source.country_id).await?),
        status: Set(StrategyStatus::Draft.code().into()),
        title: Set(source.title.clone()),
        first_fiscal_year: Set(source.first_fiscal_year),
        last_fiscal_year: Set(source.last_fiscal_year),
        vision: Set(source.vision.clone()),
        based_on_id: Set(Some(source.id)),
        created_at: Set(Utc::now()),
        endorsed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let provisions = agreements::copy(&txn, &whole.agreements, draft.id).await?;
    for p in &whole.pillars {
        let copy = pillar::ActiveModel {
            strategy_id: Set(draft.id),
            number: Set(p.number),
            title: Set(p.title.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for priority in &p.priorities {
            let mut new: NewPriority = priority.as_new(copy.id);
            new.provision_ids = new
                .provision_ids
                .iter()
                .filter_map(|id| provisions.get(id).copied())
                .collect();
            priorities::insert(&txn, draft.id, &whole.currency, &new).await?;
        }
    }
    let created = load(&txn, draft.id).await?;
    audit::record(
        &txn,
        author,
        Some(source.country_id),
        STRATEGY,
        draft.id,
        Change::Create,
        None,
        Some(&created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// One version, whole: pillars in order, priorities by code, costs by year.
pub async fn load(db: &impl ConnectionTrait, strategy_id: i32) -> Result<Strategy, AppError> {
    let model = get_model(db, strategy_id).await?;
    let status = status_of(&model)?;
    let country = country::Entity::find_by_id(model.country_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("country {}", model.country_id)))?;
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
        currency: country.currency,
        fiscal_year_start_month: u32::try_from(country.fiscal_year_start_month).unwrap_or(1),
        based_on_version,
        agreements,
        pillars: pillars
            .into_iter()
            .map(|p| Pillar {
                priorities: by_pillar.remove(&p.id).unwrap_or_default(),
                id: p.id,
                number: p.number,
                title: p.title,
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
        .ok_or_else(|| AppError::NotFound(format!("strategy version {version}")))
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
