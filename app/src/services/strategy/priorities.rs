//! The priorities of a draft strategy: adding, changing and removing them,
//! with their yearly costs, supporting partners and the peace-agreement
//! provisions they implement.

use crate::i18n::td_string;
use entities::{
    organisation, peace_agreement, pillar, priority, priority_cost, priority_partner,
    priority_provision, provision, strategy,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, PaginatorTrait,
    QueryFilter, Set, TransactionSession, TransactionTrait,
};

use crate::types::money::to_minor;
use crate::types::{NewPriority, OrganisationKind, Priority, Strategy, YearCost};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::strategy::drafts::{currency_of, draft_model};
use crate::services::strategy::strategies;
use crate::services::versions;

const PRIORITY: &str = "priority";

fn cost_errors(
    strategy: &strategy::Model,
    costs: &[YearCost],
    errors: &mut Vec<FieldError>,
) -> Vec<i64> {
    let mut seen = Vec::new();
    let mut minors = Vec::new();
    for cost in costs {
        let field = format!("cost_{}", cost.fiscal_year);
        if !(strategy.first_fiscal_year..=strategy.last_fiscal_year).contains(&cost.fiscal_year) {
            errors.push(FieldError::new(
                field,
                td_string!(crate::language::current(), rules.fiscal_year_of_strategy),
            ));
        } else if cost.amount.is_sign_negative() {
            errors.push(FieldError::new(
                field,
                td_string!(crate::language::current(), rules.not_negative),
            ));
        } else if seen.contains(&cost.fiscal_year) {
            errors.push(FieldError::new(
                field,
                td_string!(crate::language::current(), rules.given_twice),
            ));
        } else {
            match to_minor(cost.amount) {
                Some(minor) => minors.push(minor),
                None => errors.push(FieldError::new(
                    field,
                    td_string!(crate::language::current(), rules.two_decimals_amount),
                )),
            }
        }
        seen.push(cost.fiscal_year);
    }
    minors
}

