//! The compact of mutual commitments: versions, parties, freezing for
//! signature, signing, and amendments. A version's agreed content changes
//! only while it is a draft; once frozen its canonical JSON has a SHA-256
//! that every signature carries, and a signed version never changes.
//! Commitments themselves are in `commitments`.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{
    commitment, commitment_comment, commitment_progress, compact, compact_party, compact_signature,
    country, organisation, user,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::types::{
    Commitment, CommitmentCategory, CommitmentComment, CommitmentKind, CommitmentStatus, Compact,
    CompactStatus, NewCompact, OrganisationKind, Party, Progress, Signature,
};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::strategy::strategies;

pub(super) const COMPACT: &str = "compact";

pub(super) async fn model(db: &impl ConnectionTrait, id: i32) -> Result<compact::Model, AppError> {
    compact::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_compact, id).to_string(),
            )
        })
}

pub(super) fn status_of(model: &compact::Model) -> Result<CompactStatus, AppError> {
    CompactStatus::from_code(&model.status).ok_or_else(|| {
        AppError::internal(format!("compact {} status {:?}", model.id, model.status))
    })
}

/// The version, refused unless it is a draft.
pub(super) async fn draft_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<compact::Model, AppError> {
    let model = model(db, id).await?;
    match status_of(&model)? {
        CompactStatus::Draft => Ok(model),
        status => Err(AppError::invalid(
            "status",
            td_string!(
                crate::language::current(),
                rules.compact_not_draft,
                version = model.version,
                status = status.label().to_lowercase()
            )
            .to_string(),
        )),
    }
}

