use std::str::FromStr;

use app::AppError;
use app::services::accounts::audit::{self, Author};
use app::services::{
    accounts::countries, accounts::organisations, demo, strategy::pillars, strategy::priorities,
    strategy::provisions, strategy::strategies,
};
use app::types::{
    NewCountry, NewOrganisation, NewProvision, OrganisationKind, Strategy, StrategyComparison,
    StrategyStatus, YearCost,
};
use rust_decimal::Decimal;
use tests::{Client, TestApp, TestDb, both_backends, demo as accounts};

fn usd(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn fields(err: AppError) -> Vec<String> {
    match err {
        AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The demo country's endorsed version 1 and draft version 2.
async fn demo_versions(t: &TestDb) -> (Strategy, Strategy) {
    demo::seed(&t.db).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let ids: Vec<i32> = strategies::versions(&t.db, country_id)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    assert_eq!(ids.len(), 2);
    (
        strategies::load(&t.db, ids[0]).await.unwrap(),
        strategies::load(&t.db, ids[1]).await.unwrap(),
    )
}

fn priority<'a>(s: &'a Strategy, code: &str) -> &'a app::types::Priority {
    s.priority(code).map(|(_, p)| p).unwrap()
}

both_backends! {
    async fn agreements_and_links_carry_into_the_next_draft(t) {
        let (endorsed, draft) = demo_versions(&t).await;
        assert_eq!(endorsed.status, StrategyStatus::Endorsed);
        assert_eq!(endorsed.agreements.len(), 1);
        let numbers = |s: &Strategy| -> Vec<String> {
            s.agreements[0].provisions.iter().map(|p| p.number.clone()).collect()
        };
        assert_eq!(numbers(&endorsed).len(), 10);
        assert_eq!(numbers(&draft), numbers(&endorsed), "the draft has copies of every provision");
        assert_ne!(draft.agreements[0].id, endorsed.agreements[0].id);

        // Each priority implements the same articles, through the draft's own copies.
        let draft_provisions: Vec<i32> =
            draft.agreements[0].provisions.iter().map(|p| p.id).collect();
        for old in endorsed.priorities() {
            let new = priority(&draft, &old.code);
            let cite = |p: &app::types::Priority| -> Vec<String> {
                p.provisions.iter().map(|r| r.citation()).collect()
            };
            assert_eq!(cite(new), cite(old), "{}", old.code);
            assert!(new.provisions.iter().all(|r| draft_provisions.contains(&r.id)));
            assert_eq!(new.partners, old.partners, "{}", old.code);
        }
        let elections = priority(&endorsed, "1.2");
        assert_eq!(
            elections.provisions[0].citation(),
            "Comprehensive Peace Agreement for Kalinda (demo), art. 2.4"
        );
        let partners: Vec<&str> = elections.partners.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(partners.len(), 3, "{partners:?}");

        // The endorsed version's agreement is frozen with it.
        let system = Author::system("test");
        let new = NewProvision { number: "11.1".into(), text: "Late".into() };
        let refused = provisions::add(&t.db, &system, endorsed.agreements[0].id, new)
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["status"]);
        let bad = NewProvision { number: "2.1".into(), text: " ".into() };
        let refused = provisions::add(&t.db, &system, draft.agreements[0].id, bad)
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["provision_text"]);
        let twice = NewProvision { number: "2.1".into(), text: "Again".into() };
        let refused = provisions::add(&t.db, &system, draft.agreements[0].id, twice)
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["provision_number"]);
        let reloaded = strategies::load(&t.db, draft.id).await.unwrap();
        assert_eq!(numbers(&reloaded), numbers(&draft), "nothing was added");
    }
}

