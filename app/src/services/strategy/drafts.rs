//! What every edit of a strategy starts from: the version's row, refused
//! unless it is a draft, and the country's reporting currency.

use crate::i18n::td_string;
use entities::{country, strategy};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::AppError;
use crate::types::StrategyStatus;

pub(super) async fn get_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<strategy::Model, AppError> {
    strategy::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_strategy, id).to_string(),
            )
        })
}

pub(super) fn status_of(model: &strategy::Model) -> Result<StrategyStatus, AppError> {
    StrategyStatus::from_code(&model.status).ok_or_else(|| {
        AppError::internal(format!(
            "strategy {} has status {:?}",
            model.id, model.status
        ))
    })
}

/// Refuses unless the version is a draft.
pub(super) fn require_draft(model: &strategy::Model) -> Result<(), AppError> {
    match status_of(model)? {
        StrategyStatus::Draft => Ok(()),
        status => Err(AppError::invalid(
            "status",
            td_string!(
                crate::language::current(),
                rules.version_not_draft,
                version = model.version,
                status = status.label().to_lowercase()
            )
            .to_string(),
        )),
    }
}

/// The version, refused unless it is a draft.
pub(super) async fn draft_model(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<strategy::Model, AppError> {
    let model = get_model(db, id).await?;
    require_draft(&model)?;
    Ok(model)
}

pub(super) async fn currency_of(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<String, AppError> {
    Ok(country::Entity::find_by_id(country_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_country,
                    id = country_id
                )
                .to_string(),
            )
        })?
        .currency)
}
