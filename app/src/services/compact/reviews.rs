//! Joint review rounds: each side assesses every commitment of a signed
//! compact version; the report counts the outcomes.

use crate::i18n::td_string;
use std::collections::HashMap;

use chrono::NaiveDate;
use entities::{assessment, commitment, compact, organisation, review_round, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::Actor;
use crate::types::{
    Assessment, CommitmentStatus, CompactStatus, NewAssessment, ReviewReport, ReviewRound,
    ReviewedCommitment, Side,
};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::compact::compacts;

const ROUND: &str = "review_round";

async fn model(db: &impl ConnectionTrait, id: i32) -> Result<review_round::Model, AppError> {
    review_round::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_review_round, id).to_string(),
            )
        })
}

fn wire(m: review_round::Model, compact_version: i32) -> ReviewRound {
    ReviewRound {
        id: m.id,
        compact_version,
        title: m.title,
        opened_on: m.opened_on,
        closed_on: m.closed_on,
    }
}

async fn to_wire(
    db: &impl ConnectionTrait,
    m: review_round::Model,
) -> Result<ReviewRound, AppError> {
    let version = compacts::model(db, m.compact_id).await?.version;
    Ok(wire(m, version))
}

/// Each compact version of a country: its id and version number.
async fn versions_of(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<HashMap<i32, i32>, AppError> {
    Ok(compact::Entity::find()
        .filter(compact::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.version))
        .collect())
}

/// The compact version a round reviews.
pub async fn compact_of(db: &impl ConnectionTrait, round_id: i32) -> Result<i32, AppError> {
    Ok(model(db, round_id).await?.compact_id)
}

/// The country a round belongs to.
pub async fn country_of(db: &impl ConnectionTrait, round_id: i32) -> Result<i32, AppError> {
    compacts::country_of(db, model(db, round_id).await?.compact_id).await
}

