//! Rounds: started as drafts, their details corrected while draft, and
//! moved draft -> validated -> published (a validated round may go back to
//! draft; a published one never changes).

use entities::{fragility_round, fragility_stage};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::AppError;
use crate::i18n::td_string;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;
use crate::types::{FragilityRound, NewFragilityRound, RoundStatus};

use super::{checks, lock, read};

const OBJECT: &str = "fragility_round";

fn year_taken(year: i32) -> AppError {
    AppError::invalid(
        "year",
        td_string!(crate::language::current(), fragility.rule_year_taken, year).to_string(),
    )
}

/// Starts a draft round of the country.
#[tracing::instrument(skip(db))]
pub async fn start_round(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewFragilityRound,
) -> Result<FragilityRound, AppError> {
    let checked = checks::round(&new)?;
    let txn = crate::services::locks::begin(db).await?;
    let inserted = fragility_round::Entity::insert(fragility_round::ActiveModel {
        country_id: Set(country_id),
        year: Set(checked.year),
        status: Set(RoundStatus::Draft.code().into()),
        government_participants: Set(checked.government),
        civil_society_participants: Set(checked.civil_society),
        partner_participants: Set(checked.partners),
        method_notes: Set(checked.method_notes),
        created_at: Set(crate::services::now()),
        published_at: Set(None),
        version: Set(1),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            fragility_round::Column::CountryId,
            fragility_round::Column::Year,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted != 1 {
        return Err(year_taken(checked.year));
    }
    let id = fragility_round::Entity::find()
        .filter(fragility_round::Column::CountryId.eq(country_id))
        .filter(fragility_round::Column::Year.eq(checked.year))
        .one(&txn)
        .await?
        .map(|r| r.id)
        .ok_or_else(|| AppError::internal(format!("the {} round vanished", checked.year)))?;
    let started = read::round(&txn, country_id, id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        id,
        Change::Create,
        None,
        Some(&started),
    )
    .await?;
    txn.commit().await?;
    Ok(started)
}

/// Corrects a draft round's year, participants and method notes, as the
/// form showed them at `version`.
#[tracing::instrument(skip(db))]
pub async fn update_round(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    round_id: i32,
    version: i32,
    new: NewFragilityRound,
) -> Result<FragilityRound, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = lock::round(&txn, country_id, round_id).await?;
    let what = td_string!(crate::language::current(), fragility.the_round);
    versions::ensure(&txn, what, (OBJECT, round_id), model.version, version).await?;
    lock::editable(&model)?;
    let checked = checks::round(&new)?;
    if checked.year != model.year {
        let taken = fragility_round::Entity::find()
            .filter(fragility_round::Column::CountryId.eq(country_id))
            .filter(fragility_round::Column::Year.eq(checked.year))
            .count(&txn)
            .await?;
        if taken > 0 {
            return Err(year_taken(checked.year));
        }
    }
    let before = read::round(&txn, country_id, round_id).await?;
    use fragility_round::Column;
    fragility_round::Entity::update_many()
        .col_expr(Column::Year, Expr::value(checked.year))
        .col_expr(
            Column::GovernmentParticipants,
            Expr::value(checked.government),
        )
        .col_expr(
            Column::CivilSocietyParticipants,
            Expr::value(checked.civil_society),
        )
        .col_expr(Column::PartnerParticipants, Expr::value(checked.partners))
        .col_expr(Column::MethodNotes, Expr::value(checked.method_notes))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::Id.eq(round_id))
        .exec(&txn)
        .await?;
    changed(txn, author, country_id, round_id, &before).await
}

/// Moves a round, as the page showed it at `version`, to `to`: a draft
/// with rows is validated, a validated round is published or goes back
/// to draft. A published round is frozen.
#[tracing::instrument(skip(db))]
pub async fn set_status(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    round_id: i32,
    version: i32,
    to: RoundStatus,
) -> Result<FragilityRound, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let model = lock::round(&txn, country_id, round_id).await?;
    let locale = crate::language::current();
    let what = td_string!(locale, fragility.the_round);
    versions::ensure(&txn, what, (OBJECT, round_id), model.version, version).await?;
    let from = read::status_of(&model)?;
    if from == RoundStatus::Published {
        return Err(AppError::invalid(
            "round",
            td_string!(locale, fragility.rule_published_frozen, year = model.year).to_string(),
        ));
    }
    if !from.may_become(to) {
        return Err(AppError::invalid(
            "status",
            td_string!(
                locale,
                fragility.rule_status_move,
                from = from.label(),
                to = to.label()
            )
            .to_string(),
        ));
    }
    if to == RoundStatus::Validated {
        let rows = fragility_stage::Entity::find()
            .filter(fragility_stage::Column::RoundId.eq(round_id))
            .count(&txn)
            .await?;
        if rows == 0 {
            return Err(AppError::invalid(
                "round",
                td_string!(locale, fragility.rule_no_rows),
            ));
        }
    }
    let before = read::round(&txn, country_id, round_id).await?;
    let published_at = (to == RoundStatus::Published).then(crate::services::now);
    use fragility_round::Column;
    fragility_round::Entity::update_many()
        .col_expr(Column::Status, Expr::value(to.code()))
        .col_expr(Column::PublishedAt, Expr::value(published_at))
        .col_expr(Column::Version, Expr::col(Column::Version).add(1))
        .filter(Column::Id.eq(round_id))
        .exec(&txn)
        .await?;
    changed(txn, author, country_id, round_id, &before).await
}

/// Records the change of a round from `before` to what it now is, and
/// commits.
async fn changed<T: ConnectionTrait + TransactionSession>(
    txn: T,
    author: &Author,
    country_id: i32,
    round_id: i32,
    before: &FragilityRound,
) -> Result<FragilityRound, AppError> {
    let after = read::round(&txn, country_id, round_id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        OBJECT,
        round_id,
        Change::Update,
        Some(before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
