//! Large amounts in currencies of many digits (a budget in dong, rial or
//! leones) sum exactly in every funding view, the indicators and the API,
//! and amounts past the accepted range are refused with the limit named.

use app::AppError;
use app::services::accounts::audit::Author;
use app::services::funding::{activities, rates, report};
use app::services::indicators::computation;
use app::types::{Currency, ExchangeRate, GroupBy, TransactionKind};
use rust_decimal::Decimal;
use tests::{TestApp, both_backends};

use crate::fixtures::d;
use crate::funding_data::{self, activity, dec, flow};

/// 9 × 10^13 units: past what 64-bit sums of minor units times shares hold.
const HUGE: &str = "90000000000000";

both_backends! {
    async fn two_huge_flows_sum_exactly_everywhere(t) {
        let f = funding_data::build(&t).await;
        let system = Author::system("test");
        let before = report::build(&t.db, f.country_id, GroupBy::Partner, Some(2025)).await.unwrap();

        // One flow in dong (a currency written without minor units), one in
        // euros, both disbursed in fiscal year 2025 (July 2025 to June 2026).
        rates::store(&t.db, &system, f.country_id, vec![ExchangeRate {
            currency: Currency::stored("VND"),
            quote_currency: Currency::stored("USD"),
            rate_date: d("2025-07-01"),
            rate: dec("0.00004"),
            source: "State Bank of Viet Nam".into(),
        }])
        .await
        .unwrap();
        let dong = activities::create(&t.db, &system, f.country_id, activity(f.norway, "Dong", "VND"))
            .await
            .unwrap();
        let mut huge_vnd = flow(TransactionKind::Disbursement, "2025-09-01", HUGE);
        huge_vnd.currency = Some("VND".into());
        activities::add_transaction(&t.db, &system, dong.id, huge_vnd).await.unwrap();
        let huge_eur = flow(TransactionKind::Disbursement, "2025-09-01", HUGE);
        activities::add_transaction(&t.db, &system, f.norway_activity, huge_eur).await.unwrap();

        // 9e13 × 0.00004 + 9e13 × 1.10 (the euro's rate from July 2025).
        let added = dec("3600000000") + dec("99000000000000");
        let expected = before.total.disbursed + added;
        for group_by in GroupBy::ALL {
            let view = report::build(&t.db, f.country_id, *group_by, Some(2025)).await.unwrap();
            assert_eq!(view.total.disbursed, expected, "{group_by:?}");
        }
        let all_years = report::build(&t.db, f.country_id, GroupBy::FiscalYear, None).await.unwrap();
        assert!(all_years.total.disbursed >= expected);

        let indicators = computation::compute(&t.db, f.country_id, 2025, None).await.unwrap();
        assert!(!indicators.values.is_empty());

        let app = TestApp::spawn(&t).await;
        let (status, body) = app.get_text("/api/v1/countries/TL/funding?fiscal_year=2025").await;
        assert_eq!(status, 200, "{body}");
        let api: serde_json::Value = serde_json::from_str(&body).unwrap();
        let api_total: Decimal = api["total"]["disbursed"].as_str().unwrap_or_default().parse().unwrap();
        assert_eq!(api_total, expected, "{body}");
        let (status, _) = app.get_text("/countries/TL/funding?fiscal_year=2025").await;
        assert_eq!(status, 200);
        let (status, body) = app.get_text("/countries/TL/dashboard?fiscal_year=2025").await;
        assert_eq!(status, 200);
        assert!(body.contains("Aid on budget") || body.contains("indicator"), "the dashboard renders");
        let (status, _) = app.get_text("/api/v1/countries/TL/indicators?fiscal_year=2025").await;
        assert_eq!(status, 200);
        app.stop().await;
    }
}

fn fields(err: AppError) -> Vec<(String, String)> {
    match err {
        AppError::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

both_backends! {
    async fn amounts_and_rates_past_their_range_are_refused(t) {
        let f = funding_data::build(&t).await;
        let system = Author::system("test");
        let too_big = flow(TransactionKind::Disbursement, "2025-09-01", "1000000000000000.01");
        let err = activities::add_transaction(&t.db, &system, f.norway_activity, too_big).await.unwrap_err();
        assert_eq!(fields(err), [("amount".to_string(), "must be at most 1000000000000000".to_string())]);

        let rate = ExchangeRate {
            currency: Currency::stored("VND"),
            quote_currency: Currency::stored("USD"),
            rate_date: d("2025-07-01"),
            rate: dec("1000000001"),
            source: "A typing mistake".into(),
        };
        let err = rates::store(&t.db, &system, f.country_id, vec![rate]).await.unwrap_err();
        assert!(err.to_string().contains("rate: must be at most 1000000000"), "{err}");
    }
}
