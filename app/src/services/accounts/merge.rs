//! Merging two duplicate organisations of a country: everything that refers
//! to the duplicate moves to the organisation kept, in one transaction, and
//! the duplicate is deleted. A row the kept organisation already has its
//! own of (a signature of the same compact, an answer to the same round, an
//! assessment of the same commitment) cannot move: it stays, and the
//! duplicate is deactivated instead, so nothing recorded is lost.

use crate::i18n::td_string;
use std::collections::HashSet;

use entities::{
    activity, activity_participant as participant, assessment, commitment, compact_party,
    compact_signature as signature, indicator, organisation, priority, priority_partner,
    round_response, transaction, transition_function, user,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, ModelTrait,
    PaginatorTrait, QueryFilter, Set, TransactionSession, TransactionTrait,
};
use serde::Serialize;

use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::accounts::organisations::{advance, as_was, to_wire};
use crate::types::{Holdings, MergeOutcome, Organisation};

const OBJECT_TYPE: &str = "organisation";

/// One side of a merge as the audit keeps it.
#[derive(Serialize)]
struct Side<'a> {
    organisation: &'a Organisation,
    holdings: Holdings,
    /// The duplicate merged into it, on the kept organisation's "after".
    #[serde(skip_serializing_if = "Option::is_none")]
    merged_from: Option<i32>,
    /// The organisation kept, on the duplicate's entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    merged_into: Option<i32>,
}

async fn count<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    id: i32,
) -> Result<u64, AppError>
where
    E::Model: Sync,
{
    Ok(E::find().filter(column.eq(id)).count(db).await?)
}

/// What refers to organisation `id`.
pub async fn holdings(db: &impl ConnectionTrait, id: i32) -> Result<Holdings, AppError> {
    let transactions = transaction::Entity::find()
        .filter(
            Condition::any()
                .add(transaction::Column::ProviderOrgId.eq(id))
                .add(transaction::Column::ReceiverOrgId.eq(id)),
        )
        .count(db)
        .await?;
    Ok(Holdings {
        activities: count::<activity::Entity>(db, activity::Column::ReportingOrgId, id).await?,
        participations: count::<participant::Entity>(db, participant::Column::OrganisationId, id)
            .await?,
        transactions,
        users: count::<user::Entity>(db, user::Column::OrganisationId, id).await?,
        compact_parties: count::<compact_party::Entity>(
            db,
            compact_party::Column::OrganisationId,
            id,
        )
        .await?,
        commitments: count::<commitment::Entity>(db, commitment::Column::PartyId, id).await?,
        signatures: count::<signature::Entity>(db, signature::Column::OrganisationId, id).await?,
        priorities_led: count::<priority::Entity>(db, priority::Column::LeadOrganisationId, id)
            .await?,
        priority_partners: count::<priority_partner::Entity>(
            db,
            priority_partner::Column::OrganisationId,
            id,
        )
        .await?,
        transition_functions: count::<transition_function::Entity>(
            db,
            transition_function::Column::FutureOwnerId,
            id,
        )
        .await?,
        assessments: count::<assessment::Entity>(db, assessment::Column::OrganisationId, id)
            .await?,
        round_responses: count::<round_response::Entity>(
            db,
            round_response::Column::OrganisationId,
            id,
        )
        .await?,
        indicators: count::<indicator::Entity>(db, indicator::Column::OwnerId, id).await?,
    })
}

/// Points `column` of every row of `E` at `to` instead of `from`, where
/// `only` (when given) allows. A moved row is a changed row: where it keeps
/// a version, the version moves on, so a form opened before the merge
/// cannot save over it unknowingly.
async fn repoint<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    (from, to): (i32, i32),
    only: Option<Condition>,
) -> Result<(), AppError> {
    let mut update = E::update_many()
        .col_expr(column, Expr::value(to))
        .filter(column.eq(from));
    if let Ok(version) = "version".parse::<E::Column>() {
        use sea_orm::sea_query::ExprTrait;
        update = update.col_expr(version, Expr::col(version).add(1));
    }
    if let Some(only) = only {
        update = update.filter(only);
    }
    update.exec(db).await?;
    Ok(())
}

