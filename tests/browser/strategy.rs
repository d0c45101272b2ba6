use app::server_fns::AddPriority;
use app::services::accounts::audit::Author;
use app::services::{
    accounts::countries, accounts::organisations, accounts::users, strategy::lifecycle,
    strategy::strategies,
};
use app::types::Role;
use app::types::{NewCountry, NewOrganisation, NewUser, OrganisationKind};
use fantoccini::Locator;
use tests::{Browser, Client, TestApp, TestDb, both_backends};

use crate::forms::{choose, press, press_until, set_value, sign_in, type_into, wait_for_text};

const PLANNER: (&str, &str) = ("planner@tl.example", "planner-password");
const REVIEWER: (&str, &str) = ("reviewer@tl.example", "reviewer-password");

/// Timor-Leste with a July fiscal year, two ministries and a planner.
async fn country_with_planner(t: &TestDb) -> i32 {
    let system = Author::system("test");
    let new = NewCountry {
        code: "TL".into(),
        name: "Timor-Leste".into(),
        currency: "USD".into(),
        fiscal_year_start_month: 7,
    };
    countries::create(&t.db, &system, new).await.unwrap();
    let (country_id, _) = countries::get_with_id(&t.db, "TL").await.unwrap();
    let mut ministry = None;
    for name in ["Ministry of Finance", "Ministry of Justice"] {
        let org = NewOrganisation {
            name: name.into(),
            acronym: None,
            kind: OrganisationKind::GovernmentMinistry,
            iati_id: None,
            iati_type_code: None,
        };
        ministry.get_or_insert(
            organisations::create(&t.db, &system, country_id, org)
                .await
                .unwrap()
                .id,
        );
    }
    let planner = NewUser {
        email: PLANNER.0.into(),
        display_name: "Tomas Planner".into(),
        organisation_id: ministry.unwrap(),
        role: Role::Planner,
        signatory: true,
    };
    users::create(&t.db, &system, planner, Some(PLANNER.1.into()))
        .await
        .unwrap();
    let reviewer = NewUser {
        email: REVIEWER.0.into(),
        display_name: "Rosa Reviewer".into(),
        organisation_id: ministry.unwrap(),
        role: Role::Reviewer,
        signatory: false,
    };
    users::create(&t.db, &system, reviewer, Some(REVIEWER.1.into()))
        .await
        .unwrap();
    country_id
}

async fn add_priority(
    browser: &Browser,
    pillar: &str,
    code: &str,
    title: &str,
    costs: &[(&str, &str)],
) {
    let pillar_xpath =
        format!("//select[@id='pillar_id']/option[starts-with(normalize-space(), '{pillar}.')]");
    browser
        .client
        .find(Locator::XPath(&pillar_xpath))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(browser, "#code", code).await;
    type_into(browser, "#priority-title", title).await;
    for (year, amount) in costs {
        type_into(browser, &format!("#cost-{year}"), amount).await;
    }
    press(browser, "Add priority").await;
    wait_for_text(browser, title).await;
}

