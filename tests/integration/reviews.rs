use app::AppError;
use app::services::accounts::audit::Author;
use app::services::{accounts::countries, compact::commitments, compact::reviews, demo};
use app::types::{CommitmentKind, CommitmentStatus as S, NewAssessment, Outcome, Side};
use tests::{Client, TestApp, both_backends, demo as accounts};

use crate::fixtures::{
    actor, close_open_compacts, close_open_rounds, commitment, d, fresh_compact, org,
};

fn assessment(status: S, rating: i16) -> NewAssessment {
    NewAssessment {
        status,
        rating,
        comment: String::new(),
    }
}

both_backends! {
    async fn a_review_round_counts_outcomes_by_status_and_party(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        close_open_rounds(&t, country_id).await;
        let draft = fresh_compact(&t, country_id).await;
        let system = Author::system("test");
        let government = org(&t, country_id, "Ministry of Planning and Development").await;
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let mut late = commitment(norad, CommitmentKind::Joint, "Joint, due in August");
        late.due_on = d("2026-08-01");
        let mut ids = Vec::new();
        for new in [
            commitment(government, CommitmentKind::Government, "Government, agreed on track"),
            commitment(government, CommitmentKind::Government, "Government, disputed"),
            commitment(norad, CommitmentKind::Partner, "Norway, agreed achieved"),
            late,
        ] {
            ids.push(commitments::add(&t.db, &system, draft.id, new).await.unwrap().id);
        }
        close_open_compacts(&t, country_id).await;
        let round = reviews::open(&t.db, &system, draft.id, "Annual review", d("2026-11-01"))
            .await
            .unwrap();
        let planner = actor(&t, accounts::PLANNER.0).await;
        let reporter = actor(&t, accounts::NORAD.0).await;
        let given = [
            (ids[0], Side::Government, &planner, S::OnTrack),
            (ids[0], Side::Partner, &reporter, S::OnTrack),
            (ids[1], Side::Government, &planner, S::Achieved),
            (ids[1], Side::Partner, &reporter, S::OffTrack),
            (ids[2], Side::Government, &planner, S::Achieved),
            (ids[2], Side::Partner, &reporter, S::Achieved),
            (ids[3], Side::Government, &planner, S::OffTrack),
        ];
        for (id, side, who, status) in given {
            reviews::assess(&t.db, who, round.id, id, side, assessment(status, 3), None).await.unwrap();
        }
        let bad = reviews::assess(&t.db, &planner, round.id, ids[3], Side::Government, assessment(S::OnTrack, 5), None)
            .await
            .unwrap_err();
        assert!(matches!(&bad, AppError::Invalid(e) if e[0].field == "rating"), "{bad:?}");

        let report = reviews::report(&t.db, round.id).await.unwrap();
        let all = report.by_outcome();
        assert_eq!(all.total, 4);
        let count = |row: &app::types::OutcomeCounts, outcome: Outcome| {
            row.counts[Outcome::ALL.iter().position(|o| *o == outcome).unwrap()]
        };
        assert_eq!(count(&all, Outcome::Agreed(S::OnTrack)), 1);
        assert_eq!(count(&all, Outcome::Agreed(S::Achieved)), 1);
        assert_eq!(count(&all, Outcome::Disputed), 1);
        assert_eq!(count(&all, Outcome::Pending), 1);
        assert_eq!(all.counts.iter().sum::<usize>(), 4);
        let parties = report.by_party();
        let labels: Vec<&str> = parties.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["Ministry of Planning and Development", "Norway (Norad)"]);
        assert_eq!(parties[0].total, 2);
        assert_eq!(count(&parties[0], Outcome::Agreed(S::OnTrack)), 1);
        assert_eq!(count(&parties[0], Outcome::Disputed), 1);
        assert_eq!(parties[1].total, 2);
        assert_eq!(count(&parties[1], Outcome::Agreed(S::Achieved)), 1);
        assert_eq!(count(&parties[1], Outcome::Pending), 1);
        let overdue: Vec<&str> = report
            .overdue(chrono::Utc::now().date_naive())
            .iter()
            .map(|i| i.commitment.text.as_str())
            .collect();
        assert_eq!(overdue, ["Joint, due in August"]);

        // The report page, and the server's refusals.
        let app = TestApp::spawn(&t).await;
        let member = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let (status, page) = member.get_text(&format!("/countries/XD/compact/reviews/{}", round.id)).await;
        assert_eq!(status, 200);
        assert!(page.contains("The sides disagree"));
        assert!(page.contains("Joint, due in August"));
        let (status, _) = app.get_text(&format!("/countries/XD/compact/reviews/{}", round.id)).await;
        assert_eq!(status, 404, "an open round is for members");
        let fcdo = Client::signed_in(&app, accounts::FCDO.0, accounts::FCDO.1).await;
        let csrf = fcdo.csrf().await;
        let (round_id, commitment_id) = (round.id.to_string(), ids[2].to_string());
        let answer = fcdo
            .call::<app::server_fns::AssessCommitment>(&[
                ("csrf", &csrf),
                ("round_id", &round_id),
                ("commitment_id", &commitment_id),
                ("side", "partner"),
                ("assessment[status]", "off_track"),
                ("assessment[rating]", "1"),
            ])
            .await;
        assert_eq!(answer.status, 403, "the UK does not answer for Norway");

        reviews::close(&t.db, &system, round.id, d("2026-11-20")).await.unwrap();
        let closed = reviews::assess(&t.db, &planner, round.id, ids[3], Side::Government, assessment(S::OnTrack, 3), None)
            .await
            .unwrap_err();
        assert!(matches!(&closed, AppError::Invalid(e) if e[0].field == "status"), "{closed:?}");
        let (status, _) = app.get_text(&format!("/countries/XD/compact/reviews/{}", round.id)).await;
        assert_eq!(status, 200, "a closed round's report is public");
        app.stop().await;
    }
}

both_backends! {
    async fn the_demo_has_a_closed_round_and_one_under_way(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let rounds = reviews::of_country(&t.db, country_id).await.unwrap();
        assert_eq!(rounds.len(), 2);
        assert!(rounds[0].closed_on.is_none(), "the annual review is under way");
        let mid_term = reviews::report(&t.db, rounds[1].id).await.unwrap();
        assert_eq!(mid_term.round.closed_on, Some(d("2026-10-31")));
        let all = mid_term.by_outcome();
        assert_eq!(all.total, 25);
        let pending = all.counts[Outcome::ALL.iter().position(|o| *o == Outcome::Pending).unwrap()];
        assert_eq!(pending, 0, "both sides assessed everything");
        let disputed = all.counts[Outcome::ALL.iter().position(|o| *o == Outcome::Disputed).unwrap()];
        assert!(disputed > 0);
    }
}
