//! Partners correct and remove their own flows: the totals follow, the
//! audit trail keeps the row before and after, and a form opened before
//! someone else's change is refused as stale.

use app::AppError;
use app::server_fns::{DeletePlannedDisbursement, UpdateTransaction, ValidateActivities};
use app::services::accounts::audit::{self, Author};
use app::services::{accounts::countries, demo, funding::activities, funding::report};
use app::types::{GroupBy, NewPlannedDisbursement, TransactionKind::Disbursement};
use rust_decimal::Decimal;
use tests::{Client, TestApp, both_backends, demo as accounts};

use crate::fixtures::d;
use crate::funding_data::{activity, build, dec, flow};

/// Norway's disbursements on the funding page, in US dollars.
async fn norway_disbursed(t: &tests::TestDb, country_id: i32, norway: i32) -> Decimal {
    report::build(&t.db, country_id, GroupBy::Partner, None)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.key == norway.to_string())
        .map(|r| r.totals.disbursed)
        .unwrap_or_default()
}

both_backends! {
    async fn a_partner_corrects_and_removes_its_flows(t) {
        let f = build(&t).await;
        let system = Author::system("test");
        let before = norway_disbursed(&t, f.country_id, f.norway).await;
        let roads = activities::create(&t.db, &system, f.country_id, activity(f.norway, "Roads", "USD"))
            .await
            .unwrap();

        // One zero too many, then corrected.
        let typo = activities::add_transaction(&t.db, &system, roads.id, flow(Disbursement, "2025-10-01", "10000000"))
            .await
            .unwrap();
        assert_eq!(typo.version, 1);
        assert_eq!(norway_disbursed(&t, f.country_id, f.norway).await, before + dec("10000000"));
        let fixed = activities::update_transaction(&t.db, &system, typo.id, 1, flow(Disbursement, "2025-10-01", "1000000"))
            .await
            .unwrap();
        assert_eq!((fixed.amount, fixed.version), (dec("1000000"), 2));
        assert_eq!(norway_disbursed(&t, f.country_id, f.norway).await, before + dec("1000000"));

        // A form opened at version 1 no longer applies.
        let stale = activities::update_transaction(&t.db, &system, typo.id, 1, flow(Disbursement, "2025-10-01", "5"))
            .await
            .unwrap_err();
        assert!(matches!(stale, AppError::Stale(_)), "{stale:?}");
        let stale = activities::delete_transaction(&t.db, &system, typo.id, 1).await.unwrap_err();
        assert!(matches!(stale, AppError::Stale(_)), "{stale:?}");

        // A planned disbursement over two fiscal years, then removed.
        let plan = NewPlannedDisbursement {
            period_start: d("2026-01-01"),
            period_end: d("2026-12-31"),
            amount: dec("12000"),
            currency: None,
        };
        let rows = activities::add_planned_disbursement(&t.db, &system, roads.id, plan).await.unwrap();
        assert_eq!(rows.len(), 2, "split at the fiscal year starting in July");
        activities::delete_planned_disbursement(&t.db, &system, rows[0].id, 1).await.unwrap();
        let left = activities::of_organisation(&t.db, f.country_id, f.norway).await.unwrap()
            .into_iter().find(|a| a.id == roads.id).unwrap().planned_disbursements;
        assert_eq!(left.iter().map(|p| p.id).collect::<Vec<_>>(), [rows[1].id]);

        activities::delete_transaction(&t.db, &system, typo.id, 2).await.unwrap();
        assert_eq!(norway_disbursed(&t, f.country_id, f.norway).await, before);

        // The trail: created, corrected (before and after), deleted.
        let history = audit::history(&t.db, "transaction", typo.id).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["delete", "update", "create"]);
        let amount = |json: &Option<String>| -> Decimal {
            let value: serde_json::Value = serde_json::from_str(json.as_deref().unwrap()).unwrap();
            dec(value["amount"].as_str().unwrap())
        };
        assert_eq!(amount(&history[1].before), dec("10000000"));
        assert_eq!(amount(&history[1].after), dec("1000000"));
        assert_eq!(amount(&history[0].before), dec("1000000"));
        assert!(history[0].after.is_none());
        let planned = audit::history(&t.db, "planned_disbursement", rows[0].id).await.unwrap();
        assert_eq!(planned[0].action, "delete");
        assert!(planned[0].before.is_some());
    }
}