/// Opens a round on a signed compact version; one round is open at a time.
#[tracing::instrument(skip(db))]
pub async fn open(
    db: &impl TransactionTrait,
    author: &Author,
    compact_id: i32,
    title: &str,
    opened_on: NaiveDate,
) -> Result<ReviewRound, AppError> {
    let title = title.trim().to_string();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(AppError::invalid(
            "round_title",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    // Two rounds opened at once: the second waits, then sees the first.
    crate::services::locks::country_of_compact(&txn, compact_id).await?;
    let reviewed = compacts::model(&txn, compact_id).await?;
    if reviewed.status != CompactStatus::Signed.code() {
        return Err(AppError::invalid(
            "status",
            td_string!(crate::language::current(), rules.only_signed_reviewed),
        ));
    }
    let versions = versions_of(&txn, reviewed.country_id).await?;
    let still_open = review_round::Entity::find()
        .filter(review_round::Column::CompactId.is_in(versions.keys().copied()))
        .filter(review_round::Column::ClosedOn.is_null())
        .one(&txn)
        .await?;
    if let Some(open) = still_open {
        return Err(AppError::invalid(
            "round_title",
            td_string!(
                crate::language::current(),
                rules.round_still_open,
                title = open.title
            )
            .to_string(),
        ));
    }
    let created = review_round::ActiveModel {
        compact_id: Set(compact_id),
        title: Set(title),
        opened_on: Set(opened_on),
        closed_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let round = to_wire(&txn, created).await?;
    audit::record(
        &txn,
        author,
        Some(reviewed.country_id),
        ROUND,
        round.id,
        Change::Create,
        None,
        Some(&round),
    )
    .await?;
    txn.commit().await?;
    Ok(round)
}

/// Closes a round on `on`; its assessments are final from then on.
#[tracing::instrument(skip(db))]
pub async fn close(
    db: &impl TransactionTrait,
    author: &Author,
    round_id: i32,
    on: NaiveDate,
) -> Result<ReviewRound, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let row = model(&txn, round_id).await?;
    if row.closed_on.is_some() {
        return Err(AppError::invalid(
            "status",
            td_string!(crate::language::current(), rules.round_already_closed),
        ));
    }
    if on < row.opened_on {
        return Err(AppError::invalid(
            "closed_on",
            td_string!(crate::language::current(), rules.before_round_opened),
        ));
    }
    let country_id = compacts::country_of(&txn, row.compact_id).await?;
    let before = to_wire(&txn, row.clone()).await?;
    let mut active: review_round::ActiveModel = row.into();
    active.closed_on = Set(Some(on));
    let after = to_wire(&txn, active.update(&txn).await?).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        ROUND,
        round_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Records one side's assessment of a commitment in an open round. The
/// government speaks with one voice: a planner's assessment replaces the
/// government's (the audit entry keeps the one before). Each partner's
/// assessment is its own: it replaces only that organisation's.
#[tracing::instrument(skip(db, actor), fields(user = actor.user_id))]
pub async fn assess(
    db: &impl TransactionTrait,
    actor: &Actor,
    round_id: i32,
    commitment_id: i32,
    side: Side,
    new: NewAssessment,
    opened: Option<i32>,
) -> Result<(), AppError> {
    let comment = new.comment.trim().to_string();
    let mut errors = Vec::new();
    if !(1..=4).contains(&new.rating) {
        errors.push(FieldError::new(
            "rating",
            td_string!(crate::language::current(), rules.rating_range),
        ));
    }
    if comment.chars().count() > 2000 {
        errors.push(FieldError::new(
            "comment",
            td_string!(crate::language::current(), rules.too_long, max = 2000).to_string(),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = crate::services::locks::begin(db).await?;
    let round = model(&txn, round_id).await?;
    if round.closed_on.is_some() {
        return Err(AppError::invalid(
            "status",
            td_string!(crate::language::current(), rules.round_closed),
        ));
    }
    let reviewed = commitment::Entity::find_by_id(commitment_id)
        .one(&txn)
        .await?
        .filter(|c| c.compact_id == round.compact_id)
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_commitment_of_round,
                    id = commitment_id
                )
                .to_string(),
            )
        })?;
    let country_id = compacts::country_of(&txn, round.compact_id).await?;
    let mut existing = assessment::Entity::find()
        .filter(assessment::Column::RoundId.eq(round_id))
        .filter(assessment::Column::CommitmentId.eq(reviewed.id))
        .filter(assessment::Column::Side.eq(side.code()));
    if side == Side::Partner {
        existing = existing.filter(assessment::Column::OrganisationId.eq(actor.organisation_id));
    }
    let existing = existing.one(&txn).await?;
    // The form names the assessment it showed (none for a first one); a
    // revision saved since is not overwritten unknowingly.
    if let Some(newer) = existing.as_ref().filter(|a| Some(a.id) != opened) {
        return Err(revised_since(&txn, newer).await);
    }
    if let (None, Some(_)) = (&existing, opened) {
        return Err(AppError::Stale(
            td_string!(crate::language::current(), rules.assessment_gone).to_string(),
        ));
    }
    let describe = |organisation_id: i32, status: &str, rating: i16, comment: &str| {
        serde_json::json!({
            "commitment_id": commitment_id,
            "side": side.code(),
            "organisation_id": organisation_id,
            "status": status,
            "rating": rating,
            "comment": comment,
        })
    };
    let before = existing
        .as_ref()
        .map(|a| describe(a.organisation_id, &a.status, a.rating, &a.comment));
    if let Some(old) = existing {
        assessment::Entity::delete_by_id(old.id).exec(&txn).await?;
    }
    assessment::ActiveModel {
        round_id: Set(round_id),
        commitment_id: Set(reviewed.id),
        side: Set(side.code().into()),
        status: Set(new.status.code().into()),
        rating: Set(new.rating),
        comment: Set(comment.clone()),
        author_id: Set(actor.user_id),
        organisation_id: Set(actor.organisation_id),
        at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let after = describe(
        actor.organisation_id,
        new.status.code(),
        new.rating,
        &comment,
    );
    audit::record(
        &txn,
        &Author::user(actor),
        Some(country_id),
        ROUND,
        round_id,
        Change::Update,
        before.as_ref(),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The refusal of a revision opened before `newer` was saved: who saved it,
/// and when.
async fn revised_since(db: &impl ConnectionTrait, newer: &assessment::Model) -> AppError {
    let by = match user::Entity::find_by_id(newer.author_id).one(db).await {
        Ok(Some(u)) => u.display_name,
        Ok(None) => td_string!(crate::language::current(), rules.someone_else).to_string(),
        Err(e) => {
            tracing::error!("reading the author of assessment {}: {e}", newer.id);
            td_string!(crate::language::current(), rules.someone_else).to_string()
        }
    };
    let locale = crate::language::current();
    AppError::Stale(
        td_string!(
            locale,
            rules.changed_by,
            what = td_string!(locale, rules.this_assessment),
            who = by,
            date = crate::language::date(locale, newer.at.date_naive()),
            time = newer.at.format("%H:%M")
        )
        .to_string(),
    )
}

/// Every round of a country's compacts, newest first.
pub async fn of_country(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<ReviewRound>, AppError> {
    let versions = versions_of(db, country_id).await?;
    Ok(review_round::Entity::find()
        .filter(review_round::Column::CompactId.is_in(versions.keys().copied()))
        .order_by_desc(review_round::Column::OpenedOn)
        .order_by_desc(review_round::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let version = versions.get(&m.compact_id).copied().unwrap_or_default();
            wire(m, version)
        })
        .collect())
}

/// The round's report: each commitment of the version reviewed, with the
/// government's assessment and each partner's.
pub async fn report(db: &impl ConnectionTrait, round_id: i32) -> Result<ReviewReport, AppError> {
    let row = model(db, round_id).await?;
    let reviewed = compacts::load(db, row.compact_id).await?;
    let country_id = compacts::country_of(db, row.compact_id).await?;
    let names: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut government: HashMap<i32, Assessment> = HashMap::new();
    let mut partners: HashMap<i32, Vec<Assessment>> = HashMap::new();
    for (a, author) in assessment::Entity::find()
        .filter(assessment::Column::RoundId.eq(round_id))
        .order_by_asc(assessment::Column::Id)
        .find_also_related(user::Entity)
        .all(db)
        .await?
    {
        let side = Side::from_code(&a.side)
            .ok_or_else(|| AppError::internal(format!("assessment {} side {:?}", a.id, a.side)))?;
        let status = CommitmentStatus::from_code(&a.status).ok_or_else(|| {
            AppError::internal(format!("assessment {} status {:?}", a.id, a.status))
        })?;
        let given = Assessment {
            id: a.id,
            side,
            organisation_id: a.organisation_id,
            organisation: names.get(&a.organisation_id).cloned().unwrap_or_default(),
            status,
            rating: a.rating,
            comment: a.comment,
            author: author.map(|u| u.display_name).unwrap_or_default(),
            at: a.at,
        };
        match side {
            Side::Government => {
                government.insert(a.commitment_id, given);
            }
            Side::Partner => partners.entry(a.commitment_id).or_default().push(given),
        }
    }
    let items = reviewed
        .commitments
        .into_iter()
        .map(|c| ReviewedCommitment {
            government: government.remove(&c.id),
            partners: partners.remove(&c.id).unwrap_or_default(),
            commitment: c,
        })
        .collect();
    Ok(ReviewReport {
        round: to_wire(db, row).await?,
        compact_title: reviewed.title,
        items,
    })
}
