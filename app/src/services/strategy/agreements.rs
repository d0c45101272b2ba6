//! The peace agreements a strategy version builds on, and their numbered
//! provisions. Like priorities, they belong to one version: only a draft's
//! change, and a new draft starts with copies.

use std::collections::HashMap;

use entities::{peace_agreement, provision};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::types::{Agreement, NewAgreement, NewProvision, Provision};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::strategy::drafts;

const AGREEMENT: &str = "peace_agreement";

/// References a peace agreement in a draft.
#[tracing::instrument(skip(db))]
pub async fn add(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
    new: NewAgreement,
) -> Result<Agreement, AppError> {
    let title = new.title.trim().to_string();
    if title.is_empty() || title.chars().count() > 300 {
        return Err(AppError::invalid(
            "agreement_title",
            "must be 1 to 300 characters",
        ));
    }
    let txn = db.begin().await?;
    let strategy = drafts::draft_model(&txn, strategy_id).await?;
    let model = peace_agreement::ActiveModel {
        strategy_id: Set(strategy_id),
        title: Set(title),
        signed_on: Set(new.signed_on),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let added = get(&txn, model.id).await?;
    audit::record(
        &txn,
        author,
        Some(strategy.country_id),
        AGREEMENT,
        model.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
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
            "must be 1 to 16 letters, digits or dots, such as 4.2",
        ));
    }
    if text.is_empty() || text.chars().count() > 2000 {
        errors.push(FieldError::new(
            "provision_text",
            "must be 1 to 2000 characters",
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
pub async fn add_provision(
    db: &impl TransactionTrait,
    author: &Author,
    agreement_id: i32,
    new: NewProvision,
) -> Result<Agreement, AppError> {
    let new = validate_provision(new)?;
    let txn = db.begin().await?;
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
            format!("provision {} is already in this agreement", new.number),
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
    audit::record(
        &txn,
        author,
        Some(strategy.country_id),
        AGREEMENT,
        agreement_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

async fn model(db: &impl ConnectionTrait, id: i32) -> Result<peace_agreement::Model, AppError> {
    peace_agreement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("peace agreement {id}")))
}

async fn get(db: &impl ConnectionTrait, id: i32) -> Result<Agreement, AppError> {
    let agreement = model(db, id).await?;
    let mut all = of_models(db, vec![agreement]).await?;
    all.pop()
        .ok_or_else(|| AppError::internal(format!("peace agreement {id} vanished")))
}

/// The strategy version an agreement belongs to.
pub async fn strategy_of(db: &impl ConnectionTrait, agreement_id: i32) -> Result<i32, AppError> {
    Ok(model(db, agreement_id).await?.strategy_id)
}

/// A version's agreements in the order they were added, provisions in
/// number order (4.2 before 4.10).
pub async fn of_strategy(
    db: &impl ConnectionTrait,
    strategy_id: i32,
) -> Result<Vec<Agreement>, AppError> {
    let agreements = peace_agreement::Entity::find()
        .filter(peace_agreement::Column::StrategyId.eq(strategy_id))
        .order_by_asc(peace_agreement::Column::Id)
        .all(db)
        .await?;
    of_models(db, agreements).await
}

async fn of_models(
    db: &impl ConnectionTrait,
    agreements: Vec<peace_agreement::Model>,
) -> Result<Vec<Agreement>, AppError> {
    let ids: Vec<i32> = agreements.iter().map(|a| a.id).collect();
    let mut provisions: HashMap<i32, Vec<Provision>> = HashMap::new();
    for p in provision::Entity::find()
        .filter(provision::Column::AgreementId.is_in(ids))
        .all(db)
        .await?
    {
        provisions
            .entry(p.agreement_id)
            .or_default()
            .push(Provision {
                id: p.id,
                number: p.number,
                text: p.text,
            });
    }
    Ok(agreements
        .into_iter()
        .map(|a| {
            let mut list = provisions.remove(&a.id).unwrap_or_default();
            list.sort_by_key(|x| number_order(&x.number));
            Agreement {
                id: a.id,
                title: a.title,
                signed_on: a.signed_on,
                provisions: list,
            }
        })
        .collect())
}

/// Sort key of a provision number: numeric parts as numbers.
fn number_order(number: &str) -> Vec<(u64, String)> {
    number
        .split('.')
        .map(|part| (part.parse().unwrap_or(u64::MAX), part.to_string()))
        .collect()
}

/// Copies a version's agreements into a new draft; returns each old
/// provision id with its copy's id.
pub(super) async fn copy(
    txn: &impl ConnectionTrait,
    from: &[Agreement],
    to_strategy_id: i32,
) -> Result<HashMap<i32, i32>, AppError> {
    let mut copies = HashMap::new();
    for agreement in from {
        let copy = peace_agreement::ActiveModel {
            strategy_id: Set(to_strategy_id),
            title: Set(agreement.title.clone()),
            signed_on: Set(agreement.signed_on),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for p in &agreement.provisions {
            let new = provision::ActiveModel {
                agreement_id: Set(copy.id),
                number: Set(p.number.clone()),
                text: Set(p.text.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            copies.insert(p.id, new.id);
        }
    }
    Ok(copies)
}

#[cfg(test)]
mod tests {
    use super::number_order;

    #[test]
    fn provision_numbers_sort_numerically() {
        let mut numbers = vec!["4.10", "4.2", "10", "2", "4"];
        numbers.sort_by_key(|n| number_order(n));
        assert_eq!(numbers, ["2", "4", "4.2", "4.10", "10"]);
    }
}