/// Moves the rows of `E` that link the duplicate to a parent (`parent` is
/// the parent's column, `key` what tells one link from another under it):
/// a link the kept organisation already has is dropped (`drop`) or left
/// with the duplicate; the others move.
async fn move_links<E, K>(
    db: &impl ConnectionTrait,
    (from, to): (i32, i32),
    (org, parent): (E::Column, E::Column),
    key: impl Fn(&E::Model) -> K,
    drop: bool,
) -> Result<(), AppError>
where
    E: EntityTrait,
    K: std::hash::Hash + Eq,
{
    let theirs: HashSet<K> = E::find()
        .filter(org.eq(to))
        .all(db)
        .await?
        .iter()
        .map(&key)
        .collect();
    let clashing: Vec<sea_orm::Value> = E::find()
        .filter(org.eq(from))
        .all(db)
        .await?
        .iter()
        .filter(|m| theirs.contains(&key(m)))
        .map(|m| m.get(parent))
        .collect();
    if clashing.is_empty() {
        return repoint::<E>(db, org, (from, to), None).await;
    }
    if drop {
        E::delete_many()
            .filter(org.eq(from))
            .filter(parent.is_in(clashing.clone()))
            .exec(db)
            .await?;
    }
    let free = Condition::all().add(parent.is_not_in(clashing));
    repoint::<E>(db, org, (from, to), Some(free)).await
}

/// Moves everything that refers to `from` to `to`.
async fn move_all(db: &impl ConnectionTrait, pair: (i32, i32)) -> Result<(), AppError> {
    repoint::<activity::Entity>(db, activity::Column::ReportingOrgId, pair, None).await?;
    repoint::<transaction::Entity>(db, transaction::Column::ProviderOrgId, pair, None).await?;
    repoint::<transaction::Entity>(db, transaction::Column::ReceiverOrgId, pair, None).await?;
    repoint::<user::Entity>(db, user::Column::OrganisationId, pair, None).await?;
    repoint::<commitment::Entity>(db, commitment::Column::PartyId, pair, None).await?;
    repoint::<priority::Entity>(db, priority::Column::LeadOrganisationId, pair, None).await?;
    repoint::<transition_function::Entity>(
        db,
        transition_function::Column::FutureOwnerId,
        pair,
        None,
    )
    .await?;
    repoint::<indicator::Entity>(db, indicator::Column::OwnerId, pair, None).await?;
    // Links the kept organisation already has are the same link twice.
    move_links::<participant::Entity, _>(
        db,
        pair,
        (participant::Column::OrganisationId, participant::Column::Id),
        |m| (m.activity_id, m.role),
        true,
    )
    .await?;
    move_links::<compact_party::Entity, _>(
        db,
        pair,
        (
            compact_party::Column::OrganisationId,
            compact_party::Column::CompactId,
        ),
        |m| m.compact_id,
        true,
    )
    .await?;
    move_links::<priority_partner::Entity, _>(
        db,
        pair,
        (
            priority_partner::Column::OrganisationId,
            priority_partner::Column::PriorityId,
        ),
        |m| m.priority_id,
        true,
    )
    .await?;
    // What each organisation recorded for itself stays where it clashes.
    move_links::<signature::Entity, _>(
        db,
        pair,
        (signature::Column::OrganisationId, signature::Column::Id),
        |m| m.compact_id,
        false,
    )
    .await?;
    move_links::<round_response::Entity, _>(
        db,
        pair,
        (
            round_response::Column::OrganisationId,
            round_response::Column::Id,
        ),
        |m| m.round_id,
        false,
    )
    .await?;
    move_links::<assessment::Entity, _>(
        db,
        pair,
        (assessment::Column::OrganisationId, assessment::Column::Id),
        |m| (m.round_id, m.commitment_id, m.side.clone()),
        false,
    )
    .await
}

/// The refusal of merging `duplicate` into `kept`, if any.
fn refusal(kept: &organisation::Model, duplicate: &organisation::Model) -> Option<AppError> {
    if kept.id == duplicate.id {
        return Some(AppError::invalid(
            "duplicate_id",
            td_string!(crate::language::current(), rules.merge_into_itself),
        ));
    }
    (kept.country_id != duplicate.country_id).then(|| {
        AppError::invalid(
            "duplicate_id",
            td_string!(
                crate::language::current(),
                rules.merge_other_country,
                name = &kept.name
            )
            .to_string(),
        )
    })
}

