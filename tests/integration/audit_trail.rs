//! The audit trail is complete and readable: sessions as entries of their
//! own, before and after for budget amounts, round answers and closing,
//! every transaction an IATI re-import removes and every row of a CSV
//! import; the page pages through the whole trail and filters, and
//! downloads as CSV for those who may read it.

use std::io::Cursor as Bytes;

use app::AppError;
use app::server_fns::{AuditTrail, SignOut};
use app::services::accounts::audit::{self, Author, Cursor, PAGE_SIZE};
use app::services::accounts::{countries, organisations};
use app::services::{demo, funding::budget, funding::reporting, funding::transaction_import, iati};
use app::types::{
    AuditEntry, AuditFilter, AuditPage, BudgetAmounts, NewCountry, NewOrganisation,
    NewReportingRound, OrganisationKind, ResponseStatus, Transaction,
};
use entities::transaction;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{Client, TestApp, TestDb, both_backends, demo as accounts};

use crate::fixtures::d;
use crate::funding_data::{build, dec};

fn kind(object_type: &str) -> AuditFilter {
    AuditFilter {
        object_type: Some(object_type.into()),
        ..AuditFilter::default()
    }
}

/// Every entry of `object_type` in the country, newest first.
async fn all_of(t: &TestDb, country_id: i32, object_type: &str) -> Vec<AuditEntry> {
    audit::entries(
        &t.db,
        country_id,
        &kind(object_type),
        Cursor::Newest,
        10_000,
    )
    .await
    .unwrap()
}

fn json(text: &Option<String>) -> serde_json::Value {
    serde_json::from_str(text.as_deref().unwrap()).unwrap()
}

