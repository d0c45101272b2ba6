//! Correcting the transition plan: every field of a function and of a
//! drawdown phase, readiness history, removal, the audit's before and
//! after, and refusal of a save opened at an older version.

use app::AppError;
use app::server_fns::UpdateTransitionFunction;
use app::services::accounts::audit::{self, Author};
use app::services::transition::plans;
use app::services::{accounts::countries, demo, transition::drawdown, transition::functions};
use app::types::{FunctionKind, NewDrawdownPhase, Readiness};
use tests::{Client, TestApp, both_backends, demo as accounts};

use crate::transition::{d, function, setup, usd};

both_backends! {
    async fn every_field_of_a_function_is_corrected_and_its_readiness_keeps_a_history(t) {
        let (country_id, owner) = setup(&t).await;
        let planner = Author::system("planner");
        let other = Author::system("another planner");
        let added = functions::add_function(&t.db, &planner, country_id, function(owner, "2027-01-15", "1000", "400", "100"))
            .await
            .unwrap();
        assert_eq!(added.version, 1);
        let mut change = function(owner, "2027-09-30", "1200.50", "450", "300");
        change.kind = FunctionKind::JusticeCorrections;
        change.name = "Prison support".into();
        change.current_provider = "UN corrections unit".into();
        change.readiness = Readiness::InProgress;
        let changed = functions::update_function(&t.db, &other, country_id, added.id, 1, change.clone())
            .await
            .unwrap();
        assert_eq!(
            (changed.kind, changed.name.as_str(), changed.current_provider.as_str()),
            (FunctionKind::JusticeCorrections, "Prison support", "UN corrections unit")
        );
        assert_eq!((changed.target_handover, changed.handover_fiscal_year), (d("2027-09-30"), 2027));
        assert_eq!((changed.mission_cost, changed.after_cost, changed.secured), (usd("1200.50"), usd("450"), usd("300")));
        assert_eq!(changed.version, 2);
        let steps: Vec<Readiness> = changed.history.iter().map(|s| s.readiness).collect();
        assert_eq!(steps, [Readiness::Planning, Readiness::InProgress]);

        // The cliff follows: the function moved to fiscal year 2027.
        let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
        assert_eq!(plan.cliff.iter().map(|y| y.fiscal_year).collect::<Vec<_>>(), [2027]);
        assert_eq!(plan.cliff[0].gap, usd("150"));

        // The audit keeps the function before and after.
        let trail = audit::history(&t.db, "transition_function", added.id).await.unwrap();
        assert_eq!(trail[0].action, "update");
        let before: app::types::TransitionFunction =
            serde_json::from_str(trail[0].before.as_deref().unwrap()).unwrap();
        let after: app::types::TransitionFunction =
            serde_json::from_str(trail[0].after.as_deref().unwrap()).unwrap();
        assert_eq!((before.name.as_str(), before.after_cost), ("Handover on 2027-01-15", usd("400")));
        assert_eq!((after.name.as_str(), after.after_cost), ("Prison support", usd("450")));

        // A save from a form opened at version 1 is refused, naming who
        // saved version 2; nothing changes.
        let mut late = change.clone();
        late.name = "Overwritten".into();
        let err = functions::update_function(&t.db, &planner, country_id, added.id, 1, late)
            .await
            .unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("another planner"), "{message}");
        assert!(err.to_string().contains("after you opened it"), "{err}");
        let err = functions::remove_function(&t.db, &planner, country_id, added.id, 1).await.unwrap_err();
        assert!(matches!(err, AppError::Stale(_)), "{err:?}");

        // A correction is checked like a new function.
        let mut outside = change.clone();
        outside.target_handover = d("2030-01-01");
        let err = functions::update_function(&t.db, &planner, country_id, added.id, 2, outside).await.unwrap_err();
        assert!(matches!(&err, AppError::Invalid(e) if e[0].field == "target_handover"), "{err:?}");
        let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
        assert_eq!(plan.functions[0].name, "Prison support");

        // Removal at the current version; the audit keeps what was removed.
        functions::remove_function(&t.db, &planner, country_id, added.id, 2).await.unwrap();
        assert!(plans::load(&t.db, country_id).await.unwrap().unwrap().functions.is_empty());
        let trail = audit::history(&t.db, "transition_function", added.id).await.unwrap();
        assert_eq!(trail[0].action, "delete");
        assert!(trail[0].before.as_deref().unwrap().contains("Prison support"));
    }
}

