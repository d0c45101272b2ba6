use app::services::accounts::audit::Author;
use app::services::{accounts::countries, demo};
use app::types::{Country, NewCountry};
use serde_json::Value;
use tests::{TestApp, both_backends};

both_backends! {
    async fn countries_endpoint_lists_every_country(t) {
        demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        countries::create(&t.db, &Author::system("test"), NewCountry {
            code: "TL".into(),
            name: "Timor-Leste".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 1,
        })
        .await
        .unwrap_or_else(|e| panic!("{e}"));
        let app = TestApp::spawn(&t).await;
        let response = app.get("/api/v1/countries").await;
        assert_eq!(response.status().as_u16(), 200);
        let body: Value = response.json().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            body,
            serde_json::json!([
                {"code": "XD", "name": "Republic of Kalinda (demo)", "currency": "USD", "fiscal_year_start_month": 7, "language": "en"},
                {"code": "TL", "name": "Timor-Leste", "currency": "USD", "fiscal_year_start_month": 1, "language": "en"},
            ])
        );
        app.stop().await;
    }
}

both_backends! {
    async fn server_function_answers_over_http(t) {
        demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        let app = TestApp::spawn(&t).await;
        let path = <app::server_fns::ListCountries as leptos::server_fn::ServerFn>::PATH;
        let response = app
            .http
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        assert_eq!(response.status().as_u16(), 200);
        let list: Vec<Country> = response.json().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].code, "XD");
        app.stop().await;
    }
}

both_backends! {
    async fn strategy_endpoint_serves_the_latest_endorsed_version(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let response = app.get("/api/v1/countries/XD/strategy").await;
        assert_eq!(response.status().as_u16(), 200);
        let strategy: app::types::Strategy = response.json().await.unwrap();
        assert_eq!(strategy.version, 1, "the draft (version 2) is not published");
        assert_eq!(strategy.status, app::types::StrategyStatus::Endorsed);
        assert_eq!(strategy.pillars.len(), 5);
        assert_eq!(strategy.priorities().count(), 16);
        let total: rust_decimal::Decimal = strategy.priorities().map(|p| p.total_cost()).sum();
        assert_eq!(total, rust_decimal::Decimal::new(44_000_000, 0));

        countries::create(&t.db, &Author::system("test"), NewCountry {
            code: "TL".into(),
            name: "Timor-Leste".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 1,
        })
        .await
        .unwrap();
        let none = app.get("/api/v1/countries/TL/strategy").await;
        assert_eq!(none.status().as_u16(), 404);
        let body: Value = none.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().contains("endorsed strategy"));
        assert_eq!(app.get("/api/v1/countries/QQ/strategy").await.status().as_u16(), 404);
        app.stop().await;
    }
}

both_backends! {
    async fn strategy_csv_lists_every_priority_with_its_costs(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let response = app.get("/countries/XD/strategy.csv").await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("strategy-XD-v1.csv"));
        let text = response.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "code,pillar,priority,lead ministry,phase,thematic area,FY 2026/27 (USD),FY 2027/28 (USD),FY 2028/29 (USD),FY 2029/30 (USD),total (USD)"
        );
        assert_eq!(lines.len(), 17, "a header and 16 priorities");
        let elections = lines.iter().find(|l| l.starts_with("1.2,")).unwrap();
        assert_eq!(
            *elections,
            "1.2,1. Legitimate politics,Credible 2027 general elections,National Electoral Commission,Immediate (0-12 months),Elections,2400000.00,1800000.00,1200000.00,600000.00,6000000.00"
        );
        let total: rust_decimal::Decimal = lines[1..]
            .iter()
            .map(|l| l.rsplit(',').next().unwrap().parse::<rust_decimal::Decimal>().unwrap())
            .sum();
        assert_eq!(total, rust_decimal::Decimal::new(44_000_000, 0));
        assert_eq!(app.get("/countries/QQ/strategy.csv").await.status().as_u16(), 404);
        app.stop().await;
    }
}

both_backends! {
    async fn transition_endpoint_serves_the_plan_and_the_page_shows_the_cliff(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let response = app.get("/api/v1/countries/XD/transition").await;
        assert_eq!(response.status().as_u16(), 200);
        let plan: app::types::TransitionPlan = response.json().await.unwrap();
        assert_eq!(plan.functions.len(), 10);
        assert_eq!(
            plan.cliff.iter().map(|y| y.label.as_str()).collect::<Vec<_>>(),
            ["FY 2026/27", "FY 2027/28", "FY 2028/29"]
        );
        let last = plan.cliff.last().unwrap();
        let secured: rust_decimal::Decimal = plan.functions.iter().map(|f| f.secured).sum();
        assert_eq!(last.secured, secured, "by the last year every function counts");
        assert_eq!(last.gap, last.replacement_cost - last.secured);

        let (status, page) = app.get_text("/countries/XD/transition").await;
        assert_eq!(status, 200);
        assert!(page.contains("<svg"), "the chart is drawn on the server");
        assert!(page.contains("Financing cliff by fiscal year"));
        assert!(page.contains(&app::types::money::display(last.gap)), "the table shows the gap");

        assert_eq!(app.get("/api/v1/countries/QQ/transition").await.status().as_u16(), 404);
        app.stop().await;
    }
}
