use app::services::audit::Author;
use app::services::{indicators, reporting, users};
use app::types::{Formula, IndicatorSet, NewReportingRound, ResponseStatus};
use rust_decimal::Decimal;
use tests::both_backends;

use crate::fixtures::d;
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
            role: app::policy::Role::PartnerReporter,
            signatory: false,
        }, None).await.unwrap();
        let reporter = Author { user_id: Some(user.user.id), label: user.user.email };
        reporting::respond(&t.db, &reporter, round.id, f.norway, ResponseStatus::Submitted).await.unwrap();

        let set = indicators::compute(&t.db, f.country_id, 2025, None).await.unwrap();
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
        let next = indicators::compute(&t.db, f.country_id, 2026, None).await.unwrap();
        assert_eq!(terms(&next, Formula::PledgeGap).0, some("300000"));
        assert_eq!(terms(&next, Formula::UndisbursedBalance), (some("360000"), dec("2610000"), dec("2250000")));
        assert_eq!(terms(&next, Formula::ReportingCompliance).0, None);

        // A partner with no scheduled disbursements: not applicable.
        let uk = indicators::compute(&t.db, f.country_id, 2025, Some(f.uk)).await.unwrap();
        assert_eq!(uk.partner.as_ref().map(|p| p.name.as_str()), Some("United Kingdom"));
        assert_eq!(terms(&uk, Formula::AidOnBudget), (None, dec("0"), dec("0")));
        assert_eq!(terms(&uk, Formula::AnnualPredictability).0, None);
        assert_eq!(terms(&uk, Formula::PooledShare), (some("1"), dec("600000"), dec("600000")));
        assert_eq!(terms(&uk, Formula::MediumTermPredictability), (some("0"), dec("0"), dec("1")));
        let norway = indicators::compute(&t.db, f.country_id, 2025, Some(f.norway)).await.unwrap();
        assert_eq!(terms(&norway, Formula::AidOnBudget), (some("0.8"), dec("440000"), dec("550000")));
        assert_eq!(terms(&norway, Formula::ExecutionRate), (some("0.4545"), dec("550000"), dec("1210000")));
        assert!(norway.get(Formula::FundingGap).is_none());
    }
}
