//! The language switcher, with and without JavaScript: the pages speak
//! French, then Portuguese, with no English interface string left.

use std::collections::BTreeMap;

use fantoccini::Locator;
use tests::{Browser, TestApp, both_backends};

fn catalogue(language: &str) -> BTreeMap<String, String> {
    let path = format!(
        "{}/../app/locales/{language}/common.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The English interface strings that `language` writes otherwise (words
/// the languages share, such as "Budget", say nothing).
fn english_left_out_of(language: &str) -> Vec<String> {
    let english = catalogue("en");
    let other = catalogue(language);
    english
        .into_iter()
        .filter(|(key, text)| {
            text.chars().count() >= 4 && !text.contains("{{") && other.get(key) != Some(text)
        })
        .map(|(_, text)| text)
        .collect()
}

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

/// Whether `phrase` stands in `text` as words of its own ("Change" is not
/// in "Changer").
fn says(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

async fn assert_speaks(browser: &Browser, language: &str) {
    // The product's name is the same in every language.
    let text = browser.text_of("body").await.replace("Compact Tracker", "");
    for english in english_left_out_of(language) {
        assert!(
            !says(&text, &english),
            "{language} page still says {english:?}: {text}"
        );
    }
}

both_backends! {
    async fn the_pages_switch_to_french_then_portuguese(t) {
        app::services::demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        let app = TestApp::spawn(&t).await;
        for javascript in [false, true] {
            let browser = Browser::start(javascript).await;
            browser.goto(&app.url("/")).await;
            if javascript {
                browser.wait_for_hydration().await;
            }
            choose_language(&browser, "fr").await;
            assert_eq!(browser.path().await, "/", "the switcher comes back to the page");
            assert_speaks(&browser, "fr").await;
            if javascript {
                browser.screenshot(&format!("home-fr-{:?}", t.backend).to_lowercase()).await;
            }
            for path in ["/sign-in", "/no-such-page", "/countries/XD"] {
                browser.goto(&app.url(path)).await;
                assert_speaks(&browser, "fr").await;
            }
            browser.goto(&app.url("/sign-in")).await;
            choose_language(&browser, "pt").await;
            assert_eq!(browser.path().await, "/sign-in");
            assert_speaks(&browser, "pt").await;
            assert_eq!(browser.text_of("main h1").await, "Entrar");
            browser.close().await;
        }
        app.stop().await;
    }
}
