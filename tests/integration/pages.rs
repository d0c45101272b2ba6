use app::services::demo;
use tests::{TestApp, both_backends};

both_backends! {
    async fn pages_render_on_the_server(t) {
        demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        let app = TestApp::spawn(&t).await;

        let (status, home) = app.get_text("/").await;
        assert_eq!(status, 200);
        assert!(home.contains("Republic of Kalinda (demo)"), "home lists the demo country");
        assert!(home.contains("<label for=\"country-select\">"), "the switcher has a label");

        let (status, country) = app.get_text("/countries/XD").await;
        assert_eq!(status, 200);
        for text in ["Ministry of Finance", "UN Peacebuilding Fund", "FY 20", "Pooled fund: 2"] {
            assert!(country.contains(text), "country page lacks {text:?}");
        }

        let (status, indicators) = app.get_text("/countries/XD/indicators").await;
        assert_eq!(status, 200);
        for text in ["Domestic revenue as a share of GDP", "Aid on budget (GPEDC 6)", "22 indicators"] {
            assert!(indicators.contains(text), "indicators page lacks {text:?}");
        }
        app.stop().await;
    }
}

both_backends! {
    async fn unknown_pages_are_404(t) {
        demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        let app = TestApp::spawn(&t).await;
        for path in ["/no-such-page", "/countries/ZZ", "/countries/XD/nothing-here"] {
            let (status, body) = app.get_text(path).await;
            assert_eq!(status, 404, "{path}");
            assert!(body.contains("Not found"), "{path} shows the not-found page");
        }
        app.stop().await;
    }
}

both_backends! {
    async fn country_switcher_works_without_javascript(t) {
        let app = TestApp::spawn(&t).await;
        let response = app.get("/switch-country?code=xd&area=budget").await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(
            response.headers().get("location").and_then(|v| v.to_str().ok()),
            Some("/countries/XD/budget")
        );
        let response = app.get("/switch-country?code=//evil.example&area=").await;
        assert_eq!(
            response.headers().get("location").and_then(|v| v.to_str().ok()),
            Some("/")
        );
        app.stop().await;
    }
}

both_backends! {
    async fn the_public_reads_the_endorsed_strategy_and_members_the_draft(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let (status, public) = app.get_text("/countries/XD/strategy").await;
        assert_eq!(status, 200);
        assert!(public.contains("Credible 2027 general elections"));
        assert!(public.contains("Endorsed"));
        assert!(!public.contains("Border police posts"), "the draft's new priority is not public");
        let (status, _) = app.get_text("/countries/XD/strategy?version=2").await;
        assert_eq!(status, 404, "the public cannot open the draft");

        let (email, password) = tests::demo::REVIEWER;
        let reviewer = tests::Client::signed_in(&app, email, password).await;
        let (status, draft) = reviewer.get_text("/countries/XD/strategy").await;
        assert_eq!(status, 200);
        assert!(draft.contains("Border police posts"), "members read the draft");
        assert!(!draft.contains("Add a priority"), "only planners draft");
        let (_, comparison) = reviewer.get_text("/countries/XD/strategy/compare?from=1&to=2").await;
        assert!(comparison.contains("Border police posts"));
        assert!(comparison.contains("cost FY 2027/28"));
        app.stop().await;
    }
}
