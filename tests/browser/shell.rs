use app::services::accounts::audit::Author;
use app::services::{accounts::countries, demo};
use app::types::NewCountry;
use fantoccini::Locator;
use tests::{Browser, TestApp, TestDb, both_backends};

async fn app_with_two_countries(t: &TestDb) -> TestApp {
    demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
    countries::create(
        &t.db,
        &Author::system("test"),
        NewCountry {
            code: "TL".into(),
            name: "Timor-Leste".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 1,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    TestApp::spawn(t).await
}

both_backends! {
    async fn home_is_rendered_on_the_server(t) {
        let app = app_with_two_countries(&t).await;
        let browser = Browser::start(false).await;
        browser.goto(&app.url("/")).await;
        assert!(!browser.scripts_run().await, "JavaScript is off in this browser");
        let countries = browser.text_of("main .cards").await;
        assert!(countries.contains("Republic of Kalinda (demo)"), "{countries}");
        assert!(countries.contains("Timor-Leste"), "{countries}");

        // Without scripts the switcher's form posts and the server redirects.
        let select = browser.wait_for_css("#country-select").await;
        select
            .select_by_value("TL")
            .await
            .unwrap_or_else(|e| panic!("choosing TL: {e}"));
        browser
            .client
            .find(Locator::Css(".country-switcher button[type='submit']"))
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        browser.wait_for_path("/countries/TL").await;
        assert_eq!(browser.text_of("main h1").await, "Timor-Leste");
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn hydrated_app_switches_country_and_navigates(t) {
        let app = app_with_two_countries(&t).await;
        let browser = Browser::start(true).await;
        browser.goto(&app.url("/")).await;
        browser.wait_for_hydration().await;
        let shot = browser.screenshot(&format!("home-{:?}", t.backend).to_lowercase()).await;
        assert!(std::fs::metadata(&shot).map(|m| m.len() > 1000).unwrap_or(false));

        // Only the hydrated page navigates on choosing a country, no button press.
        browser
            .wait_for_css("#country-select")
            .await
            .select_by_value("XD")
            .await
            .unwrap_or_else(|e| panic!("choosing XD: {e}"));
        browser.wait_for_path("/countries/XD").await;
        assert_eq!(browser.text_of("main h1").await, "Republic of Kalinda (demo)");

        // Navigation between pages through the header.
        browser
            .client
            .find(Locator::LinkText("Indicators"))
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        browser.wait_for_path("/countries/XD/indicators").await;
        assert_eq!(browser.text_of("main h1").await, "Indicators");

        // The switcher keeps the area when the country changes, once the
        // new page's island has hydrated.
        browser.wait_for_hydration().await;
        browser
            .wait_for_css("#country-select")
            .await
            .select_by_value("TL")
            .await
            .unwrap_or_else(|e| panic!("choosing TL: {e}"));
        browser.wait_for_path("/countries/TL/indicators").await;
        assert_eq!(browser.text_of("main h1").await, "Indicators");
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn unknown_page_shows_not_found(t) {
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(true).await;
        browser.goto(&app.url("/no-such-page")).await;
        assert_eq!(browser.text_of("main h1").await, "Not found");
        browser
            .client
            .find(Locator::LinkText("Back to the start page"))
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        browser.wait_for_path("/").await;
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn a_second_visit_loads_the_site_files_from_the_browser_cache(t) {
        let app = app_with_two_countries(&t).await;
        let browser = Browser::start(true).await;
        browser.goto(&app.url("/")).await;
        browser.wait_for_hydration().await;
        let first = browser.site_files_loaded().await;
        for ext in [".js", ".wasm", ".css"] {
            assert!(
                first.iter().any(|(name, bytes)| name.ends_with(ext) && *bytes > 0),
                "the first visit downloads the {ext} file: {first:?}"
            );
        }
        // Another page: its wasm, JS and CSS come from the browser's cache.
        browser.goto(&app.url("/countries/TL")).await;
        browser.wait_for_hydration().await;
        let second = browser.site_files_loaded().await;
        assert!(!second.is_empty());
        assert!(
            second.iter().all(|(_, bytes)| *bytes == 0),
            "the second visit downloads {second:?}"
        );
        browser.close().await;
        app.stop().await;
    }
}
