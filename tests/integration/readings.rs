//! Indicator definitions, targets and measurements; the readings a
//! dashboard shows with their status; pillar and partner filters; and
//! scorecards, on the hand-built Timor-Leste dataset.

use app::AppError;
use app::services::accounts::audit::Author;
use app::services::indicators::readings::{self, Filter};
use app::services::{
    accounts::users, funding::budget, indicators::comments, indicators::definitions,
    indicators::scorecards,
};
use app::types::{
    Baseline, BudgetAmounts, Direction, Formula, NewIndicator, NewMeasurement, Readings, Status,
    Unit,
};
use rust_decimal::Decimal;
use tests::{TestDb, both_backends};

use crate::fixtures::d;
use crate::funding_data::{Funding, build, dec};

fn some(s: &str) -> Option<Decimal> {
    Some(dec(s))
}

fn entered(
    code: &str,
    unit: Unit,
    direction: Direction,
    pillar: Option<i32>,
    owner: i32,
    baseline: &str,
) -> NewIndicator {
    NewIndicator {
        code: code.into(),
        name: format!("Indicator {code}"),
        definition: format!("How {code} is measured."),
        unit,
        direction,
        formula: None,
        pillar,
        owner_id: Some(owner),
        baseline: Some(Baseline {
            value: dec(baseline),
            date: d("2024-06-30"),
        }),
    }
}

fn computed(formula: Formula, baseline: &str) -> NewIndicator {
    NewIndicator {
        code: formula.code().into(),
        name: formula.label().into(),
        definition: formula.definition().into(),
        unit: formula.unit(),
        direction: formula.direction(),
        formula: Some(formula),
        pillar: None,
        owner_id: None,
        baseline: Some(Baseline {
            value: dec(baseline),
            date: d("2024-06-30"),
        }),
    }
}

fn measured(year: i32, value: &str) -> NewMeasurement {
    NewMeasurement {
        fiscal_year: year,
        value: dec(value),
        source: "Treasury report".into(),
        note: String::new(),
    }
}

/// `(value, previous, target, status)` of one reading.
fn reading(
    set: &Readings,
    code: &str,
) -> (
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
    Option<Status>,
) {
    let r = set.get(code).unwrap_or_else(|| panic!("no reading {code}"));
    (r.value, r.previous, r.target, r.status)
}

