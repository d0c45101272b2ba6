//! What holds when people act at the same moment, and in a joint review
//! when several partners answer for the same commitment; how SQLite is set
//! up so that it can.

use app::AppError;
use app::services::accounts::audit::Author;
use app::services::compact::{commitments, compacts, reviews, signing};
use app::services::{accounts::countries, accounts::organisations, demo};
use app::types::{
    CommitmentKind, CommitmentStatus as S, Compact, CompactStatus, NewAssessment, NewCompact,
    NewOrganisation, OrganisationKind, Outcome, Side,
};
use sea_orm::{ConnectionTrait, Statement};
use tests::{Backend, TestDb, both_backends, demo as accounts};

use crate::fixtures::{
    actor, close_open_rounds, commitment, d, org, ready_for_compact, signed_compact,
};

const UK: &str = "United Kingdom (Foreign, Commonwealth and Development Office)";

/// A compact between the government, Norway and the UK with one government
/// commitment, frozen for signature.
async fn three_party_compact(t: &TestDb, country_id: i32) -> Compact {
    ready_for_compact(t, country_id).await;
    let system = Author::system("test");
    let government = org(t, country_id, "Ministry of Planning and Development").await;
    let new = NewCompact {
        title: "Three-party compact".into(),
        starts_on: d("2026-07-01"),
        ends_on: d("2029-06-30"),
        principles: String::new(),
        party_ids: vec![
            government,
            org(t, country_id, "Norway (Norad)").await,
            org(t, country_id, UK).await,
        ],
    };
    let draft = compacts::create(&t.db, &system, country_id, new)
        .await
        .unwrap();
    let publish = commitment(government, CommitmentKind::Government, "Publish the budget");
    commitments::add(&t.db, &system, draft.id, publish)
        .await
        .unwrap();
    signing::freeze(&t.db, &system, draft.id).await.unwrap();
    compacts::load(&t.db, draft.id).await.unwrap()
}

fn assessment(status: S) -> NewAssessment {
    NewAssessment {
        status,
        rating: 3,
        comment: String::new(),
    }
}

both_backends! {
    async fn the_last_two_signatures_at_once_make_the_compact_signed(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let compact = three_party_compact(&t, country_id).await;
        let planner = actor(&t, accounts::PLANNER.0).await;
        signing::sign(&t.db, &planner, compact.id).await.unwrap();
        let (norway, uk) = (actor(&t, accounts::NORAD.0).await, actor(&t, accounts::FCDO.0).await);
        let (a, b) = tokio::join!(
            signing::sign(&t.db, &norway, compact.id),
            signing::sign(&t.db, &uk, compact.id),
        );
        a.unwrap();
        b.unwrap();
        let signed = compacts::load(&t.db, compact.id).await.unwrap();
        assert!(signed.parties.iter().all(|p| p.signature.is_some()));
        assert_eq!(signed.status, CompactStatus::Signed);
    }
}

