use app::services::{accounts::countries, accounts::organisations, demo};
use tests::{Browser, Client, TestApp, both_backends, demo as accounts};

async fn fill(browser: &Browser, selector: &str, text: &str) {
    browser
        .wait_for_css(selector)
        .await
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing into {selector}: {e}"));
}

async fn click(browser: &Browser, selector: &str) {
    browser
        .wait_for_css(selector)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {selector}: {e}"));
}

async fn page_source(browser: &Browser) -> String {
    browser.client.source().await.unwrap_or_default()
}

both_backends! {
    async fn partner_reporter_signs_in_is_refused_admin_and_signs_out(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Norway (Norad)")
            .unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(true).await;

        browser.goto(&app.url("/sign-in")).await;
        browser.wait_for_hydration().await;
        fill(&browser, "#email", accounts::NORAD.0).await;
        fill(&browser, "#password", accounts::NORAD.1).await;
        click(&browser, "main form button[type='submit']").await;

        // Its own organisation's page, editable, with its history.
        let own_page = format!("/organisations/{}", norad.id);
        browser.wait_for_path(&own_page).await;
        assert_eq!(browser.text_of("main h1").await, "Norway (Norad)");
        browser.wait_for_css("main form input[name='organisation[iati_id]']").await;
        browser.wait_for_css("#history-heading").await;
        let account = browser.text_of("nav.account").await;
        assert!(account.contains("Nils Reporter (Norad)"), "{account}");
        assert!(!account.contains("Accounts"), "no admin links for a partner");

        // The admin pages refuse it with a 403 page.
        browser.goto(&app.url("/countries/XD/admin/users")).await;
        assert_eq!(browser.text_of("main h1").await, "Not allowed");
        browser.goto(&app.url("/countries/XD/admin/audit")).await;
        assert_eq!(browser.text_of("main h1").await, "Not allowed");
        let norad_http = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        assert_eq!(norad_http.get_text("/countries/XD/admin/users").await.0, 403);

        // Signing out, then going back, shows nothing private.
        browser.goto(&app.url(&own_page)).await;
        browser.wait_for_hydration().await;
        click(&browser, "nav.account button[type='submit']").await;
        browser.wait_for_path("/").await;
        browser.wait_for_css("a.account-link").await;
        browser.client.back().await.unwrap();
        browser.wait_for_path(&own_page).await;
        assert_eq!(browser.text_of("main h1").await, "Norway (Norad)");
        browser.wait_for_css("a.account-link").await;
        let source = page_source(&browser).await;
        assert!(!source.contains("Nils Reporter"), "the back button showed who was signed in");
        assert!(!source.contains("history-heading"), "the back button showed the history");
        assert!(!source.contains("name=\"organisation[iati_id]\""), "the back button showed the edit form");

        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn sign_in_works_without_javascript(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(false).await;
        browser.goto(&app.url("/sign-in")).await;
        fill(&browser, "#email", accounts::PLANNER.0).await;
        fill(&browser, "#password", "wrong-password").await;
        click(&browser, "main form button[type='submit']").await;
        let errors = browser.text_of(".form-errors").await;
        assert!(errors.contains("the email or password is not right"), "{errors}");

        fill(&browser, "#email", accounts::PLANNER.0).await;
        fill(&browser, "#password", accounts::PLANNER.1).await;
        click(&browser, "main form button[type='submit']").await;
        browser.wait_for_css("nav.account").await;
        let account = browser.text_of("nav.account").await;
        assert!(account.contains("Paul Planner"), "{account}");
        browser.close().await;
        app.stop().await;
    }
}