both_backends! {
    async fn links_outside_the_version_or_country_are_refused(t) {
        let (endorsed, draft) = demo_versions(&t).await;
        let system = Author::system("test");
        let country = NewCountry {
            code: "TL".into(),
            name: "Timor-Leste".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 7,
        };
        countries::create(&t.db, &system, country).await.unwrap();
        let (timor, _) = countries::get_with_id(&t.db, "TL").await.unwrap();
        let foreign = NewOrganisation {
            name: "Somebody else's partner".into(),
            acronym: None,
            kind: OrganisationKind::Bilateral,
            iati_id: None,
            iati_type_code: None,
        };
        let foreign = organisations::create(&t.db, &system, timor, foreign).await.unwrap().id;
        let border = priority(&draft, "2.4");
        let mut new = border.as_new(draft.pillars[1].id);
        new.partner_ids.push(foreign);
        new.provision_ids = vec![endorsed.agreements[0].provisions[0].id];
        let refused = priorities::update(&t.db, &system, (draft.id, border.id), border.version, new)
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["partner_ids", "provision_ids"]);
        let unchanged = strategies::load(&t.db, draft.id).await.unwrap();
        assert_eq!(priority(&unchanged, "2.4"), border, "nothing was saved");
    }
}

both_backends! {
    async fn a_draft_priority_is_changed_and_removed_but_an_endorsed_one_is_not(t) {
        let (endorsed, draft) = demo_versions(&t).await;
        let system = Author::system("test");
        let border = priority(&draft, "2.4").clone();
        let mut new = border.as_new(draft.pillars[2].id);
        new.code = "3.4".into();
        new.title = "Border courts".into();
        new.partner_ids = Vec::new();
        let justice = draft.agreements[0].provisions.iter().find(|p| p.number == "6.2").unwrap();
        new.provision_ids = vec![justice.id];
        new.costs = vec![YearCost { fiscal_year: draft.first_fiscal_year, amount: usd("250000.50") }];
        let changed = priorities::update(&t.db, &system, (draft.id, border.id), border.version, new.clone())
            .await
            .unwrap();
        assert_eq!(changed.id, border.id);
        let reloaded = strategies::load(&t.db, draft.id).await.unwrap();
        let (pillar, moved) = reloaded.priority("3.4").unwrap();
        assert_eq!(pillar.number, 3);
        assert_eq!(moved.title, "Border courts");
        assert!(moved.partners.is_empty());
        assert_eq!(moved.provisions.len(), 1);
        assert_eq!(moved.provisions[0].number, "6.2");
        assert_eq!(moved.total_cost(), usd("250000.50"));
        assert!(reloaded.priority("2.4").is_none());
        let history = audit::history(&t.db, "priority", border.id).await.unwrap();
        assert_eq!(history[0].action, "update");
        assert!(history[0].before.as_deref().unwrap().contains("Border police posts"));
        assert!(history[0].after.as_deref().unwrap().contains("Border courts"));

        // A code another priority has is refused.
        let mut clash = new.clone();
        clash.code = "3.1".into();
        let refused = priorities::update(&t.db, &system, (draft.id, border.id), changed.version, clash)
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["code"]);

        // The endorsed version refuses both changes and removal.
        let old = priority(&endorsed, "2.1");
        let refused = priorities::update(&t.db, &system, (endorsed.id, old.id), old.version, old.as_new(endorsed.pillars[1].id))
            .await
            .unwrap_err();
        assert_eq!(fields(refused), ["status"]);
        let refused = priorities::remove(&t.db, &system, (endorsed.id, old.id), old.version).await.unwrap_err();
        assert_eq!(fields(refused), ["status"]);
        // A priority is changed only through its own version.
        let refused = priorities::remove(&t.db, &system, (draft.id, old.id), old.version).await.unwrap_err();
        assert!(matches!(refused, AppError::NotFound(_)), "{refused:?}");

        priorities::remove(&t.db, &system, (draft.id, border.id), changed.version).await.unwrap();
        let after = strategies::load(&t.db, draft.id).await.unwrap();
        assert!(after.priority("3.4").is_none());
        assert_eq!(after.priorities().count(), reloaded.priorities().count() - 1);
        let history = audit::history(&t.db, "priority", border.id).await.unwrap();
        assert_eq!(history[0].action, "delete");
        let frozen = strategies::load(&t.db, endorsed.id).await.unwrap();
        assert_eq!(frozen, endorsed, "the endorsed version did not move");

        // The comparison reads the changes in links too.
        let v1 = strategies::load(&t.db, endorsed.id).await.unwrap();
        let mut relinked = priority(&after, "1.2").as_new(after.pillars[0].id);
        relinked.partner_ids.truncate(1);
        priorities::update(&t.db, &system, (draft.id, priority(&after, "1.2").id), priority(&after, "1.2").version, relinked)
            .await
            .unwrap();
        let v2 = strategies::load(&t.db, draft.id).await.unwrap();
        let comparison = StrategyComparison::between(&v1, &v2);
        let elections = comparison.changed.iter().find(|c| c.code == "1.2").unwrap();
        let what: Vec<&str> = elections.changes.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(what, ["supporting partners"]);
    }
}

