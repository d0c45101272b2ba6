//! Members' comments on an indicator's fiscal year.

use crate::i18n::td_string;
use entities::indicator_comment;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::indicators::definitions::{check_year, get_model, people};
use crate::types::IndicatorComment;

/// A member's comment on an indicator's fiscal year.
#[tracing::instrument(skip(db, body))]
pub async fn comment(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    code: &str,
    fiscal_year: i32,
    body: &str,
) -> Result<(), AppError> {
    let user_id = author
        .user_id
        .ok_or_else(|| AppError::internal("a comment needs a user"))?;
    check_year("fiscal_year", fiscal_year)?;
    let body = body.trim();
    if body.is_empty() || body.chars().count() > 4000 {
        return Err(AppError::invalid(
            "body",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = crate::services::count(4000)
            )
            .to_string(),
        ));
    }
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, country_id, code).await?;
    let inserted = indicator_comment::Entity::insert(indicator_comment::ActiveModel {
        indicator_id: Set(model.id),
        fiscal_year: Set(fiscal_year),
        author_id: Set(user_id),
        body: Set(body.to_string()),
        created_at: Set(crate::services::now()),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        "indicator_comment",
        inserted.last_insert_id,
        Change::Create,
        None,
        Some(&(code, fiscal_year, body)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The comments on an indicator, oldest first.
pub async fn comments(
    db: &impl ConnectionTrait,
    indicator_id: i32,
) -> Result<Vec<IndicatorComment>, AppError> {
    let rows = indicator_comment::Entity::find()
        .filter(indicator_comment::Column::IndicatorId.eq(indicator_id))
        .order_by_asc(indicator_comment::Column::CreatedAt)
        .order_by_asc(indicator_comment::Column::Id)
        .all(db)
        .await?;
    let people = people(db, rows.iter().map(|c| c.author_id)).await?;
    Ok(rows
        .into_iter()
        .map(|c| IndicatorComment {
            fiscal_year: c.fiscal_year,
            author: people.get(&c.author_id).cloned().unwrap_or_default(),
            body: c.body,
            created_at: c.created_at,
        })
        .collect())
}