both_backends! {
    async fn two_rounds_opened_at_once_leave_one_open(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        close_open_rounds(&t, country_id).await;
        let signed = signed_compact(&t, country_id).await;
        let system = Author::system("test");
        let (a, b) = tokio::join!(
            reviews::open(&t.db, &system, signed.id, "Round A", d("2026-11-01")),
            reviews::open(&t.db, &system, signed.id, "Round B", d("2026-11-01")),
        );
        let refused = match (a, b) {
            (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
            other => panic!("exactly one round opens: {other:?}"),
        };
        assert!(matches!(&refused, AppError::Invalid(e) if e[0].field == "round_title"), "{refused:?}");
        let open = reviews::of_country(&t.db, country_id).await.unwrap();
        assert_eq!(open.iter().filter(|r| r.closed_on.is_none()).count(), 1);
    }
}

both_backends! {
    async fn each_partner_assessment_is_its_own(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        close_open_rounds(&t, country_id).await;
        let compact = three_party_compact(&t, country_id).await;
        let (planner, norway, uk) = (
            actor(&t, accounts::PLANNER.0).await,
            actor(&t, accounts::NORAD.0).await,
            actor(&t, accounts::FCDO.0).await,
        );
        for signer in [&planner, &norway, &uk] {
            signing::sign(&t.db, signer, compact.id).await.unwrap();
        }
        let system = Author::system("test");
        let round = reviews::open(&t.db, &system, compact.id, "Review", d("2026-11-01")).await.unwrap();
        let id = compact.commitments[0].id;
        reviews::assess(&t.db, &planner, round.id, id, Side::Government, assessment(S::OnTrack), None).await.unwrap();
        reviews::assess(&t.db, &norway, round.id, id, Side::Partner, assessment(S::OnTrack), None).await.unwrap();
        let report = reviews::report(&t.db, round.id).await.unwrap();
        assert_eq!(report.items[0].outcome(), Outcome::Agreed(S::OnTrack));

        // The UK's view does not replace Norway's; it disputes the status.
        reviews::assess(&t.db, &uk, round.id, id, Side::Partner, assessment(S::OffTrack), None).await.unwrap();
        let report = reviews::report(&t.db, round.id).await.unwrap();
        let item = &report.items[0];
        let views: Vec<(&str, S)> = item.partners.iter().map(|a| (a.organisation.as_str(), a.status)).collect();
        assert_eq!(views, [("Norway (Norad)", S::OnTrack), (UK, S::OffTrack)]);
        assert_eq!(item.outcome(), Outcome::Disputed);

        // Norway revising its own replaces only its own, at the revision
        // its form showed; a second form opened at that revision is refused,
        // naming who revised it.
        let shown = item.assessment_by(Side::Partner, norway.organisation_id).map(|a| a.id);
        reviews::assess(&t.db, &norway, round.id, id, Side::Partner, assessment(S::OffTrack), shown).await.unwrap();
        let late = reviews::assess(&t.db, &norway, round.id, id, Side::Partner, assessment(S::Achieved), shown).await;
        assert!(matches!(&late, Err(AppError::Stale(m)) if m.contains("Nils Reporter")), "{late:?}");
        let blind = reviews::assess(&t.db, &norway, round.id, id, Side::Partner, assessment(S::Achieved), None).await;
        assert!(matches!(blind, Err(AppError::Stale(_))), "a first-assessment form does not overwrite one");
        let report = reviews::report(&t.db, round.id).await.unwrap();
        let item = &report.items[0];
        assert_eq!(item.partners.len(), 2);
        assert_eq!(item.assessment_by(Side::Partner, norway.organisation_id).map(|a| a.status), Some(S::OffTrack));
        assert_eq!(item.assessment_by(Side::Partner, uk.organisation_id).map(|a| a.status), Some(S::OffTrack));
    }
}

both_backends! {
    async fn writers_at_once_each_wait_their_turn(t) {
        // Each creation reads (is the name taken?) before it writes; on
        // SQLite a transaction that began reading could not turn into a
        // writer once another had written, and failed with "locked".
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let system = Author::system("test");
        let creations = (0..12).map(|n| {
            let new = NewOrganisation {
                name: format!("Partner {n} at once"),
                acronym: None,
                kind: OrganisationKind::Bilateral,
                iati_id: None,
                iati_type_code: None,
            };
            let (db, system) = (t.db.clone(), system.clone());
            tokio::spawn(async move { organisations::create(&db, &system, country_id, new).await })
        });
        for created in futures_util::future::join_all(creations).await {
            created.unwrap().unwrap();
        }
        let names = organisations::list(&t.db, country_id).await.unwrap();
        assert_eq!(names.iter().filter(|o| o.name.ends_with(" at once")).count(), 12);
    }
}

/// One PRAGMA's value on SQLite.
async fn pragma(t: &TestDb, name: &str) -> String {
    let row =
        t.db.query_one_raw(Statement::from_string(
            t.db.get_database_backend(),
            format!("PRAGMA {name}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_is_set_up_for_a_server() {
    tests::run(Backend::Sqlite, |t: TestDb| async move {
        // Every connection of the pool: readers beside the writer (WAL),
        // NORMAL sync, a writer waits for the lock, references enforced.
        for _ in 0..3 {
            assert_eq!(pragma(&t, "journal_mode").await, "wal");
            assert_eq!(pragma(&t, "synchronous").await, "1");
            assert_eq!(pragma(&t, "busy_timeout").await, "30000");
            assert_eq!(pragma(&t, "foreign_keys").await, "1");
        }
    })
    .await
}
