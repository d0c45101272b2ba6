use app::services::{
    accounts::countries, accounts::organisations, demo, funding::activities,
    funding::rates::RateTable, funding::report,
};
use app::types::money::display as money;
use app::types::{GroupBy, Totals};
use fantoccini::Locator;
use rust_decimal::Decimal;
use tests::{Browser, TestApp, TestDb, both_backends, demo as accounts};

use crate::forms::{click, press_until_gone, set_value, sign_in, text, type_into, wait_for_text};

const TITLE: &str = "Border police training (browser test)";
const ROUND: &str = "FY 2026/27 data call (browser test)";

/// Norway's totals for fiscal year 2026 (July 2026 to June 2027).
async fn norway_totals(t: &TestDb, country_id: i32, norad: i32) -> Totals {
    report::build(&t.db, country_id, GroupBy::Partner, Some(2026))
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.key == norad.to_string())
        .map(|r| r.totals)
        .unwrap_or_default()
}

/// What correcting `before` to `amount` adds to the US dollar total: the
/// difference at the rate of its value date.
async fn converted(
    t: &TestDb,
    country_id: i32,
    before: &app::types::Transaction,
    amount: &str,
) -> Decimal {
    let difference = amount.parse::<Decimal>().unwrap() - before.amount;
    if before.currency.as_ref() == "USD" {
        return difference;
    }
    let table = RateTable::load(&t.db, country_id, "USD").await.unwrap();
    let rate = table
        .rate(before.currency.as_ref(), before.value_date)
        .unwrap();
    (difference * rate.rate).round_dp(2)
}

