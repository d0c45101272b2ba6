//! The funding page and the funding API read the same totals.

use app::types::money::display as money;
use app::types::{FundingReport, GroupBy};
use tests::{TestApp, both_backends};

use crate::fixtures::main_of;
use crate::funding_data::build;

/// The page's table row that starts with `label`, up to its end.
fn row_of<'a>(main: &'a str, label: &str) -> &'a str {
    let heading = format!(">{label}</th>");
    let start = main
        .find(&heading)
        .unwrap_or_else(|| panic!("no row {label:?} in {main}"));
    let rest = &main[start..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
}

/// Every amount of `report` appears, in order, in its row on the page.
fn assert_page_matches(main: &str, report: &FundingReport) {
    for row in &report.rows {
        let cells = row_of(main, &row.label);
        let t = row.totals;
        let mut at = 0;
        for amount in [
            t.pledged,
            t.committed,
            t.disbursed,
            t.spent,
            row.on_budget_disbursed,
        ] {
            let text = format!(">{}<", money(amount));
            let found = cells[at..]
                .find(&text)
                .unwrap_or_else(|| panic!("{} missing {text} in {cells}", row.label));
            at += found + text.len();
        }
        if row.unconverted > 0 {
            assert!(cells.contains("1 amount left out"), "{cells}");
        }
    }
    let total = row_of(main, "Total, each dollar once");
    assert!(
        total.contains(&format!(">{}<", money(report.total.committed))),
        "{total}"
    );
    assert!(
        total.contains(&format!(">{}<", money(report.total.disbursed))),
        "{total}"
    );
}

both_backends! {
    async fn the_api_returns_the_totals_the_page_shows(t) {
        let f = build(&t).await;
        let app = TestApp::spawn(&t).await;
        for (group_by, year) in [
            (GroupBy::Partner, None),
            (GroupBy::Priority, None),
            (GroupBy::FiscalYear, None),
            (GroupBy::Pillar, Some(2025)),
            (GroupBy::Channel, Some(2026)),
        ] {
            let query = match year {
                Some(y) => format!("group_by={}&fiscal_year={y}", group_by.code()),
                None => format!("group_by={}", group_by.code()),
            };
            let response = app.get(&format!("/api/v1/countries/TL/funding?{query}")).await;
            assert_eq!(response.status().as_u16(), 200);
            let api: FundingReport = response.json().await.unwrap();
            let expected = app::services::funding::report::build(&t.db, f.country_id, group_by, year)
                .await
                .unwrap();
            assert_eq!(api, expected);
            let (status, page) = app.get_text(&format!("/countries/TL/funding?{query}")).await;
            assert_eq!(status, 200);
            assert_page_matches(main_of(&page), &api);
        }
        app.stop().await;
    }
}

both_backends! {
    async fn a_missing_rate_is_flagged_on_the_page_and_in_the_api(t) {
        build(&t).await;
        let app = TestApp::spawn(&t).await;
        let api: serde_json::Value = app
            .get("/api/v1/countries/TL/funding?group_by=partner")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(api["unconverted_count"], 1);
        assert_eq!(api["unconverted"][0]["currency"], "GBP");
        assert_eq!(api["unconverted"][0]["value_date"], "2026-05-01");
        assert_eq!(api["unconverted"][0]["amount"], "50000.00");
        assert_eq!(api["rates_used"][0]["rate"]["source"], "Banco Central de Timor-Leste");

        let (_, page) = app.get_text("/countries/TL/funding?group_by=partner").await;
        let main = main_of(&page);
        assert!(main.contains("1 amount left out of the totals"), "{main}");
        assert!(main.contains("GBP 50,000.00 dated 2026-05-01"), "{main}");
        assert!(row_of(main, "United Kingdom").contains("1 amount left out"));
        let rates = row_of(main, "EUR");
        assert!(rates.contains(">2025-07-01<") && rates.contains(">1.1<"), "{rates}");
        assert!(rates.contains("Banco Central de Timor-Leste"), "{rates}");

        let bad = app.get("/api/v1/countries/TL/funding?group_by=donor").await;
        assert_eq!(bad.status().as_u16(), 422);
        let body: serde_json::Value = bad.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().starts_with("group_by: must be one of partner"));

        let activities: serde_json::Value =
            app.get("/api/v1/countries/TL/activities").await.json().await.unwrap();
        assert_eq!((activities["page"].as_u64(), activities["per_page"].as_u64()), (Some(1), Some(100)));
        assert_eq!((activities["total"].as_u64(), activities["pages"].as_u64()), (Some(6), Some(1)));
        let list = activities["activities"].as_array().unwrap();
        assert_eq!(list.len(), 6);
        let transactions: usize = list.iter().map(|a| a["transactions"].as_array().unwrap().len()).sum();
        assert_eq!(transactions, 15);

        // Pages of four: the second holds the last two, in the same order,
        // and together they are the whole list.
        let page = |n: u32| {
            let app = &app;
            async move {
                let body: serde_json::Value =
                    app.get(&format!("/api/v1/countries/TL/activities?page={n}&per_page=4")).await.json().await.unwrap();
                body
            }
        };
        let (first, second, past) = (page(1).await, page(2).await, page(3).await);
        assert_eq!((first["total"].as_u64(), first["pages"].as_u64()), (Some(6), Some(2)));
        let ids = |body: &serde_json::Value| -> Vec<i64> {
            body["activities"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect()
        };
        let whole: Vec<i64> = ids(&activities);
        assert_eq!([ids(&first), ids(&second)].concat(), whole);
        assert_eq!(ids(&second).len(), 2);
        assert!(ids(&past).is_empty(), "a page past the end is empty");
        for bad in ["page=0", "per_page=501", "page=two"] {
            let answer = app.get(&format!("/api/v1/countries/TL/activities?{bad}")).await;
            assert_eq!(answer.status().as_u16(), 422, "{bad}");
            let body: serde_json::Value = answer.json().await.unwrap();
            let field = bad.split('=').next().unwrap();
            assert!(body["error"].as_str().unwrap().starts_with(&format!("{field}: must be a whole number from 1 to")), "{body}");
        }
        app.stop().await;
    }
}
