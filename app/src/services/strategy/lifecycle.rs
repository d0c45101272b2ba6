//! A strategy version's life: created as a draft, sent to consultation,
//! endorsed (then frozen), and copied into a new draft.

use crate::i18n::td_string;
use entities::{pillar, strategy};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::{
    DEFAULT_PILLARS, Endorsement, NewPriority, NewStrategy, Strategy, StrategyStatus,
};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::strategy::drafts::{self, get_model, status_of};
use crate::services::versions;
use crate::services::{strategy::agreements, strategy::priorities};

use crate::services::strategy::strategies::load;

const STRATEGY: &str = "strategy";

/// The widest span a strategy may cover, in fiscal years.
const MAX_YEARS: i32 = 15;

fn validate_strategy(new: NewStrategy) -> Result<NewStrategy, AppError> {
    let title = new.title.trim().to_string();
    let vision = new.vision.trim().to_string();
    let mut errors = Vec::new();
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
    if !(2000..=2100).contains(&new.first_fiscal_year) {
        errors.push(FieldError::new(
            "first_fiscal_year",
            td_string!(
                crate::language::current(),
                rules.year_between,
                start = 2000,
                end = 2100
            )
            .to_string(),
        ));
    }
    if new.last_fiscal_year < new.first_fiscal_year {
        errors.push(FieldError::new(
            "last_fiscal_year",
            td_string!(crate::language::current(), rules.before_first_fiscal_year),
        ));
    } else if new.last_fiscal_year.saturating_sub(new.first_fiscal_year) >= MAX_YEARS {
        errors.push(FieldError::new(
            "last_fiscal_year",
            td_string!(
                crate::language::current(),
                rules.strategy_max_years,
                count = MAX_YEARS
            )
            .to_string(),
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
    let txn = crate::services::locks::begin(db).await?;
    let model = strategy::ActiveModel {
        country_id: Set(country_id),
        version: Set(next_version(&txn, country_id).await?),
        status: Set(StrategyStatus::Draft.code().into()),
        title: Set(new.title),
        first_fiscal_year: Set(new.first_fiscal_year),
        last_fiscal_year: Set(new.last_fiscal_year),
        vision: Set(new.vision),
        based_on_id: Set(None),
        created_at: Set(crate::services::now()),
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
    (from, to): (StrategyStatus, StrategyStatus),
    endorsement: Option<Endorsement>,
) -> Result<Strategy, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, strategy_id).await?;
    let current = status_of(&model)?;
    if current != from {
        return Err(AppError::invalid(
            "status",
            td_string!(
                crate::language::current(),
                rules.version_must_be_first,
                version = model.version,
                status = current.label().to_lowercase(),
                needed = from.label().to_lowercase()
            )
            .to_string(),
        ));
    }
    let before = load(&txn, strategy_id).await?;
    let country_id = model.country_id;
    let mut active: strategy::ActiveModel = model.into();
    active.status = Set(to.code().into());
    if let Some(endorsement) = endorsement {
        active.endorsed_at = Set(Some(crate::services::now()));
        active.endorsed_by = Set(Some(endorsement.by));
        active.endorsed_on = Set(Some(endorsement.on));
        active.endorsement_url = Set(endorsement.url);
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
    let steps = (StrategyStatus::Draft, StrategyStatus::Consultation);
    set_status(db, author, strategy_id, steps, None).await
}

/// Checks an endorsement's record: who endorsed (1 to 200 characters), a
/// day not in the future, and a web address if given.
fn validate_endorsement(endorsement: Endorsement) -> Result<Endorsement, AppError> {
    let by = endorsement.by.trim().to_string();
    let url = endorsement
        .url
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    let mut errors = Vec::new();
    if by.is_empty() || by.chars().count() > 200 {
        errors.push(FieldError::new(
            "endorsed_by",
            td_string!(crate::language::current(), rules.endorsed_by_length),
        ));
    }
    if endorsement.on > crate::services::now().date_naive() {
        errors.push(FieldError::new(
            "endorsed_on",
            td_string!(crate::language::current(), rules.not_in_future),
        ));
    }
    let web = |u: &str| u.starts_with("https://") || u.starts_with("http://");
    if url
        .as_deref()
        .is_some_and(|u| !web(u) || u.chars().count() > 500 || u.contains(char::is_whitespace))
    {
        errors.push(FieldError::new(
            "endorsement_url",
            td_string!(crate::language::current(), rules.web_address_500),
        ));
    }
    if errors.is_empty() {
        Ok(Endorsement {
            by,
            url,
            ..endorsement
        })
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Endorses a version after consultation, recording who endorsed it, on
/// what day, and where the record is; from then on it never changes.
pub async fn endorse(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
    endorsement: Endorsement,
) -> Result<Strategy, AppError> {
    let endorsement = validate_endorsement(endorsement)?;
    let steps = (StrategyStatus::Consultation, StrategyStatus::Endorsed);
    set_status(db, author, strategy_id, steps, Some(endorsement)).await
}

/// Changes a draft's title, vision and period; it was at `revision` when
/// the form opened. The period must still hold every year a priority has a
/// cost in.
#[tracing::instrument(skip(db))]
pub async fn revise(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
    revision: i32,
    new: NewStrategy,
) -> Result<Strategy, AppError> {
    let new = validate_strategy(new)?;
    let txn = crate::services::locks::begin(db).await?;
    let columns = (strategy::Column::Id, strategy::Column::Revision);
    let object = (STRATEGY, strategy_id);
    let was = versions::advance::<strategy::Entity>(
        &txn,
        td_string!(crate::language::current(), rules.the_strategy),
        object,
        columns,
        revision,
    )
    .await?;
    let model = drafts::draft_model(&txn, strategy_id).await?;
    let before = Strategy {
        revision: was,
        ..load(&txn, strategy_id).await?
    };
    let outside: Vec<i32> = before
        .priorities()
        .flat_map(|p| p.costs.iter().map(|c| c.fiscal_year))
        .filter(|y| !(new.first_fiscal_year..=new.last_fiscal_year).contains(y))
        .collect();
    if let Some(year) = outside.iter().min() {
        return Err(AppError::invalid(
            "first_fiscal_year",
            td_string!(crate::language::current(), rules.period_must_cover, year).to_string(),
        ));
    }
    let country_id = model.country_id;
    let mut active: strategy::ActiveModel = model.into();
    active.title = Set(new.title);
    active.vision = Set(new.vision);
    active.first_fiscal_year = Set(new.first_fiscal_year);
    active.last_fiscal_year = Set(new.last_fiscal_year);
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

/// Starts the next draft as a copy of an endorsed version.
#[tracing::instrument(skip(db))]
pub async fn new_draft_from(
    db: &impl TransactionTrait,
    author: &Author,
    endorsed_id: i32,
) -> Result<Strategy, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let source = get_model(&txn, endorsed_id).await?;
    if status_of(&source)? != StrategyStatus::Endorsed {
        return Err(AppError::invalid(
            "status",
            td_string!(crate::language::current(), rules.draft_from_endorsed),
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
            td_string!(
                crate::language::current(),
                rules.version_still_open,
                version = open.version
            )
            .to_string(),
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
        created_at: Set(crate::services::now()),
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
