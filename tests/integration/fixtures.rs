//! Strategies and compacts of the demo country in the state a test needs.

use app::services::accounts::audit::Author;
use app::services::{
    accounts::organisations, accounts::users, compact::commitments, compact::compacts,
    compact::reviews, compact::signing, strategy::lifecycle, strategy::priorities,
    strategy::strategies,
};
use app::types::{
    CommitmentCategory, CommitmentKind, Compact, CompactStatus, NewCommitment, NewCompact,
    NewPriority, Phase, StrategyStatus, ThematicArea,
};
use chrono::NaiveDate;
use tests::{TestDb, demo as accounts};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A page's `<main>`: what it shows, without the hydration data after it.
pub fn main_of(page: &str) -> &str {
    let start = page.find("<main").unwrap_or(0);
    let end = page.find("</main>").unwrap_or(page.len());
    &page[start..end]
}

/// The id of the demo organisation called `name`.
pub async fn org(t: &TestDb, country_id: i32, name: &str) -> i32 {
    organisations::list(&t.db, country_id)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no organisation {name}"))
        .id
}

pub async fn actor(t: &TestDb, email: &str) -> app::types::Actor {
    let id = users::find_by_email(&t.db, email)
        .await
        .unwrap()
        .unwrap()
        .id;
    users::actor(&t.db, id).await.unwrap().unwrap()
}

pub fn commitment(party_id: i32, kind: CommitmentKind, text: &str) -> NewCommitment {
    NewCommitment {
        party_id,
        kind,
        category: CommitmentCategory::Transparency,
        text: text.into(),
        priority_code: "5.2".into(),
        indicator: None,
        due_on: d("2027-06-30"),
        responsible_office: "Aid coordination unit".into(),
    }
}

/// Freezes and signs (as the demo signatories) every open version.
pub async fn close_open_compacts(t: &TestDb, country_id: i32) {
    let system = Author::system("test");
    let norad = org(t, country_id, "Norway (Norad)").await;
    for (id, _, status) in compacts::versions(&t.db, country_id).await.unwrap() {
        if status == CompactStatus::Draft {
            let draft = compacts::load(&t.db, id).await.unwrap();
            if draft.commitments.is_empty() {
                let first = commitment(norad, CommitmentKind::Partner, "Report all aid");
                commitments::add(&t.db, &system, id, first).await.unwrap();
            }
            signing::freeze(&t.db, &system, id).await.unwrap();
        }
        if status != CompactStatus::Signed {
            let open = compacts::load(&t.db, id).await.unwrap();
            for email in [accounts::PLANNER.0, accounts::NORAD.0] {
                let signer = actor(t, email).await;
                let unsigned = open
                    .parties
                    .iter()
                    .any(|p| p.id == signer.organisation_id && p.signature.is_none());
                if unsigned {
                    signing::sign(&t.db, &signer, id).await.unwrap();
                }
            }
        }
    }
}

/// Makes sure the latest endorsed strategy has the priority the fixture
/// commitments serve (other tests may have endorsed versions without it).
async fn ensure_endorsed_priority(t: &TestDb, country_id: i32, code: &str) {
    let system = Author::system("test");
    let endorsed = close_open_versions(t, country_id).await;
    if strategies::load(&t.db, endorsed)
        .await
        .unwrap()
        .priority(code)
        .is_some()
    {
        return;
    }
    let draft = lifecycle::new_draft_from(&t.db, &system, endorsed)
        .await
        .unwrap();
    let new = NewPriority {
        pillar_id: draft.pillars[0].id,
        code: code.into(),
        title: "Budget transparency".into(),
        objective: String::new(),
        lead_organisation_id: org(t, country_id, "Ministry of Finance").await,
        partner_ids: Vec::new(),
        provision_ids: Vec::new(),
        phase: Phase::Immediate,
        thematic_area: ThematicArea::PublicFinance,
        costs: Vec::new(),
    };
    priorities::add(&t.db, &system, draft.id, new)
        .await
        .unwrap();
    close_open_versions(t, country_id).await;
}

/// Nothing open, and an endorsed strategy with the priority the fixture
/// commitments serve: a new compact may start.
pub async fn ready_for_compact(t: &TestDb, country_id: i32) {
    close_open_compacts(t, country_id).await;
    ensure_endorsed_priority(t, country_id, "5.2").await;
}

/// A new draft between the planning ministry and Norway, with nothing
/// else open.
pub async fn fresh_compact(t: &TestDb, country_id: i32) -> Compact {
    ready_for_compact(t, country_id).await;
    let new = NewCompact {
        title: "Kalinda Compact".into(),
        starts_on: d("2026-07-01"),
        ends_on: d("2029-06-30"),
        principles: "Mutual accountability.".into(),
        party_ids: vec![
            org(t, country_id, "Ministry of Planning and Development").await,
            org(t, country_id, "Norway (Norad)").await,
        ],
    };
    compacts::create(&t.db, &Author::system("test"), country_id, new)
        .await
        .unwrap()
}

/// Ends every open strategy version (as the system, not through the API),
/// so that a new draft can start.
pub async fn close_open_versions(t: &TestDb, country_id: i32) -> i32 {
    let system = Author::system("test");
    let mut last_endorsed = 0;
    for (id, _, status) in strategies::versions(&t.db, country_id).await.unwrap() {
        if status == StrategyStatus::Draft {
            lifecycle::send_to_consultation(&t.db, &system, id)
                .await
                .unwrap();
        }
        if status != StrategyStatus::Endorsed {
            lifecycle::endorse(&t.db, &system, id, endorsement())
                .await
                .unwrap();
        }
        last_endorsed = id;
    }
    last_endorsed
}

/// A signed compact between the planning ministry and Norway, with one
/// partner commitment of Norway's.
pub async fn signed_compact(t: &TestDb, country_id: i32) -> Compact {
    let draft = fresh_compact(t, country_id).await;
    let norad = org(t, country_id, "Norway (Norad)").await;
    let new = commitment(norad, CommitmentKind::Partner, "Report all aid");
    commitments::add(&t.db, &Author::system("test"), draft.id, new)
        .await
        .unwrap();
    close_open_compacts(t, country_id).await;
    compacts::load(&t.db, draft.id).await.unwrap()
}

/// Closes every open review round.
pub async fn close_open_rounds(t: &TestDb, country_id: i32) {
    let system = Author::system("test");
    for round in reviews::of_country(&t.db, country_id).await.unwrap() {
        if round.closed_on.is_none() {
            reviews::close(&t.db, &system, round.id, round.opened_on)
                .await
                .unwrap();
        }
    }
}

/// An open review round on a fresh signed compact: `(round id, compact)`.
pub async fn open_round(t: &TestDb, country_id: i32) -> (i32, Compact) {
    let system = Author::system("test");
    close_open_rounds(t, country_id).await;
    let signed = signed_compact(t, country_id).await;
    let round = reviews::open(&t.db, &system, signed.id, "Review", d("2026-11-01"))
        .await
        .unwrap();
    (round.id, signed)
}

/// A joint steering committee's endorsement, as a version's record.
pub fn endorsement() -> app::types::Endorsement {
    app::types::Endorsement {
        by: "Joint Steering Committee".into(),
        on: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        url: Some("https://planning.example/jsc/decision-7".into()),
    }
}
