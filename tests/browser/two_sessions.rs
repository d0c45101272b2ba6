//! Two people open the same priority, commitment and transition function;
//! the first saves; the second's save is refused, naming the first and
//! when, and the second's input stays in the form to reapply. With
//! JavaScript and without.

use app::services::accounts::{audit::Author, countries};
use app::services::{compact::compacts, demo, transition::plans};
use fantoccini::Locator;
use tests::{Browser, TestApp, TestDb, both_backends, demo as accounts};

use crate::forms::{click, type_into, wait_for_text};

/// A form field's current value.
async fn value_of(browser: &Browser, selector: &str) -> String {
    browser
        .wait_for_css(selector)
        .await
        .prop("value")
        .await
        .unwrap_or_else(|e| panic!("value of {selector}: {e}"))
        .unwrap_or_default()
}

/// Presses the submit button of the form that holds `field`.
async fn save(browser: &Browser, field: &str) {
    let xpath = format!("//*[@id='{field}']/ancestor::form//button[@type='submit']");
    click(browser, &xpath).await;
}

async fn open(browser: &Browser, url: &str, javascript: bool) {
    browser.goto(url).await;
    if javascript {
        browser.wait_for_hydration().await;
    }
}

/// Opens the `<details>` whose summary reads `summary`, unless open.
async fn unfold(browser: &Browser, summary: &str) {
    let closed = format!("//details[not(@open)]/summary[normalize-space()='{summary}']");
    if let Ok(element) = browser.client.find(Locator::XPath(&closed)).await {
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("opening {summary}: {e}"));
    }
}

/// Types `text` into the field at `selector`, inside the `<details>` whose
/// summary reads `summary` if any: a page that re-renders as it hydrates
/// may close it again, so it is opened again until the field takes the text.
async fn type_in_form(browser: &Browser, summary: Option<&str>, selector: &str, text: &str) {
    for _ in 0..10 {
        if let Some(summary) = summary {
            unfold(browser, summary).await;
        }
        let field = browser.wait_for_css(selector).await;
        if field.clear().await.is_ok() && field.send_keys(text).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    type_into(browser, selector, text).await;
}

/// A saves `mine` into `field`, then B (who opened the page before) saves
/// `theirs` into it: B is refused, naming A, and keeps `theirs`.
async fn race(
    (a, b): (&Browser, &Browser),
    url: &str,
    (summary, field): (Option<&str>, &str),
    (mine, theirs): (&str, &str),
    javascript: bool,
) {
    let selector = format!("#{field}");
    for browser in [a, b] {
        open(browser, url, javascript).await;
        if let Some(summary) = summary {
            unfold(browser, summary).await;
        }
    }
    type_in_form(a, summary, &selector, mine).await;
    save(a, field).await;
    wait_for_text(a, mine).await;

    type_in_form(b, summary, &selector, theirs).await;
    save(b, field).await;
    wait_for_text(b, &format!("was changed by {}", accounts::PLANNER.0)).await;
    wait_for_text(b, "UTC").await;
    if let Some(summary) = summary {
        unfold(b, summary).await;
    }
    assert_eq!(value_of(b, &selector).await, theirs, "B's input is kept");
}

async fn two_people_edit_the_same_rows(t: &TestDb, javascript: bool) {
    demo::seed(&t.db).await.unwrap();
    accounts::second_planner(t).await;
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let signed = compacts::latest_signed(&t.db, country_id)
        .await
        .unwrap()
        .unwrap();
    let draft = compacts::amend(&t.db, &Author::system("test"), signed.id)
        .await
        .unwrap();
    let commitment = draft.commitments[0].id;
    let plan = plans::load(&t.db, country_id).await.unwrap().unwrap();
    let function = plan.functions[0].clone();

    let app = TestApp::spawn(t).await;
    let a = Browser::start(javascript).await;
    let b = Browser::start(javascript).await;
    crate::forms::sign_in(&a, &app, accounts::PLANNER).await;
    crate::forms::sign_in(&b, &app, accounts::SECOND_PLANNER).await;

    race(
        (&a, &b),
        &app.url("/countries/XD/strategy/priorities/2.4?version=2"),
        (None, "priority-title"),
        ("Border posts, as A wrote it", "Border posts, as B wrote it"),
        javascript,
    )
    .await;
    race(
        (&a, &b),
        &app.url(&format!("/countries/XD/compact?version={}", draft.version)),
        (
            Some("Change this commitment"),
            &format!("commitment-{commitment}-text"),
        ),
        (
            "Publish every disbursement (A)",
            "Publish every disbursement (B)",
        ),
        javascript,
    )
    .await;
    race(
        (&a, &b),
        &app.url("/countries/XD/transition"),
        (
            Some(&format!("Correct “{}”", function.name)),
            &format!("function-{}-function-name", function.id),
        ),
        ("Patrols, as A wrote it", "Patrols, as B wrote it"),
        javascript,
    )
    .await;
    a.close().await;
    b.close().await;
    app.stop().await;
}

both_backends! {
    async fn two_people_edit_the_same_rows_with_javascript(t) {
        two_people_edit_the_same_rows(&t, true).await;
    }
}

both_backends! {
    async fn two_people_edit_the_same_rows_without_javascript(t) {
        two_people_edit_the_same_rows(&t, false).await;
    }
}