/// Merges organisation `duplicate_id` into `kept_id`, of the same country:
/// see the module's documentation. Audited on both organisations, with
/// what referred to each before and after.
#[tracing::instrument(skip(db))]
pub async fn merge(
    db: &impl TransactionTrait,
    author: &Author,
    kept_id: i32,
    duplicate_id: i32,
) -> Result<MergeOutcome, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    // Both rows are locked first, in the order of their ids, so that two
    // merges of the same pair cannot wait on each other.
    let (first, second) = (kept_id.min(duplicate_id), kept_id.max(duplicate_id));
    let first = advance(&txn, first, None).await?;
    let second = advance(&txn, second, None).await?;
    let (kept, duplicate) = if first.id == kept_id {
        (first, second)
    } else {
        (second, first)
    };
    if let Some(refused) = refusal(&kept, &duplicate) {
        return Err(refused);
    }
    let kept_before = (as_was(&kept)?, holdings(&txn, kept.id).await?);
    let duplicate_before = (as_was(&duplicate)?, holdings(&txn, duplicate.id).await?);
    move_all(&txn, (duplicate.id, kept.id)).await?;
    let left = holdings(&txn, duplicate.id).await?;
    let duplicate_deleted = left.is_empty();
    let duplicate_after = if duplicate_deleted {
        organisation::Entity::delete_by_id(duplicate.id)
            .exec(&txn)
            .await?;
        None
    } else {
        let mut row: organisation::ActiveModel = duplicate.clone().into();
        row.deactivated_at = Set(duplicate
            .deactivated_at
            .or_else(|| Some(crate::services::now())));
        Some(to_wire(row.update(&txn).await?)?)
    };
    let kept_after = (to_wire(kept.clone())?, holdings(&txn, kept.id).await?);
    let country = Some(kept.country_id);
    audit::record(
        &txn,
        author,
        country,
        OBJECT_TYPE,
        kept.id,
        Change::Update,
        Some(&side(&kept_before, None, None)),
        Some(&side(&kept_after, Some(duplicate.id), None)),
    )
    .await?;
    let after = duplicate_after.as_ref().map(|o| (o.clone(), left));
    audit::record(
        &txn,
        author,
        country,
        OBJECT_TYPE,
        duplicate.id,
        if duplicate_deleted {
            Change::Delete
        } else {
            Change::Update
        },
        Some(&side(&duplicate_before, None, Some(kept.id))),
        after
            .as_ref()
            .map(|a| side(a, None, Some(kept.id)))
            .as_ref(),
    )
    .await?;
    if let Some(country_id) = country {
        // Flows, participants and funds moved from one to the other.
        crate::services::funding::cells::rebuild(&txn, country_id).await?;
    }
    txn.commit().await?;
    Ok(MergeOutcome {
        moved: difference(duplicate_before.1, left),
        kept: kept_after.0,
        duplicate: duplicate_after.unwrap_or(duplicate_before.0),
        left,
        duplicate_deleted,
    })
}

fn side(
    (organisation, holdings): &(Organisation, Holdings),
    merged_from: Option<i32>,
    merged_into: Option<i32>,
) -> Side<'_> {
    Side {
        organisation,
        holdings: *holdings,
        merged_from,
        merged_into,
    }
}

/// What moved: what referred to the duplicate before, less what still does.
fn difference(before: Holdings, left: Holdings) -> Holdings {
    let d = |a: u64, b: u64| a.saturating_sub(b);
    Holdings {
        activities: d(before.activities, left.activities),
        participations: d(before.participations, left.participations),
        transactions: d(before.transactions, left.transactions),
        users: d(before.users, left.users),
        compact_parties: d(before.compact_parties, left.compact_parties),
        commitments: d(before.commitments, left.commitments),
        signatures: d(before.signatures, left.signatures),
        priorities_led: d(before.priorities_led, left.priorities_led),
        priority_partners: d(before.priority_partners, left.priority_partners),
        transition_functions: d(before.transition_functions, left.transition_functions),
        assessments: d(before.assessments, left.assessments),
        round_responses: d(before.round_responses, left.round_responses),
        indicators: d(before.indicators, left.indicators),
    }
}
