//! The demo country's compact: version 1, signed by the government and six
//! partners, with 25 commitments and the progress reported on them since.

use chrono::NaiveDate;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::policy::Actor;
use crate::types::{
    CommitmentCategory as Cat, CommitmentKind as Kind, CommitmentStatus as Status, NewAssessment,
    NewCommitment, NewCompact, NewProgress, Organisation, Side,
};

use super::audit::Author;
use super::{commitments, compacts, reviews, users};

/// The parties by acronym, the government first.
const PARTIES: [&str; 7] = ["MoPD", "Norad", "FCDO", "EU", "UNDP", "WB", "UNICEF"];

/// Each party's signatory (and the reporter of its progress).
const SIGNATORIES: [(&str, &str); 7] = [
    ("MoPD", "planner@kalinda.example"),
    ("Norad", "norad@kalinda.example"),
    ("FCDO", "fcdo@kalinda.example"),
    ("EU", "eu@kalinda.example"),
    ("UNDP", "undp@kalinda.example"),
    ("WB", "worldbank@kalinda.example"),
    ("UNICEF", "unicef@kalinda.example"),
];

/// `(party, kind, category, commitment, priority, due (y, m, d), office)`.
type DemoCommitment = (
    &'static str,
    Kind,
    Cat,
    &'static str,
    &'static str,
    (i32, u32, u32),
    &'static str,
);

const COMMITMENTS: &[DemoCommitment] = &[
    (
        "MoPD",
        Kind::Government,
        Cat::BudgetTransparency,
        "Publish the enacted budget, security spending included, within a month of its adoption.",
        "5.2",
        (2026, 9, 30),
        "Budget Department, MoF",
    ),
    (
        "MoPD",
        Kind::Government,
        Cat::BudgetTransparency,
        "Publish quarterly budget execution reports.",
        "5.2",
        (2027, 6, 30),
        "Treasury, MoF",
    ),
    (
        "MoPD",
        Kind::Government,
        Cat::Governance,
        "Adopt a public procurement law meeting minimum international standards.",
        "5.1",
        (2027, 3, 31),
        "Procurement Authority",
    ),
    (
        "MoPD",
        Kind::Government,
        Cat::Governance,
        "Publish the audit of the mining revenue accounts.",
        "4.2",
        (2027, 12, 31),
        "Auditor General",
    ),
    (
        "MoPD",
        Kind::Government,
        Cat::Financing,
        "Raise domestic revenue to 12% of GDP.",
        "5.1",
        (2028, 6, 30),
        "Revenue Authority",
    ),
    (
        "MoPD",
        Kind::Government,
        Cat::Capacity,
        "Staff the aid coordination unit with eight permanent posts.",
        "5.2",
        (2026, 12, 31),
        "Aid Coordination Unit, MoPD",
    ),
    (
        "MoPD",
        Kind::Government,
        Cat::Other,
        "Hold the 2027 general elections on the constitutional date.",
        "1.2",
        (2027, 11, 30),
        "National Electoral Commission",
    ),
    (
        "MoPD",
        Kind::Government,
        Cat::Financing,
        "Budget the police salaries of the districts the UN hands over.",
        "2.1",
        (2027, 6, 30),
        "MoIPS",
    ),
    (
        "Norad",
        Kind::Partner,
        Cat::Transparency,
        "Report every disbursement, off-budget included, to the aid database each quarter.",
        "5.2",
        (2026, 10, 15),
        "Embassy, Development Section",
    ),
    (
        "Norad",
        Kind::Partner,
        Cat::ParallelMechanisms,
        "Channel at least half of new support through the national budget.",
        "5.2",
        (2027, 12, 31),
        "Embassy, Development Section",
    ),
    (
        "Norad",
        Kind::Joint,
        Cat::Financing,
        "Fund the electoral commission's protection desk for women candidates.",
        "1.2",
        (2027, 6, 30),
        "Embassy with NEC",
    ),
    (
        "FCDO",
        Kind::Partner,
        Cat::Transparency,
        "Publish all programmes to IATI monthly.",
        "5.2",
        (2026, 9, 30),
        "FCDO Kalinda",
    ),
    (
        "FCDO",
        Kind::Partner,
        Cat::Financing,
        "Give three-year forward spending plans by programme.",
        "5.2",
        (2027, 3, 31),
        "FCDO Kalinda",
    ),
    (
        "FCDO",
        Kind::Joint,
        Cat::Capacity,
        "Second two public finance advisers to the revenue authority.",
        "5.1",
        (2027, 6, 30),
        "FCDO with Revenue Authority",
    ),
    (
        "EU",
        Kind::Partner,
        Cat::ParallelMechanisms,
        "Close two parallel project implementation units and move staff to ministries.",
        "3.1",
        (2027, 12, 31),
        "EU Delegation",
    ),
    (
        "EU",
        Kind::Partner,
        Cat::Transparency,
        "Report budget support disbursements against the national chart of accounts.",
        "5.2",
        (2026, 12, 31),
        "EU Delegation",
    ),
    (
        "EU",
        Kind::Joint,
        Cat::Governance,
        "Agree and monitor a corrections service reform plan.",
        "3.2",
        (2028, 6, 30),
        "EU Delegation with MoJ",
    ),
    (
        "UNDP",
        Kind::Partner,
        Cat::Capacity,
        "Hand over the mission's radio station with trained staff.",
        "5.4",
        (2027, 3, 31),
        "UNDP Country Office",
    ),
    (
        "UNDP",
        Kind::Partner,
        Cat::Transparency,
        "Report pooled fund contributions and transfers by donor.",
        "5.2",
        (2026, 11, 15),
        "Multi-Partner Trust Fund Office",
    ),
    (
        "UNDP",
        Kind::Joint,
        Cat::Capacity,
        "Train 400 police officers for the handed-over districts.",
        "2.1",
        (2027, 9, 30),
        "UNDP with MoIPS",
    ),
    (
        "WB",
        Kind::Partner,
        Cat::ParallelMechanisms,
        "Use the national procurement system for all new projects.",
        "5.1",
        (2027, 12, 31),
        "World Bank Country Office",
    ),
    (
        "WB",
        Kind::Partner,
        Cat::Financing,
        "Finance feeder roads in the returnee districts.",
        "4.3",
        (2028, 6, 30),
        "World Bank Country Office",
    ),
    (
        "WB",
        Kind::Joint,
        Cat::Governance,
        "Publish the mining revenue sharing formula and the transfers made.",
        "4.2",
        (2027, 6, 30),
        "World Bank with MoF",
    ),
    (
        "UNICEF",
        Kind::Partner,
        Cat::Capacity,
        "Hand over child protection in the former camps to district social workers.",
        "5.3",
        (2028, 12, 31),
        "UNICEF Country Office",
    ),
    (
        "UNICEF",
        Kind::Partner,
        Cat::Transparency,
        "Report supplies delivered outside government channels each quarter.",
        "5.3",
        (2026, 10, 31),
        "UNICEF Country Office",
    ),
];

