//! Reporting rounds: planners call for partners' data for a fiscal year;
//! each partner answers "submitted" or "nothing to report".

use crate::i18n::td_string;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entities::{organisation, reporting_round, round_response};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};
use serde::Serialize;

use crate::types::{
    Compliance, FiscalYear, NewReportingRound, OrganisationKind, OrganisationRef, ReportingRound,
    ResponseStatus,
};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;

const ANSWER: &str = "round_response";

/// A round as the audit trail keeps it.
#[derive(Serialize)]
struct Round {
    title: String,
    fiscal_year: i32,
    opened_on: NaiveDate,
    due_on: NaiveDate,
    closed_on: Option<NaiveDate>,
}

impl From<&reporting_round::Model> for Round {
    fn from(r: &reporting_round::Model) -> Self {
        Self {
            title: r.title.clone(),
            fiscal_year: r.fiscal_year,
            opened_on: r.opened_on,
            due_on: r.due_on,
            closed_on: r.closed_on,
        }
    }
}

/// A partner's answer to a round as the audit trail keeps it.
#[derive(Serialize)]
struct Answer {
    round_id: i32,
    organisation_id: i32,
    status: String,
    user_id: i32,
    at: DateTime<Utc>,
    version: i32,
}

impl From<round_response::Model> for Answer {
    fn from(a: round_response::Model) -> Self {
        Self {
            round_id: a.round_id,
            organisation_id: a.organisation_id,
            status: a.status,
            user_id: a.user_id,
            at: a.at,
            version: a.version,
        }
    }
}

/// Organisations expected to report funding: every partner but civil
/// society (government ministries own the budget instead).
pub fn reports_funding(kind: OrganisationKind) -> bool {
    !matches!(
        kind,
        OrganisationKind::GovernmentMinistry | OrganisationKind::CivilSociety
    )
}

