//! Correcting a strategy draft: its title, vision and period; its peace
//! agreements and provisions; and the record of its endorsement. Each with
//! its refusals and the audit's before and after.

use app::AppError;
use app::services::accounts::audit::{self, Author};
use app::services::strategy::{agreements, lifecycle, provisions, strategies};
use app::services::{accounts::countries, demo};
use app::types::{
    Agreement, Endorsement, NewAgreement, NewProvision, NewStrategy, Strategy, StrategyStatus,
};
use tests::{TestDb, both_backends};

use crate::fixtures::d;

fn invalid(err: AppError) -> Vec<(String, String)> {
    match err {
        AppError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The demo country's endorsed version 1 and draft version 2.
async fn demo_versions(t: &TestDb) -> (Strategy, Strategy) {
    demo::seed(&t.db).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let versions = strategies::versions(&t.db, country_id).await.unwrap();
    (
        strategies::load(&t.db, versions[0].0).await.unwrap(),
        strategies::load(&t.db, versions[1].0).await.unwrap(),
    )
}

fn as_new(s: &Strategy) -> NewStrategy {
    NewStrategy {
        title: s.title.clone(),
        first_fiscal_year: s.first_fiscal_year,
        last_fiscal_year: s.last_fiscal_year,
        vision: s.vision.clone(),
    }
}

both_backends! {
    async fn a_drafts_title_vision_and_period_are_revised(t) {
        let (endorsed, draft) = demo_versions(&t).await;
        let (planner, other) = (Author::system("planner"), Author::system("another planner"));
        let mut change = as_new(&draft);
        change.title = "Kalinda Peacebuilding Strategy, revised".into();
        change.vision = "A Kalinda at peace, governed by its people.".into();
        change.last_fiscal_year = draft.last_fiscal_year + 1;
        let revised = lifecycle::revise(&t.db, &other, draft.id, draft.revision, change.clone())
            .await
            .unwrap();
        assert_eq!((revised.title.as_str(), revised.last_fiscal_year), (change.title.as_str(), draft.last_fiscal_year + 1));
        assert_eq!(revised.revision, draft.revision + 1);
        let trail = audit::history(&t.db, "strategy", draft.id).await.unwrap();
        let before: Strategy = serde_json::from_str(trail[0].before.as_deref().unwrap()).unwrap();
        let after: Strategy = serde_json::from_str(trail[0].after.as_deref().unwrap()).unwrap();
        assert_eq!((before.title, before.revision), (draft.title.clone(), draft.revision));
        assert_eq!((after.vision, after.revision), (change.vision.clone(), revised.revision));

        // The form opened before is refused, naming who saved.
        let err = lifecycle::revise(&t.db, &planner, draft.id, draft.revision, as_new(&draft)).await.unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("another planner"), "{message}");

        // The period keeps every year a priority has a cost in.
        let costed: Vec<i32> = revised.priorities().flat_map(|p| p.costs.iter().map(|c| c.fiscal_year)).collect();
        let (first, last) = (*costed.iter().min().unwrap(), *costed.iter().max().unwrap());
        assert!(first < last, "the demo costs more than one year");
        let mut shorter = change.clone();
        shorter.first_fiscal_year = last;
        let errors = invalid(lifecycle::revise(&t.db, &planner, draft.id, revised.revision, shorter).await.unwrap_err());
        assert_eq!(errors[0].0, "first_fiscal_year");
        assert!(errors[0].1.contains(&first.to_string()), "{errors:?}");
        let mut backwards = change.clone();
        backwards.last_fiscal_year = backwards.first_fiscal_year - 1;
        let errors = invalid(lifecycle::revise(&t.db, &planner, draft.id, revised.revision, backwards).await.unwrap_err());
        assert_eq!(errors[0].0, "last_fiscal_year");
        assert_eq!(strategies::load(&t.db, draft.id).await.unwrap().revision, revised.revision, "nothing changed");

        // An endorsed version is not revised.
        let errors = invalid(lifecycle::revise(&t.db, &planner, endorsed.id, endorsed.revision, as_new(&endorsed)).await.unwrap_err());
        assert_eq!(errors[0].0, "status");
    }
}

both_backends! {
    async fn agreements_and_provisions_are_corrected_and_removed_unless_implemented(t) {
        let (endorsed, draft) = demo_versions(&t).await;
        let (planner, other) = (Author::system("planner"), Author::system("another planner"));
        let cpa = &draft.agreements[0];

        // The agreement's title and date are corrected; a late save is refused.
        let fixed = NewAgreement { title: "Comprehensive Peace Agreement (Kalinda)".into(), signed_on: Some(d("2024-03-01")) };
        let after = agreements::update(&t.db, &other, cpa.id, cpa.version, fixed.clone()).await.unwrap();
        assert_eq!((after.title.as_str(), after.signed_on, after.version), (fixed.title.as_str(), fixed.signed_on, cpa.version + 1));
        let err = agreements::update(&t.db, &planner, cpa.id, cpa.version, fixed.clone()).await.unwrap_err();
        assert!(matches!(&err, AppError::Stale(m) if m.contains("another planner")), "{err:?}");
        let trail = audit::history(&t.db, "peace_agreement", cpa.id).await.unwrap();
        let before: Agreement = serde_json::from_str(trail[0].before.as_deref().unwrap()).unwrap();
        assert_eq!(before.title, cpa.title);

        // Priorities implement it and its article 2.4: neither goes.
        let errors = invalid(agreements::remove(&t.db, &planner, cpa.id, after.version).await.unwrap_err());
        assert_eq!(errors[0].0, "agreement_id");
        assert!(errors[0].1.contains("unlink them first"), "{errors:?}");
        let article = cpa.provisions.iter().find(|p| p.number == "2.4").unwrap();
        let errors = invalid(provisions::remove(&t.db, &planner, article.id, article.version).await.unwrap_err());
        assert_eq!(errors[0].0, "provision_id");
        assert!(errors[0].1.contains("1.2"), "{errors:?}");

        // A new agreement's provision is corrected, then both removed.
        let added = agreements::add(&t.db, &planner, draft.id, NewAgreement { title: "Ceasefire".into(), signed_on: None })
            .await
            .unwrap();
        let with = provisions::add(&t.db, &planner, added.id, NewProvision { number: "1".into(), text: "Cease fire".into() })
            .await
            .unwrap();
        let first = &with.provisions[0];
        let corrected = provisions::update(&t.db, &planner, first.id, first.version, NewProvision { number: "1.1".into(), text: "Cease all fire".into() })
            .await
            .unwrap();
        assert_eq!((corrected.provisions[0].number.as_str(), corrected.provisions[0].text.as_str()), ("1.1", "Cease all fire"));
        let err = provisions::update(&t.db, &planner, first.id, first.version, NewProvision { number: "1.2".into(), text: "x".into() })
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Stale(_)), "{err:?}");
        let err = provisions::update(&t.db, &planner, first.id, corrected.provisions[0].version, NewProvision { number: "1.1".into(), text: " ".into() })
            .await
            .unwrap_err();
        assert_eq!(invalid(err)[0].0, "provision_text");
        let left = provisions::remove(&t.db, &planner, first.id, corrected.provisions[0].version).await.unwrap();
        assert!(left.provisions.is_empty());
        agreements::remove(&t.db, &planner, added.id, left.version).await.unwrap();
        let now = strategies::load(&t.db, draft.id).await.unwrap();
        assert_eq!(now.agreements.len(), 1);
        let trail = audit::history(&t.db, "peace_agreement", added.id).await.unwrap();
        assert_eq!((trail[0].action.as_str(), trail[0].after.as_deref()), ("delete", None));

        // The endorsed version's agreement does not change.
        let frozen = &endorsed.agreements[0];
        let errors = invalid(agreements::update(&t.db, &planner, frozen.id, frozen.version, fixed).await.unwrap_err());
        assert_eq!(errors[0].0, "status");
    }
}

both_backends! {
    async fn an_endorsement_records_the_body_the_day_and_the_record(t) {
        let (_, draft) = demo_versions(&t).await;
        let system = Author::system("test");
        lifecycle::send_to_consultation(&t.db, &system, draft.id).await.unwrap();
        let bad = Endorsement { by: " ".into(), on: d("2999-01-01"), url: Some("ftp://record".into()) };
        let errors = invalid(lifecycle::endorse(&t.db, &system, draft.id, bad).await.unwrap_err());
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["endorsed_by", "endorsed_on", "endorsement_url"]);
        let still = strategies::load(&t.db, draft.id).await.unwrap();
        assert_eq!((still.status, still.endorsement), (StrategyStatus::Consultation, None));

        let record = Endorsement {
            by: "Joint Steering Committee".into(),
            on: d("2026-01-15"),
            url: Some("https://planning.example/jsc/7".into()),
        };
        let endorsed = lifecycle::endorse(&t.db, &system, draft.id, record.clone()).await.unwrap();
        assert_eq!((endorsed.status, endorsed.endorsement), (StrategyStatus::Endorsed, Some(record.clone())));
        assert_eq!(strategies::load(&t.db, draft.id).await.unwrap().endorsement, Some(record));
    }
}