both_backends! {
    async fn a_planner_edits_and_removes_through_http(t) {
        let (_, draft) = demo_versions(&t).await;
        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let border = priority(&draft, "2.4");
        let strategy_id = draft.id.to_string();
        let priority_id = border.id.to_string();
        let pillar_id = draft.pillars[1].id.to_string();
        let lead = border.lead_organisation_id.to_string();
        let provision = draft.agreements[0].provisions[4].id.to_string();
        let answer = planner
            .call::<app::server_fns::UpdatePriority>(&[
                ("csrf", &csrf),
                ("strategy_id", &strategy_id),
                ("priority_id", &priority_id),
                ("version", "1"),
                ("priority[pillar_id]", &pillar_id),
                ("priority[code]", "2.5"),
                ("priority[title]", "Border police posts in the north"),
                ("priority[objective]", ""),
                ("priority[lead_organisation_id]", &lead),
                ("priority[provision_ids][4]", &provision),
                ("priority[phase]", "medium_term"),
                ("priority[thematic_area]", "security_transition"),
                ("priority[costs][0][fiscal_year]", "2026"),
                ("priority[costs][0][amount]", "1,000"),
            ])
            .await;
        assert!(answer.is_success(), "{answer:?}");
        let to = answer.headers.get("location").and_then(|v| v.to_str().ok());
        assert_eq!(to, Some("/countries/XD/strategy/priorities/2.5?version=2"));
        let (status, page) = planner.get_text("/countries/XD/strategy/priorities/2.5?version=2").await;
        assert_eq!(status, 200);
        assert!(page.contains("Border police posts in the north"));
        assert!(page.contains("art. 5.3"));
        assert!(page.contains("Change this priority"), "a planner may change a draft");

        // The public reads the endorsed version's page, without the forms.
        let (status, public) = app.get_text("/countries/XD/strategy/priorities/2.1").await;
        assert_eq!(status, 200);
        assert!(public.contains("art. 5.3"));
        assert!(public.contains("Patrols in the capital"), "the function it takes over");
        assert!(!public.contains("Change this priority"));
        let (status, _) = app.get_text("/countries/XD/strategy/priorities/2.5").await;
        assert_eq!(status, 404, "the draft's new code is not public");

        // Another planner's save from the page as it was before is refused,
        // naming who saved first, and the typed input comes back to the
        // page (a plain form post, without JavaScript).
        accounts::second_planner(&t).await;
        let second = accounts::SECOND_PLANNER;
        let other = Client::signed_in(&app, second.0, second.1).await;
        let other_csrf = other.csrf().await;
        let late = [
            ("csrf", other_csrf.as_str()),
            ("strategy_id", &strategy_id),
            ("priority_id", &priority_id),
            ("version", "1"),
            ("priority[pillar_id]", &pillar_id),
            ("priority[code]", "2.4"),
            ("priority[title]", "Typed by the second planner"),
            ("priority[objective]", ""),
            ("priority[lead_organisation_id]", &lead),
            ("priority[phase]", "immediate"),
            ("priority[thematic_area]", "security_transition"),
        ];
        let refused = other.call::<app::server_fns::UpdatePriority>(&late).await;
        assert_eq!(refused.status, 409, "{refused:?}");
        assert!(refused.body.contains(accounts::PLANNER.0), "{}", refused.body);
        let from = "/countries/XD/strategy/priorities/2.5?version=2";
        let refused = other.post_form::<app::server_fns::UpdatePriority>(from, &late).await;
        assert_eq!(refused.status, 302, "{refused:?}");
        let (status, page) = other.get_text(&other.location(&refused)).await;
        assert_eq!(status, 200);
        assert!(page.contains(accounts::PLANNER.0), "the refusal names who saved first");
        assert!(page.contains("value=\"Typed by the second planner\""), "the input is kept");
        let unchanged = strategies::load(&t.db, draft.id).await.unwrap();
        assert_eq!(priority(&unchanged, "2.5").title, "Border police posts in the north");

        let answer = planner
            .call::<app::server_fns::RemovePriority>(&[
                ("csrf", &csrf),
                ("strategy_id", &strategy_id),
                ("priority_id", &priority_id),
                ("version", "2"),
            ])
            .await;
        assert!(answer.is_success(), "{answer:?}");
        let (status, _) = planner.get_text("/countries/XD/strategy/priorities/2.5?version=2").await;
        assert_eq!(status, 404);
        app.stop().await;
    }
}

