use app::services::accounts::audit::Author;
use app::services::compact::{commitments, compacts};
use app::services::{accounts::countries, accounts::users, demo};
use app::services::{funding::reporting, indicators::computation};
use app::types::{
    CommitmentStatus, FiscalYear, Formula, IndicatorSet, NewProgress, NewReportingRound,
    ResponseStatus,
};
use rust_decimal::Decimal;
use tests::{both_backends, demo as accounts};

use crate::fixtures::{actor, d, signed_compact};
use crate::funding_data::{build, dec};

/// `(value, numerator, denominator)` of one indicator.
fn terms(set: &IndicatorSet, formula: Formula) -> (Option<Decimal>, Decimal, Decimal) {
    let v = set.get(formula).unwrap_or_else(|| panic!("no {formula:?}"));
    (v.value, v.numerator, v.denominator)
}

/// `(label, value)` of each part of one indicator.
fn parts(set: &IndicatorSet, formula: Formula) -> Vec<(String, Option<Decimal>)> {
    set.get(formula)
        .unwrap()
        .parts
        .iter()
        .map(|p| (p.label.clone(), p.value))
        .collect()
}

fn some(s: &str) -> Option<Decimal> {
    Some(dec(s))
}

both_backends! {
    async fn every_computed_indicator_is_exact(t) {
        let f = build(&t).await;
        let system = Author::system("test");
        let round = NewReportingRound { title: "FY 2025/26 data call".into(), fiscal_year: 2025, due_on: d("2026-09-30") };
        let round = reporting::open(&t.db, &system, f.country_id, round, d("2026-07-01")).await.unwrap();
        let user = users::create(&t.db, &system, app::types::NewUser {
            email: "reporter@norway.example".into(),
            display_name: "Norway reporter".into(),
            organisation_id: f.norway,
            role: app::types::Role::PartnerReporter,
            signatory: false,
        }, None).await.unwrap();
        let reporter = Author { user_id: Some(user.user.id), label: user.user.email };
        reporting::respond(&t.db, &reporter, (round.id, f.norway), ResponseStatus::Submitted, None).await.unwrap();

        let set = computation::compute(&t.db, f.country_id, 2025, None).await.unwrap();
        assert_eq!(set.fiscal_year_label, "FY 2025/26");
        // On-budget disbursements to the government sector (Norway's 440,000)
        // over scheduled ones (Norway 550,000 = EUR 500,000 at 1.10; UNDP 250,000).
        assert_eq!(terms(&set, Formula::AidOnBudget), (some("0.55"), dec("440000"), dec("800000")));
        assert_eq!(parts(&set, Formula::AidOnBudget), [("Norway".into(), some("0.8")), ("UNDP".into(), some("0"))]);
        // min(440,000, 550,000) + min(300,000, 250,000) over 800,000.
        assert_eq!(terms(&set, Formula::AnnualPredictability), (some("0.8625"), dec("690000"), dec("800000")));
        assert_eq!(parts(&set, Formula::AnnualPredictability), [("Norway".into(), some("0.8")), ("UNDP".into(), some("1"))]);
        // UNDP alone of the three partners plans the next three years.
        assert_eq!(terms(&set, Formula::MediumTermPredictability), (some("0.3333"), dec("1"), dec("3")));
        // Treasury and audit for Norway's 440,000, nothing for UNDP's 300,000:
        // (440/740 + 0 + 440/740 + 0) / 4.
        assert_eq!(terms(&set, Formula::CountrySystems), (some("0.2973"), dec("880000"), dec("2960000")));
        assert_eq!(parts(&set, Formula::CountrySystems), [("Norway".into(), some("0.5")), ("UNDP".into(), some("0"))]);
        // Paid into the fund: Norway 110,000 and the UK 600,000, of 1,450,000.
        assert_eq!(terms(&set, Formula::PooledShare), (some("0.4897"), dec("710000"), dec("1450000")));
        assert_eq!(terms(&set, Formula::ExecutionRate), (some("0.5556"), dec("1450000"), dec("2610000")));
        assert_eq!(terms(&set, Formula::UndisbursedBalance), (some("1160000"), dec("2610000"), dec("1450000")));
        assert_eq!(terms(&set, Formula::PledgeGap), (some("0"), dec("0"), dec("0")));
        // Pillar 1 is funded beyond its cost; pillar 2 lacks 80,000.
        assert_eq!(terms(&set, Formula::FundingGap).0, some("80000"));
        assert_eq!(parts(&set, Formula::FundingGap), [
            ("Pillar 1: Legitimate politics".into(), some("-180000")),
            ("Pillar 2: Security".into(), some("80000")),
        ]);
        assert_eq!(terms(&set, Formula::ReportingCompliance), (some("0.25"), dec("1"), dec("4")));
        // No signed compact: not applicable, not zero.
        assert_eq!(terms(&set, Formula::GovernmentDelivery), (None, dec("0"), dec("0")));

        // The next year: Norway's pledge is not yet committed.
        let next = computation::compute(&t.db, f.country_id, 2026, None).await.unwrap();
        assert_eq!(terms(&next, Formula::PledgeGap).0, some("300000"));
        assert_eq!(terms(&next, Formula::UndisbursedBalance), (some("360000"), dec("2610000"), dec("2250000")));
        assert_eq!(terms(&next, Formula::ReportingCompliance).0, None);

        // A partner with no scheduled disbursements: not applicable.
        let uk = computation::compute(&t.db, f.country_id, 2025, Some(f.uk)).await.unwrap();
        assert_eq!(uk.partner.as_ref().map(|p| p.name.as_str()), Some("United Kingdom"));
        assert_eq!(terms(&uk, Formula::AidOnBudget), (None, dec("0"), dec("0")));
        assert_eq!(terms(&uk, Formula::AnnualPredictability).0, None);
        assert_eq!(terms(&uk, Formula::PooledShare), (some("1"), dec("600000"), dec("600000")));
        assert_eq!(terms(&uk, Formula::MediumTermPredictability), (some("0"), dec("0"), dec("1")));
        let norway = computation::compute(&t.db, f.country_id, 2025, Some(f.norway)).await.unwrap();
        assert_eq!(terms(&norway, Formula::AidOnBudget), (some("0.8"), dec("440000"), dec("550000")));
        assert_eq!(terms(&norway, Formula::ExecutionRate), (some("0.4545"), dec("550000"), dec("1210000")));
        assert!(norway.get(Formula::FundingGap).is_none());
    }
}