both_backends! {
    async fn signing_in_and_out_and_refusals_are_entries_with_the_address(t) {
        demo::seed(&t.db).await.unwrap();
        let (xd, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let csrf = admin.csrf().await;
        let out = admin.call::<SignOut>(&[("csrf", &csrf)]).await;
        assert!(out.is_success(), "{out:?}");
        let stranger = Client::new(&app);
        let refused = stranger.sign_in(accounts::PLANNER.0, "not-the-password").await;
        assert!(!refused.is_success());
        let unknown = stranger.sign_in("Nobody@Elsewhere.example", "whatever-it-is").await;
        assert!(!unknown.is_success());
        app.stop().await;

        let trail = all_of(&t, xd, "session").await;
        let seen: Vec<(&str, &str)> = trail.iter().map(|e| (e.action.as_str(), e.actor.as_str())).collect();
        assert_eq!(seen, [
            ("sign_in_failed", accounts::PLANNER.0),
            ("sign_out", accounts::ADMIN.0),
            ("sign_in", accounts::ADMIN.0),
        ]);
        for entry in &trail {
            assert_eq!(json(&entry.after)["address"], "127.0.0.1", "{entry:?}");
            assert!(!entry.after.as_deref().unwrap().contains("not-the-password"));
        }
        let failed = json(&trail[0].after);
        assert_eq!((failed["email"].as_str(), failed["reason"].as_str()), (Some(accounts::PLANNER.0), Some("wrong password")));
        let planner = app::services::accounts::users::find_by_email(&t.db, accounts::PLANNER.0).await.unwrap().unwrap();
        assert_eq!(trail[0].object_id, planner.id);

        // An email no account has belongs to no country: kept all the same.
        let nobody = audit::history(&t.db, "session", 0).await.unwrap();
        assert_eq!(nobody.len(), 1);
        assert_eq!((nobody[0].actor.as_str(), nobody[0].country_id), ("nobody@elsewhere.example", None));
        assert_eq!(json(&nobody[0].after)["reason"], "no account has this email");
    }
}

async fn country(t: &TestDb, code: &str) -> i32 {
    let new = NewCountry {
        code: code.into(),
        name: format!("Country {code}"),
        currency: "USD".into(),
        fiscal_year_start_month: 7,
    };
    countries::create(&t.db, &Author::system("test"), new)
        .await
        .unwrap();
    countries::get_with_id(&t.db, code).await.unwrap().0
}

async fn import(t: &TestDb, country_id: i32, xml: String) -> app::types::ImportReport {
    let source = Bytes::new(xml.into_bytes());
    iati::import(
        &t.db,
        &Author::system("importer"),
        country_id,
        None,
        "partners.xml",
        source,
    )
    .await
    .unwrap()
}

both_backends! {
    async fn an_iati_reimport_that_replaces_three_transactions_leaves_three_entries_with_their_old_values(t) {
        let xd = country(&t, "XD").await;
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/iati/partners.xml");
        let v1 = std::fs::read_to_string(path).unwrap();
        import(&t, xd, v1.clone()).await;
        // The United Kingdom's three transactions change (half of each
        // counts for XD).
        let v2 = v1
            .replace("2026-01-10T09:00:00Z", "2026-02-10T09:00:00Z")
            .replace(">500000</value>", ">510000</value>")
            .replace(">200000</value>", ">210000</value>")
            .replace(">200</value>", ">300</value>");
        let report = import(&t, xd, v2).await;
        assert_eq!(report.totals.activities_updated, 1, "{report:?}");

        let removed: Vec<AuditEntry> = all_of(&t, xd, "transaction").await
            .into_iter()
            .filter(|e| e.action == "delete")
            .collect();
        assert_eq!(removed.len(), 3, "{removed:?}");
        let mut old: Vec<(String, String)> = removed
            .iter()
            .map(|e| {
                assert_eq!((e.actor.as_str(), e.after.as_deref()), ("importer", None));
                let before: Transaction = serde_json::from_str(e.before.as_deref().unwrap()).unwrap();
                assert_eq!(before.id, e.object_id);
                (before.amount.to_string(), before.currency.as_str().to_string())
            })
            .collect();
        old.sort();
        assert_eq!(old, [
            ("100.00".to_string(), "USD".to_string()),
            ("100000.00".to_string(), "GBP".to_string()),
            ("250000.00".to_string(), "GBP".to_string()),
        ]);
        // The removed rows are gone; the activity's entry names the change.
        for e in &removed {
            let row = transaction::Entity::find_by_id(e.object_id).one(&t.db).await.unwrap();
            assert!(row.is_none(), "{row:?}");
        }
        let activity = all_of(&t, xd, "activity").await.remove(0);
        assert_eq!(activity.action, "update");
        assert_eq!(json(&activity.after)["transactions"], "3 imported");
    }
}

both_backends! {
    async fn every_row_of_a_csv_import_is_an_entry(t) {
        let f = build(&t).await;
        let id = f.norway_activity.to_string();
        let header = transaction_import::COLUMNS.join(",");
        let file = format!(
            "{header}\n\
             {id},disbursement,2026-09-30,,1000.00,,,,First row\n\
             {id},expenditure,2026-10-02,,250.00,,,,Second row\n"
        );
        let reporter = Author::system("reporter@norway.example");
        let imported = transaction_import::import(&t.db, &reporter, f.country_id, Some(f.norway), &file)
            .await
            .unwrap();
        assert_eq!(imported, 2);
        let trail = audit::entries(
            &t.db,
            f.country_id,
            &AuditFilter { user: Some("reporter@norway.example".into()), ..kind("transaction") },
            Cursor::Newest,
            100,
        )
        .await
        .unwrap();
        assert_eq!(trail.len(), 2);
        let rows: Vec<(String, String)> = trail
            .iter()
            .rev()
            .map(|e| {
                assert_eq!((e.action.as_str(), e.before.as_deref()), ("create", None));
                let after: Transaction = serde_json::from_str(e.after.as_deref().unwrap()).unwrap();
                assert_eq!((after.id, after.activity_id), (e.object_id, f.norway_activity));
                (after.description, after.amount.to_string())
            })
            .collect();
        assert_eq!(rows, [
            ("First row".to_string(), "1000.00".to_string()),
            ("Second row".to_string(), "250.00".to_string()),
        ]);
    }
}

both_backends! {
    async fn budget_amounts_keep_before_and_after(t) {
        let f = build(&t).await;
        let planner = Author::system("planner@kalinda.example");
        let amounts = |appropriation: &str, execution: &str| BudgetAmounts {
            appropriation: dec(appropriation),
            expected_external: dec("1500000"),
            execution: dec(execution),
        };
        budget::set_amounts(&t.db, &planner, f.security_line, (2025, None), amounts("2000000", "0")).await.unwrap();
        let first = budget::view(&t.db, f.country_id, 2025).await.unwrap();
        let row = first.rows.iter().find(|r| r.line.id == f.security_line).unwrap();
        let version = row.amounts_version.unwrap();
        budget::set_amounts(&t.db, &planner, f.security_line, (2025, Some(version)), amounts("2000000", "1200000.50")).await.unwrap();
        let figures_id = entities::budget_amount::Entity::find()
            .filter(entities::budget_amount::Column::BudgetLineId.eq(f.security_line))
            .one(&t.db).await.unwrap().unwrap().id;
        let trail = audit::history(&t.db, "budget_amount", figures_id).await.unwrap();
        let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["update", "create"]);
        assert_eq!(trail[1].before, None);
        let field = |json: &Option<String>, pointer: &str| -> serde_json::Value {
            let value: serde_json::Value = serde_json::from_str(json.as_deref().unwrap()).unwrap();
            value.pointer(pointer).unwrap().clone()
        };
        assert_eq!(field(&trail[0].before, "/fiscal_year"), 2025);
        let before: BudgetAmounts = serde_json::from_value(field(&trail[0].before, "/amounts")).unwrap();
        let after: BudgetAmounts = serde_json::from_value(field(&trail[0].after, "/amounts")).unwrap();
        assert_eq!((before.execution, after.execution), (dec("0"), dec("1200000.50")));
        // The first form, opened before the change, is refused; so is one
        // that shows no figures for the year, which now has some.
        let stale = budget::set_amounts(&t.db, &planner, f.security_line, (2025, Some(version)), amounts("1", "1")).await;
        assert!(matches!(&stale, Err(AppError::Stale(m)) if m.contains("planner@kalinda.example")), "{stale:?}");
        let blind = budget::set_amounts(&t.db, &planner, f.security_line, (2025, None), amounts("1", "1")).await;
        assert!(matches!(blind, Err(AppError::Stale(_))), "{blind:?}");
        assert_eq!(before.appropriation, after.appropriation);
    }
}