/// Adds a transaction through the activity's own form. The page may
/// re-render once more after the previous change lands, closing the form
/// just opened; then it opens it again.
async fn add_transaction(browser: &Browser, id: i32, date: &str, amount: &str) {
    let section = format!("//section[@aria-labelledby='activity-{id}']");
    let button = format!("{section}//button[normalize-space()='Add transaction']");
    for attempt in 1.. {
        click(
            browser,
            &format!("{section}//summary[normalize-space()='Add a transaction']"),
        )
        .await;
        set_value(
            browser,
            &format!("#new-transaction-{id}-transaction_date"),
            date,
        )
        .await;
        set_value(browser, &format!("#new-transaction-{id}-amount"), amount).await;
        let pressed = match browser.client.find(Locator::XPath(&button)).await {
            Ok(element) => element.click().await.is_ok(),
            Err(_) => false,
        };
        if pressed {
            break;
        }
        assert!(
            attempt < 5,
            "the transaction form of activity {id} never stayed open"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let shown = money(amount.parse().unwrap());
    text(
        browser,
        &format!("{section}//td[normalize-space()='{shown}']"),
    )
    .await;
}

both_backends! {
    async fn a_partner_reports_flows_and_answers_the_round(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Norway (Norad)")
            .unwrap()
            .id;
        let before = norway_totals(&t, country_id, norad).await;
        let app = TestApp::spawn(&t).await;

        // A planner opens a reporting round.
        let planner = Browser::start(true).await;
        sign_in(&planner, &app, accounts::PLANNER).await;
        planner.goto(&app.url("/countries/XD/funding")).await;
        planner.wait_for_hydration().await;
        click(&planner, "//summary[normalize-space()='Open a reporting round']").await;
        type_into(&planner, "#round_title", ROUND).await;
        type_into(&planner, "#round_fiscal_year", "2026").await;
        set_value(&planner, "#due_on", "2099-12-31").await;
        click(&planner, "//button[normalize-space()='Open the round']").await;
        wait_for_text(&planner, ROUND).await;
        let answer = format!("//section[@aria-label='{ROUND}']//tr[th[normalize-space()='Norway (Norad)']]/td[1]");
        assert_eq!(text(&planner, &answer).await, "Not yet");

        // Norway's reporter records an activity in EUR with two disbursements.
        let reporter = Browser::start(true).await;
        sign_in(&reporter, &app, accounts::NORAD).await;
        reporter.goto(&app.url("/countries/XD/funding/activities")).await;
        reporter.wait_for_hydration().await;
        type_into(&reporter, "#title", TITLE).await;
        type_into(&reporter, "#default_currency", "EUR").await;
        type_into(&reporter, "#priorities", "5.2").await;
        click(&reporter, "//button[normalize-space()='Record activity']").await;
        // Its heading carries the badge "Awaiting validation" after the title.
        text(&reporter, &format!("//section/h2[text()[normalize-space()='{TITLE}']]")).await;
        let id = activities::of_organisation(&t.db, country_id, norad)
            .await
            .unwrap()
            .into_iter()
            .find(|a| a.title == TITLE)
            .unwrap()
            .id;
        add_transaction(&reporter, id, "2027-03-10", "1000.00").await;
        add_transaction(&reporter, id, "2027-03-20", "2500.50").await;
        assert_eq!(norway_totals(&t, country_id, norad).await, before, "nothing counts before validation");

        // The planner validates the new activity from the queue.
        planner.goto(&app.url("/countries/XD/funding/validation")).await;
        planner.wait_for_hydration().await;
        let validate = format!("//button[normalize-space()='Validate “{TITLE}”']");
        press_until_gone(&planner, &validate).await;

        // The funding page converts them at the rate of their date, and says which.
        let table = RateTable::load(&t.db, country_id, "USD").await.unwrap();
        let first = table.rate("EUR", crate::forms::date("2027-03-10")).unwrap();
        let second = table.rate("EUR", crate::forms::date("2027-03-20")).unwrap();
        let added = Decimal::new(100_000, 2) * first.rate + Decimal::new(250_050, 2) * second.rate;
        let after = norway_totals(&t, country_id, norad).await;
        assert_eq!((after.disbursed - before.disbursed).round_dp(2), added.round_dp(2));
        reporter.goto(&app.url("/countries/XD/funding?group_by=partner&fiscal_year=2026")).await;
        reporter.wait_for_hydration().await;
        let disbursed = text(&reporter, "//table[contains(@class,'funding')]//tr[th[normalize-space()='Norway (Norad)']]/td[3]").await;
        assert_eq!(disbursed, money(after.disbursed));
        let rate_row = format!("//tr[th[normalize-space()='EUR'] and td[normalize-space()='{}']]", second.rate_date);
        assert_eq!(text(&reporter, &format!("{rate_row}/td[2]")).await, second.rate.normalize().to_string());
        assert_eq!(text(&reporter, &format!("{rate_row}/td[3]")).await, second.source);

        // The reporter marks the round submitted; the planner sees it.
        click(&reporter, &format!("//section[@aria-label='{ROUND}']//button[normalize-space()='Mark: submitted']")).await;
        wait_for_text(&reporter, "Norway (Norad) has answered: Submitted.").await;
        planner.goto(&app.url("/countries/XD/funding")).await;
        planner.wait_for_hydration().await;
        assert_eq!(text(&planner, &answer).await, "Submitted");

        planner.close().await;
        reporter.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn the_funding_views_read_and_filter_without_javascript(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let browser = Browser::start(false).await;
        browser.goto(&app.url("/countries/XD/funding")).await;
        browser.wait_for_css("select#group_by").await;
        browser
            .wait_for_css("select#group_by")
            .await
            .select_by_value("priority")
            .await
            .unwrap();
        click(&browser, "//button[normalize-space()='Show']").await;
        let heading = text(&browser, "//table[contains(@class,'funding')]/caption[starts-with(normalize-space(), 'By priority')]").await;
        assert_eq!(heading, "By priority, in USD");
        assert_eq!(browser.path().await, "/countries/XD/funding");
        assert!(!browser.scripts_run().await);
        browser.close().await;
        app.stop().await;
    }
}

both_backends! {
    async fn a_partner_corrects_a_disbursement_and_the_planner_validates_it_with_and_without_javascript(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.name == "Norway (Norad)")
            .unwrap()
            .id;
        let app = TestApp::spawn(&t).await;
        // The n-th disbursement of Norway's, with its activity's title.
        let disbursement = |n: usize| {
            let t = &t;
            async move {
                activities::of_organisation(&t.db, country_id, norad)
                    .await
                    .unwrap()
                    .into_iter()
                    .flat_map(|a| {
                        let title = a.title.clone();
                        a.transactions.into_iter().map(move |t| (title.clone(), t))
                    })
                    .filter(|(_, t)| t.kind == app::types::TransactionKind::Disbursement)
                    .nth(n)
                    .unwrap()
            }
        };
        for (javascript, n, amount) in [(true, 0, "1234.50"), (false, 1, "4321.25")] {
            let (title, before) = disbursement(n).await;
            let year = before.fiscal_year;
            let totals_of_year = || async {
                report::build(&t.db, country_id, GroupBy::Partner, Some(year)).await.unwrap()
                    .rows.into_iter().find(|r| r.key == norad.to_string()).unwrap().totals
            };
            let totals_before = totals_of_year().await;
            let reporter = Browser::start(javascript).await;
            sign_in(&reporter, &app, accounts::NORAD).await;
            reporter.goto(&app.url("/countries/XD/funding/activities")).await;
            if javascript {
                reporter.wait_for_hydration().await;
            }
            let what = format!("{} of {} {}", before.kind.label().to_lowercase(), before.currency, money(before.amount));
            click(&reporter, &format!("//summary[normalize-space()='Correct the {what}']")).await;
            type_into(&reporter, &format!("#transaction-{}-amount", before.id), amount).await;
            click(&reporter, &format!("//details[summary[normalize-space()='Correct the {what}']]//button[normalize-space()='Save the correction']")).await;
            let shown = money(amount.parse().unwrap());
            text(&reporter, &format!("//td[normalize-space()='{shown}']")).await;
            // It waits for validation: the validated figure counts until then.
            assert_eq!(totals_of_year().await, totals_before);
            if javascript {
                reporter.wait_for_hydration().await;
            } else {
                assert!(!reporter.scripts_run().await);
            }
            reporter.close().await;

            // The planner validates it from the queue.
            let planner = Browser::start(javascript).await;
            sign_in(&planner, &app, accounts::PLANNER).await;
            planner.goto(&app.url("/countries/XD/funding/validation")).await;
            if javascript {
                planner.wait_for_hydration().await;
            }
            click(&planner, &format!("//button[normalize-space()='Validate “{title}”']")).await;
            let mut validated = false;
            for _ in 0..100 {
                let (_, now) = disbursement(n).await;
                if (now.id, now.amount) == (before.id, amount.parse().unwrap()) {
                    validated = true;
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert!(validated, "the correction of {} was not validated", before.id);

            // The funding page shows the new total.
            let totals = totals_of_year().await;
            let moved = totals.disbursed - totals_before.disbursed;
            let expected = converted(&t, country_id, &before, amount).await;
            assert!((moved - expected).abs() <= Decimal::new(1, 2), "{moved} against {expected}");
            planner.goto(&app.url(&format!("/countries/XD/funding?group_by=partner&fiscal_year={year}"))).await;
            let cell = "//table[contains(@class,'funding')]//tr[th[normalize-space()='Norway (Norad)']]/td[3]";
            assert_eq!(text(&planner, cell).await, money(totals.disbursed));
            if !javascript {
                assert!(!planner.scripts_run().await);
            }
            planner.close().await;
        }
        app.stop().await;
    }
}
