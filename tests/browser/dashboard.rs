use app::services::{countries, demo, indicators};
use app::types::money::percent;
use app::types::{Formula, IndicatorSet};
use tests::{Browser, TestApp, TestDb, both_backends, demo as accounts};

use crate::forms::{choose, click, sign_in, text};

const TILE: Formula = Formula::ExecutionRate;

async fn expected(t: &TestDb, year: i32) -> IndicatorSet {
    let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    indicators::compute(&t.db, country_id, year, None)
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