both_backends! {
    async fn round_answers_and_closing_keep_before_and_after(t) {
        let f = build(&t).await;
        let planner = Author::system("planner@kalinda.example");
        let round = NewReportingRound { title: "FY 2025/26 data call".into(), fiscal_year: 2025, due_on: d("2026-12-31") };
        let round = reporting::open(&t.db, &planner, f.country_id, round, d("2026-11-01")).await.unwrap();
        let user = app::services::accounts::users::create(&t.db, &planner, app::types::NewUser {
            email: "reporter@norway.example".into(),
            display_name: "Norway reporter".into(),
            organisation_id: f.norway,
            role: app::types::Role::PartnerReporter,
            signatory: false,
        }, None)
        .await
        .unwrap();
        let reporter = Author { user_id: Some(user.user.id), label: user.user.email };
        reporting::respond(&t.db, &reporter, (round.id, f.norway), ResponseStatus::Submitted, None).await.unwrap();
        reporting::respond(&t.db, &reporter, (round.id, f.norway), ResponseStatus::NothingToReport, Some(1)).await.unwrap();
        // A change opened before that one is refused, naming who made it.
        let stale = reporting::respond(&t.db, &reporter, (round.id, f.norway), ResponseStatus::Submitted, Some(1)).await;
        assert!(matches!(&stale, Err(AppError::Stale(m)) if m.contains("reporter@norway.example")), "{stale:?}");
        let answers = all_of(&t, f.country_id, "round_response").await;
        let actions: Vec<&str> = answers.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["update", "create"]);
        assert_eq!(answers[0].object_id, answers[1].object_id);
        assert_eq!(json(&answers[0].before)["status"], "submitted");
        assert_eq!(json(&answers[0].after)["status"], "nothing_to_report");
        assert_eq!(json(&answers[0].after)["organisation_id"], f.norway);

        reporting::close(&t.db, &planner, round.id, d("2027-01-05")).await.unwrap();
        let closing = audit::history(&t.db, "reporting_round", round.id).await.unwrap().remove(0);
        assert_eq!(closing.action, "update");
        assert_eq!(json(&closing.before)["closed_on"], serde_json::Value::Null);
        assert_eq!(json(&closing.after)["closed_on"], "2027-01-05");
        assert_eq!(json(&closing.before)["title"], "FY 2025/26 data call");
    }
}

