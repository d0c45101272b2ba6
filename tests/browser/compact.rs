use app::server_fns::UpdateCommitment;
use app::services::{
    accounts::countries, accounts::users, compact::compacts, compact::signing, demo,
};
use app::types::{Compact, CompactStatus};
use fantoccini::Locator;
use tests::{Browser, Client, TestApp, TestDb, both_backends, demo as accounts};

use crate::forms::{choose, press, press_until, set_value, sign_in, type_into, wait_for_text};

/// The demo country's newest compact version.
async fn newest(t: &TestDb) -> Compact {
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let (id, _, _) = *compacts::versions(&t.db, country_id)
        .await
        .unwrap()
        .last()
        .unwrap();
    compacts::load(&t.db, id).await.unwrap()
}

fn party(compact: &Compact, name: &str) -> String {
    compact
        .parties
        .iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
        .to_string()
}

/// Fills the add-commitment form and waits to see the commitment.
async fn add_commitment(browser: &Browser, party: &str, kind: &str, text: &str) {
    choose(browser, "#new-party", party).await;
    choose(browser, "#new-kind", kind).await;
    type_into(browser, "#new-text", text).await;
    choose(browser, "#new-priority", "5.2").await;
    set_value(browser, "#new-due", "2027-06-30").await;
    press(browser, "Add commitment").await;
    wait_for_text(browser, text).await;
}

/// Clicks an element found by XPath.
async fn click(browser: &Browser, xpath: &str) {
    browser
        .client
        .find(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"))
        .click()
        .await
        .unwrap();
}

/// A commitment's fields as the update server function takes them.
fn update_fields<'a>(
    csrf: &'a str,
    id: &'a str,
    c: &'a app::types::Commitment,
) -> Vec<(&'a str, String)> {
    vec![
        ("csrf", csrf.to_string()),
        ("commitment_id", id.to_string()),
        ("version", c.version.to_string()),
        ("commitment[party_id]", c.party_id.to_string()),
        ("commitment[kind]", c.kind.code().to_string()),
        ("commitment[category]", c.category.code().to_string()),
        ("commitment[text]", "Rewritten by someone else".to_string()),
        ("commitment[priority_code]", c.priority_code.clone()),
        ("commitment[due_on]", c.due_on.to_string()),
    ]
}

async fn update_as(client: &Client, commitment: &app::types::Commitment) -> u16 {
    let csrf = client.csrf().await;
    let id = commitment.id.to_string();
    let fields = update_fields(&csrf, &id, commitment);
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    client.call::<UpdateCommitment>(&borrowed).await.status
}