both_backends! {
    async fn a_draft_pillar_is_renamed_and_one_added(t) {
        let (endorsed, draft) = demo_versions(&t).await;
        let system = Author::system("test");
        let security = &draft.pillars[1];
        pillars::rename(&t.db, &system, (draft.id, security.id), security.version, "  Security and rule of law ")
            .await
            .unwrap();
        let added = pillars::add(&t.db, &system, draft.id, "Regional cooperation").await.unwrap();
        assert_eq!(added.number, 6);
        // A rename from a page opened before the last one is refused.
        let stale = pillars::rename(&t.db, &system, (draft.id, security.id), security.version, "Old")
            .await
            .unwrap_err();
        assert!(matches!(stale, AppError::Stale(ref m) if m.contains("test")), "{stale:?}");
        // A pillar with priorities stays; an empty one goes.
        let refused = pillars::remove(&t.db, &system, (draft.id, security.id), security.version + 1)
            .await
            .unwrap_err();
        assert_eq!(fields(refused.clone()), ["pillar_id"]);
        assert!(refused.to_string().contains("2.1"), "names the priorities: {refused}");
        let spare = pillars::add(&t.db, &system, draft.id, "Spare").await.unwrap();
        pillars::remove(&t.db, &system, (draft.id, spare.id), spare.version).await.unwrap();
        let history = audit::history(&t.db, "pillar", spare.id).await.unwrap();
        assert_eq!(history[0].action, "delete");
        assert!(history[0].before.as_deref().unwrap().contains("Spare"));
        let blank = pillars::add(&t.db, &system, draft.id, "  ").await.unwrap_err();
        assert_eq!(fields(blank), ["pillar_title"]);
        let frozen = pillars::rename(&t.db, &system, (endorsed.id, endorsed.pillars[1].id), 1, "No")
            .await
            .unwrap_err();
        assert_eq!(fields(frozen), ["status"]);
        let elsewhere = pillars::rename(&t.db, &system, (draft.id, endorsed.pillars[1].id), 1, "No")
            .await
            .unwrap_err();
        assert!(matches!(elsewhere, AppError::NotFound(_)), "{elsewhere:?}");

        let reloaded = strategies::load(&t.db, draft.id).await.unwrap();
        let titles: Vec<&str> = reloaded.pillars.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Legitimate politics",
                "Security and rule of law",
                "Justice",
                "Economic foundations",
                "Revenues and services",
                "Regional cooperation",
            ]
        );
        assert_eq!(reloaded.pillars[1].priorities, draft.pillars[1].priorities, "priorities stay");
        let history = audit::history(&t.db, "pillar", security.id).await.unwrap();
        assert_eq!(history[0].action, "update");
    }
}
