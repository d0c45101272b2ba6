//! The numbered provisions of a draft's peace agreements: added, corrected
//! and removed (not while a priority implements them). Their changes are
//! audited as changes of their agreement.

use crate::i18n::td_string;
use entities::provision;
use sea_orm::ActiveValue::Unchanged;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::{Agreement, NewProvision};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::Author;
use crate::services::strategy::agreements::{self, get, model, record};
use crate::services::strategy::drafts;
use crate::services::versions;

const PROVISION: &str = "provision";

/// The strategy version a provision belongs to.
pub async fn strategy_of(db: &impl ConnectionTrait, provision_id: i32) -> Result<i32, AppError> {
    let row = provision::Entity::find_by_id(provision_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_provision,
                    id = provision_id
                )
                .to_string(),
            )
        })?;
    Ok(model(db, row.agreement_id).await?.strategy_id)
}

fn validate_provision(new: NewProvision) -> Result<NewProvision, AppError> {
    let number = new.number.trim().to_string();
    let text = new.text.trim().to_string();
    let mut errors = Vec::new();
    let number_ok = !number.is_empty()
        && number.len() <= 16
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.');
    if !number_ok {
        errors.push(FieldError::new(
            "provision_number",
            td_string!(
                crate::language::current(),
                rules.number_format,
                example = "4.2"
            )
            .to_string(),
        ));
    }
    if text.is_empty() || text.chars().count() > 2000 {
        errors.push(FieldError::new(
            "provision_text",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 2000
            )
            .to_string(),
        ));
    }
    if errors.is_empty() {
        Ok(NewProvision { number, text })
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Adds a numbered provision to an agreement of a draft.
#[tracing::instrument(skip(db))]
pub async fn add(
    db: &impl TransactionTrait,
    author: &Author,
    agreement_id: i32,
    new: NewProvision,
) -> Result<Agreement, AppError> {
    let new = validate_provision(new)?;
    let txn = crate::services::locks::begin(db).await?;
    let agreement = model(&txn, agreement_id).await?;
    let strategy = drafts::draft_model(&txn, agreement.strategy_id).await?;
    let taken = provision::Entity::find()
        .filter(provision::Column::AgreementId.eq(agreement_id))
        .filter(provision::Column::Number.eq(new.number.as_str()))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(AppError::invalid(
            "provision_number",
            td_string!(
                crate::language::current(),
                rules.provision_in_agreement,
                number = new.number
            )
            .to_string(),
        ));
    }
    let before = get(&txn, agreement_id).await?;
    provision::ActiveModel {
        agreement_id: Set(agreement_id),
        number: Set(new.number),
        text: Set(new.text),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let after = get(&txn, agreement_id).await?;
    record(
        &txn,
        author,
        strategy.country_id,
        agreement_id,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The provision `provision_id` moved on to its next version, refused
/// unless it was at `version` and its agreement is in a draft: the
/// agreement as it was, and the draft's country.
async fn provision_to_change(
    db: &impl ConnectionTrait,
    provision_id: i32,
    version: i32,
) -> Result<(Agreement, i32), AppError> {
    let columns = (provision::Column::Id, provision::Column::Version);
    let was = versions::advance::<provision::Entity>(
        db,
        td_string!(crate::language::current(), rules.the_provision),
        (PROVISION, provision_id),
        columns,
        version,
    )
    .await?;
    let row = provision::Entity::find_by_id(provision_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_provision,
                    id = provision_id
                )
                .to_string(),
            )
        })?;
    let strategy_id = model(db, row.agreement_id).await?.strategy_id;
    let strategy = drafts::draft_model(db, strategy_id).await?;
    let mut before = get(db, row.agreement_id).await?;
    for p in &mut before.provisions {
        if p.id == provision_id {
            p.version = was;
        }
    }
    Ok((before, strategy.country_id))
}

/// Corrects a provision's number and text in a draft; it was at `version`
/// when the form opened. The agreement's audit keeps before and after.
#[tracing::instrument(skip(db))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    provision_id: i32,
    version: i32,
    new: NewProvision,
) -> Result<Agreement, AppError> {
    let new = validate_provision(new)?;
    let txn = crate::services::locks::begin(db).await?;
    let (before, country_id) = provision_to_change(&txn, provision_id, version).await?;
    if before
        .provisions
        .iter()
        .any(|p| p.number == new.number && p.id != provision_id)
    {
        return Err(AppError::invalid(
            "provision_number",
            td_string!(
                crate::language::current(),
                rules.provision_in_agreement,
                number = new.number
            )
            .to_string(),
        ));
    }
    provision::ActiveModel {
        id: Unchanged(provision_id),
        number: Set(new.number),
        text: Set(new.text),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let after = get(&txn, before.id).await?;
    record(
        &txn,
        author,
        country_id,
        before.id,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes a provision from a draft's agreement; refused while a priority
/// implements it.
#[tracing::instrument(skip(db))]
pub async fn remove(
    db: &impl TransactionTrait,
    author: &Author,
    provision_id: i32,
    version: i32,
) -> Result<Agreement, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (before, country_id) = provision_to_change(&txn, provision_id, version).await?;
    agreements::refuse_if_implemented(&txn, &[provision_id], "provision_id").await?;
    provision::Entity::delete_by_id(provision_id)
        .exec(&txn)
        .await?;
    let after = get(&txn, before.id).await?;
    record(
        &txn,
        author,
        country_id,
        before.id,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