both_backends! {
    async fn the_norway_reporter_corrects_a_disbursement_through_the_page(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let norway = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let actor = crate::fixtures::actor(&t, accounts::NORAD.0).await;
        let own = activities::of_organisation(&t.db, country_id, actor.organisation_id).await.unwrap();
        let t0 = own.iter().flat_map(|a| &a.transactions).find(|t| t.kind == Disbursement).unwrap().clone();
        let csrf = norway.csrf().await;
        let (id, version) = (t0.id.to_string(), t0.version.to_string());
        let date = t0.transaction_date.to_string();
        let fields = |version: &str, amount: &str| -> Vec<(&'static str, String)> {
            vec![
                ("csrf", csrf.clone()),
                ("country", "XD".into()),
                ("transaction_id", id.clone()),
                ("version", version.to_string()),
                ("transaction[kind]", "3".into()),
                ("transaction[transaction_date]", date.clone()),
                ("transaction[amount]", amount.into()),
                ("transaction[currency]", t0.currency.to_string()),
                ("transaction[on_treasury]", "yes".into()),
            ]
        };
        let send = async |fields: Vec<(&'static str, String)>| {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            norway.call::<UpdateTransaction>(&fields).await
        };
        let answer = send(fields(&version, "1,234.50")).await;
        assert!(answer.is_success(), "{answer:?}");
        // The correction waits for validation, in place of the row on the
        // partner's page.
        let after = activities::of_organisation(&t.db, country_id, actor.organisation_id).await.unwrap()
            .into_iter().flat_map(|a| a.transactions).find(|t| t.replaces == Some(t0.id)).unwrap();
        assert_eq!(after.amount, dec("1234.50"));
        assert_eq!(after.overrides.on_treasury, Some(true));
        // The same form sent again is stale now.
        let again = send(fields(&version, "99")).await;
        assert_eq!(again.status, 409, "{again:?}");

        // The planner validates it from the queue: the row itself changes.
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf_planner = planner.csrf().await;
        let change = after.activity_id.to_string();
        let validated = planner.call::<ValidateActivities>(&[
            ("csrf", csrf_planner.as_str()), ("country", "XD"), ("activity_ids[0]", &change),
        ]).await;
        assert!(validated.is_success(), "{validated:?}");
        let row = activities::of_organisation(&t.db, country_id, actor.organisation_id).await.unwrap()
            .into_iter().flat_map(|a| a.transactions).find(|t| t.id == t0.id).unwrap();
        assert_eq!((row.amount, row.replaces), (dec("1234.50"), None));

        // Someone else's row: the UK cannot remove Norway's plans.
        let plan = own.iter().flat_map(|a| &a.planned_disbursements).next().unwrap();
        let uk = Client::signed_in(&app, accounts::FCDO.0, accounts::FCDO.1).await;
        let csrf = uk.csrf().await;
        let (plan_id, plan_version) = (plan.id.to_string(), plan.version.to_string());
        let refused = uk.call::<DeletePlannedDisbursement>(&[
            ("csrf", csrf.as_str()), ("country", "XD"), ("planned_id", &plan_id), ("version", &plan_version),
        ]).await;
        assert_eq!(refused.status, 403, "{refused:?}");
        app.stop().await;
    }
}

/// `(committed, disbursed)` of a row of the funding page by priority.
async fn by_priority(t: &tests::TestDb, country_id: i32, key: &str) -> (Decimal, Decimal) {
    report::build(&t.db, country_id, GroupBy::Priority, None)
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.key == key)
        .map(|r| (r.totals.committed, r.totals.disbursed))
        .unwrap_or_default()
}

/// `(line code, on-budget disbursed)` of fiscal year 2025's budget page.
async fn budget_disbursed(t: &tests::TestDb, country_id: i32) -> Vec<(String, Decimal)> {
    app::services::funding::budget::view(&t.db, country_id, 2025)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.line.code, r.on_budget_disbursed))
        .collect()
}

