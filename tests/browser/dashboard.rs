use app::services::{accounts::countries, demo, indicators::computation};
use app::types::money::percent;
use app::types::{Formula, IndicatorSet};
use tests::{Browser, TestApp, TestDb, both_backends, demo as accounts};

use crate::forms::{choose, click, press, sign_in, text, type_into, wait_for_text};

const TILE: Formula = Formula::ExecutionRate;

async fn expected(t: &TestDb, year: i32) -> IndicatorSet {
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    computation::compute(&t.db, country_id, year, None)
        .await
        .unwrap()
}

/// The value a tile shows.
fn tile_value(name: &str) -> String {
    format!(
        "//li[contains(@class,'tile')][h2/a[normalize-space()='{name}']]/p[contains(@class,'tile-value')]"
    )
}

/// Picks a fiscal year in the filter, shows it, and checks a tile and its
/// drill-down against the service's figures.
async fn filter_and_drill_down(browser: &Browser, t: &TestDb, year: i32, javascript: bool) {
    let set = expected(t, year).await;
    choose(browser, "#fiscal_year", &year.to_string()).await;
    click(
        browser,
        "//form[contains(@class,'filters')]//button[normalize-space()='Show']",
    )
    .await;
    let heading = format!(
        "//h1[normalize-space()='Accountability dashboard, {}']",
        set.fiscal_year_label
    );
    text(browser, &heading).await;
    if javascript {
        // The filter is a plain GET form: the new page hydrates again.
        browser.wait_for_hydration().await;
    }
    let value = set.get(TILE).unwrap();
    let shown = value
        .value
        .map_or_else(|| "Not applicable".to_string(), percent);
    assert_eq!(text(browser, &tile_value(TILE.label())).await, shown);

    click(
        browser,
        &format!("//a[normalize-space()='{}']", TILE.label()),
    )
    .await;
    text(
        browser,
        &format!(
            "//h1[normalize-space()='{}, {}']",
            TILE.label(),
            set.fiscal_year_label
        ),
    )
    .await;
    assert!(!value.parts.is_empty());
    for part in &value.parts {
        let row = format!("//tbody/tr[th[normalize-space()=\"{}\"]]/td[3]", part.label);
        let shown = part
            .value
            .map_or_else(|| "Not applicable".to_string(), percent);
        assert_eq!(text(browser, &row).await, shown, "{}", part.label);
    }
}

both_backends! {
    async fn a_reviewer_filters_the_dashboard_and_drills_down(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(true).await;
        sign_in(&browser, &app, accounts::REVIEWER).await;
        browser.goto(&app.url("/countries/XD/dashboard")).await;
        browser.wait_for_hydration().await;
        filter_and_drill_down(&browser, &t, 2024, true).await;
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn the_dashboard_reads_and_filters_without_javascript(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(false).await;
        browser.goto(&app.url("/countries/XD/dashboard")).await;
        filter_and_drill_down(&browser, &t, 2025, false).await;
        assert!(!browser.scripts_run().await);
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn a_partner_enters_its_measurement_and_a_reviewer_comments(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(true).await;
        sign_in(&browser, &app, accounts::NORAD).await;
        browser.goto(&app.url("/countries/XD/dashboard/norad-evaluations?fiscal_year=2026&partner=")).await;
        browser.wait_for_hydration().await;
        text(&browser, "//h1[normalize-space()='Norad: evaluations published, FY 2026/27']").await;
        // The demo's 85% against a target of 90%, from a baseline of 50%.
        assert_eq!(text(&browser, "//dt[.='Status']/following-sibling::dd[1]").await, "On track");
        type_into(&browser, "#value", "0.92").await;
        type_into(&browser, "#source", "Norad evaluation portal, November").await;
        press(&browser, "Save the measurement").await;
        wait_for_text(&browser, "Norad evaluation portal, November").await;
        // The figures above the form come with the page; a reload reads them again.
        browser.goto(&app.url("/countries/XD/dashboard/norad-evaluations?fiscal_year=2026")).await;
        assert_eq!(text(&browser, "//dt[.='Value']/following-sibling::dd[1]").await, "92%");
        assert_eq!(text(&browser, "//dt[.='Status']/following-sibling::dd[1]").await, "Met");
        browser.close().await;

        let browser = Browser::start(true).await;
        sign_in(&browser, &app, accounts::REVIEWER).await;
        browser.goto(&app.url("/countries/XD/dashboard/norad-evaluations?fiscal_year=2026")).await;
        browser.wait_for_hydration().await;
        // A reviewer reads and comments; it enters nothing.
        assert!(browser.client.find(fantoccini::Locator::Css("#value")).await.is_err());
        type_into(&browser, "#body", "Which evaluations are still unpublished?").await;
        press(&browser, "Comment").await;
        wait_for_text(&browser, "Which evaluations are still unpublished?").await;
        wait_for_text(&browser, "Rita Reviewer").await;
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn the_pillar_filter_and_scorecards_work_without_javascript(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(false).await;
        browser.goto(&app.url("/countries/XD/dashboard?fiscal_year=2025")).await;
        choose(&browser, "#pillar", "2").await;
        click(&browser, "//form[contains(@class,'filters')]//button[normalize-space()='Show']").await;
        text(&browser, "//h1[normalize-space()='Accountability dashboard, FY 2025/26, pillar 2: Security']").await;
        assert_eq!(
            text(&browser, &tile_value("Security personnel paid through the treasury payroll")).await,
            "71%"
        );
        assert!(browser.client.find(fantoccini::Locator::XPath(&tile_value("Domestic revenue as a share of GDP"))).await.is_err());

        click(&browser, "//a[normalize-space()='Scorecards']").await;
        choose(&browser, "#partner", &norad_id(&t).await.to_string()).await;
        click(&browser, "//form[contains(@class,'filters')]//button[normalize-space()='Show']").await;
        text(&browser, "//h1[normalize-space()='Scorecard: Norway (Norad), FY 2025/26']").await;
        text(&browser, "//h2[normalize-space()='Flows by fiscal year']").await;
        assert!(!browser.scripts_run().await);
        browser.close().await;
        app.stop().await;
    }
}

async fn norad_id(t: &TestDb) -> i32 {
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    app::services::accounts::organisations::list(&t.db, country_id)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.acronym.as_deref() == Some("Norad"))
        .unwrap()
        .id
}
