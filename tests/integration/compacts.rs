use app::AppError;
use app::services::accounts::audit::Author;
use app::services::{
    accounts::countries, compact::commitments, compact::compacts, compact::signing, demo,
};
use app::types::{CommitmentKind, CommitmentStatus, Compact, CompactStatus, NewProgress};
use sha2::{Digest, Sha256};
use tests::{TestApp, TestDb, both_backends};

use crate::fixtures::{actor, commitment, d, main_of, org};

fn fields(err: AppError) -> Vec<String> {
    match err {
        AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The demo country and its signed compact, version 1.
async fn signed_demo(t: &TestDb) -> (i32, Compact) {
    demo::seed(&t.db).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let signed = compacts::latest_signed(&t.db, country_id)
        .await
        .unwrap()
        .unwrap();
    (country_id, signed)
}

both_backends! {
    async fn a_signed_compact_is_frozen_and_an_amendment_starts_unsigned(t) {
        let (country_id, v1) = signed_demo(&t).await;
        assert_eq!(v1.version, 1);
        assert_eq!(v1.status, CompactStatus::Signed);
        assert_eq!(v1.commitments.len(), 25);
        assert_eq!(v1.parties.len(), 7);
        let hash = v1.sha256.clone().unwrap();
        assert!(v1.parties.iter().all(|p| p.signature.as_ref().map(|s| &s.sha256) == Some(&hash)));
        let recomputed = format!("{:x}", Sha256::digest(signing::canonical_json(&v1).unwrap()));
        assert_eq!(recomputed, hash, "the hash is of the canonical text");

        // The agreed content of a signed version never changes.
        let system = Author::system("test");
        let first = &v1.commitments[0];
        let mut changed = first.as_new();
        changed.text = "Something else".into();
        let refused = commitments::update(&t.db, &system, first.id, first.version, changed).await.unwrap_err();
        assert_eq!(fields(refused), ["status"]);
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let extra = commitment(norad, CommitmentKind::Partner, "One more");
        let refused = commitments::add(&t.db, &system, v1.id, extra).await.unwrap_err();
        assert_eq!(fields(refused), ["status"]);

        // Progress goes on after signature, and does not move the hash.
        let planner = actor(&t, tests::demo::PLANNER.0).await;
        let off = NewProgress {
            on_date: d("2026-11-01"),
            text: "Delayed".into(),
            evidence_url: None,
            status: CommitmentStatus::OffTrack,
            status_reason: None,
        };
        let refused = commitments::report_progress(&t.db, &planner, first.id, off.clone())
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["status_reason"]);
        let with_reason = NewProgress { status_reason: Some("Cabinet reshuffle".into()), ..off };
        let reported = commitments::report_progress(&t.db, &planner, first.id, with_reason)
            .await
            .unwrap();
        assert_eq!(reported.status, CommitmentStatus::OffTrack);
        let after = compacts::load(&t.db, v1.id).await.unwrap();
        assert_eq!(signing::canonical_json(&after).unwrap(), signing::canonical_json(&v1).unwrap());

        // An amendment copies the content and needs every signature again.
        let v2 = compacts::amend(&t.db, &system, v1.id).await.unwrap();
        assert_eq!(v2.version, 2);
        assert_eq!(v2.status, CompactStatus::Draft);
        assert_eq!(v2.based_on_version, Some(1));
        assert_eq!(v2.sha256, None);
        assert!(v2.parties.iter().all(|p| p.signature.is_none()));
        assert_eq!(v2.commitments.len(), 25);
        let again = compacts::amend(&t.db, &system, v1.id).await.unwrap_err();
        assert_eq!(fields(again), ["status"], "one open version at a time");
        let early = signing::sign(&t.db, &planner, v2.id).await.unwrap_err();
        assert_eq!(fields(early), ["status"], "a draft is not signed");
    }
}

both_backends! {
    async fn bad_commitments_name_the_field_and_save_nothing(t) {
        let (country_id, v1) = signed_demo(&t).await;
        let system = Author::system("test");
        let v2 = compacts::amend(&t.db, &system, v1.id).await.unwrap();
        let norad = org(&t, country_id, "Norway (Norad)").await;
        let nrc = org(&t, country_id, "Norwegian Refugee Council").await;
        let good = commitment(norad, CommitmentKind::Partner, "Report all aid");
        let cases = [
            ({ let mut c = good.clone(); c.text = "  ".into(); c }, "text"),
            ({ let mut c = good.clone(); c.due_on = d("2026-06-30"); c }, "due_on"),
            // 2.4 is only in the strategy's draft, not in the endorsed
            // version the compact is built on.
            ({ let mut c = good.clone(); c.priority_code = "2.4".into(); c }, "priority_code"),
            ({ let mut c = good.clone(); c.party_id = nrc; c }, "party_id"),
            ({ let mut c = good.clone(); c.kind = CommitmentKind::Government; c }, "party_id"),
        ];
        for (bad, field) in cases {
            let refused = commitments::add(&t.db, &system, v2.id, bad).await.unwrap_err();
            assert_eq!(fields(refused), [field]);
        }
        let unchanged = compacts::load(&t.db, v2.id).await.unwrap();
        assert_eq!(unchanged.commitments.len(), 25, "nothing was saved");
        commitments::add(&t.db, &system, v2.id, good).await.unwrap();
    }
}

both_backends! {
    async fn the_downloaded_text_hashes_to_the_value_the_page_shows(t) {
        let (_, v1) = signed_demo(&t).await;
        let app = TestApp::spawn(&t).await;
        let (status, page) = app.get_text("/countries/XD/compact").await;
        assert_eq!(status, 200);
        let hash = v1.sha256.clone().unwrap();
        assert!(page.contains(&hash), "the page shows the hash");
        assert!(page.contains("signed by Nils Reporter (Norad)"));

        let (status, body) = app.get_text("/countries/XD/compact/v1.json").await;
        assert_eq!(status, 200);
        assert_eq!(format!("{:x}", Sha256::digest(body.as_bytes())), hash);
        let text: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(text["commitments"].as_array().unwrap().len(), 25);
        assert_eq!(text["version"], 1);

        let (status, api) = app.get_text("/api/v1/countries/XD/compact").await;
        assert_eq!(status, 200);
        let api: serde_json::Value = serde_json::from_str(&api).unwrap();
        assert_eq!(api["sha256"], hash.as_str());
        assert_eq!(api["parties"].as_array().unwrap().len(), 7);

        // The CSV lists the signed commitments with their status now.
        let (status, csv) = app.get_text("/countries/XD/compact.csv").await;
        assert_eq!(status, 200);
        let mut rows = csv.lines();
        assert!(rows.next().unwrap().starts_with("number,party,kind,category,commitment"));
        assert_eq!(rows.count(), 25);
        assert!(csv.contains("Cabinet has not met since September."), "the reason for off track");

        // One party's page shows only its commitments.
        let norad = v1.parties.iter().find(|p| p.name == "Norway (Norad)").unwrap().id;
        let (_, page) = app.get_text(&format!("/countries/XD/compact?party={norad}")).await;
        let page = main_of(&page);
        assert!(page.contains("Report every disbursement, off-budget included"));
        assert!(!page.contains("Publish all programmes to IATI monthly"), "the UK's is not Norway's");
        // Overdue first: the first commitment shown is past due and unmet.
        let today = chrono::Utc::now().date_naive();
        let first_overdue = v1.commitments.iter().find(|c| c.overdue(today)).unwrap();
        let (_, page) = app.get_text("/countries/XD/compact?view=overdue").await;
        let page = main_of(&page);
        let first_shown = v1
            .commitments
            .iter()
            .filter_map(|c| page.find(&c.text).map(|at| (at, c)))
            .min_by_key(|(at, _)| *at)
            .unwrap()
            .1;
        assert!(first_shown.overdue(today), "{} is not overdue", first_shown.text);
        assert!(page.find(&first_overdue.text).is_some());

        // Drafts are neither downloadable nor public.
        compacts::amend(&t.db, &Author::system("test"), v1.id).await.unwrap();
        let (status, _) = app.get_text("/countries/XD/compact/v2.json").await;
        assert_eq!(status, 404);
        let (_, page) = app.get_text("/countries/XD/compact").await;
        assert!(page.contains("Version 1"), "the public still reads the signed version");
        let (status, _) = app.get_text("/countries/XD/compact?version=2").await;
        assert_eq!(status, 404);
        app.stop().await;
    }
}

both_backends! {
    async fn members_comment_on_commitments_in_any_version(t) {
        let (_, v1) = signed_demo(&t).await;
        let first = &v1.commitments[0];
        assert_eq!(first.comments.len(), 1, "the demo's civil-society comment");
        let reviewer = actor(&t, tests::demo::REVIEWER.0).await;
        let blank = commitments::comment(&t.db, &reviewer, first.id, "   ").await.unwrap_err();
        assert_eq!(fields(blank), ["body"]);
        commitments::comment(&t.db, &reviewer, first.id, "Still waiting for the security annex.")
            .await
            .unwrap();
        let after = compacts::load(&t.db, v1.id).await.unwrap();
        let thread: Vec<(&str, &str)> = after.commitments[0]
            .comments
            .iter()
            .map(|c| (c.author.as_str(), c.body.as_str()))
            .collect();
        assert_eq!(thread.len(), 2);
        assert_eq!(thread[1], ("Rita Reviewer", "Still waiting for the security annex."));
        assert_eq!(
            signing::canonical_json(&after).unwrap(),
            signing::canonical_json(&v1).unwrap(),
            "comments are not part of the signed text"
        );
    }
}
