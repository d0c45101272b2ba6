//! What a person does with a form: type, choose, press, wait to see.

use fantoccini::Locator;
use tests::{Browser, TestApp};

pub async fn type_into(browser: &Browser, selector: &str, text: &str) {
    let field = browser.wait_for_css(selector).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

pub async fn choose(browser: &Browser, selector: &str, value: &str) {
    browser
        .wait_for_css(selector)
        .await
        .select_by_value(value)
        .await
        .unwrap();
}

pub async fn press(browser: &Browser, label: &str) {
    let button = format!("//button[normalize-space()='{label}']");
    browser
        .client
        .find(Locator::XPath(&button))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits until the main content shows `text`.
pub async fn wait_for_text(browser: &Browser, text: &str) {
    let xpath = format!("//main[contains(., \"{text}\")]");
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}"));
}

pub async fn sign_in(browser: &Browser, app: &TestApp, (email, password): (&str, &str)) {
    browser.goto(&app.url("/sign-in")).await;
    type_into(browser, "#email", email).await;
    type_into(browser, "#password", password).await;
    browser
        .client
        .find(Locator::Css("main form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_css("nav.account").await;
}

/// Sets a field's value directly: typing into a date field follows the
/// browser's locale, this does not.
pub async fn set_value(browser: &Browser, selector: &str, value: &str) {
    browser.wait_for_css(selector).await;
    let script = "document.querySelector(arguments[0]).value = arguments[1];";
    browser
        .client
        .execute(script, vec![selector.into(), value.into()])
        .await
        .unwrap_or_else(|e| panic!("setting {selector}: {e}"));
}

pub fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Waits for the element at `xpath`, then clicks it.
pub async fn click(browser: &Browser, xpath: &str) {
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"))
        .click()
        .await
        .unwrap();
}

/// Waits for the element at `xpath` and reads its text.
pub async fn text(browser: &Browser, xpath: &str) -> String {
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(20))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"))
        .text()
        .await
        .unwrap()
}

/// Presses the button at `xpath` until the main content shows `text`: a
/// press that lands while the page is still re-rendering is lost, and the
/// button (if still there) is pressed again.
pub async fn press_until(browser: &Browser, xpath: &str, text: &str) {
    let shown = format!("//main[contains(., \"{text}\")]");
    for _ in 0..4 {
        if let Ok(button) = browser.client.find(Locator::XPath(xpath)).await {
            let _ = button.click().await;
        }
        let seen = browser
            .client
            .wait()
            .at_most(std::time::Duration::from_secs(6))
            .for_element(Locator::XPath(&shown))
            .await;
        if seen.is_ok() {
            return;
        }
    }
    panic!("pressing {xpath} never showed {text:?}");
}
