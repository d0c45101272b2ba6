use std::str::FromStr;

use app::AppError;
use app::services::accounts::audit::Author;
use app::services::{
    accounts::countries, accounts::organisations, demo, transition::drawdown,
    transition::functions, transition::plans,
};
use app::types::{
    FunctionKind, NewCountry, NewDrawdownPhase, NewFunction, NewOrganisation, NewTransitionPlan,
    OrganisationKind, Readiness,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use tests::{TestDb, both_backends};

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn usd(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Timor-Leste with a July fiscal year, a police ministry and a plan.
pub(crate) async fn setup(t: &TestDb) -> (i32, i32) {
    let system = Author::system("test");
    let country = NewCountry {
        code: "TL".into(),
        name: "Timor-Leste".into(),
        currency: "USD".into(),
        fiscal_year_start_month: 7,
    };
    countries::create(&t.db, &system, country).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "TL").await.unwrap();
    let police = NewOrganisation {
        name: "National Police".into(),
        acronym: None,
        kind: OrganisationKind::GovernmentMinistry,
        iati_id: None,
        iati_type_code: None,
    };
    let owner = organisations::create(&t.db, &system, country_id, police)
        .await
        .unwrap()
        .id;
    let plan = NewTransitionPlan {
        mission_name: "UN Integrated Mission".into(),
        mandate_end: d("2028-06-30"),
        drawdown_start: d("2026-07-01"),
        drawdown_end: d("2028-06-30"),
    };
    plans::set_plan(&t.db, &system, country_id, plan, None)
        .await
        .unwrap();
    (country_id, owner)
}

pub(crate) fn function(
    owner: i32,
    handover: &str,
    mission: &str,
    after: &str,
    secured: &str,
) -> NewFunction {
    NewFunction {
        kind: FunctionKind::PoliceSupport,
        name: format!("Handover on {handover}"),
        current_provider: "UN police".into(),
        future_owner_id: owner,
        target_handover: d(handover),
        readiness: Readiness::Planning,
        mission_cost: usd(mission),
        after_cost: usd(after),
        secured: usd(secured),
        priority_code: None,
    }
}

both_backends! {
    async fn the_cliff_sums_handovers_by_fiscal_year(t) {
        let (country_id, owner) = setup(&t).await;
        let system = Author::system("test");
        for f in [
            function(owner, "2026-09-15", "1000000", "400000", "100000"),
            function(owner, "2027-03-31", "500000.50", "250000.25", "250000.25"),
            function(owner, "2027-08-01", "2000000", "900000", "0"),
        ] {
            functions::add_function(&t.db, &system, country_id, f).await.unwrap();
        }
        let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
        assert_eq!(plan.functions.len(), 3);
        assert_eq!(
            plan.functions.iter().map(|f| f.handover_fiscal_year).collect::<Vec<_>>(),
            [2026, 2026, 2027]
        );
        assert_eq!(plan.cliff.len(), 2);
        let fy26 = &plan.cliff[0];
        assert_eq!(fy26.label, "FY 2026/27");
        assert_eq!(fy26.mission_cost_ended, usd("1500000.50"));
        assert_eq!(fy26.replacement_cost, usd("650000.25"));
        assert_eq!(fy26.secured, usd("350000.25"));
        assert_eq!(fy26.gap, usd("300000.00"));
        let fy27 = &plan.cliff[1];
        assert_eq!(fy27.label, "FY 2027/28");
        assert_eq!(fy27.mission_cost_ended, usd("3500000.50"));
        assert_eq!(fy27.replacement_cost, usd("1550000.25"));
        assert_eq!(fy27.secured, usd("350000.25"));
        assert_eq!(fy27.gap, usd("1200000.00"));
    }
}

both_backends! {
    async fn bad_functions_name_the_field_and_save_nothing(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, owner) = setup(&t).await;
        let system = Author::system("test");
        let (xd, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let foreign = organisations::list(&t.db, xd).await.unwrap()[0].id;
        let fields = |err: AppError| match err {
            AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        let late = function(owner, "2028-07-01", "1", "1", "1");
        let err = functions::add_function(&t.db, &system, country_id, late).await.unwrap_err();
        assert_eq!(fields(err), ["target_handover"]);
        let negative = function(owner, "2027-01-01", "1", "-1", "1");
        let err = functions::add_function(&t.db, &system, country_id, negative).await.unwrap_err();
        assert_eq!(fields(err), ["after_cost"]);
        let elsewhere = function(foreign, "2027-01-01", "1", "1", "1");
        let err = functions::add_function(&t.db, &system, country_id, elsewhere).await.unwrap_err();
        assert_eq!(fields(err), ["future_owner_id"]);
        let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
        assert!(plan.functions.is_empty());
        assert!(plan.cliff.is_empty());
    }
}

both_backends! {
    async fn a_function_serves_a_priority_of_the_strategy(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let owner = organisations::list(&t.db, country_id)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.acronym.as_deref() == Some("MoJ"))
            .unwrap()
            .id;
        let system = Author::system("test");
        let before = plans::load(&t.db, country_id).await.unwrap().unwrap().functions.len();
        let mut unknown = function(owner, "2027-01-15", "100", "50", "0");
        unknown.priority_code = Some("9.9".into());
        let err = functions::add_function(&t.db, &system, country_id, unknown).await.unwrap_err();
        match err {
            AppError::Invalid(errors) => assert_eq!(errors[0].field, "priority_code"),
            other => panic!("{other:?}"),
        }
        let mut served = function(owner, "2027-01-15", "100", "50", "0");
        served.priority_code = Some("3.2".into());
        let added = functions::add_function(&t.db, &system, country_id, served).await.unwrap();
        assert_eq!(added.priority_code.as_deref(), Some("3.2"));
        let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
        assert_eq!(plan.functions.len(), before + 1, "only the valid one was saved");
        let corrections: Vec<&str> = plan
            .functions
            .iter()
            .filter(|f| f.priority_code.as_deref() == Some("3.2"))
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(corrections, ["Handover on 2027-01-15", "Prison management support"]);
    }
}

both_backends! {
    async fn drawdown_phases_lie_within_the_drawdown(t) {
        let (country_id, _) = setup(&t).await;
        let system = Author::system("test");
        let phase = |name: &str, start: &str, end: &str| NewDrawdownPhase {
            name: name.into(),
            starts_on: d(start),
            ends_on: d(end),
        };
        let outside = phase("Too early", "2026-01-01", "2026-12-31");
        let err = drawdown::add_phase(&t.db, &system, country_id, outside).await.unwrap_err();
        let fields: Vec<String> = match err {
            AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(fields, ["phase_start"]);
        let backwards = phase("Backwards", "2027-06-30", "2027-01-01");
        let err = drawdown::add_phase(&t.db, &system, country_id, backwards).await.unwrap_err();
        assert!(matches!(&err, AppError::Invalid(e) if e[0].field == "phase_end"), "{err:?}");
        drawdown::add_phase(&t.db, &system, country_id, phase("Second", "2027-07-01", "2028-06-30"))
            .await
            .unwrap();
        drawdown::add_phase(&t.db, &system, country_id, phase(" First ", "2026-07-01", "2027-06-30"))
            .await
            .unwrap();
        let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
        let names: Vec<&str> = plan.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["First", "Second"], "in date order, trimmed, nothing else saved");

        let app = tests::TestApp::spawn(&t).await;
        let (_, page) = app.get_text("/countries/TL/transition").await;
        assert!(page.contains("Drawdown phases"));
        assert!(page.contains("First: 2026-07-01 to 2027-06-30"));
        let (_, json) = app.get_text("/api/v1/countries/TL/transition").await;
        let api: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(api["phases"][1]["name"], "Second");
        app.stop().await;
    }
}