/// Opens a round for a fiscal year.
#[tracing::instrument(skip(db))]
pub async fn open(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewReportingRound,
    today: NaiveDate,
) -> Result<ReportingRound, AppError> {
    let title = new.title.trim().to_string();
    let mut errors = Vec::new();
    if title.is_empty() || title.chars().count() > 200 {
        errors.push(FieldError::new(
            "round_title",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    if !(1900..=2200).contains(&new.fiscal_year) {
        errors.push(FieldError::new(
            "round_fiscal_year",
            td_string!(crate::language::current(), rules.round_fiscal_year),
        ));
    }
    if new.due_on < today {
        errors.push(FieldError::new(
            "due_on",
            td_string!(crate::language::current(), rules.not_in_past),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = crate::services::locks::begin(db).await?;
    let model = reporting_round::ActiveModel {
        country_id: Set(country_id),
        title: Set(title),
        fiscal_year: Set(new.fiscal_year),
        opened_on: Set(today),
        due_on: Set(new.due_on),
        closed_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        "reporting_round",
        model.id,
        Change::Create,
        None,
        Some(&new),
    )
    .await?;
    let round = load(&txn, model).await?;
    txn.commit().await?;
    Ok(round)
}

/// The round's row; `NotFound` when it does not exist.
pub async fn get_model(
    db: &impl ConnectionTrait,
    round_id: i32,
) -> Result<reporting_round::Model, AppError> {
    reporting_round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_reporting_round,
                    id = round_id
                )
                .to_string(),
            )
        })
}

/// A partner's answer to a round, if it gave one, locked until the change
/// commits.
async fn answer(
    db: &impl ConnectionTrait,
    round_id: i32,
    organisation_id: i32,
) -> Result<Option<round_response::Model>, AppError> {
    Ok(round_response::Entity::find()
        .filter(round_response::Column::RoundId.eq(round_id))
        .filter(round_response::Column::OrganisationId.eq(organisation_id))
        .lock_exclusive()
        .one(db)
        .await?)
}

/// Records a partner's answer to an open round: its first (`opened_at` is
/// `None`), or a change of the one it gave, which was at version
/// `opened_at` when the page showed it.
#[tracing::instrument(skip(db))]
pub async fn respond(
    db: &impl TransactionTrait,
    author: &Author,
    (round_id, organisation_id): (i32, i32),
    status: ResponseStatus,
    opened_at: Option<i32>,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let round = get_model(&txn, round_id).await?;
    if round.closed_on.is_some() {
        return Err(AppError::invalid(
            "round",
            td_string!(crate::language::current(), rules.reporting_round_closed),
        ));
    }
    let organisation = organisation::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?
        .filter(|o| o.country_id == round.country_id)
        .ok_or_else(|| {
            AppError::invalid(
                "organisation",
                td_string!(crate::language::current(), rules.partner_of_country),
            )
        })?;
    if !OrganisationKind::from_code(&organisation.kind).is_some_and(reports_funding) {
        return Err(AppError::invalid(
            "organisation",
            td_string!(crate::language::current(), rules.does_not_report),
        ));
    }
    let user_id = author
        .user_id
        .ok_or_else(|| AppError::internal("a round response needs a user"))?;
    // A first answer is inserted; an existing one (perhaps given a moment
    // ago by a colleague) is locked, then changed.
    let inserted = round_response::Entity::insert(round_response::ActiveModel {
        round_id: Set(round.id),
        organisation_id: Set(organisation_id),
        status: Set(status.code().to_string()),
        user_id: Set(user_id),
        at: Set(crate::services::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            round_response::Column::RoundId,
            round_response::Column::OrganisationId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let row = answer(&txn, round.id, organisation_id)
        .await?
        .ok_or_else(|| AppError::internal("a round response was not written"))?;
    let what = td_string!(
        crate::language::current(),
        rules.answer_of,
        name = organisation.name
    )
    .to_string();
    let keyed = (inserted == 1, row.version);
    versions::ensure_keyed(&txn, &what, (ANSWER, row.id), keyed, opened_at, None).await?;
    let (change, before, after) = if inserted == 1 {
        (Change::Create, None, row)
    } else {
        let mut active: round_response::ActiveModel = row.clone().into();
        active.status = Set(status.code().to_string());
        active.user_id = Set(user_id);
        active.at = Set(crate::services::now());
        active.version = Set(row.version.saturating_add(1));
        let after = active.update(&txn).await?;
        (Change::Update, Some(row), after)
    };
    audit::record(
        &txn,
        author,
        Some(round.country_id),
        ANSWER,
        after.id,
        change,
        before.map(Answer::from).as_ref(),
        Some(&Answer::from(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Closes a round; its answers then stay as they are.
#[tracing::instrument(skip(db))]
pub async fn close(
    db: &impl TransactionTrait,
    author: &Author,
    round_id: i32,
    today: NaiveDate,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let round = get_model(&txn, round_id).await?;
    if round.closed_on.is_some() {
        return Err(AppError::invalid(
            "round",
            td_string!(
                crate::language::current(),
                rules.reporting_round_already_closed
            ),
        ));
    }
    let country_id = round.country_id;
    let before = Round::from(&round);
    let mut model: reporting_round::ActiveModel = round.into();
    model.closed_on = Set(Some(today));
    let after = Round::from(&model.update(&txn).await?);
    audit::record(
        &txn,
        author,
        Some(country_id),
        "reporting_round",
        round_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn load(
    db: &impl ConnectionTrait,
    round: reporting_round::Model,
) -> Result<ReportingRound, AppError> {
    load_all(db, round.country_id, vec![round])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("a reporting round did not load"))
}

async fn load_all(
    db: &impl ConnectionTrait,
    country_id: i32,
    rounds: Vec<reporting_round::Model>,
) -> Result<Vec<ReportingRound>, AppError> {
    let country = crate::services::accounts::countries::get_by_id(db, country_id).await?;
    let partners: Vec<OrganisationRef> = organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| OrganisationKind::from_code(&o.kind).is_some_and(reports_funding))
        .map(|o| OrganisationRef {
            id: o.id,
            name: o.name,
        })
        .collect();
    let ids: Vec<i32> = rounds.iter().map(|r| r.id).collect();
    let mut answers: HashMap<(i32, i32), round_response::Model> = HashMap::new();
    for answer in round_response::Entity::find()
        .filter(round_response::Column::RoundId.is_in(ids))
        .all(db)
        .await?
    {
        answers.insert((answer.round_id, answer.organisation_id), answer);
    }
    Ok(rounds
        .into_iter()
        .map(|r| ReportingRound {
            compliance: partners
                .iter()
                .map(|p| {
                    let answer = answers.get(&(r.id, p.id));
                    Compliance {
                        organisation: p.clone(),
                        status: answer.and_then(|a| ResponseStatus::from_code(&a.status)),
                        at: answer.map(|a| a.at),
                        version: answer.map(|a| a.version),
                    }
                })
                .collect(),
            fiscal_year_label: FiscalYear {
                start_year: r.fiscal_year,
                start_month: country.fiscal_year_start_month,
            }
            .label(),
            id: r.id,
            title: r.title,
            fiscal_year: r.fiscal_year,
            opened_on: r.opened_on,
            due_on: r.due_on,
            closed_on: r.closed_on,
        })
        .collect())
}

/// A country's rounds, newest first, each with its compliance table.
pub async fn of_country(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<ReportingRound>, AppError> {
    let rounds = reporting_round::Entity::find()
        .filter(reporting_round::Column::CountryId.eq(country_id))
        .order_by_desc(reporting_round::Column::OpenedOn)
        .order_by_desc(reporting_round::Column::Id)
        .all(db)
        .await?;
    load_all(db, country_id, rounds).await
}
