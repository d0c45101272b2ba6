//! The commitments of a compact version: their agreed content (changed only
//! in a draft) and the progress reported on them (at any time).

use crate::i18n::td_string;
use entities::{
    commitment, commitment_comment, commitment_progress, compact_party, organisation, priority,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::Actor;
use crate::types::{Commitment, CommitmentKind, NewCommitment, NewProgress, OrganisationKind};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::compact::compacts::{self, draft_model};
use crate::services::versions;

const COMMITMENT: &str = "commitment";

/// Who a commitment belongs to, for the permission check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub compact_id: i32,
    pub country_id: i32,
    pub party_id: i32,
    pub kind: CommitmentKind,
}

pub async fn owner(db: &impl ConnectionTrait, commitment_id: i32) -> Result<Owner, AppError> {
    let row = row(db, commitment_id).await?;
    let kind = CommitmentKind::from_code(&row.kind).ok_or_else(|| {
        AppError::internal(format!("commitment {commitment_id} kind {:?}", row.kind))
    })?;
    Ok(Owner {
        compact_id: row.compact_id,
        country_id: compacts::country_of(db, row.compact_id).await?,
        party_id: row.party_id,
        kind,
    })
}

async fn row(db: &impl ConnectionTrait, id: i32) -> Result<commitment::Model, AppError> {
    commitment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_commitment, id).to_string(),
            )
        })
}

