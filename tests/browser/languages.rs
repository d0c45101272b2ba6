//! The language switcher, with and without JavaScript: the pages speak
//! French, then Portuguese, with no English interface string left.

use fantoccini::Locator;
use tests::{Browser, TestApp, both_backends, catalogue};

/// The main pages, as a visitor without an account sees them.
const PAGES: [&str; 13] = [
    "/sign-in",
    "/no-such-page",
    "/countries/XD",
    "/countries/XD/strategy",
    "/countries/XD/transition",
    "/countries/XD/compact",
    "/countries/XD/funding",
    "/countries/XD/activities",
    "/countries/XD/budget",
    "/countries/XD/indicators",
    "/countries/XD/dashboard",
    "/countries/XD/scorecards",
    "/countries/XD/fragility",
];

async fn choose_language(browser: &Browser, code: &str) {
    browser
        .wait_for_css("#language-select")
        .await
        .select_by_value(code)
        .await
        .unwrap_or_else(|e| panic!("choosing {code}: {e}"));
    browser
        .client
        .find(Locator::Css(".language-switcher button[type='submit']"))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    browser.wait_for_css(&format!("html[lang='{code}']")).await;
}

async fn assert_speaks(browser: &Browser, language: &str, data: &[String]) {
    let text = browser.text_of("body").await;
    let left = catalogue::english_in(&text, language, data);
    let path = browser.path().await;
    assert!(
        left.is_empty(),
        "{language} page {path} still says {left:?}: {text}"
    );
}

both_backends! {
    async fn the_pages_switch_to_french_then_portuguese(t) {
        app::services::demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        let data = t.stored_texts().await;
        let app = TestApp::spawn(&t).await;
        for javascript in [false, true] {
            let browser = Browser::start(javascript).await;
            browser.goto(&app.url("/")).await;
            if javascript {
                browser.wait_for_hydration().await;
            }
            choose_language(&browser, "fr").await;
            assert_eq!(browser.path().await, "/", "the switcher comes back to the page");
            assert_speaks(&browser, "fr", &data).await;
            if javascript {
                browser.screenshot(&format!("home-fr-{:?}", t.backend).to_lowercase()).await;
            }
            for path in PAGES {
                browser.goto(&app.url(path)).await;
                assert_speaks(&browser, "fr", &data).await;
            }
            browser.goto(&app.url("/sign-in")).await;
            choose_language(&browser, "pt").await;
            assert_eq!(browser.path().await, "/sign-in");
            assert_eq!(browser.text_of("main h1").await, "Entrar");
            for path in PAGES {
                browser.goto(&app.url(path)).await;
                assert_speaks(&browser, "pt", &data).await;
            }
            browser.close().await;
        }
        app.stop().await;
    }
}
