//! Consultation: comments on a strategy's priorities, threaded, which a
//! planner marks resolved.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{organisation, priority, strategy, strategy_comment, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::types::Actor;
use crate::types::{Comment, StrategyStatus};

use crate::services::accounts::audit::{self, Author, Change};

const OBJECT_TYPE: &str = "comment";

/// The strategy (id, country, status) a priority belongs to.
pub async fn strategy_of_priority(
    db: &impl ConnectionTrait,
    priority_id: i32,
) -> Result<(i32, i32, StrategyStatus), AppError> {
    let (_, strategy) = priority::Entity::find_by_id(priority_id)
        .find_also_related(strategy::Entity)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_priority,
                    id = priority_id
                )
                .to_string(),
            )
        })?;
    let strategy = strategy
        .ok_or_else(|| AppError::internal(format!("priority {priority_id} has no strategy")))?;
    let status = StrategyStatus::from_code(&strategy.status)
        .ok_or_else(|| AppError::internal(format!("strategy {} status", strategy.id)))?;
    Ok((strategy.id, strategy.country_id, status))
}

/// The priority a comment is on.
pub async fn priority_of(db: &impl ConnectionTrait, comment_id: i32) -> Result<i32, AppError> {
    Ok(strategy_comment::Entity::find_by_id(comment_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_comment,
                    id = comment_id
                )
                .to_string(),
            )
        })?
        .priority_id)
}

/// Adds a comment, or a reply to `parent_id`, while the version is in consultation.
#[tracing::instrument(skip(db, body))]
pub async fn add(
    db: &impl TransactionTrait,
    actor: &Actor,
    priority_id: i32,
    parent_id: Option<i32>,
    body: String,
) -> Result<Comment, AppError> {
    let body = body.trim().to_string();
    if body.is_empty() || body.chars().count() > 4000 {
        return Err(AppError::invalid(
            "body",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 4000
            )
            .to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let (_, country_id, status) = strategy_of_priority(&txn, priority_id).await?;
    if status != StrategyStatus::Consultation {
        return Err(AppError::invalid(
            "body",
            td_string!(crate::language::current(), rules.comments_in_consultation),
        ));
    }
    if let Some(parent) = parent_id
        && priority_of(&txn, parent).await? != priority_id
    {
        return Err(AppError::invalid(
            "parent_id",
            td_string!(crate::language::current(), rules.comment_same_priority),
        ));
    }
    let model = strategy_comment::ActiveModel {
        priority_id: Set(priority_id),
        parent_id: Set(parent_id),
        author_id: Set(actor.user_id),
        body: Set(body),
        created_at: Set(crate::services::now()),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let comment = Comment {
        id: model.id,
        priority_id,
        author: actor.display_name.clone(),
        organisation: actor.organisation_name.clone(),
        body: model.body,
        at: model.created_at,
        resolved: false,
        replies: Vec::new(),
    };
    audit::record(
        &txn,
        &Author::user(actor),
        Some(country_id),
        OBJECT_TYPE,
        model.id,
        Change::Create,
        None,
        Some(&comment),
    )
    .await?;
    txn.commit().await?;
    Ok(comment)
}

/// Marks a comment thread resolved.
#[tracing::instrument(skip(db))]
pub async fn resolve(
    db: &impl TransactionTrait,
    author: &Author,
    comment_id: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = strategy_comment::Entity::find_by_id(comment_id)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_comment,
                    id = comment_id
                )
                .to_string(),
            )
        })?;
    let (_, country_id, _) = strategy_of_priority(&txn, model.priority_id).await?;
    let before = model.resolved_at.is_some();
    let mut active: strategy_comment::ActiveModel = model.into();
    active.resolved_at = Set(Some(crate::services::now()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT_TYPE,
        comment_id,
        Change::Update,
        Some(&serde_json::json!({ "resolved": before })),
        Some(&serde_json::json!({ "resolved": true })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every comment on a version's priorities, threaded, oldest first.
pub async fn for_strategy(
    db: &impl ConnectionTrait,
    strategy_id: i32,
) -> Result<Vec<Comment>, AppError> {
    let rows = strategy_comment::Entity::find()
        .inner_join(priority::Entity)
        .filter(priority::Column::StrategyId.eq(strategy_id))
        .find_also_related(user::Entity)
        .order_by_asc(strategy_comment::Column::Id)
        .all(db)
        .await?;
    let org_ids: Vec<i32> = rows
        .iter()
        .filter_map(|(_, u)| u.as_ref().map(|u| u.organisation_id))
        .collect();
    let orgs: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut replies: HashMap<i32, Vec<Comment>> = HashMap::new();
    let mut roots = Vec::new();
    // Oldest first, so every parent is seen before its replies are attached.
    let flat: Vec<(Option<i32>, Comment)> = rows
        .into_iter()
        .map(|(c, u)| {
            let (author, organisation) = u
                .map(|u| {
                    (
                        u.display_name,
                        orgs.get(&u.organisation_id).cloned().unwrap_or_default(),
                    )
                })
                .unwrap_or_default();
            (
                c.parent_id,
                Comment {
                    id: c.id,
                    priority_id: c.priority_id,
                    author,
                    organisation,
                    body: c.body,
                    at: c.created_at,
                    resolved: c.resolved_at.is_some(),
                    replies: Vec::new(),
                },
            )
        })
        .collect();
    for (parent, comment) in flat.into_iter().rev() {
        let mut comment = comment;
        comment.replies = replies.remove(&comment.id).unwrap_or_default();
        comment.replies.reverse();
        match parent {
            Some(p) => replies.entry(p).or_default().push(comment),
            None => roots.push(comment),
        }
    }
    roots.reverse();
    Ok(roots)
}
