//! What members keep among themselves: comment threads (on pages, the
//! server functions, the API and files alike) and the history of objects
//! beyond what their role reads.

use app::server_fns::{
    CompactView, IndicatorDetail, LoadCompact, LoadIndicatorDetail, ObjectHistory,
};
use app::services::{accounts::countries, accounts::users, demo, funding::activities};
use tests::{Client, TestApp, both_backends, demo as accounts};

const COMPACT_COMMENT: &str = "hides the intelligence service";
const INDICATOR_COMMENT: &str = "Execution fell back this year";

both_backends! {
    async fn comment_threads_are_for_members_only(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let public = Client::new(&app);
        let member = Client::signed_in(&app, accounts::FCDO.0, accounts::FCDO.1).await;

        let compact_of = |answer: tests::Answer| -> CompactView {
            assert_eq!(answer.status, 200, "{answer:?}");
            serde_json::from_str(&answer.body).unwrap()
        };
        let comments = |view: &CompactView| -> usize {
            view.compact.as_ref().map_or(0, |c| c.commitments.iter().map(|c| c.comments.len()).sum())
        };
        let fields = [("country", "XD")];
        assert!(comments(&compact_of(member.call::<LoadCompact>(&fields).await)) > 0);
        assert_eq!(comments(&compact_of(public.call::<LoadCompact>(&fields).await)), 0);

        let (_, api) = public.get_text("/api/v1/countries/XD/compact").await;
        assert!(api.contains("\"commitments\""), "{api}");
        assert!(!api.contains(COMPACT_COMMENT), "the public API carries no comment");
        let (_, csv) = public.get_text("/countries/XD/compact.csv").await;
        assert!(!csv.contains(COMPACT_COMMENT));
        let (_, page) = public.get_text("/countries/XD/compact").await;
        assert!(!page.contains(COMPACT_COMMENT), "the public page shows no comment");
        let (_, page) = member.get_text("/countries/XD/compact").await;
        assert!(page.contains(COMPACT_COMMENT), "members see the thread");

        let detail = |answer: tests::Answer| -> IndicatorDetail {
            assert_eq!(answer.status, 200, "{answer:?}");
            serde_json::from_str(&answer.body).unwrap()
        };
        let fields = [("country", "XD"), ("indicator", "capital-execution")];
        let seen = detail(member.call::<LoadIndicatorDetail>(&fields).await);
        assert!(seen.comments.iter().any(|c| c.body.contains(INDICATOR_COMMENT)));
        assert!(detail(public.call::<LoadIndicatorDetail>(&fields).await).comments.is_empty());
        app.stop().await;
    }
}

both_backends! {
    async fn history_is_read_only_where_the_role_reads_the_object(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let history = async |client: &Client, object_type: &str, id: i32| {
            let id = id.to_string();
            client.call::<ObjectHistory>(&[("object_type", object_type), ("object_id", &id)]).await
        };
        let user = users::find_by_email(&t.db, accounts::NORAD.0).await.unwrap().unwrap().id;
        let activity = activities::published(&t.db, country_id).await.unwrap()[0].id;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let reviewer = Client::signed_in(&app, accounts::REVIEWER.0, accounts::REVIEWER.1).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;

        // An account's history (email, role) is the administrators'.
        assert_eq!(history(&planner, "user", user).await.status, 403);
        assert_eq!(history(&reviewer, "user", user).await.status, 403);
        let answer = history(&admin, "user", user).await;
        assert_eq!(answer.status, 200, "{answer:?}");
        assert!(answer.body.contains(accounts::NORAD.0));
        // A partner's activity is for those who read the audit trail.
        assert_eq!(history(&planner, "activity", activity).await.status, 403);
        assert_eq!(history(&reviewer, "activity", activity).await.status, 200);
        app.stop().await;
    }
}