async fn next_version(db: &impl ConnectionTrait, country_id: i32) -> Result<i32, AppError> {
    let max: Option<i32> = compact::Entity::find()
        .select_only()
        .column_as(compact::Column::Version.max(), "max")
        .filter(compact::Column::CountryId.eq(country_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    Ok(max.unwrap_or(0) + 1)
}

/// Starts a draft compact on the country's latest endorsed strategy.
#[tracing::instrument(skip(db))]
pub async fn create(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewCompact,
) -> Result<Compact, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let new = super::checks::validate(&txn, country_id, new).await?;
    let strategy = strategies::latest_endorsed(&txn, country_id)
        .await?
        .ok_or_else(|| {
            AppError::invalid(
                "strategy",
                td_string!(crate::language::current(), rules.endorse_strategy_first),
            )
        })?;
    if let Some(open) = compact::Entity::find()
        .filter(compact::Column::CountryId.eq(country_id))
        .filter(compact::Column::Status.ne(CompactStatus::Signed.code()))
        .one(&txn)
        .await?
    {
        return Err(AppError::invalid(
            "status",
            td_string!(
                crate::language::current(),
                rules.compact_not_signed_yet,
                version = open.version
            )
            .to_string(),
        ));
    }
    let model = compact::ActiveModel {
        country_id: Set(country_id),
        version: Set(next_version(&txn, country_id).await?),
        status: Set(CompactStatus::Draft.code().into()),
        title: Set(new.title),
        starts_on: Set(new.starts_on),
        ends_on: Set(new.ends_on),
        principles: Set(new.principles),
        strategy_id: Set(strategy.id),
        based_on_id: Set(None),
        sha256: Set(None),
        created_at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for organisation_id in new.party_ids {
        compact_party::ActiveModel {
            compact_id: Set(model.id),
            organisation_id: Set(organisation_id),
        }
        .insert(&txn)
        .await?;
    }
    let created = load(&txn, model.id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        COMPACT,
        model.id,
        Change::Create,
        None,
        Some(&created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Starts an amendment: a new draft version copying a signed one, which
/// needs every signature again.
#[tracing::instrument(skip(db))]
pub async fn amend(
    db: &impl TransactionTrait,
    author: &Author,
    signed_id: i32,
) -> Result<Compact, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let source = model(&txn, signed_id).await?;
    if status_of(&source)? != CompactStatus::Signed {
        return Err(AppError::invalid(
            "status",
            td_string!(crate::language::current(), rules.amendment_from_signed),
        ));
    }
    if let Some(open) = compact::Entity::find()
        .filter(compact::Column::CountryId.eq(source.country_id))
        .filter(compact::Column::Status.ne(CompactStatus::Signed.code()))
        .one(&txn)
        .await?
    {
        return Err(AppError::invalid(
            "status",
            td_string!(
                crate::language::current(),
                rules.compact_still_open,
                version = open.version
            )
            .to_string(),
        ));
    }
    let whole = load(&txn, signed_id).await?;
    let draft = compact::ActiveModel {
        country_id: Set(source.country_id),
        version: Set(next_version(&txn, source.country_id).await?),
        status: Set(CompactStatus::Draft.code().into()),
        title: Set(source.title.clone()),
        starts_on: Set(source.starts_on),
        ends_on: Set(source.ends_on),
        principles: Set(source.principles.clone()),
        strategy_id: Set(source.strategy_id),
        based_on_id: Set(Some(source.id)),
        sha256: Set(None),
        created_at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for party in &whole.parties {
        compact_party::ActiveModel {
            compact_id: Set(draft.id),
            organisation_id: Set(party.id),
        }
        .insert(&txn)
        .await?;
    }
    for c in &whole.commitments {
        let carried = commitment::ActiveModel {
            compact_id: Set(draft.id),
            party_id: Set(c.party_id),
            kind: Set(c.kind.code().into()),
            category: Set(c.category.code().into()),
            text: Set(c.text.clone()),
            priority_code: Set(c.priority_code.clone()),
            indicator: Set(c.indicator.clone()),
            due_on: Set(c.due_on),
            responsible_office: Set(c.responsible_office.clone()),
            status: Set(c.status.code().into()),
            status_reason: Set(c.status_reason.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        // Its history comes along: the status it had at any date stays known.
        for p in commitment_progress::Entity::find()
            .filter(commitment_progress::Column::CommitmentId.eq(c.id))
            .order_by_asc(commitment_progress::Column::Id)
            .all(&txn)
            .await?
        {
            commitment_progress::ActiveModel {
                id: NotSet,
                commitment_id: Set(carried.id),
                ..p.into()
            }
            .insert(&txn)
            .await?;
        }
    }
    let created = load(&txn, draft.id).await?;
    audit::record(
        &txn,
        author,
        Some(source.country_id),
        COMPACT,
        draft.id,
        Change::Create,
        None,
        Some(&created),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

fn coded<T>(value: Option<T>, what: &str, id: i32, code: &str) -> Result<T, AppError> {
    value.ok_or_else(|| AppError::internal(format!("commitment {id} {what} {code:?}")))
}

/// One version, whole: parties with their signatures, commitments in the
/// order they were written, each with its progress, newest first.
pub async fn load(db: &impl ConnectionTrait, compact_id: i32) -> Result<Compact, AppError> {
    let model = model(db, compact_id).await?;
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
    let strategy = strategies::load(db, model.strategy_id).await?;
    let based_on_version = match model.based_on_id {
        Some(id) => Some(self::model(db, id).await?.version),
        None => None,
    };
    let mut signatures: HashMap<i32, Signature> = HashMap::new();
    for (s, signatory) in compact_signature::Entity::find()
        .filter(compact_signature::Column::CompactId.eq(compact_id))
        .find_also_related(user::Entity)
        .all(db)
        .await?
    {
        signatures.insert(
            s.organisation_id,
            Signature {
                signatory: signatory.map(|u| u.display_name).unwrap_or_default(),
                signed_at: s.signed_at,
                sha256: s.sha256,
            },
        );
    }
    let government = OrganisationKind::GovernmentMinistry.code();
    let mut parties: Vec<Party> = compact_party::Entity::find()
        .filter(compact_party::Column::CompactId.eq(compact_id))
        .find_also_related(organisation::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(p, org)| {
            let org = org?;
            Some(Party {
                id: p.organisation_id,
                government: org.kind == government,
                name: org.name,
                signature: signatures.remove(&p.organisation_id),
            })
        })
        .collect();
    // The government first, then partners by name.
    parties.sort_by(|a, b| (!a.government, &a.name).cmp(&(!b.government, &b.name)));
    let rows = commitment::Entity::find()
        .filter(commitment::Column::CompactId.eq(compact_id))
        .find_also_related(organisation::Entity)
        .order_by_asc(commitment::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|(c, _)| c.id).collect();
    let mut progress: HashMap<i32, Vec<Progress>> = HashMap::new();
    for (p, author) in commitment_progress::Entity::find()
        .filter(commitment_progress::Column::CommitmentId.is_in(ids.clone()))
        .find_also_related(user::Entity)
        .order_by_desc(commitment_progress::Column::OnDate)
        .order_by_desc(commitment_progress::Column::Id)
        .all(db)
        .await?
    {
        let status = p
            .status
            .as_deref()
            .map(|code| coded(CommitmentStatus::from_code(code), "status", p.id, code))
            .transpose()?;
        progress.entry(p.commitment_id).or_default().push(Progress {
            status,
            id: p.id,
            on_date: p.on_date,
            text: p.text,
            evidence_url: p.evidence_url,
            author: author.map(|u| u.display_name).unwrap_or_default(),
        });
    }
    let mut comments: HashMap<i32, Vec<CommitmentComment>> = HashMap::new();
    for (c, author) in commitment_comment::Entity::find()
        .filter(commitment_comment::Column::CommitmentId.is_in(ids))
        .find_also_related(user::Entity)
        .order_by_asc(commitment_comment::Column::Id)
        .all(db)
        .await?
    {
        comments
            .entry(c.commitment_id)
            .or_default()
            .push(CommitmentComment {
                id: c.id,
                author: author.map(|u| u.display_name).unwrap_or_default(),
                body: c.body,
                at: c.created_at,
            });
    }
    let mut commitments = Vec::with_capacity(rows.len());
    for (c, party) in rows {
        let priority_title = strategy
            .priority(&c.priority_code)
            .map(|(_, p)| p.title.clone())
            .unwrap_or_default();
        commitments.push(Commitment {
            kind: coded(CommitmentKind::from_code(&c.kind), "kind", c.id, &c.kind)?,
            category: coded(
                CommitmentCategory::from_code(&c.category),
                "category",
                c.id,
                &c.category,
            )?,
            status: coded(
                CommitmentStatus::from_code(&c.status),
                "status",
                c.id,
                &c.status,
            )?,
            progress: progress.remove(&c.id).unwrap_or_default(),
            comments: comments.remove(&c.id).unwrap_or_default(),
            id: c.id,
            version: c.version,
            party_id: c.party_id,
            party: party.map(|o| o.name).unwrap_or_default(),
            text: c.text,
            priority_code: c.priority_code,
            priority_title,
            indicator: c.indicator,
            due_on: c.due_on,
            responsible_office: c.responsible_office,
            status_reason: c.status_reason,
        });
    }
    Ok(Compact {
        id: model.id,
        country_code: country.code,
        version: model.version,
        status,
        title: model.title,
        starts_on: model.starts_on,
        ends_on: model.ends_on,
        principles: model.principles,
        strategy_version: strategy.version,
        based_on_version,
        sha256: model.sha256,
        parties,
        commitments,
    })
}

/// `(id, version, status)` of every version of a country, oldest first.
pub async fn versions(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<(i32, i32, CompactStatus)>, AppError> {
    compact::Entity::find()
        .filter(compact::Column::CountryId.eq(country_id))
        .order_by_asc(compact::Column::Version)
        .all(db)
        .await?
        .iter()
        .map(|m| Ok((m.id, m.version, status_of(m)?)))
        .collect()
}

/// The country's newest signed version, if any.
pub async fn latest_signed(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Option<Compact>, AppError> {
    let model = compact::Entity::find()
        .filter(compact::Column::CountryId.eq(country_id))
        .filter(compact::Column::Status.eq(CompactStatus::Signed.code()))
        .order_by_desc(compact::Column::Version)
        .one(db)
        .await?;
    match model {
        Some(m) => Ok(Some(load(db, m.id).await?)),
        None => Ok(None),
    }
}

/// The country a compact version belongs to.
pub async fn country_of(db: &impl ConnectionTrait, compact_id: i32) -> Result<i32, AppError> {
    Ok(model(db, compact_id).await?.country_id)
}
