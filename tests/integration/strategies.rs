use std::str::FromStr;

use app::AppError;
use app::services::accounts::audit::Author;
use app::services::{
    accounts::countries, accounts::organisations, accounts::users, demo, strategy::comments,
    strategy::lifecycle, strategy::priorities, strategy::strategies,
};
use app::types::Role;
use app::types::{
    NewCountry, NewOrganisation, NewPriority, NewStrategy, NewUser, OrganisationKind, Phase,
    StrategyComparison, StrategyStatus, ThematicArea, YearCost,
};
use rust_decimal::Decimal;
use tests::{TestDb, both_backends};

fn usd(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

struct Setup {
    country_id: i32,
    finance: i32,
    justice: i32,
    norad: i32,
}

/// A country of its own (the demo country has a strategy already), with a
/// fiscal year that starts in July.
async fn setup(t: &TestDb) -> Setup {
    let system = Author::system("test");
    let country = NewCountry {
        code: "TL".into(),
        name: "Timor-Leste".into(),
        currency: "USD".into(),
        fiscal_year_start_month: 7,
    };
    countries::create(&t.db, &system, country).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "TL").await.unwrap();
    let org = |name: &str, kind: OrganisationKind| {
        let new = NewOrganisation {
            name: name.into(),
            acronym: None,
            kind,
            iati_id: None,
            iati_type_code: None,
        };
        let system = system.clone();
        let db = t.db.clone();
        async move {
            organisations::create(&db, &system, country_id, new)
                .await
                .unwrap()
                .id
        }
    };
    Setup {
        country_id,
        finance: org("Ministry of Finance", OrganisationKind::GovernmentMinistry).await,
        justice: org("Ministry of Justice", OrganisationKind::GovernmentMinistry).await,
        norad: org("Norway (Norad)", OrganisationKind::Bilateral).await,
    }
}

fn plan() -> NewStrategy {
    NewStrategy {
        title: "National Peacebuilding Plan".into(),
        first_fiscal_year: 2026,
        last_fiscal_year: 2029,
        vision: "A peaceful, inclusive Kalinda.".into(),
    }
}

fn priority(pillar_id: i32, code: &str, lead: i32, costs: &[(i32, &str)]) -> NewPriority {
    NewPriority {
        pillar_id,
        code: code.into(),
        title: format!("Priority {code}"),
        objective: "An objective".into(),
        lead_organisation_id: lead,
        phase: Phase::Immediate,
        thematic_area: ThematicArea::Justice,
        partner_ids: Vec::new(),
        provision_ids: Vec::new(),
        costs: costs
            .iter()
            .map(|(year, amount)| YearCost {
                fiscal_year: *year,
                amount: usd(amount),
            })
            .collect(),
    }
}