both_backends! {
    async fn a_planner_drafts_endorses_and_redrafts_the_strategy(t) {
        let country_id = country_with_planner(&t).await;
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(true).await;

        browser.goto(&app.url("/sign-in")).await;
        type_into(&browser, "#email", PLANNER.0).await;
        type_into(&browser, "#password", PLANNER.1).await;
        browser.client.find(Locator::Css("main form button")).await.unwrap().click().await.unwrap();
        browser.wait_for_css("nav.account").await;

        browser.goto(&app.url("/countries/TL/strategy")).await;
        browser.wait_for_hydration().await;
        type_into(&browser, "#title", "Timor-Leste Transition Strategy").await;
        type_into(&browser, "#first_fiscal_year", "2026").await;
        type_into(&browser, "#last_fiscal_year", "2027").await;
        press(&browser, "Create draft").await;
        wait_for_text(&browser, "Version 1").await;

        add_priority(&browser, "2", "2.1", "Police take over from the mission", &[("2026", "1000000"), ("2027", "750000.50")]).await;
        add_priority(&browser, "3", "3.1", "Mobile courts", &[("2026", "250000")]).await;
        wait_for_text(&browser, "2,000,000.50 USD").await;

        press_until(&browser, "//button[normalize-space()='Send to consultation']", "In consultation").await;

        // A reviewer comments on a priority in a browser of their own.
        let reviewer = Browser::start(true).await;
        sign_in(&reviewer, &app, REVIEWER).await;
        reviewer.goto(&app.url("/countries/TL/strategy")).await;
        reviewer.wait_for_hydration().await;
        assert!(!reviewer.client.source().await.unwrap().contains(">Endorse<"), "reviewers do not endorse");
        let (first_version, _, _) = strategies::versions(&t.db, country_id).await.unwrap()[0];
        let priority = strategies::load(&t.db, first_version)
            .await
            .unwrap()
            .priorities()
            .find(|p| p.code == "2.1")
            .unwrap()
            .id;
        type_into(&reviewer, &format!("#comment-{priority}"), "Who pays for this after 2027?").await;
        press(&reviewer, "Post comment").await;
        wait_for_text(&reviewer, "Rosa Reviewer").await;
        reviewer.close().await;

        // The planner sees it, resolves it, and endorses.
        browser.goto(&app.url("/countries/TL/strategy")).await;
        browser.wait_for_hydration().await;
        wait_for_text(&browser, "Who pays for this after 2027?").await;
        press_until(&browser, "//button[normalize-space()='Mark resolved']", "· resolved").await;
        type_into(&browser, "#endorsed_by", "Joint Steering Committee").await;
        set_value(&browser, "#endorsed_on", "2026-01-15").await;
        type_into(&browser, "#endorsement_url", "https://planning.example/jsc/7").await;
        press_until(&browser, "//button[normalize-space()='Endorse']", "Start a new draft").await;
        wait_for_text(&browser, "Endorsed by the Joint Steering Committee on 2026-01-15").await;

        // The endorsed version offers no editing, and the server refuses it.
        let source = browser.client.source().await.unwrap();
        assert!(!source.contains("Add a priority"));
        assert!(!source.contains("Change a cost"));
        let endorsed = strategies::latest_endorsed(&t.db, country_id).await.unwrap().unwrap();
        let planner = Client::signed_in(&app, PLANNER.0, PLANNER.1).await;
        let csrf = planner.csrf().await;
        let pillar = endorsed.pillars[0].id.to_string();
        let lead = endorsed.priorities().next().unwrap().lead_organisation_id.to_string();
        let refused = planner
            .call::<AddPriority>(&[
                ("csrf", &csrf),
                ("strategy_id", &endorsed.id.to_string()),
                ("priority[pillar_id]", &pillar),
                ("priority[code]", "1.1"),
                ("priority[title]", "Too late"),
                ("priority[objective]", ""),
                ("priority[lead_organisation_id]", &lead),
                ("priority[phase]", "immediate"),
                ("priority[thematic_area]", "other"),
            ])
            .await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("only a draft can be edited"), "{}", refused.body);

        press_until(&browser, "//button[normalize-space()='Start a new draft']", "based on version 1").await;
        let police = strategies::load(&t.db, strategies::version_id(&t.db, country_id, 2).await.unwrap())
            .await
            .unwrap()
            .priorities()
            .find(|p| p.code == "2.1")
            .unwrap()
            .id;
        browser.client.find(Locator::XPath("//summary[contains(., 'Change a cost of 2.1')]")).await.unwrap().click().await.unwrap();
        choose(&browser, &format!("#year-{police}"), "2027").await;
        type_into(&browser, &format!("#amount-{police}"), "800000").await;
        browser.client.find(Locator::XPath("//summary[contains(., 'Change a cost of 2.1')]/following-sibling::form//button")).await.unwrap().click().await.unwrap();
        wait_for_text(&browser, "800,000.00").await;

        browser.goto(&app.url("/countries/TL/strategy/compare?from=1&to=2")).await;
        let rows = browser.client.find_all(Locator::Css("table.comparison tbody tr")).await.unwrap();
        assert_eq!(rows.len(), 1, "exactly one change");
        let row = rows[0].text().await.unwrap();
        assert!(row.contains("2.1"), "{row}");
        assert!(row.contains("cost FY 2027/28"), "{row}");
        assert!(row.contains("750000.50") && row.contains("800000.00"), "{row}");
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn a_priority_is_added_without_javascript(t) {
        country_with_planner(&t).await;
        let (country_id, _) = countries::get_with_id(&t.db, "TL").await.unwrap();
        let system = Author::system("test");
        let plan = app::types::NewStrategy {
            title: "Plan".into(),
            first_fiscal_year: 2026,
            last_fiscal_year: 2027,
            vision: String::new(),
        };
        lifecycle::create(&t.db, &system, country_id, plan).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(false).await;
        browser.goto(&app.url("/sign-in")).await;
        type_into(&browser, "#email", PLANNER.0).await;
        type_into(&browser, "#password", PLANNER.1).await;
        browser.client.find(Locator::Css("main form button")).await.unwrap().click().await.unwrap();
        browser.wait_for_css("nav.account").await;
        browser.goto(&app.url("/countries/TL/strategy")).await;
        assert!(!browser.scripts_run().await);

        // A bad amount comes back with the field named, and nothing is saved.
        add_priority_plain(&browser, "4.1", "Feeder roads", "-5").await;
        let errors = browser.text_of(".form-errors").await;
        assert!(errors.contains("Cost in fiscal year 2026: must not be negative"), "{errors}");
        let (id, _, _) = strategies::versions(&t.db, country_id).await.unwrap()[0];
        assert_eq!(strategies::load(&t.db, id).await.unwrap().priorities().count(), 0);

        add_priority_plain(&browser, "4.1", "Feeder roads", "1200").await;
        wait_for_text(&browser, "Feeder roads").await;
        wait_for_text(&browser, "1,200.00").await;
        // The whole strategy reads without scripts: every pillar and the totals.
        for text in ["1. Legitimate politics", "5. Revenues and services", "Estimated cost by fiscal year"] {
            wait_for_text(&browser, text).await;
        }
        browser.close().await;
        app.stop().await;
    }
}

async fn add_priority_plain(browser: &Browser, code: &str, title: &str, amount: &str) {
    type_into(browser, "#code", code).await;
    type_into(browser, "#priority-title", title).await;
    type_into(browser, "#cost-2026", amount).await;
    press(browser, "Add priority").await;
    browser.wait_for_css("h1").await;
}