fn partner(n: usize) -> NewOrganisation {
    NewOrganisation {
        name: format!("Partner {n}"),
        acronym: None,
        kind: OrganisationKind::Bilateral,
        iati_id: None,
        iati_type_code: None,
    }
}

/// The demo country with sixty organisations added by one author, so that
/// its trail runs to more than one page.
async fn busy_trail(t: &TestDb) -> i32 {
    demo::seed(&t.db).await.unwrap();
    let (xd, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    let bulk = Author::system("bulk@kalinda.example");
    for n in 0..60 {
        organisations::create(&t.db, &bulk, xd, partner(n))
            .await
            .unwrap();
    }
    xd
}

both_backends! {
    async fn the_audit_page_pages_through_the_whole_trail_and_filters(t) {
        let xd = busy_trail(&t).await;
        // Every page, older and older: each entry once, newest first.
        let mut page = audit::search(&t.db, xd, &AuditFilter::default(), Cursor::Newest).await.unwrap();
        assert!(page.total > 2 * PAGE_SIZE, "{}", page.total);
        assert_eq!((page.entries.len() as u64, page.newer), (PAGE_SIZE, None));
        let first = page.clone();
        let mut ids: Vec<i64> = Vec::new();
        loop {
            ids.extend(page.entries.iter().map(|e| e.id));
            let Some(older) = page.older else { break };
            page = audit::search(&t.db, xd, &AuditFilter::default(), Cursor::Before(older)).await.unwrap();
            assert!(page.newer.is_some());
        }
        assert_eq!(ids.len() as u64, first.total);
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first, each once");
        // Back from the second page is the first.
        let second = audit::search(&t.db, xd, &AuditFilter::default(), Cursor::Before(first.older.unwrap())).await.unwrap();
        let back = audit::search(&t.db, xd, &AuditFilter::default(), Cursor::After(second.newer.unwrap())).await.unwrap();
        assert_eq!(back.entries, first.entries);

        // Filters: by object and by who.
        let users = audit::search(&t.db, xd, &kind("user"), Cursor::Newest).await.unwrap();
        assert_eq!((users.total, users.older), (9, None), "the nine demo accounts");
        assert!(first.object_types.iter().any(|t| t == "organisation"));
        let one = AuditFilter { object_id: Some(users.entries[0].object_id), ..kind("user") };
        assert_eq!(audit::search(&t.db, xd, &one, Cursor::Newest).await.unwrap().total, 1);
        let bulk = AuditFilter { user: Some("bulk@kalinda.example".into()), ..AuditFilter::default() };
        let bulk_first = audit::search(&t.db, xd, &bulk, Cursor::Newest).await.unwrap();
        let older = bulk_first.older.unwrap();

        // The page, without JavaScript: the filter and the links are
        // addresses.
        let app = TestApp::spawn(&t).await;
        let reviewer = Client::signed_in(&app, accounts::REVIEWER.0, accounts::REVIEWER.1).await;
        let (status, html) = reviewer.get_text("/countries/XD/admin/audit?user=bulk%40kalinda.example").await;
        assert_eq!(status, 200);
        assert!(html.contains("60 entries; 50 on this page"), "{html}");
        assert!(html.contains(&format!("user=bulk%40kalinda.example&amp;before={older}")), "the older page's link");
        let (_, html) = reviewer
            .get_text(&format!("/countries/XD/admin/audit?user=bulk%40kalinda.example&before={older}"))
            .await;
        assert!(html.contains("60 entries; 10 on this page"), "{html}");
        assert!(html.contains("Newer entries") && !html.contains("Older entries"));
        let (_, html) = reviewer.get_text("/countries/XD/admin/audit?object_type=user").await;
        assert!(html.contains("9 entries; 9 on this page"), "{html}");
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let (_, html) = planner.get_text("/countries/XD/admin/audit").await;
        assert!(!html.contains("on this page"), "the trail is not the planner's to read");

        // The server function, as the page calls it once hydrated.
        let fields = [("country", "XD"), ("query[object_type]", "user")];
        let answer = reviewer.call::<AuditTrail>(&fields).await;
        assert_eq!(answer.status, 200, "{answer:?}");
        let page: AuditPage = serde_json::from_str(&answer.body).unwrap();
        assert_eq!((page.total, page.entries.len()), (9, 9));
        assert_eq!(planner.call::<AuditTrail>(&fields).await.status, 403);
        assert_eq!(Client::new(&app).call::<AuditTrail>(&fields).await.status, 401);
        let newest = reviewer.call::<AuditTrail>(&[("country", "XD")]).await;
        let newest: AuditPage = serde_json::from_str(&newest.body).unwrap();
        let now = audit::search(&t.db, xd, &AuditFilter::default(), Cursor::Newest).await.unwrap();
        let ids = |page: &AuditPage| page.entries.iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids(&newest), ids(&now), "no query is the newest page");
        // Signing in is on it now: the reviewer's and the planner's.
        assert_eq!((newest.entries[0].action.as_str(), newest.entries[0].actor.as_str()), ("sign_in", accounts::PLANNER.0));
        app.stop().await;
    }
}

