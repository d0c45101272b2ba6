//! The peace agreements a strategy version builds on, and their numbered
//! provisions. Like priorities, they belong to one version: only a draft's
//! change, and a new draft starts with copies.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{peace_agreement, priority, priority_provision, provision};
use sea_orm::ActiveValue::Unchanged;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::types::{Agreement, NewAgreement, Provision};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::strategy::drafts;
use crate::services::versions;

const AGREEMENT: &str = "peace_agreement";

fn checked_title(new: &NewAgreement) -> Result<String, AppError> {
    let title = new.title.trim().to_string();
    if title.is_empty() || title.chars().count() > 300 {
        return Err(AppError::invalid(
            "agreement_title",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 300
            )
            .to_string(),
        ));
    }
    Ok(title)
}

/// References a peace agreement in a draft.
#[tracing::instrument(skip(db))]
pub async fn add(
    db: &impl TransactionTrait,
    author: &Author,
    strategy_id: i32,
    new: NewAgreement,
) -> Result<Agreement, AppError> {
    let title = checked_title(&new)?;
    let txn = crate::services::locks::begin(db).await?;
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

/// The agreement `agreement_id` moved on to its next version (which locks
/// it), refused unless it was at `version` and is in a draft: what it was,
/// and the draft's country.
async fn agreement_to_change(
    db: &impl ConnectionTrait,
    agreement_id: i32,
    version: i32,
) -> Result<(Agreement, i32), AppError> {
    let columns = (
        peace_agreement::Column::Id,
        peace_agreement::Column::Version,
    );
    let object = (AGREEMENT, agreement_id);
    let was = versions::advance::<peace_agreement::Entity>(
        db,
        td_string!(crate::language::current(), rules.the_peace_agreement),
        object,
        columns,
        version,
    )
    .await?;
    let agreement = model(db, agreement_id).await?;
    let strategy = drafts::draft_model(db, agreement.strategy_id).await?;
    let before = get(db, agreement_id).await?;
    Ok((
        Agreement {
            version: was,
            ..before
        },
        strategy.country_id,
    ))
}

/// Corrects an agreement's title and signing date in a draft; it was at
/// `version` when the form opened.
#[tracing::instrument(skip(db))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    agreement_id: i32,
    version: i32,
    new: NewAgreement,
) -> Result<Agreement, AppError> {
    let title = checked_title(&new)?;
    let txn = crate::services::locks::begin(db).await?;
    let (before, country_id) = agreement_to_change(&txn, agreement_id, version).await?;
    peace_agreement::ActiveModel {
        id: Unchanged(agreement_id),
        title: Set(title),
        signed_on: Set(new.signed_on),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let after = get(&txn, agreement_id).await?;
    record(
        &txn,
        author,
        country_id,
        agreement_id,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Removes an agreement, with its provisions, from a draft; refused while a
/// priority implements one of them.
#[tracing::instrument(skip(db))]
pub async fn remove(
    db: &impl TransactionTrait,
    author: &Author,
    agreement_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (before, country_id) = agreement_to_change(&txn, agreement_id, version).await?;
    let ids: Vec<i32> = before.provisions.iter().map(|p| p.id).collect();
    refuse_if_implemented(&txn, &ids, "agreement_id").await?;
    peace_agreement::Entity::delete_by_id(agreement_id)
        .exec(&txn)
        .await?;
    record(&txn, author, country_id, agreement_id, Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

/// The audit entry of a change to an agreement or its provisions.
pub(super) async fn record(
    db: &impl ConnectionTrait,
    author: &Author,
    country_id: i32,
    agreement_id: i32,
    before: Option<&Agreement>,
    after: Option<&Agreement>,
) -> Result<(), AppError> {
    let change = if after.is_some() {
        Change::Update
    } else {
        Change::Delete
    };
    audit::record(
        db,
        author,
        Some(country_id),
        AGREEMENT,
        agreement_id,
        change,
        before,
        after,
    )
    .await
}

pub(super) async fn model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<peace_agreement::Model, AppError> {
    peace_agreement::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_peace_agreement, id).to_string(),
            )
        })
}

pub(super) async fn get(db: &impl ConnectionTrait, id: i32) -> Result<Agreement, AppError> {
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
                version: p.version,
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
                version: a.version,
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

/// Refuses to remove provisions `ids` while priorities implement them,
/// naming the priorities.
pub(super) async fn refuse_if_implemented(
    db: &impl ConnectionTrait,
    ids: &[i32],
    field: &str,
) -> Result<(), AppError> {
    let priority_ids: Vec<i32> = priority_provision::Entity::find()
        .filter(priority_provision::Column::ProvisionId.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|link| link.priority_id)
        .collect();
    let codes: Vec<String> = priority::Entity::find()
        .filter(priority::Column::Id.is_in(priority_ids))
        .order_by_asc(priority::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.code)
        .collect();
    if codes.is_empty() {
        Ok(())
    } else {
        Err(AppError::invalid(
            field,
            td_string!(
                crate::language::current(),
                rules.priorities_implement_it,
                codes = codes.join(", ")
            )
            .to_string(),
        ))
    }
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