both_backends! {
    async fn a_partner_completes_withdraws_and_deletes_an_activity(t) {
        use app::types::{NewBudgetLine, Share, TransactionKind::Commitment};
        let f = build(&t).await;
        let system = Author::system("test");
        let second_line = app::services::funding::chart::add_line(&t.db, &system, f.country_id, NewBudgetLine {
            code: "04-120".into(),
            name: "Border management".into(),
            admin_unit: "Ministry of Interior".into(),
            function_name: "Public order and safety".into(),
            security: true,
            sector_code: Some("152".into()),
            parent_code: None,
        }).await.unwrap().id;
        let roads = activities::create(&t.db, &system, f.country_id, activity(f.norway, "Roads", "USD")).await.unwrap();
        activities::add_transaction(&t.db, &system, roads.id, flow(Commitment, "2025-08-01", "2000000")).await.unwrap();
        activities::add_transaction(&t.db, &system, roads.id, flow(Disbursement, "2025-10-01", "1000000")).await.unwrap();
        let unaligned = by_priority(&t, f.country_id, "unaligned").await;
        let priority = by_priority(&t, f.country_id, "1.2").await;
        let lines = budget_disbursed(&t, f.country_id).await;

        // Completed: on budget and treasury, all of it to priority 1.2, the
        // budget split 60/40 between two lines.
        let mut completed = activity(f.norway, "Roads, completed", "USD");
        completed.systems.on_budget = true;
        completed.systems.on_treasury = true;
        completed.priorities = vec![Share { code: "1.2".into(), percent: dec("100") }];
        completed.budget_lines = vec![(f.security_line, dec("60")), (second_line, dec("40"))];
        let after = activities::update(&t.db, &system, roads.id, 1, completed.clone()).await.unwrap();
        assert_eq!((after.title.as_str(), after.version), ("Roads, completed", 2));
        let moved = (dec("2000000"), dec("1000000"));
        assert_eq!(by_priority(&t, f.country_id, "1.2").await, (priority.0 + moved.0, priority.1 + moved.1));
        assert_eq!(by_priority(&t, f.country_id, "unaligned").await, (unaligned.0 - moved.0, unaligned.1 - moved.1));
        let expected: Vec<(String, Decimal)> = lines
            .iter()
            .map(|(code, amount)| match code.as_str() {
                "04-110" => (code.clone(), *amount + dec("600000")),
                "04-120" => (code.clone(), *amount + dec("400000")),
                _ => (code.clone(), *amount),
            })
            .collect();
        assert_eq!(budget_disbursed(&t, f.country_id).await, expected);
        let stale = activities::update(&t.db, &system, roads.id, 1, completed).await.unwrap_err();
        assert!(matches!(stale, AppError::Stale(_)), "{stale:?}");

        // Withdrawn, it counts nowhere; a published activity is not deleted.
        let refused = activities::delete(&t.db, &system, roads.id, 2).await.unwrap_err();
        assert!(matches!(&refused, AppError::Invalid(e) if e[0].field == "published"), "{refused:?}");
        activities::withdraw(&t.db, &system, roads.id, 2).await.unwrap();
        assert_eq!(by_priority(&t, f.country_id, "1.2").await, priority);
        activities::delete(&t.db, &system, roads.id, 3).await.unwrap();
        assert!(activities::get_model(&t.db, roads.id).await.is_err());
        let history = audit::history(&t.db, "activity", roads.id).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["delete", "update", "update", "create"]);
        assert!(history[0].before.as_deref().unwrap().contains("Roads, completed"));
    }
}

