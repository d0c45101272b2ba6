use app::services::{accounts::countries, demo, strategy::strategies};
use tests::{Browser, TestApp, TestDb, both_backends, demo as accounts};

use crate::forms::{press, sign_in, type_into, wait_for_text};

/// The demo draft (version 2) of the demo country.
async fn demo_draft(t: &TestDb) -> app::types::Strategy {
    demo::seed(&t.db).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let (id, _, _) = *strategies::versions(&t.db, country_id)
        .await
        .unwrap()
        .last()
        .unwrap();
    strategies::load(&t.db, id).await.unwrap()
}

both_backends! {
    async fn a_planner_changes_a_draft_priority_and_removes_it(t) {
        let draft = demo_draft(&t).await;
        let reconciliation = draft.agreements[0]
            .provisions
            .iter()
            .find(|p| p.number == "3.1")
            .unwrap()
            .id;
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(true).await;
        sign_in(&browser, &app, accounts::PLANNER).await;

        browser.goto(&app.url("/countries/XD/strategy/priorities/2.4?version=2")).await;
        browser.wait_for_hydration().await;
        wait_for_text(&browser, "Border police posts").await;
        type_into(&browser, "#priority-title", "Border police and customs posts").await;
        browser
            .wait_for_css(&format!("#provision-{reconciliation}"))
            .await
            .click()
            .await
            .unwrap();
        press(&browser, "Save changes").await;
        wait_for_text(&browser, "Border police and customs posts").await;
        let implemented = browser.text_of("dl.provisions").await;
        assert!(implemented.contains("art. 3.1"), "{implemented}");
        assert!(implemented.contains("art. 5.3"), "{implemented}");

        press(&browser, "Remove 2.4 from this draft").await;
        browser.wait_for_path("/countries/XD/strategy").await;
        wait_for_text(&browser, "Add a priority").await;
        let page = browser.text_of("main").await;
        assert!(!page.contains("Border police and customs posts"), "removed");
        let after = strategies::load(&t.db, draft.id).await.unwrap();
        assert!(after.priority("2.4").is_none());
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn a_priority_is_changed_without_javascript(t) {
        let draft = demo_draft(&t).await;
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(false).await;
        sign_in(&browser, &app, accounts::PLANNER).await;

        browser.goto(&app.url("/countries/XD/strategy/priorities/1.1?version=2")).await;
        type_into(&browser, "#cost-2027", "999,000").await;
        press(&browser, "Save changes").await;
        wait_for_text(&browser, "999,000.00").await;
        let after = strategies::load(&t.db, draft.id).await.unwrap();
        let dialogue = after.priority("1.1").unwrap().1;
        assert_eq!(dialogue.cost_in(2027), rust_decimal::Decimal::new(999_000, 0));
        let unchanged = draft.priority("1.1").unwrap().1;
        assert_eq!(dialogue.partners, unchanged.partners, "the ticked partners stay");
        assert_eq!(dialogue.provisions, unchanged.provisions, "the ticked provisions stay");
        browser.close().await;
        app.stop().await;
    }
}
