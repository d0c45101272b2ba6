//! The first statement of every change to a round or its rows: a no-op
//! update of the round, which makes a second change of the same round wait
//! until the first has committed (see `services::locks`), then the round as
//! it now stands.

use entities::fragility_round;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::AppError;
use crate::i18n::td_string;
use crate::types::RoundStatus;

use super::read;

/// Locks the country's round `round_id` and reads it.
pub async fn round(
    db: &impl ConnectionTrait,
    country_id: i32,
    round_id: i32,
) -> Result<fragility_round::Model, AppError> {
    fragility_round::Entity::update_many()
        .col_expr(
            fragility_round::Column::Id,
            Expr::col(fragility_round::Column::Id),
        )
        .filter(fragility_round::Column::Id.eq(round_id))
        .filter(fragility_round::Column::CountryId.eq(country_id))
        .exec(db)
        .await?;
    read::round_model(db, country_id, round_id).await
}

/// Refuses a change to a round that is no longer a draft: a published
/// round is frozen, a validated one goes back to draft first.
pub fn editable(round: &fragility_round::Model) -> Result<(), AppError> {
    let locale = crate::language::current();
    let year = round.year;
    match read::status_of(round)? {
        RoundStatus::Draft => Ok(()),
        RoundStatus::Validated => Err(AppError::invalid(
            "round",
            td_string!(locale, fragility.rule_validated_locked, year).to_string(),
        )),
        RoundStatus::Published => Err(AppError::invalid(
            "round",
            td_string!(locale, fragility.rule_published_frozen, year).to_string(),
        )),
    }
}
