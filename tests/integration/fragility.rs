//! Fragility assessments: the rules of a row, the life of a round (a
//! published round is frozen), the audit's before and after, who may
//! write, and what the public reads on the page and in the API.

use app::AppError;
use app::server_fns::{AddFragilityStage, StartFragilityRound};
use app::services::accounts::audit::{self, Author};
use app::services::fragility::{read, rounds, stages};
use app::services::{accounts::countries, demo};
use app::types::{
    FragilityRound, FragilityStage, NewCountry, NewFragilityRound, NewFragilityStage, Psg,
    RoundStatus, Stage,
};
use tests::{Client, TestApp, TestDb, both_backends, demo as accounts};

async fn country(t: &TestDb) -> i32 {
    let new = NewCountry {
        code: "TL".into(),
        name: "Timor-Leste".into(),
        currency: "USD".into(),
        fiscal_year_start_month: 1,
    };
    countries::create(&t.db, &Author::system("test"), new)
        .await
        .unwrap();
    countries::get_with_id(&t.db, "TL").await.unwrap().0
}

fn round(year: i32) -> NewFragilityRound {
    NewFragilityRound {
        year,
        government: "Ministry of Finance; Ministry of Planning".into(),
        civil_society: "Civil society platform".into(),
        partners: "World Bank; UNDP".into(),
        method_notes: "Consultations in all thirteen municipalities".into(),
    }
}

fn row(psg: &str, dimension: &str, stage: i32) -> NewFragilityStage {
    NewFragilityStage {
        psg: psg.into(),
        dimension: dimension.into(),
        stage,
        evidence: "Household survey 2024".into(),
        dissent: String::new(),
    }
}

fn refused_field(err: &AppError) -> Vec<&str> {
    match err {
        AppError::Invalid(fields) => fields.iter().map(|f| f.field.as_str()).collect(),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

both_backends! {
    async fn a_row_is_checked_field_by_field(t) {
        let country_id = country(&t).await;
        let planner = Author::system("planner");
        let started = rounds::start_round(&t.db, &planner, country_id, round(2024)).await.unwrap();
        assert_eq!((started.status, started.version), (RoundStatus::Draft, 1));
        for stage in [0, 6, -1] {
            let err = stages::add_stage(&t.db, &planner, country_id, started.id, row("security", "", stage))
                .await
                .unwrap_err();
            assert_eq!(refused_field(&err), ["stage"], "stage {stage}");
            assert!(err.to_string().contains("1 (crisis) to 5 (resilience)"), "{err}");
        }
        let err = stages::add_stage(&t.db, &planner, country_id, started.id, row("peace", "", 3))
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["psg"]);
        let mut long = row("justice", &"d".repeat(201), 3);
        long.evidence = String::new();
        long.dissent = "x".repeat(4001);
        let err = stages::add_stage(&t.db, &planner, country_id, started.id, long).await.unwrap_err();
        assert_eq!(refused_field(&err), ["dimension", "evidence", "dissent"]);

        // One row per goal and dimension; a blank dimension is the goal as a whole.
        stages::add_stage(&t.db, &planner, country_id, started.id, row("security", "", 2)).await.unwrap();
        stages::add_stage(&t.db, &planner, country_id, started.id, row("security", "Police", 3)).await.unwrap();
        let err = stages::add_stage(&t.db, &planner, country_id, started.id, row("security", " Police ", 4))
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["dimension"]);

        // Years: 1990-2100, one round a year.
        let err = rounds::start_round(&t.db, &planner, country_id, round(1989)).await.unwrap_err();
        assert_eq!(refused_field(&err), ["year"]);
        let err = rounds::start_round(&t.db, &planner, country_id, round(2024)).await.unwrap_err();
        assert_eq!(refused_field(&err), ["year"]);
        let mut wordy = round(2025);
        wordy.government = "g".repeat(1001);
        let err = rounds::start_round(&t.db, &planner, country_id, wordy).await.unwrap_err();
        assert_eq!(refused_field(&err), ["government"]);

        let loaded = read::round(&t.db, country_id, started.id).await.unwrap();
        let kept: Vec<(Psg, &str, Stage)> = loaded
            .stages
            .iter()
            .map(|s| (s.psg, s.dimension.as_str(), s.stage))
            .collect();
        assert_eq!(
            kept,
            [(Psg::Security, "", Stage::RebuildAndReform), (Psg::Security, "Police", Stage::Transition)]
        );
    }
}