fn fields(err: AppError) -> Vec<String> {
    match err {
        AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

both_backends! {
    async fn a_strategy_is_drafted_endorsed_frozen_and_redrafted(t) {
        let s = setup(&t).await;
        let author = Author::system("planner@kalinda.example");
        let draft = lifecycle::create(&t.db, &author, s.country_id, plan()).await.unwrap();
        assert_eq!(draft.version, 1);
        assert_eq!(draft.status, StrategyStatus::Draft);
        assert_eq!(draft.pillars.len(), 5, "the five PSGs");
        let security = draft.pillars[1].id;
        let justice = draft.pillars[2].id;
        priorities::add(&t.db, &author, draft.id,
            priority(security, "2.1", s.finance, &[(2026, "1500000.50"), (2027, "2000000")])).await.unwrap();
        priorities::add(&t.db, &author, draft.id,
            priority(justice, "3.1", s.justice, &[(2026, "750000"), (2028, "125.25")])).await.unwrap();

        let loaded = strategies::load(&t.db, draft.id).await.unwrap();
        let p21 = loaded.priorities().find(|p| p.code == "2.1").unwrap();
        assert_eq!(p21.total_cost(), usd("3500000.50"));
        assert_eq!(p21.lead_organisation, "Ministry of Finance");
        assert_eq!(loaded.pillars[2].priorities[0].cost_in(2028), usd("125.25"));

        lifecycle::send_to_consultation(&t.db, &author, draft.id).await.unwrap();
        let refused = priorities::set_cost(&t.db, &author, (draft.id, p21.id), p21.version, YearCost { fiscal_year: 2026, amount: usd("1") }).await;
        assert_eq!(fields(refused.unwrap_err()), ["status"]);
        let endorsed = lifecycle::endorse(&t.db, &author, draft.id, crate::fixtures::endorsement()).await.unwrap();
        assert_eq!(endorsed.status, StrategyStatus::Endorsed);
        let refused = priorities::add(&t.db, &author, draft.id,
            priority(justice, "3.2", s.justice, &[])).await;
        assert_eq!(fields(refused.unwrap_err()), ["status"]);
        assert_eq!(strategies::load(&t.db, draft.id).await.unwrap(), endorsed, "the endorsed version is frozen");

        let next = lifecycle::new_draft_from(&t.db, &author, draft.id).await.unwrap();
        assert_eq!((next.version, next.status, next.based_on_version), (2, StrategyStatus::Draft, Some(1)));
        assert_eq!(next.priorities().count(), 2);
        let copy = next.priorities().find(|p| p.code == "2.1").unwrap();
        assert_ne!(copy.id, p21.id, "the draft has its own rows");
        priorities::set_cost(&t.db, &author, (next.id, copy.id), copy.version, YearCost { fiscal_year: 2027, amount: usd("2500000") }).await.unwrap();

        let comparison = StrategyComparison::between(
            &strategies::load(&t.db, draft.id).await.unwrap(),
            &strategies::load(&t.db, next.id).await.unwrap(),
        );
        assert!(comparison.added.is_empty() && comparison.removed.is_empty());
        assert_eq!(comparison.changed.len(), 1);
        assert_eq!(comparison.changed[0].code, "2.1");
        let change = &comparison.changed[0].changes;
        assert_eq!(change.len(), 1, "{change:?}");
        assert_eq!(change[0].field, "cost FY 2027/28");
        assert_eq!((change[0].before.as_str(), change[0].after.as_str()), ("2000000.00", "2500000.00"));
        assert_eq!(
            strategies::latest_endorsed(&t.db, s.country_id).await.unwrap().map(|s| s.version),
            Some(1)
        );
        let again = lifecycle::new_draft_from(&t.db, &author, draft.id).await;
        assert_eq!(fields(again.unwrap_err()), ["status"], "one open draft at a time");
    }
}

both_backends! {
    async fn bad_strategy_input_names_the_field_and_saves_nothing(t) {
        let s = setup(&t).await;
        let author = Author::system("test");
        let backwards = NewStrategy { first_fiscal_year: 2028, last_fiscal_year: 2026, ..plan() };
        let err = lifecycle::create(&t.db, &author, s.country_id, backwards).await.unwrap_err();
        assert_eq!(fields(err), ["last_fiscal_year"]);
        assert!(strategies::latest_endorsed(&t.db, s.country_id).await.unwrap().is_none());

        let draft = lifecycle::create(&t.db, &author, s.country_id, plan()).await.unwrap();
        let pillar = draft.pillars[0].id;
        let cases = [
            (priority(pillar, "1.1", s.finance, &[(2026, "-5")]), "cost_2026"),
            (priority(pillar, "1.1", s.finance, &[(2031, "5")]), "cost_2031"),
            (priority(pillar, "1.1", s.finance, &[(2026, "0.001")]), "cost_2026"),
            (priority(pillar, "1.1", s.norad, &[]), "lead_organisation_id"),
            (priority(pillar, "1.1", 999_999, &[]), "lead_organisation_id"),
            (priority(999_999, "1.1", s.finance, &[]), "pillar_id"),
            (priority(pillar, "", s.finance, &[]), "code"),
        ];
        for (bad, field) in cases {
            let err = priorities::add(&t.db, &author, draft.id, bad).await.unwrap_err();
            assert_eq!(fields(err), [field]);
        }
        assert_eq!(strategies::load(&t.db, draft.id).await.unwrap().priorities().count(), 0);
        priorities::add(&t.db, &author, draft.id, priority(pillar, "1.1", s.finance, &[])).await.unwrap();
        let twice = priorities::add(&t.db, &author, draft.id, priority(pillar, "1.1", s.finance, &[])).await;
        assert_eq!(fields(twice.unwrap_err()), ["code"]);
    }
}

both_backends! {
    async fn consultation_comments_are_threaded_and_resolved(t) {
        let s = setup(&t).await;
        let system = Author::system("test");
        let draft = lifecycle::create(&t.db, &system, s.country_id, plan()).await.unwrap();
        let p = priorities::add(&t.db, &system, draft.id,
            priority(draft.pillars[0].id, "1.1", s.finance, &[])).await.unwrap();
        let reviewer = users::create(&t.db, &system, NewUser {
            email: "reviewer@tl.example".into(),
            display_name: "Rosa".into(),
            organisation_id: s.norad,
            role: Role::Reviewer,
            signatory: false,
        }, Some("a-long-password".into())).await.unwrap();
        let actor = users::actor(&t.db, reviewer.user.id).await.unwrap().unwrap();

        let early = comments::add(&t.db, &actor, p.id, None, "Too early".into()).await;
        assert_eq!(fields(early.unwrap_err()), ["body"], "no comments on a draft");
        lifecycle::send_to_consultation(&t.db, &system, draft.id).await.unwrap();

        let first = comments::add(&t.db, &actor, p.id, None, "Who pays after 2027?".into()).await.unwrap();
        let reply = comments::add(&t.db, &actor, p.id, Some(first.id), "And for how long?".into()).await.unwrap();
        comments::add(&t.db, &actor, p.id, None, "Second thread".into()).await.unwrap();
        let empty = comments::add(&t.db, &actor, p.id, None, "   ".into()).await;
        assert_eq!(fields(empty.unwrap_err()), ["body"]);

        comments::resolve(&t.db, &system, first.id).await.unwrap();
        let threads = comments::for_strategy(&t.db, draft.id).await.unwrap();
        assert_eq!(threads.len(), 2);
        assert_eq!(threads[0].body, "Who pays after 2027?");
        assert!(threads[0].resolved);
        assert_eq!(threads[0].author, "Rosa");
        assert_eq!(threads[0].organisation, "Norway (Norad)");
        assert_eq!(threads[0].replies.len(), 1);
        assert_eq!(threads[0].replies[0].id, reply.id);
        assert_eq!(threads[1].body, "Second thread");
        assert!(!threads[1].resolved);
    }
}

both_backends! {
    async fn peers_endorsed_priorities_in_the_same_areas_are_listed(t) {
        demo::seed(&t.db).await.unwrap();
        let s = setup(&t).await;
        let system = Author::system("test");
        let draft = lifecycle::create(&t.db, &system, s.country_id, plan()).await.unwrap();
        let mut elections = priority(draft.pillars[0].id, "1.1", s.finance, &[]);
        elections.thematic_area = ThematicArea::Elections;
        priorities::add(&t.db, &system, draft.id, elections).await.unwrap();
        let peers = strategies::peer_priorities(&t.db, "TL", ThematicArea::Elections).await.unwrap();
        assert_eq!(peers.len(), 1, "{peers:?}");
        assert_eq!(peers[0].country_code, "XD");
        assert_eq!(peers[0].code, "1.2");
        assert_eq!(peers[0].total_cost, usd("6000000"));

        let justice = strategies::peer_priorities(&t.db, "TL", ThematicArea::Justice).await.unwrap();
        let codes: Vec<&str> = justice.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["3.1", "3.2"], "only the area asked for");

        // The priority's page lists peers' endorsed priorities in its area.
        let app = tests::TestApp::spawn(&t).await;
        let (status, page) = app.get_text("/countries/XD/strategy/priorities/1.2").await;
        assert_eq!(status, 200);
        assert!(page.contains("Peers working on elections"));
        let peer_link = "/countries/TL/strategy/priorities/1.1";
        assert!(!page.contains(peer_link), "TL has no endorsed version yet");
        lifecycle::send_to_consultation(&t.db, &system, draft.id).await.unwrap();
        lifecycle::endorse(&t.db, &system, draft.id, crate::fixtures::endorsement()).await.unwrap();
        let (_, page) = app.get_text("/countries/XD/strategy/priorities/1.2").await;
        assert!(page.contains(peer_link));
        let (_, other_area) = app.get_text("/countries/XD/strategy/priorities/3.1").await;
        assert!(!other_area.contains(peer_link), "justice is not elections");
        app.stop().await;
    }
}
