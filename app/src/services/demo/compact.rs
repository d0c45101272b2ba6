//! The demo country's compact: version 1, signed by the government and six
//! partners, with 25 commitments and the progress reported on them since.

use chrono::NaiveDate;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::Actor;
use crate::types::{
    CommitmentStatus as Status, NewAssessment, NewCommitment, NewCompact, NewProgress,
    Organisation, Side,
};

use crate::services::accounts::audit::Author;
use crate::services::accounts::users;
use crate::services::compact::{commitments, compacts, reviews, signing};

use super::data::compact::{COMMENTS, COMMITMENTS, PARTIES, PROGRESS, SIGNATORIES};

fn date((y, m, d): (i32, u32, u32)) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| AppError::internal(format!("demo date {y}-{m}-{d}")))
}

async fn actor(txn: &DatabaseTransaction, email: &str) -> Result<Actor, AppError> {
    let id = users::find_by_email(txn, email)
        .await?
        .ok_or_else(|| AppError::internal(format!("demo account {email}")))?
        .id;
    users::actor(txn, id)
        .await?
        .ok_or_else(|| AppError::internal(format!("demo account {email}")))
}

/// Loads the demo compact with its reviews, unless the country has one already.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    organisations: &[Organisation],
) -> Result<(), AppError> {
    if !compacts::versions(txn, country_id).await?.is_empty() {
        return Ok(());
    }
    let org = |acronym: &str| {
        organisations
            .iter()
            .find(|o| o.acronym.as_deref() == Some(acronym))
            .map(|o| o.id)
            .ok_or_else(|| AppError::internal(format!("demo organisation {acronym}")))
    };
    let new = NewCompact {
        title: "Kalinda Mutual Accountability Compact (demo)".into(),
        starts_on: date((2026, 7, 1))?,
        ends_on: date((2029, 6, 30))?,
        principles: "The government and its partners commit to one plan, one budget and one report: all support is visible to the public, goes through national systems wherever they meet agreed standards, and is reviewed jointly every year."
            .into(),
        party_ids: PARTIES.iter().map(|a| org(a)).collect::<Result<_, _>>()?,
    };
    let compact = compacts::create(txn, author, country_id, new).await?;
    let mut ids = Vec::new();
    for &(party, kind, category, text, priority, due, office) in COMMITMENTS {
        let new = NewCommitment {
            party_id: org(party)?,
            kind,
            category,
            text: text.into(),
            priority_code: priority.into(),
            indicator: None,
            due_on: date(due)?,
            responsible_office: office.into(),
        };
        ids.push((
            party,
            commitments::add(txn, author, compact.id, new).await?.id,
        ));
    }
    signing::freeze(txn, author, compact.id).await?;
    for (_, email) in SIGNATORIES {
        signing::sign(txn, &actor(txn, email).await?, compact.id).await?;
    }
    for &(number, on, text, evidence, status, reason) in PROGRESS {
        let (party, id) = *ids
            .get(number - 1)
            .ok_or_else(|| AppError::internal(format!("demo commitment {number}")))?;
        let email = SIGNATORIES
            .iter()
            .find(|(p, _)| *p == party)
            .map(|(_, e)| *e)
            .ok_or_else(|| AppError::internal(format!("demo reporter of {party}")))?;
        let progress = NewProgress {
            on_date: date(on)?,
            text: text.into(),
            evidence_url: evidence.map(Into::into),
            status,
            status_reason: reason.map(Into::into),
        };
        commitments::report_progress(txn, &actor(txn, email).await?, id, progress).await?;
    }
    let reviewer = actor(txn, "reviewer@kalinda.example").await?;
    for (number, body) in COMMENTS {
        let (_, id) = *ids
            .get(number - 1)
            .ok_or_else(|| AppError::internal(format!("demo commitment {number}")))?;
        commitments::comment(txn, &reviewer, id, body).await?;
    }
    review(txn, author, compact.id, &ids).await
}

/// The status each side gives commitment `i` in the first round: mostly
/// agreed, with every sixth disputed.
fn assessed(i: usize, side: Side) -> Status {
    const CYCLE: [Status; 5] = [
        Status::OnTrack,
        Status::OnTrack,
        Status::Achieved,
        Status::OffTrack,
        Status::NotStarted,
    ];
    let status = CYCLE[i % CYCLE.len()];
    match side {
        Side::Partner if i % 6 == 5 => Status::OffTrack,
        _ => status,
    }
}

fn rating(status: Status) -> i16 {
    match status {
        Status::Achieved => 4,
        Status::OnTrack => 3,
        Status::OffTrack => 2,
        Status::NotStarted | Status::Dropped => 1,
    }
}

/// A closed mid-term check with every commitment assessed by both sides,
/// and the annual review under way with the government's first answers.
async fn review(
    txn: &DatabaseTransaction,
    author: &Author,
    compact_id: i32,
    commitments: &[(&str, i32)],
) -> Result<(), AppError> {
    let planner = actor(txn, "planner@kalinda.example").await?;
    let mid_term = reviews::open(
        txn,
        author,
        compact_id,
        "Mid-term check (demo)",
        date((2026, 10, 1))?,
    )
    .await?;
    for (i, &(party, id)) in commitments.iter().enumerate() {
        // The partners answer for the government's commitments through Norway.
        let partner_side = if party == "MoPD" { "Norad" } else { party };
        let email = SIGNATORIES
            .iter()
            .find(|(p, _)| *p == partner_side)
            .map(|(_, e)| *e)
            .ok_or_else(|| AppError::internal(format!("demo reporter of {party}")))?;
        let partner = actor(txn, email).await?;
        for (side, assessor) in [(Side::Government, &planner), (Side::Partner, &partner)] {
            let status = assessed(i, side);
            let new = NewAssessment {
                status,
                rating: rating(status),
                comment: String::new(),
            };
            reviews::assess(txn, assessor, mid_term.id, id, side, new, None).await?;
        }
    }
    reviews::close(txn, author, mid_term.id, date((2026, 10, 31))?).await?;
    let annual = reviews::open(
        txn,
        author,
        compact_id,
        "Annual review 2026 (demo)",
        date((2026, 11, 15))?,
    )
    .await?;
    for &(_, id) in commitments.iter().take(10) {
        let new = NewAssessment {
            status: Status::OnTrack,
            rating: 3,
            comment: "Discussed at the review's first session.".into(),
        };
        reviews::assess(txn, &planner, annual.id, id, Side::Government, new, None).await?;
    }
    Ok(())
}
