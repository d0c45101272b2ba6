//! Signing a compact: a draft is frozen with the SHA-256 of its canonical
//! JSON, every party's signatory signs that text, and the last signature
//! makes the version signed.

use crate::i18n::td_string;
use entities::{compact, compact_signature};
use sea_orm::{ActiveModelTrait, Set, TransactionSession, TransactionTrait};
use sha2::{Digest, Sha256};

use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::compact::compacts::{COMPACT, draft_model, load, model, status_of};
use crate::types::Actor;
use crate::types::{Compact, CompactStatus, SignedText};

/// The canonical JSON of what the parties sign.
pub fn canonical_json(compact: &Compact) -> Result<String, AppError> {
    serde_json::to_string(&SignedText::of(compact)).map_err(AppError::internal)
}

/// Lower-case hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// Freezes a draft for signature and fixes the SHA-256 of its canonical JSON.
#[tracing::instrument(skip(db))]
pub async fn freeze(
    db: &impl TransactionTrait,
    author: &Author,
    compact_id: i32,
) -> Result<Compact, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = draft_model(&txn, compact_id).await?;
    let before = load(&txn, compact_id).await?;
    if before.commitments.is_empty() {
        return Err(AppError::invalid(
            "commitments",
            td_string!(crate::language::current(), rules.needs_commitment),
        ));
    }
    let hash = sha256_hex(&canonical_json(&before)?);
    let country_id = model.country_id;
    let mut active: compact::ActiveModel = model.into();
    active.status = Set(CompactStatus::ForSignature.code().into());
    active.sha256 = Set(Some(hash));
    active.update(&txn).await?;
    let after = load(&txn, compact_id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        COMPACT,
        compact_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Signs a frozen version for the signatory's organisation; the last
/// party's signature makes it signed.
#[tracing::instrument(skip(db, actor), fields(user = actor.user_id))]
pub async fn sign(
    db: &impl TransactionTrait,
    actor: &Actor,
    compact_id: i32,
) -> Result<Compact, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    // Two last signatures at once: the second waits, then sees the first.
    crate::services::locks::compact(&txn, compact_id).await?;
    let model = model(&txn, compact_id).await?;
    if status_of(&model)? != CompactStatus::ForSignature {
        return Err(AppError::invalid(
            "status",
            td_string!(
                crate::language::current(),
                rules.not_open_for_signature,
                version = model.version
            )
            .to_string(),
        ));
    }
    let before = load(&txn, compact_id).await?;
    let party = before
        .parties
        .iter()
        .find(|p| p.id == actor.organisation_id)
        .ok_or(AppError::Forbidden)?;
    if !actor.signatory {
        return Err(AppError::Forbidden);
    }
    if party.signature.is_some() {
        return Err(AppError::invalid(
            "signature",
            td_string!(
                crate::language::current(),
                rules.already_signed,
                name = &party.name
            )
            .to_string(),
        ));
    }
    let hash = model
        .sha256
        .clone()
        .ok_or_else(|| AppError::internal(format!("compact {compact_id} frozen without a hash")))?;
    compact_signature::ActiveModel {
        compact_id: Set(compact_id),
        organisation_id: Set(actor.organisation_id),
        user_id: Set(actor.user_id),
        sha256: Set(hash),
        signed_at: Set(crate::services::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let all_signed = before
        .parties
        .iter()
        .all(|p| p.signature.is_some() || p.id == actor.organisation_id);
    let country_id = model.country_id;
    if all_signed {
        let mut active: compact::ActiveModel = model.into();
        active.status = Set(CompactStatus::Signed.code().into());
        active.update(&txn).await?;
    }
    let after = load(&txn, compact_id).await?;
    audit::record(
        &txn,
        &Author::user(actor),
        Some(country_id),
        COMPACT,
        compact_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