async fn validate(
    db: &impl ConnectionTrait,
    compact: &entities::compact::Model,
    new: NewCommitment,
) -> Result<NewCommitment, AppError> {
    let text = new.text.trim().to_string();
    let office = new.responsible_office.trim().to_string();
    let code = new.priority_code.trim().to_string();
    let indicator = new
        .indicator
        .as_deref()
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_string);
    let mut errors = Vec::new();
    if text.is_empty() || text.chars().count() > 2000 {
        errors.push(FieldError::new(
            "text",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 2000
            )
            .to_string(),
        ));
    }
    if office.chars().count() > 200 {
        errors.push(FieldError::new(
            "responsible_office",
            td_string!(crate::language::current(), rules.too_long, max = 200).to_string(),
        ));
    }
    if new.due_on < compact.starts_on {
        errors.push(FieldError::new(
            "due_on",
            td_string!(
                crate::language::current(),
                rules.before_compact_start_on,
                date = compact.starts_on
            )
            .to_string(),
        ));
    }
    let served = priority::Entity::find()
        .filter(priority::Column::StrategyId.eq(compact.strategy_id))
        .filter(priority::Column::Code.eq(code.as_str()))
        .one(db)
        .await?;
    if served.is_none() {
        errors.push(FieldError::new(
            "priority_code",
            td_string!(
                crate::language::current(),
                rules.priority_of_compact_strategy
            ),
        ));
    }
    let is_party = compact_party::Entity::find()
        .filter(compact_party::Column::CompactId.eq(compact.id))
        .filter(compact_party::Column::OrganisationId.eq(new.party_id))
        .one(db)
        .await?
        .is_some();
    let party = organisation::Entity::find_by_id(new.party_id)
        .one(db)
        .await?;
    match party.filter(|_| is_party) {
        None => errors.push(FieldError::new(
            "party_id",
            td_string!(crate::language::current(), rules.party_of_compact),
        )),
        Some(org) => {
            let government = org.kind == OrganisationKind::GovernmentMinistry.code();
            if government != (new.kind == CommitmentKind::Government) {
                errors.push(FieldError::new(
                    "party_id",
                    td_string!(crate::language::current(), rules.party_side),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(NewCommitment {
            text,
            responsible_office: office,
            priority_code: code,
            indicator,
            ..new
        })
    } else {
        Err(AppError::Invalid(errors))
    }
}

async fn current(
    db: &impl ConnectionTrait,
    compact_id: i32,
    id: i32,
) -> Result<Commitment, AppError> {
    compacts::load(db, compact_id)
        .await?
        .commitments
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::internal(format!("commitment {id} vanished")))
}

/// Adds a commitment to a draft compact.
#[tracing::instrument(skip(db))]
pub async fn add(
    db: &impl TransactionTrait,
    author: &Author,
    compact_id: i32,
    new: NewCommitment,
) -> Result<Commitment, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let compact = draft_model(&txn, compact_id).await?;
    let new = validate(&txn, &compact, new).await?;
    let model = commitment::ActiveModel {
        compact_id: Set(compact_id),
        party_id: Set(new.party_id),
        kind: Set(new.kind.code().into()),
        category: Set(new.category.code().into()),
        text: Set(new.text),
        priority_code: Set(new.priority_code),
        indicator: Set(new.indicator),
        due_on: Set(new.due_on),
        responsible_office: Set(new.responsible_office),
        status: Set(crate::types::CommitmentStatus::NotStarted.code().into()),
        status_reason: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = current(&txn, compact_id, model.id).await?;
    audit::record(
        &txn,
        author,
        Some(compact.country_id),
        COMMITMENT,
        model.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The commitment `commitment_id` moved on to its next version (which
/// locks it), refused unless it was at `version`, and refused unless its
/// compact version is a draft: its row, its compact, and what it was.
async fn to_change(
    db: &impl ConnectionTrait,
    commitment_id: i32,
    version: i32,
) -> Result<(commitment::Model, entities::compact::Model, Commitment), AppError> {
    let columns = (commitment::Column::Id, commitment::Column::Version);
    let object = (COMMITMENT, commitment_id);
    let was = versions::advance::<commitment::Entity>(
        db,
        td_string!(crate::language::current(), rules.the_commitment),
        object,
        columns,
        version,
    )
    .await?;
    let existing = row(db, commitment_id).await?;
    let compact = draft_model(db, existing.compact_id).await?;
    let before = current(db, compact.id, commitment_id).await?;
    Ok((
        existing,
        compact,
        Commitment {
            version: was,
            ..before
        },
    ))
}

/// Changes the agreed content of a commitment of a draft, which was at
/// `version` when the form opened.
#[tracing::instrument(skip(db))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    commitment_id: i32,
    version: i32,
    new: NewCommitment,
) -> Result<Commitment, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (existing, compact, before) = to_change(&txn, commitment_id, version).await?;
    let new = validate(&txn, &compact, new).await?;
    let mut active: commitment::ActiveModel = existing.into();
    active.party_id = Set(new.party_id);
    active.kind = Set(new.kind.code().into());
    active.category = Set(new.category.code().into());
    active.text = Set(new.text);
    active.priority_code = Set(new.priority_code);
    active.indicator = Set(new.indicator);
    active.due_on = Set(new.due_on);
    active.responsible_office = Set(new.responsible_office);
    active.update(&txn).await?;
    let after = current(&txn, compact.id, commitment_id).await?;
    audit::record(
        &txn,
        author,
        Some(compact.country_id),
        COMMITMENT,
        commitment_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a commitment from a draft, with its comments; it was at
/// `version` when the page showed it.
#[tracing::instrument(skip(db))]
pub async fn remove(
    db: &impl TransactionTrait,
    author: &Author,
    commitment_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (existing, compact, before) = to_change(&txn, commitment_id, version).await?;
    existing.delete(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(compact.country_id),
        COMMITMENT,
        commitment_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Reports progress on a commitment and sets its status; allowed in any
/// version, since tracking goes on after signature.
#[tracing::instrument(skip(db, actor), fields(user = actor.user_id))]
pub async fn report_progress(
    db: &impl TransactionTrait,
    actor: &Actor,
    commitment_id: i32,
    new: NewProgress,
) -> Result<Commitment, AppError> {
    let text = new.text.trim().to_string();
    let evidence = new
        .evidence_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    let reason = new
        .status_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    let mut errors = Vec::new();
    if text.is_empty() || text.chars().count() > 2000 {
        errors.push(FieldError::new(
            "progress_text",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 2000
            )
            .to_string(),
        ));
    }
    if let Some(url) = &evidence
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        errors.push(FieldError::new(
            "evidence_url",
            td_string!(crate::language::current(), rules.web_address_https),
        ));
    }
    if new.status.needs_reason() && reason.is_none() {
        errors.push(FieldError::new(
            "status_reason",
            td_string!(
                crate::language::current(),
                rules.required_when_status,
                status = new.status.label().to_lowercase()
            )
            .to_string(),
        ));
    }
    if new.on_date > crate::services::now().date_naive() {
        errors.push(FieldError::new(
            "on_date",
            td_string!(crate::language::current(), rules.not_in_future),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = crate::services::locks::begin(db).await?;
    let existing = row(&txn, commitment_id).await?;
    let country_id = compacts::country_of(&txn, existing.compact_id).await?;
    let before = current(&txn, existing.compact_id, commitment_id).await?;
    commitment_progress::ActiveModel {
        commitment_id: Set(commitment_id),
        author_id: Set(actor.user_id),
        on_date: Set(new.on_date),
        text: Set(text),
        evidence_url: Set(evidence),
        status: Set(Some(new.status.code().into())),
        created_at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let compact_id = existing.compact_id;
    let mut active: commitment::ActiveModel = existing.into();
    active.status = Set(new.status.code().into());
    active.status_reason = Set(reason.filter(|_| new.status.needs_reason()));
    active.update(&txn).await?;
    let after = current(&txn, compact_id, commitment_id).await?;
    audit::record(
        &txn,
        &Author::user(actor),
        Some(country_id),
        COMMITMENT,
        commitment_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// A member's comment on a commitment, in any version.
#[tracing::instrument(skip(db, actor), fields(user = actor.user_id))]
pub async fn comment(
    db: &impl TransactionTrait,
    actor: &Actor,
    commitment_id: i32,
    body: &str,
) -> Result<(), AppError> {
    let body = body.trim().to_string();
    if body.is_empty() || body.chars().count() > 2000 {
        return Err(AppError::invalid(
            "body",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 2000
            )
            .to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let existing = row(&txn, commitment_id).await?;
    let country_id = compacts::country_of(&txn, existing.compact_id).await?;
    let created = commitment_comment::ActiveModel {
        commitment_id: Set(commitment_id),
        author_id: Set(actor.user_id),
        body: Set(body.clone()),
        created_at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let after = serde_json::json!({ "commitment_id": commitment_id, "body": body });
    audit::record(
        &txn,
        &Author::user(actor),
        Some(country_id),
        "commitment_comment",
        created.id,
        Change::Create,
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