both_backends! {
    async fn a_published_round_is_frozen_and_every_change_is_audited(t) {
        let country_id = country(&t).await;
        let planner = Author::system("planner");
        let other = Author::system("another planner");
        let started = rounds::start_round(&t.db, &planner, country_id, round(2024)).await.unwrap();
        // Nothing to validate yet.
        let err = rounds::set_status(&t.db, &planner, country_id, started.id, 1, RoundStatus::Validated)
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["round"]);
        let added = stages::add_stage(&t.db, &planner, country_id, started.id, row("justice", "", 1))
            .await
            .unwrap();
        let changed = stages::update_stage(&t.db, &other, country_id, added.id, 1, row("justice", "", 3))
            .await
            .unwrap();
        assert_eq!((changed.stage, changed.version), (Stage::Transition, 2));
        // A save opened at version 1 is refused, naming who saved version 2.
        let err = stages::update_stage(&t.db, &planner, country_id, added.id, 1, row("justice", "", 4))
            .await
            .unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("another planner"), "{message}");

        // The audit keeps the row before and after.
        let trail = audit::history(&t.db, "fragility_stage", added.id).await.unwrap();
        assert_eq!(trail[0].action, "update");
        let before: FragilityStage = serde_json::from_str(trail[0].before.as_deref().unwrap()).unwrap();
        let after: FragilityStage = serde_json::from_str(trail[0].after.as_deref().unwrap()).unwrap();
        assert_eq!((before.stage, after.stage), (Stage::Crisis, Stage::Transition));
        assert_eq!(trail[1].action, "create");

        // Validated: no edits until it goes back to draft.
        let validated = rounds::set_status(&t.db, &planner, country_id, started.id, 1, RoundStatus::Validated)
            .await
            .unwrap();
        assert_eq!((validated.status, validated.version), (RoundStatus::Validated, 2));
        let err = stages::add_stage(&t.db, &planner, country_id, started.id, row("security", "", 2))
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["round"]);
        let back = rounds::set_status(&t.db, &planner, country_id, started.id, 2, RoundStatus::Draft)
            .await
            .unwrap();
        assert_eq!(back.status, RoundStatus::Draft);
        stages::add_stage(&t.db, &planner, country_id, started.id, row("security", "", 2)).await.unwrap();
        rounds::set_status(&t.db, &planner, country_id, started.id, 3, RoundStatus::Validated).await.unwrap();
        // A draft cannot skip validation.
        let second = rounds::start_round(&t.db, &planner, country_id, round(2026)).await.unwrap();
        let err = rounds::set_status(&t.db, &planner, country_id, second.id, 1, RoundStatus::Published)
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["status"]);
        let published = rounds::set_status(&t.db, &planner, country_id, started.id, 4, RoundStatus::Published)
            .await
            .unwrap();
        assert!(published.published_at.is_some());

        // Published: frozen.
        let err = stages::add_stage(&t.db, &planner, country_id, started.id, row("revenues_and_services", "", 2))
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["round"]);
        assert!(err.to_string().contains("published"), "{err}");
        let err = stages::update_stage(&t.db, &planner, country_id, added.id, 2, row("justice", "", 5))
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["round"]);
        let err = stages::remove_stage(&t.db, &planner, country_id, added.id, 2).await.unwrap_err();
        assert_eq!(refused_field(&err), ["round"]);
        let err = rounds::update_round(&t.db, &planner, country_id, started.id, 5, round(2023))
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["round"]);
        let err = rounds::set_status(&t.db, &planner, country_id, started.id, 5, RoundStatus::Draft)
            .await
            .unwrap_err();
        assert_eq!(refused_field(&err), ["round"]);

        // The round's audit keeps each move with the round before and after.
        let trail = audit::history(&t.db, "fragility_round", started.id).await.unwrap();
        let before: FragilityRound = serde_json::from_str(trail[0].before.as_deref().unwrap()).unwrap();
        let after: FragilityRound = serde_json::from_str(trail[0].after.as_deref().unwrap()).unwrap();
        assert_eq!((before.status, after.status), (RoundStatus::Validated, RoundStatus::Published));
        assert_eq!(after.stages.len(), 2);

        // The public reads the published round only, newest first.
        let public = read::rounds(&t.db, country_id, false).await.unwrap();
        assert_eq!(public.iter().map(|r| r.year).collect::<Vec<_>>(), [2024]);
        let members = read::rounds(&t.db, country_id, true).await.unwrap();
        assert_eq!(members.iter().map(|r| r.year).collect::<Vec<_>>(), [2026, 2024]);
    }
}