fn field(error: AppError) -> Vec<String> {
    match error {
        AppError::Invalid(fields) => fields.into_iter().map(|f| f.field).collect(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

/// Definitions, targets and measurements over the dataset; returns the
/// author who enters the government's values.
async fn define_all(t: &TestDb, f: &Funding) -> Author {
    let system = Author::system("test");
    let planner = users::create(
        &t.db,
        &system,
        app::types::NewUser {
            email: "planner@timor.example".into(),
            display_name: "Finance planner".into(),
            organisation_id: f.finance,
            role: app::types::Role::Planner,
            signatory: false,
        },
        None,
    )
    .await
    .unwrap();
    let planner = Author {
        user_id: Some(planner.user.id),
        label: planner.user.email,
    };
    let c = f.country_id;
    for new in [
        computed(Formula::AidOnBudget, "0.5"),
        computed(Formula::ExecutionRate, "0.4"),
        entered(
            "revenue",
            Unit::Share,
            Direction::HigherIsBetter,
            Some(2),
            f.finance,
            "0.07",
        ),
        entered(
            "backlog",
            Unit::Number,
            Direction::LowerIsBetter,
            Some(1),
            f.finance,
            "100",
        ),
        entered(
            "norway-evals",
            Unit::Share,
            Direction::HigherIsBetter,
            None,
            f.norway,
            "0.4",
        ),
        entered(
            "unmeasured",
            Unit::Number,
            Direction::HigherIsBetter,
            Some(2),
            f.finance,
            "1",
        ),
    ] {
        definitions::define(&t.db, &system, c, new).await.unwrap();
    }
    for (code, year, target) in [
        ("aid_on_budget", 2025, "0.56"),
        ("execution_rate", 2025, "0.5"),
        ("revenue", 2025, "0.08"),
        ("backlog", 2025, "80"),
        ("norway-evals", 2025, "0.5"),
        ("unmeasured", 2025, "5"),
    ] {
        definitions::set_target(&t.db, &system, c, code, (year, None), dec(target))
            .await
            .unwrap();
    }
    for (code, year, value) in [
        ("revenue", 2024, "0.072"),
        ("revenue", 2025, "0.079"),
        ("backlog", 2025, "95"),
        ("norway-evals", 2025, "0.5"),
    ] {
        definitions::record_measurement(&t.db, &planner, (c, code), measured(year, value), None)
            .await
            .unwrap();
    }
    planner
}

both_backends! {
    async fn each_reading_stands_against_its_target(t) {
        let f = build(&t).await;
        define_all(&t, &f).await;
        let set = readings::of_year(&t.db, f.country_id, 2025, Filter::default()).await.unwrap();
        // 0.55 against 0.56, from 0.5: 83% of the way, on track.
        assert_eq!(reading(&set, "aid_on_budget"), (some("0.55"), None, some("0.56"), Some(Status::OnTrack)));
        assert_eq!(set.get("aid_on_budget").unwrap().computed.as_ref().unwrap().numerator, dec("440000"));
        // 0.5556 reaches 0.5.
        assert_eq!(reading(&set, "execution_rate"), (some("0.5556"), None, some("0.5"), Some(Status::Met)));
        // 0.079 against 0.08, from 0.07: 90% of the way; last year 0.072.
        assert_eq!(reading(&set, "revenue"), (some("0.079"), some("0.072"), some("0.08"), Some(Status::OnTrack)));
        assert_eq!(set.get("revenue").unwrap().change(), some("0.007"));
        // Lower is better: 95 against 80, from 100: a quarter of the way.
        assert_eq!(reading(&set, "backlog"), (some("95"), None, some("80"), Some(Status::OffTrack)));
        assert_eq!(reading(&set, "norway-evals"), (some("0.5"), None, some("0.5"), Some(Status::Met)));
        // Not measured: no value, no status.
        assert_eq!(reading(&set, "unmeasured"), (None, None, some("5"), None));
        // Computed indicators the country has not defined keep their formula's name.
        let pooled = set.get("pooled_share").unwrap();
        assert_eq!((pooled.name.as_str(), pooled.value, pooled.status), ("Pooled share", some("0.4897"), None));
        let entered = set.get("revenue").unwrap().measurement.clone().unwrap();
        assert_eq!(entered.entered_by, "Finance planner (Ministry of Finance)");

        // A partner's view: its computed values, and the indicators it owns.
        let norway = readings::of_year(&t.db, f.country_id, 2025, Filter { partner: Some(f.norway), pillar: None }).await.unwrap();
        assert_eq!(reading(&norway, "aid_on_budget").0, some("0.8"));
        assert!(norway.get("norway-evals").is_some());
        assert!(norway.get("revenue").is_none() && norway.get("backlog").is_none());

        // A pillar's view: its indicators, and its own part of the funding gap.
        let security = readings::of_year(&t.db, f.country_id, 2025, Filter { partner: None, pillar: Some(2) }).await.unwrap();
        let codes: Vec<&str> = security.readings.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["funding_gap", "revenue", "unmeasured"]);
        assert_eq!(reading(&security, "funding_gap").0, some("80000"));
        let politics = readings::of_year(&t.db, f.country_id, 2025, Filter { partner: None, pillar: Some(1) }).await.unwrap();
        assert_eq!(reading(&politics, "funding_gap").0, some("-180000"));
        assert_eq!(reading(&politics, "backlog").0, some("95"));
    }
}

both_backends! {
    async fn bad_definitions_and_measurements_name_the_field_and_write_nothing(t) {
        let f = build(&t).await;
        let planner = define_all(&t, &f).await;
        let system = Author::system("test");
        let c = f.country_id;
        let before = definitions::list(&t.db, c, 7).await.unwrap();

        let err = definitions::record_measurement(&t.db, &planner, (c, "revenue"), measured(2026, "1.5"), None).await.unwrap_err();
        assert_eq!(field(err), ["value"]);
        let err = definitions::record_measurement(&t.db, &planner, (c, "revenue"), NewMeasurement { source: " ".into(), ..measured(2026, "0.08") }, None).await.unwrap_err();
        assert_eq!(field(err), ["source"]);
        let err = definitions::record_measurement(&t.db, &planner, (c, "aid_on_budget"), measured(2026, "0.5"), None).await.unwrap_err();
        assert_eq!(field(err), ["indicator"]);
        let err = definitions::set_target(&t.db, &system, c, "revenue", (2026, None), dec("2")).await.unwrap_err();
        assert_eq!(field(err), ["target_value"]);
        let err = definitions::define(&t.db, &system, c, entered("revenue", Unit::Share, Direction::HigherIsBetter, None, f.finance, "0.1")).await.unwrap_err();
        assert_eq!(field(err), ["code"]);
        let err = definitions::define(&t.db, &system, c, entered("pooled_share", Unit::Share, Direction::HigherIsBetter, None, f.finance, "0.1")).await.unwrap_err();
        assert_eq!(field(err), ["code"]);
        let err = definitions::define(&t.db, &system, c, computed(Formula::AidOnBudget, "0.1")).await.unwrap_err();
        assert_eq!(field(err), ["code"]);
        let err = definitions::define(&t.db, &system, c, NewIndicator { name: String::new(), ..entered("new one", Unit::Share, Direction::HigherIsBetter, Some(40), f.finance, "3") }).await.unwrap_err();
        assert_eq!(field(err), ["code", "name", "pillar", "baseline_value"]);
        assert_eq!(definitions::list(&t.db, c, 7).await.unwrap(), before, "nothing was written");

        // A correction, opened at the measurement's first version, replaces
        // the year's value; comments keep their author.
        definitions::record_measurement(&t.db, &planner, (c, "revenue"), measured(2025, "0.081"), Some(1)).await.unwrap();
        let set = readings::of_year(&t.db, c, 2025, Filter::default()).await.unwrap();
        assert_eq!(reading(&set, "revenue"), (some("0.081"), some("0.072"), some("0.08"), Some(Status::Met)));
        comments::comment(&t.db, &planner, c, "revenue", 2025, "Includes the one-off licence fees.").await.unwrap();
        let id = definitions::get_model(&t.db, c, "revenue").await.unwrap().id;
        let comments = comments::comments(&t.db, id).await.unwrap();
        assert_eq!(comments.len(), 1);
        assert_eq!((comments[0].author.as_str(), comments[0].fiscal_year), ("Finance planner (Ministry of Finance)", 2025));
    }
}

both_backends! {
    async fn scorecards_gather_each_partys_record(t) {
        let f = build(&t).await;
        define_all(&t, &f).await;
        let system = Author::system("test");
        let amounts = BudgetAmounts { appropriation: dec("2000000"), expected_external: dec("500000"), execution: dec("1500000") };
        budget::set_amounts(&t.db, &system, f.security_line, (2025, None), amounts).await.unwrap();

        let norway = scorecards::partner(&t.db, f.country_id, f.norway, 2025).await.unwrap();
        assert_eq!(norway.partner.as_ref().unwrap().name, "Norway");
        // EUR at 1.10 in FY 2025/26, at 1.20 in FY 2026/27.
        let flows: Vec<(i32, Decimal, Decimal, Decimal)> = norway.flows.iter()
            .map(|y| (y.fiscal_year, y.totals.pledged, y.totals.committed, y.totals.disbursed))
            .collect();
        assert_eq!(flows, [
            (2025, dec("0"), dec("1210000"), dec("550000")),
            (2026, dec("300000"), dec("0"), dec("600000")),
        ]);
        assert_eq!(reading(&norway.readings, "aid_on_budget").0, some("0.8"));
        assert_eq!(reading(&norway.readings, "norway-evals").3, Some(Status::Met));
        assert!(norway.commitments.is_empty(), "no signed compact");
        assert!(norway.budget.is_none());
        assert!(matches!(scorecards::partner(&t.db, f.country_id, f.finance, 2025).await, Err(AppError::NotFound(_))));

        let government = scorecards::government(&t.db, f.country_id, 2025).await.unwrap();
        let budget = government.budget.unwrap();
        assert_eq!((budget.lines, budget.lines_with_figures), (1, 1));
        assert_eq!((budget.appropriation, budget.executed, budget.execution_rate), (dec("2000000"), dec("1500000"), some("0.75")));
        assert_eq!(budget.recorded_on_budget, dec("440000"));
        let codes: Vec<&str> = government.readings.readings.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["government_delivery", "backlog", "revenue", "unmeasured"]);
    }
}

both_backends! {
    async fn pages_and_the_api_show_targets_and_status(t) {
        let f = build(&t).await;
        define_all(&t, &f).await;
        let app = tests::TestApp::spawn(&t).await;
        let api: serde_json::Value = app.get("/api/v1/countries/TL/indicators?fiscal_year=2025").await.json().await.unwrap();
        let (status, page) = app.get_text("/countries/TL/dashboard?fiscal_year=2025").await;
        assert_eq!(status, 200);
        let main = crate::fixtures::main_of(&page);
        let mut with_status = 0;
        for indicator in api["indicators"].as_array().unwrap() {
            let name = indicator["name"].as_str().unwrap();
            let label = match (indicator["status"].as_str(), indicator["target"].is_null()) {
                (Some(code), _) => Status::from_code(code).unwrap().label(),
                (None, false) => "No value",
                (None, true) => "No target",
            };
            with_status += usize::from(indicator["status"].is_string());
            let tile = crate::indicators::tile(main, name);
            assert!(tile.contains(&format!(">{label}<")), "{name}: {label} not in {tile}");
        }
        assert_eq!(with_status, 5, "{api}");
        let revenue = api["indicators"].as_array().unwrap().iter().find(|i| i["code"] == "revenue").unwrap();
        assert_eq!((revenue["kind"].as_str(), revenue["value"].as_str(), revenue["target"].as_str()), (Some("entered"), Some("0.079"), Some("0.08")));
        assert_eq!((revenue["status"].as_str(), revenue["numerator"].is_null()), (Some("on_track"), true));

        // The pillar filter, shared as a link.
        let pillar: serde_json::Value = app.get("/api/v1/countries/TL/indicators?fiscal_year=2025&pillar=1").await.json().await.unwrap();
        let codes: Vec<&str> = pillar["indicators"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["funding_gap", "backlog"]);
        let (_, page) = app.get_text("/countries/TL/dashboard?fiscal_year=2025&pillar=1").await;
        let main = crate::fixtures::main_of(&page);
        assert!(main.contains("Indicator backlog") && !main.contains("Indicator revenue"), "{main}");

        // An entered indicator's drill-down: its source and its history.
        let (_, page) = app.get_text("/countries/TL/dashboard/revenue?fiscal_year=2025").await;
        let main = crate::fixtures::main_of(&page);
        for text in ["Treasury report", "Finance planner (Ministry of Finance)", ">FY 2024/25<", ">7.2%<", ">8%<", "On track"] {
            assert!(main.contains(text), "drill-down lacks {text:?}");
        }

        // Scorecards and the definitions page.
        let (status, page) = app.get_text(&format!("/countries/TL/scorecards?partner={}&fiscal_year=2025", f.norway)).await;
        assert_eq!(status, 200);
        let main = crate::fixtures::main_of(&page);
        for text in ["Scorecard: Norway, FY 2025/26", "550,000.00", "Indicator norway-evals"] {
            assert!(main.contains(text), "scorecard lacks {text:?}");
        }
        let (_, page) = app.get_text("/countries/TL/scorecards?fiscal_year=2025").await;
        assert!(page.contains("Scorecard: Government, FY 2025/26") && page.contains("Budget transparency"));
        let (_, page) = app.get_text("/countries/TL/indicators").await;
        assert!(page.contains("6 indicators") && page.contains("FY 2025/26: 8%"), "indicators page");
        app.stop().await;
    }
}
