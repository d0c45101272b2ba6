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

/// Waits up to `seconds` for the main content to show `text`.
async fn shows(browser: &Browser, text: &str, seconds: u64) -> bool {
    let xpath = format!("//main[contains(., \"{text}\")]");
    browser
        .client
        .wait()
        .at_most(std::time::Duration::from_secs(seconds))
        .for_element(Locator::XPath(&xpath))
        .await
        .is_ok()
}

/// Loads the page again from the server: what a person does when the live
/// page has not redrawn after a change.
async fn reload(browser: &Browser, text: &str) {
    eprintln!("the live page did not show {text:?}; loading it again");
    let _ = browser.client.refresh().await;
}

/// What the main content shows, for a failure's message.
async fn main_text(browser: &Browser) -> String {
    match browser.client.find(Locator::Css("main")).await {
        Ok(main) => main.text().await.unwrap_or_default(),
        Err(e) => format!("(no main: {e})"),
    }
}

/// Waits until the main content shows `text`, loading the page again once
/// if the live page has not redrawn.
pub async fn wait_for_text(browser: &Browser, text: &str) {
    if shows(browser, text, 20).await {
        return;
    }
    reload(browser, text).await;
    if !shows(browser, text, 20).await {
        panic!(
            "waiting for {text:?}; the page shows:\n{}",
            main_text(browser).await
        );
    }
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

/// Presses the button at `xpath` until it is gone (what it acted on left
/// the page): a press that lands while the page is still hydrating posts
/// the form without JavaScript, so what shows after it may differ, but the
/// button goes either way.
pub async fn press_until_gone(browser: &Browser, xpath: &str) {
    for _ in 0..4 {
        if let Ok(button) = browser.client.find(Locator::XPath(xpath)).await {
            let _ = button.click().await;
        }
        for _ in 0..30 {
            if browser.client.find(Locator::XPath(xpath)).await.is_err() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        reload(browser, xpath).await;
        browser.wait_for_css("main").await;
        if browser.client.find(Locator::XPath(xpath)).await.is_err() {
            return;
        }
    }
    panic!("pressing {xpath} never removed it");
}

/// Presses the button at `xpath` until the main content shows `text`: a
/// press that lands while the page is still hydrating or re-rendering is
/// lost, and the button (if still there) is pressed again; a page that has
/// not redrawn is loaded again.
pub async fn press_until(browser: &Browser, xpath: &str, text: &str) {
    for _ in 0..3 {
        if let Ok(button) = browser.client.find(Locator::XPath(xpath)).await {
            let _ = button.click().await;
        }
        if shows(browser, text, 10).await {
            return;
        }
        reload(browser, text).await;
        if shows(browser, text, 10).await {
            return;
        }
    }
    panic!(
        "pressing {xpath} never showed {text:?}; the page shows:\n{}",
        main_text(browser).await
    );
}