both_backends! {
    async fn the_trail_downloads_as_csv_for_those_who_read_it(t) {
        let xd = busy_trail(&t).await;
        let sly = Author::system("=HYPERLINK(\"http://evil.example\")");
        organisations::create(&t.db, &sly, xd, partner(99)).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let csv = "/countries/XD/admin/audit.csv?user=bulk%40kalinda.example";
        let get = async |client: &Client, path: &str| {
            let response = client.http.get(app.url(path)).send().await.unwrap();
            let status = response.status().as_u16();
            let kind = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
            (status, kind, response.text().await.unwrap())
        };
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let (status, kind, body) = get(&admin, csv).await;
        assert_eq!((status, kind.as_deref()), (200, Some("text/csv; charset=utf-8")), "{body}");
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 60, "the whole filtered trail, past one page");
        assert!(rows.iter().all(|r| &r[2] == "bulk@kalinda.example" && &r[3] == "create"));
        assert_eq!(&reader.headers().unwrap()[6], "before");

        // A cell that starts like a formula is neutralised.
        let (_, _, body) = get(&admin, "/countries/XD/admin/audit.csv?object_type=organisation").await;
        assert!(body.contains("'=HYPERLINK("), "{body}");

        let reviewer = Client::signed_in(&app, accounts::REVIEWER.0, accounts::REVIEWER.1).await;
        assert_eq!(get(&reviewer, csv).await.0, 200);
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        assert_eq!(get(&planner, csv).await.0, 403);
        let (status, _, body) = get(&Client::new(&app), csv).await;
        assert_eq!(status, 401, "{body}");
        assert!(!body.contains("bulk@kalinda.example"));
        let (status, _, _) = get(&admin, "/countries/XD/admin/audit.csv?from=someday").await;
        assert_eq!(status, 422);
        app.stop().await;
    }
}