/// The tile of `name` on a dashboard page, up to its end.
pub fn tile<'a>(main: &'a str, name: &str) -> &'a str {
    let start = main
        .find(&format!(">{name}</a>"))
        .unwrap_or_else(|| panic!("no tile {name:?}"));
    let rest = &main[start..];
    &rest[..rest.find("</li>").unwrap_or(rest.len())]
}

both_backends! {
    async fn the_api_returns_the_values_the_dashboard_shows(t) {
        let f = build(&t).await;
        let app = tests::TestApp::spawn(&t).await;
        for query in ["fiscal_year=2025".to_string(), format!("fiscal_year=2025&partner={}", f.norway)] {
            let api: serde_json::Value = app
                .get(&format!("/api/v1/countries/TL/indicators?{query}"))
                .await
                .json()
                .await
                .unwrap();
            let (status, page) = app.get_text(&format!("/countries/TL/dashboard?{query}")).await;
            assert_eq!(status, 200);
            let main = crate::fixtures::main_of(&page);
            let list = api["indicators"].as_array().unwrap();
            assert!(list.len() >= 9, "{api}");
            for indicator in list {
                let name = indicator["name"].as_str().unwrap();
                let shown = match (indicator["value"].as_str(), indicator["unit"].as_str()) {
                    (None, _) => "Not applicable".to_string(),
                    (Some(v), Some("share")) => {
                        let v: Decimal = v.parse().unwrap();
                        format!("{}%", (v * Decimal::ONE_HUNDRED).round_dp(1).normalize())
                    }
                    (Some(v), _) => format!("USD {}", app::types::money::display(v.parse().unwrap())),
                };
                let tile = tile(main, name);
                assert!(tile.contains(&format!(">{shown}<")), "{name}: {shown} not in {tile}");
            }
        }
        let api: serde_json::Value = app
            .get("/api/v1/countries/TL/indicators?fiscal_year=2025")
            .await
            .json()
            .await
            .unwrap();
        let aid = &api["indicators"][0];
        assert_eq!((aid["code"].as_str(), aid["value"].as_str()), (Some("aid_on_budget"), Some("0.55")));
        assert_eq!((aid["numerator"].as_str(), aid["denominator"].as_str()), (Some("440000.00"), Some("800000.00")));

        // The drill-down names the definition and lists the rows.
        let (_, page) = app.get_text("/countries/TL/dashboard/aid_on_budget?fiscal_year=2025").await;
        let main = crate::fixtures::main_of(&page);
        assert!(main.contains(Formula::AidOnBudget.definition()));
        assert!(main.contains(">Norway</th>") && main.contains(">550,000.00<") && main.contains(">80%<"), "{main}");
        let bad = app.get("/api/v1/countries/TL/indicators?fiscal_year=next").await;
        assert_eq!(bad.status().as_u16(), 422);
        app.stop().await;
    }
}

both_backends! {
    async fn compact_delivery_is_that_of_the_year_asked(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, country) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let signed = signed_compact(&t, country_id).await;
        let promise = signed.commitments.iter().find(|c| c.text == "Report all aid").unwrap().id;
        let norway = actor(&t, accounts::NORAD.0).await;
        let day_in = |year: i32| {
            let first = FiscalYear { start_year: year, start_month: country.fiscal_year_start_month }.first_day().unwrap();
            first + chrono::Days::new(40)
        };
        let report = |on_date, status, reason: Option<&str>| NewProgress {
            on_date,
            text: "Reported".into(),
            evidence_url: None,
            status,
            status_reason: reason.map(str::to_string),
        };
        commitments::report_progress(&t.db, &norway, promise, report(day_in(2023), CommitmentStatus::OnTrack, None)).await.unwrap();
        commitments::report_progress(&t.db, &norway, promise, report(day_in(2024), CommitmentStatus::OffTrack, Some("Late data")))
            .await
            .unwrap();
        // Each year reads the status the commitment had at its end; the
        // year before the first report, not started.
        let (db, partner) = (&t.db, norway.organisation_id);
        let delivery = |year: i32| async move {
            let set = computation::compute(db, country_id, year, Some(partner)).await.unwrap();
            terms(&set, Formula::PartnerDelivery)
        };
        assert_eq!(delivery(2022).await, (some("0"), dec("0"), dec("1")));
        assert_eq!(delivery(2023).await, (some("1"), dec("1"), dec("1")));
        assert_eq!(delivery(2024).await, (some("0"), dec("0"), dec("1")));
        // An amendment carries the history with the commitment.
        let amended = compacts::amend(&t.db, &Author::system("test"), signed.id).await.unwrap();
        let carried = amended.commitments.iter().find(|c| c.text == "Report all aid").unwrap();
        let statuses: Vec<_> = carried.progress.iter().map(|p| (p.on_date, p.status)).collect();
        assert_eq!(statuses, [(day_in(2024), Some(CommitmentStatus::OffTrack)), (day_in(2023), Some(CommitmentStatus::OnTrack))]);
    }
}