both_backends! {
    async fn drafts_are_the_members_and_the_published_round_is_everyones(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let started = planner
            .call::<StartFragilityRound>(&[
                ("csrf", &csrf),
                ("country", "XD"),
                ("round[year]", "2025"),
                ("round[government]", "Ministry of Planning and Development"),
                ("round[civil_society]", "Kalinda NGO Forum"),
                ("round[partners]", "g7+ secretariat"),
                ("round[method_notes]", "Provincial workshops"),
            ])
            .await;
        assert!(started.is_success(), "{started:?}");
        let round_id = read::rounds(&t.db, country_id, true).await.unwrap()[0].id.to_string();
        let add = async |client: &Client, stage: &str| {
            let csrf = client.csrf().await;
            client
                .call::<AddFragilityStage>(&[
                    ("csrf", &csrf),
                    ("country", "XD"),
                    ("round_id", &round_id),
                    ("row[psg]", "security"),
                    ("row[dimension]", "Unpublished police dimension"),
                    ("row[stage]", stage),
                    ("row[evidence]", "Police census"),
                    ("row[dissent]", "Civil society rates it lower"),
                ])
                .await
        };
        for stage in ["0", "6"] {
            let refused = add(&planner, stage).await;
            assert_eq!(refused.status, 422, "{refused:?}");
            assert!(refused.body.contains("stage"), "names the field: {}", refused.body);
        }
        let reporter = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let forbidden = add(&reporter, "2").await;
        assert_eq!(forbidden.status, 403, "{forbidden:?}");
        let added = add(&planner, "2").await;
        assert!(added.is_success(), "{added:?}");

        // The draft: on the members' page, not on the public's, nor in the API.
        let (_, members_page) = planner.get_text("/countries/XD/fragility").await;
        assert!(members_page.contains("Unpublished police dimension"), "the planner sees the draft");
        assert!(members_page.contains("Validate the round"), "and may validate it");
        let (_, reporter_page) = reporter.get_text("/countries/XD/fragility").await;
        assert!(reporter_page.contains("Unpublished police dimension"), "members read drafts");
        assert!(!reporter_page.contains("Validate the round"), "but only planners move them");
        let (status, public_page) = app.get_text("/countries/XD/fragility").await;
        assert_eq!(status, 200);
        assert!(!public_page.contains("Unpublished police dimension"), "drafts are the members'");
        assert!(public_page.contains("No fragility assessment has been published"));
        let (status, api) = app.get_text("/api/v1/countries/XD/fragility").await;
        assert_eq!(status, 200, "{api}");
        let body: serde_json::Value = serde_json::from_str(&api).unwrap();
        assert_eq!(body["rounds"].as_array().map(Vec::len), Some(0), "{api}");

        // Published: the API serves it with codes, the page in French.
        let id: i32 = round_id.parse().unwrap();
        let system = Author::system("test");
        rounds::set_status(&t.db, &system, country_id, id, 1, RoundStatus::Validated).await.unwrap();
        rounds::set_status(&t.db, &system, country_id, id, 2, RoundStatus::Published).await.unwrap();
        let (_, api) = app.get_text("/api/v1/countries/XD/fragility").await;
        let body: serde_json::Value = serde_json::from_str(&api).unwrap();
        let published = &body["rounds"][0];
        assert_eq!(published["year"], 2025, "{api}");
        assert_eq!(published["status"], "published", "{api}");
        assert_eq!(published["stages"][0]["psg"], "security", "{api}");
        assert_eq!(published["stages"][0]["stage"], 2, "{api}");
        assert_eq!(published["stages"][0]["dissent"], "Civil society rates it lower", "{api}");

        let french = app
            .http
            .get(app.url("/countries/XD/fragility"))
            .header("accept-language", "fr")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(french.contains("Évaluation de la fragilité"), "the page in French");
        assert!(french.contains("Reconstruction et réforme"), "the stage's French label");
        assert!(french.contains("Unpublished police dimension"), "the published row");
        assert!(!french.contains("Rebuild and reform"), "no English label");
        app.stop().await;
    }
}