both_backends! {
    async fn the_government_and_a_partner_draft_sign_and_amend_the_compact(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let planner = Browser::start(true).await;
        sign_in(&planner, &app, accounts::PLANNER).await;
        planner.goto(&app.url("/countries/XD/compact")).await;
        planner.wait_for_hydration().await;
        press_until(&planner, "//button[normalize-space()='Start an amendment']", "Version 2 ·").await;

        // The planner drafts a government, a partner and a joint commitment.
        let v2 = newest(&t).await;
        let (government, norad) = (
            party(&v2, "Ministry of Planning and Development"),
            party(&v2, "Norway (Norad)"),
        );
        add_commitment(&planner, &government, "government", "Publish every budget transfer to the districts.").await;
        add_commitment(&planner, &norad, "partner", "Report all Norwegian support each quarter.").await;
        add_commitment(&planner, &norad, "joint", "Review the district transfers together each year.").await;
        let v2 = newest(&t).await;
        let find = |text: &str| v2.commitments.iter().find(|c| c.text.starts_with(text)).unwrap().clone();
        let (theirs, ours) = (find("Report all Norwegian"), find("Publish every budget transfer"));
        let fcdo = find("Publish all programmes to IATI");

        // Norway's reporter changes Norway's commitment on the page...
        let reporter = Browser::start(true).await;
        sign_in(&reporter, &app, accounts::NORAD).await;
        reporter.goto(&app.url("/countries/XD/compact?version=2")).await;
        reporter.wait_for_hydration().await;
        let field = format!("commitment-{}-text", theirs.id);
        click(&reporter, &format!("//textarea[@id='{field}']/ancestor::details/summary")).await;
        type_into(&reporter, &format!("#{field}"), "Report all Norwegian support each month.").await;
        click(&reporter, &format!("//textarea[@id='{field}']/ancestor::form//button")).await;
        wait_for_text(&reporter, "Report all Norwegian support each month.").await;
        // ...and the server refuses it the government's and the UK's.
        let norad_client = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        assert_eq!(update_as(&norad_client, &ours).await, 403);
        assert_eq!(update_as(&norad_client, &fcdo).await, 403);

        // Frozen, then signed by both, and by the other parties.
        press_until(&planner, "//button[normalize-space()='Freeze for signature']", "Open for signature").await;
        press_until(&planner, "//button[normalize-space()='Sign this version']", "signed by Paul Planner").await;
        reporter.goto(&app.url("/countries/XD/compact?version=2")).await;
        reporter.wait_for_hydration().await;
        press_until(&reporter, "//button[normalize-space()='Sign this version']", "signed by Nils Reporter (Norad)").await;
        for email in ["fcdo", "eu", "undp", "worldbank", "unicef"] {
            let id = users::find_by_email(&t.db, &format!("{email}@kalinda.example")).await.unwrap().unwrap().id;
            let signatory = users::actor(&t.db, id).await.unwrap().unwrap();
            signing::sign(&t.db, &signatory, v2.id).await.unwrap();
        }
        planner.goto(&app.url("/countries/XD/compact")).await;
        planner.wait_for_hydration().await;
        let signed = newest(&t).await;
        assert_eq!(signed.status, CompactStatus::Signed);
        let shown = planner.text_of("p.hash code").await;
        assert_eq!(Some(shown), signed.sha256, "the page shows the hash");

        // The signed version refuses edits, on the page and on the server.
        let page = planner.text_of("main").await;
        assert!(!page.contains("Change this commitment"));
        let planner_client = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        assert_eq!(update_as(&planner_client, &ours).await, 422);

        // An amendment is version 3, unsigned.
        press_until(&planner, "//button[normalize-space()='Start an amendment']", "Version 3 ·").await;
        let v3 = newest(&t).await;
        assert_eq!(v3.status, CompactStatus::Draft);
        assert!(v3.parties.iter().all(|p| p.signature.is_none()));
        assert!(planner.text_of("main").await.contains("not signed"));
        planner.close().await;
        reporter.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn a_partner_reports_progress_without_javascript(t) {
        demo::seed(&t.db).await.unwrap();
        let signed = newest(&t).await;
        let norad = signed
            .commitments
            .iter()
            .find(|c| c.text.starts_with("Channel at least half"))
            .unwrap()
            .clone();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(false).await;
        sign_in(&browser, &app, accounts::NORAD).await;
        browser.goto(&app.url("/countries/XD/compact")).await;
        let id = |field: &str| format!("#progress-{}-{field}", norad.id);
        // The form sits in a closed <details>; without JavaScript the
        // summary still opens it.
        click(&browser, &format!("//input[@id='progress-{}-evidence']/ancestor::details/summary", norad.id)).await;
        type_into(&browser, &id("text"), "A third of new support now goes through the budget.").await;
        type_into(&browser, &id("evidence"), "https://aid.kalinda.example/norad-channels").await;
        choose(&browser, &id("status"), "on_track").await;
        click(&browser, &format!("//input[@id='progress-{}-evidence']/ancestor::form//button", norad.id)).await;
        wait_for_text(&browser, "A third of new support now goes through the budget.").await;
        let after = newest(&t).await;
        let reported = after.commitments.iter().find(|c| c.id == norad.id).unwrap();
        assert_eq!(reported.status, app::types::CommitmentStatus::OnTrack);
        assert_eq!(
            reported.progress[0].evidence_url.as_deref(),
            Some("https://aid.kalinda.example/norad-channels")
        );
        browser.close().await;
        app.stop().await;
    }
}
