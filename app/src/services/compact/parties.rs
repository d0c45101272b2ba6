//! The parties of a draft compact: a partner joining at an amendment, or
//! one leaving before signature. A draft keeps the government and at least
//! one partner, and a party with commitments in the draft stays.

use crate::i18n::td_string;
use entities::{commitment, compact_party, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::types::Compact;

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::compact::compacts::{COMPACT, draft_model, load};
use crate::services::locks;

/// The draft `compact_id`, locked for a change of its parties.
async fn to_change(db: &impl ConnectionTrait, compact_id: i32) -> Result<(Compact, i32), AppError> {
    locks::compact(db, compact_id).await?;
    let model = draft_model(db, compact_id).await?;
    Ok((load(db, compact_id).await?, model.country_id))
}

async fn record(
    db: &impl ConnectionTrait,
    author: &Author,
    country_id: i32,
    before: &Compact,
) -> Result<Compact, AppError> {
    let after = load(db, before.id).await?;
    audit::record(
        db,
        author,
        Some(country_id),
        COMPACT,
        before.id,
        Change::Update,
        Some(before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

/// Adds an organisation of the country as a party to a draft.
#[tracing::instrument(skip(db))]
pub async fn add(
    db: &impl TransactionTrait,
    author: &Author,
    compact_id: i32,
    organisation_id: i32,
) -> Result<Compact, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (before, country_id) = to_change(&txn, compact_id).await?;
    let organisation = organisation::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?
        .filter(|o| o.country_id == country_id)
        .ok_or_else(|| {
            AppError::invalid(
                "organisation_id",
                td_string!(crate::language::current(), rules.organisation_of_country),
            )
        })?;
    if before.parties.iter().any(|p| p.id == organisation_id) {
        return Err(AppError::invalid(
            "organisation_id",
            td_string!(
                crate::language::current(),
                rules.already_party,
                name = organisation.name
            )
            .to_string(),
        ));
    }
    compact_party::ActiveModel {
        compact_id: Set(compact_id),
        organisation_id: Set(organisation_id),
    }
    .insert(&txn)
    .await?;
    let after = record(&txn, author, country_id, &before).await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a party from a draft; refused while it has commitments in the
/// draft, or when the draft would lose its government or its last partner.
#[tracing::instrument(skip(db))]
pub async fn remove(
    db: &impl TransactionTrait,
    author: &Author,
    compact_id: i32,
    organisation_id: i32,
) -> Result<Compact, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (before, country_id) = to_change(&txn, compact_id).await?;
    let Some(party) = before.parties.iter().find(|p| p.id == organisation_id) else {
        return Err(AppError::NotFound(
            td_string!(
                crate::language::current(),
                rules.what_party,
                id = organisation_id
            )
            .to_string(),
        ));
    };
    let commitments = commitment::Entity::find()
        .filter(commitment::Column::CompactId.eq(compact_id))
        .filter(commitment::Column::PartyId.eq(organisation_id))
        .count(&txn)
        .await?;
    if commitments > 0 {
        return Err(AppError::invalid(
            "organisation_id",
            td_string!(
                crate::language::current(),
                rules.party_has_commitments,
                name = &party.name,
                count = commitments
            )
            .to_string(),
        ));
    }
    let rest: Vec<_> = before
        .parties
        .iter()
        .filter(|p| p.id != organisation_id)
        .collect();
    if !rest.iter().any(|p| p.government) || !rest.iter().any(|p| !p.government) {
        return Err(AppError::invalid(
            "organisation_id",
            td_string!(crate::language::current(), rules.compact_keeps_parties),
        ));
    }
    compact_party::Entity::delete_many()
        .filter(compact_party::Column::CompactId.eq(compact_id))
        .filter(compact_party::Column::OrganisationId.eq(organisation_id))
        .exec(&txn)
        .await?;
    let after = record(&txn, author, country_id, &before).await?;
    txn.commit().await?;
    Ok(after)
}