/// `(commitment number, date, what happened, evidence, status, reason)`.
type DemoProgress = (
    usize,
    (i32, u32, u32),
    &'static str,
    Option<&'static str>,
    Status,
    Option<&'static str>,
);

const PROGRESS: &[DemoProgress] = &[
    (
        1,
        (2026, 9, 12),
        "The 2026/27 budget, defence and police included, is on the finance ministry's website.",
        Some("https://finance.kalinda.example/budget-2026-27"),
        Status::Achieved,
        None,
    ),
    (
        2,
        (2026, 10, 30),
        "First quarterly report published.",
        Some("https://finance.kalinda.example/execution-q1"),
        Status::OnTrack,
        None,
    ),
    (
        3,
        (2026, 11, 2),
        "The draft law is still with the cabinet.",
        None,
        Status::OffTrack,
        Some("Cabinet has not met since September."),
    ),
    (
        6,
        (2026, 10, 1),
        "Five of eight posts filled.",
        None,
        Status::OnTrack,
        None,
    ),
    (
        9,
        (2026, 10, 14),
        "Third-quarter disbursements reported.",
        Some("https://aid.kalinda.example/reports/norad-q3"),
        Status::Achieved,
        None,
    ),
    (
        11,
        (2026, 11, 5),
        "Protection desk agreed with the commission; funds committed.",
        None,
        Status::OnTrack,
        None,
    ),
    (
        12,
        (2026, 10, 5),
        "Monthly publication runs since August.",
        Some("https://d-portal.org/ctrack.html#view=search&country=XD"),
        Status::Achieved,
        None,
    ),
    (
        15,
        (2026, 11, 10),
        "One unit closed; the second waits for the ministry's staffing plan.",
        None,
        Status::OnTrack,
        None,
    ),
    (
        18,
        (2026, 11, 12),
        "Station staff trained; the licence transfer is delayed.",
        None,
        Status::OffTrack,
        Some("The broadcasting licence law is not yet passed."),
    ),
    (
        19,
        (2026, 11, 1),
        "Contributions by donor published; transfers report due.",
        None,
        Status::OnTrack,
        None,
    ),
    (
        20,
        (2026, 10, 20),
        "150 officers trained.",
        None,
        Status::OnTrack,
        None,
    ),
    (
        22,
        (2026, 9, 1),
        "Replaced by the feeder-road component of the EU programme.",
        None,
        Status::Dropped,
        Some("Another partner funds the same roads."),
    ),
];

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
    compacts::freeze(txn, author, compact.id).await?;
    for (_, email) in SIGNATORIES {
        compacts::sign(txn, &actor(txn, email).await?, compact.id).await?;
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

/// Civil society's comments: `(commitment number, comment)`.
const COMMENTS: [(usize, &str); 3] = [
    (
        1,
        "The published budget hides the intelligence service's spending in a general line.",
    ),
    (
        7,
        "Women's groups ask for the campaign security plan before the elections are called.",
    ),
    (
        19,
        "Which donors are behind the pooled fund's largest transfers?",
    ),
];

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
            reviews::assess(txn, assessor, mid_term.id, id, side, new).await?;
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
        reviews::assess(txn, &planner, annual.id, id, Side::Government, new).await?;
    }
    Ok(())
}