both_backends! {
    async fn a_phase_is_corrected_and_removed(t) {
        let (country_id, _) = setup(&t).await;
        let system = Author::system("test");
        let phase = |name: &str, start: &str, end: &str| NewDrawdownPhase {
            name: name.into(),
            starts_on: d(start),
            ends_on: d(end),
        };
        let added = drawdown::add_phase(&t.db, &system, country_id, phase("East", "2026-07-01", "2027-06-30"))
            .await
            .unwrap();
        let changed = drawdown::update_phase(&t.db, &system, country_id, added.id, 1, phase("East and south", "2026-09-01", "2027-06-30"))
            .await
            .unwrap();
        assert_eq!((changed.name.as_str(), changed.starts_on, changed.version), ("East and south", d("2026-09-01"), 2));
        let err = drawdown::update_phase(&t.db, &system, country_id, added.id, 2, phase("Late", "2026-09-01", "2029-01-01"))
            .await
            .unwrap_err();
        assert!(matches!(&err, AppError::Invalid(e) if e[0].field == "phase_end"), "{err:?}");
        let err = drawdown::remove_phase(&t.db, &system, country_id, added.id, 1).await.unwrap_err();
        assert!(matches!(err, AppError::Stale(_)), "{err:?}");
        let trail = audit::history(&t.db, "drawdown_phase", added.id).await.unwrap();
        assert!(trail[0].before.as_deref().unwrap().contains("\"East\""), "{:?}", trail[0]);
        drawdown::remove_phase(&t.db, &system, country_id, added.id, 2).await.unwrap();
        assert!(plans::load(&t.db, country_id).await.unwrap().unwrap().phases.is_empty());
    }
}

both_backends! {
    async fn a_planner_corrects_a_function_over_http_and_a_stale_save_names_who_saved_first(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
        let target = plan
            .functions
            .iter()
            .find(|f| f.readiness == Readiness::NotStarted)
            .unwrap()
            .clone();
        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let id = target.id.to_string();
        let version = target.version.to_string();
        let owner = target.future_owner_id.to_string();
        let handover = target.target_handover.to_string();
        let fields = |readiness: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("country", "XD".to_string()),
                ("function_id", id.clone()),
                ("version", version.clone()),
                ("function[kind]", target.kind.code().to_string()),
                ("function[name]", target.name.clone()),
                ("function[current_provider]", target.current_provider.clone()),
                ("function[future_owner_id]", owner.clone()),
                ("function[target_handover]", handover.clone()),
                ("function[readiness]", readiness.to_string()),
                ("function[mission_cost]", target.mission_cost.to_string()),
                ("function[after_cost]", target.after_cost.to_string()),
                ("function[secured]", target.secured.to_string()),
            ]
        };
        let send = async |fields: Vec<(&str, String)>| {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            planner.call::<UpdateTransitionFunction>(&fields).await
        };
        let saved = send(fields("in_progress")).await;
        assert!(saved.is_success(), "{saved:?}");
        let again = send(fields("planning")).await;
        assert_eq!(again.status, 409, "{again:?}");
        assert!(again.body.contains(accounts::PLANNER.0), "names who saved first: {}", again.body);

        let today = chrono::Utc::now().date_naive();
        let (_, page) = planner.get_text("/countries/XD/transition").await;
                assert!(page.contains(&format!("Not started on {}, then In progress on {}", today, today)), "the readiness and its history");
        assert!(page.contains(&format!("Correct “{}”", target.name)), "the planner may correct it");
        app.stop().await;
    }
}