async fn validate(
    db: &impl ConnectionTrait,
    strategy: &strategy::Model,
    new: NewPriority,
) -> Result<NewPriority, AppError> {
    let code = new.code.trim().to_string();
    let title = new.title.trim().to_string();
    let objective = new.objective.trim().to_string();
    let mut errors = Vec::new();
    let code_ok = !code.is_empty()
        && code.len() <= 16
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    if !code_ok {
        errors.push(FieldError::new(
            "code",
            td_string!(
                crate::language::current(),
                rules.number_format,
                example = "2.3"
            )
            .to_string(),
        ));
    }
    if title.is_empty() || title.chars().count() > 300 {
        errors.push(FieldError::new(
            "title",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 300
            )
            .to_string(),
        ));
    }
    let pillar = pillar::Entity::find_by_id(new.pillar_id).one(db).await?;
    if pillar.is_none_or(|p| p.strategy_id != strategy.id) {
        errors.push(FieldError::new(
            "pillar_id",
            td_string!(crate::language::current(), rules.pillar_of_strategy),
        ));
    }
    let lead = organisation::Entity::find_by_id(new.lead_organisation_id)
        .one(db)
        .await?;
    let lead_ok = lead.is_some_and(|o| {
        o.country_id == strategy.country_id && o.kind == OrganisationKind::GovernmentMinistry.code()
    });
    if !lead_ok {
        errors.push(FieldError::new(
            "lead_organisation_id",
            td_string!(crate::language::current(), rules.lead_ministry),
        ));
    }
    let mut partner_ids = new.partner_ids.clone();
    partner_ids.sort_unstable();
    partner_ids.dedup();
    partner_ids.retain(|id| *id != new.lead_organisation_id);
    let partners = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(partner_ids.clone()))
        .filter(organisation::Column::CountryId.eq(strategy.country_id))
        .count(db)
        .await?;
    if usize::try_from(partners).ok() != Some(partner_ids.len()) {
        errors.push(FieldError::new(
            "partner_ids",
            td_string!(crate::language::current(), rules.organisations_of_country),
        ));
    }
    let mut provision_ids = new.provision_ids.clone();
    provision_ids.sort_unstable();
    provision_ids.dedup();
    let provisions = provision::Entity::find()
        .inner_join(peace_agreement::Entity)
        .filter(provision::Column::Id.is_in(provision_ids.clone()))
        .filter(peace_agreement::Column::StrategyId.eq(strategy.id))
        .count(db)
        .await?;
    if usize::try_from(provisions).ok() != Some(provision_ids.len()) {
        errors.push(FieldError::new(
            "provision_ids",
            td_string!(crate::language::current(), rules.provisions_of_version),
        ));
    }
    cost_errors(strategy, &new.costs, &mut errors);
    if errors.is_empty() {
        Ok(NewPriority {
            code,
            title,
            objective,
            partner_ids,
            provision_ids,
            ..new
        })
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Writes a priority's costs and links, replacing any it had.
async fn write_details(
    db: &impl ConnectionTrait,
    priority_id: i32,
    currency: &str,
    new: &NewPriority,
) -> Result<(), AppError> {
    priority_cost::Entity::delete_many()
        .filter(priority_cost::Column::PriorityId.eq(priority_id))
        .exec(db)
        .await?;
    priority_partner::Entity::delete_many()
        .filter(priority_partner::Column::PriorityId.eq(priority_id))
        .exec(db)
        .await?;
    priority_provision::Entity::delete_many()
        .filter(priority_provision::Column::PriorityId.eq(priority_id))
        .exec(db)
        .await?;
    for cost in &new.costs {
        let amount_minor = to_minor(cost.amount).ok_or_else(|| {
            AppError::invalid(
                format!("cost_{}", cost.fiscal_year),
                td_string!(crate::language::current(), rules.out_of_range),
            )
        })?;
        priority_cost::ActiveModel {
            priority_id: Set(priority_id),
            fiscal_year: Set(cost.fiscal_year),
            amount_minor: Set(amount_minor),
            currency: Set(currency.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for &organisation_id in &new.partner_ids {
        priority_partner::ActiveModel {
            priority_id: Set(priority_id),
            organisation_id: Set(organisation_id),
        }
        .insert(db)
        .await?;
    }
    for &provision_id in &new.provision_ids {
        priority_provision::ActiveModel {
            priority_id: Set(priority_id),
            provision_id: Set(provision_id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Inserts a validated priority with its costs and links.
pub(super) async fn insert(
    db: &impl ConnectionTrait,
    strategy_id: i32,
    currency: &str,
    new: &NewPriority,
) -> Result<i32, AppError> {
    let model = priority::ActiveModel {
        strategy_id: Set(strategy_id),
        pillar_id: Set(new.pillar_id),
        code: Set(new.code.clone()),
        title: Set(new.title.clone()),
        objective: Set(new.objective.clone()),
        lead_organisation_id: Set(new.lead_organisation_id),
        phase: Set(new.phase.code().into()),
        thematic_area: Set(new.thematic_area.code().into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    write_details(db, model.id, currency, new).await?;
    Ok(model.id)
}

/// Refuses a code another priority of the version already has.
async fn require_free_code(
    db: &impl ConnectionTrait,
    strategy_id: i32,
    code: &str,
    except: Option<i32>,
) -> Result<(), AppError> {
    let taken = priority::Entity::find()
        .filter(priority::Column::StrategyId.eq(strategy_id))
        .filter(priority::Column::Code.eq(code))
        .one(db)
        .await?;
    match taken {
        Some(other) if Some(other.id) != except => Err(AppError::invalid(
            "code",
            td_string!(crate::language::current(), rules.priority_exists, code).to_string(),
        )),
        _ => Ok(()),
    }
}

/// The priority `id` as it now reads in its version.
async fn current(
    db: &impl ConnectionTrait,
    strategy_id: i32,
    id: i32,
) -> Result<Priority, AppError> {
    find(&strategies::load(db, strategy_id).await?, id)
        .ok_or_else(|| AppError::internal(format!("priority {id} vanished")))
}

fn find(strategy: &Strategy, id: i32) -> Option<Priority> {
    strategy.priorities().find(|p| p.id == id).cloned()
}

/// The row of priority `id`, refused unless it is in `strategy_id`.
async fn row_in(
    db: &impl ConnectionTrait,
    strategy_id: i32,
    id: i32,
) -> Result<priority::Model, AppError> {
    priority::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.strategy_id == strategy_id)
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_priority_of_version,
                    id
                )
                .to_string(),
            )
        })
}

/// Adds a priority with its yearly costs and links to a draft.
#[tracing::instrument(skip(db))]
pub async fn add(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
    new: NewPriority,
) -> Result<Priority, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let strategy = draft_model(&txn, strategy_id).await?;
    let new = validate(&txn, &strategy, new).await?;
    require_free_code(&txn, strategy_id, &new.code, None).await?;
    let currency = currency_of(&txn, strategy.country_id).await?;
    let id = insert(&txn, strategy_id, &currency, &new).await?;
    let added = current(&txn, strategy_id, id).await?;
    audit::record(
        &txn,
        author,
        Some(strategy.country_id),
        PRIORITY,
        id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The priority `priority_id` of `strategy_id` moved on to its next version
/// (which locks it), refused unless it was at `version`: what it was.
async fn to_change(
    db: &impl ConnectionTrait,
    (strategy_id, priority_id): (i32, i32),
    version: i32,
) -> Result<(priority::Model, Priority), AppError> {
    let columns = (priority::Column::Id, priority::Column::Version);
    let object = (PRIORITY, priority_id);
    let was = versions::advance::<priority::Entity>(
        db,
        td_string!(crate::language::current(), rules.the_priority),
        object,
        columns,
        version,
    )
    .await?;
    let row = row_in(db, strategy_id, priority_id).await?;
    let before = current(db, strategy_id, priority_id).await?;
    Ok((
        row,
        Priority {
            version: was,
            ..before
        },
    ))
}

/// Changes every field of a draft's priority, which was at `version` when
/// the form opened: its costs and links are replaced by those given.
#[tracing::instrument(skip(db))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    (strategy_id, priority_id): (i32, i32),
    version: i32,
    new: NewPriority,
) -> Result<Priority, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (row, before) = to_change(&txn, (strategy_id, priority_id), version).await?;
    let strategy = draft_model(&txn, strategy_id).await?;
    let new = validate(&txn, &strategy, new).await?;
    require_free_code(&txn, strategy_id, &new.code, Some(priority_id)).await?;
    let mut active: priority::ActiveModel = row.into();
    active.pillar_id = Set(new.pillar_id);
    active.code = Set(new.code.clone());
    active.title = Set(new.title.clone());
    active.objective = Set(new.objective.clone());
    active.lead_organisation_id = Set(new.lead_organisation_id);
    active.phase = Set(new.phase.code().into());
    active.thematic_area = Set(new.thematic_area.code().into());
    active.update(&txn).await?;
    let currency = currency_of(&txn, strategy.country_id).await?;
    write_details(&txn, priority_id, &currency, &new).await?;
    let after = current(&txn, strategy_id, priority_id).await?;
    audit::record(
        &txn,
        author,
        Some(strategy.country_id),
        PRIORITY,
        priority_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a priority from a draft, with its costs, links and comments; it
/// was at `version` when the page showed it.
#[tracing::instrument(skip(db))]
pub async fn remove(
    db: &impl TransactionTrait,
    author: &Author,
    (strategy_id, priority_id): (i32, i32),
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (row, before) = to_change(&txn, (strategy_id, priority_id), version).await?;
    let strategy = draft_model(&txn, strategy_id).await?;
    row.delete(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(strategy.country_id),
        PRIORITY,
        priority_id,
        Change::Delete,
        Some(&before),
        None::<&Priority>,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a priority's estimated cost in one fiscal year of a draft; the
/// priority was at `version` when the cost grid opened.
#[tracing::instrument(skip(db))]
pub async fn set_cost(
    db: &impl TransactionTrait,
    author: &Author,
    (strategy_id, priority_id): (i32, i32),
    version: i32,
    cost: YearCost,
) -> Result<Priority, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (_, before) = to_change(&txn, (strategy_id, priority_id), version).await?;
    let strategy = draft_model(&txn, strategy_id).await?;
    let mut errors = Vec::new();
    let amount_minor = cost_errors(&strategy, std::slice::from_ref(&cost), &mut errors).pop();
    let Some(amount_minor) = amount_minor.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let existing = priority_cost::Entity::find()
        .filter(priority_cost::Column::PriorityId.eq(priority_id))
        .filter(priority_cost::Column::FiscalYear.eq(cost.fiscal_year))
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut row: priority_cost::ActiveModel = row.into();
            row.amount_minor = Set(amount_minor);
            row.update(&txn).await?;
        }
        None => {
            priority_cost::ActiveModel {
                priority_id: Set(priority_id),
                fiscal_year: Set(cost.fiscal_year),
                amount_minor: Set(amount_minor),
                currency: Set(currency_of(&txn, strategy.country_id).await?),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let after = current(&txn, strategy_id, priority_id).await?;
    audit::record(
        &txn,
        author,
        Some(strategy.country_id),
        PRIORITY,
        priority_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