both_backends! {
    async fn the_same_create_form_posted_twice_creates_one_row(t) {
        use app::server_fns::AddTransaction;
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let norway = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let actor = crate::fixtures::actor(&t, accounts::NORAD.0).await;
        let count = async || {
            activities::of_organisation(&t.db, country_id, actor.organisation_id)
                .await
                .unwrap()
                .iter()
                .map(|a| a.transactions.len())
                .sum::<usize>()
        };
        let activity = activities::of_organisation(&t.db, country_id, actor.organisation_id)
            .await
            .unwrap()[0]
            .id
            .to_string();
        let csrf = norway.csrf().await;
        let token = app::services::accounts::password::random_token();
        let post = async |amount: &str| {
            norway.call::<AddTransaction>(&[
                ("csrf", csrf.as_str()),
                ("once", token.as_str()),
                ("country", "XD"),
                ("activity_id", activity.as_str()),
                ("transaction[kind]", "3"),
                ("transaction[transaction_date]", "2026-09-30"),
                ("transaction[amount]", amount),
            ])
            .await
        };
        let before = count().await;
        // A mistake does not spend the token: the corrected form goes through.
        let refused = post("-5").await;
        assert_eq!(refused.status, 422, "{refused:?}");
        let first = post("2,500.00").await;
        assert!(first.is_success(), "{first:?}");
        let again = post("2,500.00").await;
        assert!(again.is_success(), "a retry is answered as done: {again:?}");
        assert_eq!(count().await, before + 1, "one row for the form");

        // Two posts of one form at the same moment: still one row.
        let token = app::services::accounts::password::random_token();
        let fields = [
            ("csrf", csrf.as_str()),
            ("once", token.as_str()),
            ("country", "XD"),
            ("activity_id", activity.as_str()),
            ("transaction[kind]", "3"),
            ("transaction[transaction_date]", "2026-09-30"),
            ("transaction[amount]", "700"),
        ];
        let (a, b) = tokio::join!(norway.call::<AddTransaction>(&fields), norway.call::<AddTransaction>(&fields));
        assert!(a.is_success() && b.is_success(), "{a:?} {b:?}");
        assert_eq!(count().await, before + 2);
        app.stop().await;
    }
}

both_backends! {
    async fn the_public_browses_published_projects_only(t) {
        let f = build(&t).await;
        let system = Author::system("test");
        let mut draft = activity(f.norway, "Roads, a draft", "USD");
        draft.published = false;
        let draft = activities::create(&t.db, &system, f.country_id, draft).await.unwrap();
        for i in 0..55 {
            activities::create(&t.db, &system, f.country_id, activity(f.uk, &format!("Water point {i:02}"), "USD"))
                .await
                .unwrap();
        }
        let all = activities::browse(&t.db, f.country_id, "", 1).await.unwrap();
        assert!(all.activities.iter().all(|a| a.id != draft.id));
        let water = activities::browse(&t.db, f.country_id, "WATER point", 2).await.unwrap();
        assert_eq!((water.total, water.page, water.pages), (55, 2, 2));
        let titles: Vec<&str> = water.activities.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Water point 50", "Water point 51", "Water point 52", "Water point 53", "Water point 54"]);
        let none = activities::browse(&t.db, f.country_id, "100%_", 1).await.unwrap();
        assert_eq!(none.total, 0, "% and _ are taken literally");

        let app = TestApp::spawn(&t).await;
        let public = Client::new(&app);
        let (status, page) = public.get_text("/countries/TL/activities?q=water&page=2").await;
        assert_eq!(status, 200);
        assert!(page.contains("Water point 54") && !page.contains("Water point 49"), "{page}");
        assert!(page.contains("/countries/TL/activities?q=water&amp;page=1"), "a link back: {page}");
        let shown = water.activities[0].id;
        let (status, page) = public.get_text(&format!("/countries/TL/activities/{shown}")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Water point 50"));
        let (status, _) = public.get_text(&format!("/countries/TL/activities/{}", draft.id)).await;
        assert_eq!(status, 404, "a draft is not public");
        app.stop().await;
    }
}

both_backends! {
    async fn every_create_form_posted_twice_creates_one_row(t) {
        use app::server_fns::AddDrawdownPhase;
        use app::services::transition::plans;
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let phases = async || {
            plans::load(&t.db, country_id).await.unwrap().unwrap().phases.len()
        };
        let before = phases().await;
        let csrf = planner.csrf().await;
        let token = app::services::accounts::password::random_token();
        let fields = [
            ("csrf", csrf.as_str()),
            ("once", token.as_str()),
            ("country", "XD"),
            ("phase_name", "Rear party"),
            ("phase_start", "2029-01-01"),
            ("phase_end", "2029-06-30"),
        ];
        let first = planner.call::<AddDrawdownPhase>(&fields).await;
        assert!(first.is_success(), "{first:?}");
        let again = planner.call::<AddDrawdownPhase>(&fields).await;
        assert!(again.is_success(), "a retry is answered as done: {again:?}");
        assert_eq!(phases().await, before + 1, "one phase for the form");

        // The page's form carries a token of its own.
        let (status, page) = planner.get_text("/countries/XD/transition").await;
        assert_eq!(status, 200);
        assert!(page.contains("name=\"once\""), "the phase form carries a one-time token");
        app.stop().await;
    }
}
