//! The IATI page, its form posted without JavaScript, and the download,
//! also of a country with more activities than one query may name.

use app::server_fns::ImportIati;
use app::services::{accounts::countries, accounts::organisations, demo};
use entities::activity;
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tests::{Client, TestApp, both_backends, demo as accounts};

const FILE: &str = r#"<iati-activities version="2.03">
 <iati-activity default-currency="NOK">
  <iati-identifier>NO-BRC-971277882-XD-1</iati-identifier>
  <reporting-org ref="NO-BRC-971277882" type="10"><narrative>Norway (Norad)</narrative></reporting-org>
  <title><narrative>Imported through the page</narrative></title>
  <activity-status code="2"/>
  <recipient-country code="XD"/>
  <transaction>
   <transaction-type code="2"/>
   <transaction-date iso-date="2026-08-01"/>
   <value value-date="2026-08-01">125000</value>
  </transaction>
 </iati-activity>
</iati-activities>"#;

both_backends! {
    async fn page_imports_without_javascript_and_exports(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id).await.unwrap()
            .into_iter().find(|o| o.acronym.as_deref() == Some("Norad")).unwrap().id;
        let client = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let (status, page) = client.get_text("/countries/XD/funding/iati").await;
        assert_eq!(status, 200);
        assert!(page.contains("IATI files") && page.contains("/countries/XD/iati-activities.xml"));
        assert!(page.contains("<textarea id=\"file\" name=\"file\""), "the reporter has the form");

        // A plain form post comes back to the page with the report.
        let csrf = client.csrf().await;
        let page_url = app.url("/countries/XD/funding/iati");
        let response = client.http
            .post(format!("{}{}", client.base, ImportIati::PATH))
            .header("accept", "text/html")
            .header("referer", &page_url)
            .form(&[("csrf", csrf.as_str()), ("country", "XD"), ("organisation_id", &norad.to_string()), ("file", FILE)])
            .send().await.unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        let location = response.headers()["location"].to_str().unwrap().to_string();
        assert!(location.starts_with(&page_url) && location.contains("?report="), "{location}");
        let (status, page) = client.get_text(location.trim_start_matches(&client.base)).await;
        assert_eq!(status, 200);
        assert!(page.contains("Import report"), "{page}");
        assert!(page.contains("1 activities imported, 0 updated, 0 skipped; 1 transactions imported (NOK 125,000.00)."), "{page}");

        let response = reqwest::get(app.url("/countries/XD/iati-activities.xml")).await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
        let xml = response.text().await.unwrap();
        assert!(!xml.contains("NO-BRC-971277882-XD-1"), "not before the government validates it");

        // The planner validates it; the export carries it.
        let queue = app::services::funding::activities::validation::queue(&t.db, country_id).await.unwrap();
        let imported = queue.waiting.iter()
            .find(|w| w.proposed.iati_identifier.as_deref() == Some("NO-BRC-971277882-XD-1")).unwrap();
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let id = imported.proposed.id.to_string();
        let validated = planner.call::<app::server_fns::ValidateActivities>(&[
            ("csrf", csrf.as_str()), ("country", "XD"), ("activity_ids[0]", &id),
        ]).await;
        assert!(validated.is_success(), "{validated:?}");
        let xml = reqwest::get(app.url("/countries/XD/iati-activities.xml")).await.unwrap().text().await.unwrap();
        assert!(xml.contains("<iati-identifier>NO-BRC-971277882-XD-1</iati-identifier>"));
        app.stop().await;
    }
}

/// More activities than one SQLite statement may name (32,766 parameters);
/// `EXPORT_ACTIVITIES` asks for more (`scripts/bench.sh export` runs
/// 100,000 on both backends).
fn many() -> usize {
    std::env::var("EXPORT_ACTIVITIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(33_000)
}

/// [`many`] published activities of one partner, added straight to the
/// tables; their ids, lowest first.
async fn many_activities(t: &tests::TestDb, country_id: i32, partner: i32) -> Vec<i32> {
    let rows: Vec<activity::ActiveModel> = (0..many())
        .map(|n| activity::ActiveModel {
            country_id: Set(country_id),
            reporting_org_id: Set(partner),
            iati_identifier: Set(Some(format!("XX-MANY-{n}"))),
            title: Set(format!("Activity {n}")),
            description: Set(String::new()),
            status: Set(2),
            money_type: Set("development".into()),
            channel: Set("1".into()),
            default_currency: Set("USD".into()),
            on_plan: Set(false),
            on_budget: Set(false),
            on_treasury: Set(false),
            on_parliament: Set(false),
            on_procurement: Set(false),
            on_accounting: Set(false),
            on_audit: Set(false),
            on_report: Set(false),
            published: Set(true),
            updated_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .collect();
    for chunk in rows.chunks(1_000) {
        activity::Entity::insert_many(chunk.to_vec())
            .exec(&t.db)
            .await
            .unwrap();
    }
    activity::Entity::find()
        .filter(activity::Column::IatiIdentifier.starts_with("XX-MANY-"))
        .order_by_asc(activity::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect()
}

both_backends! {
    async fn a_country_with_more_activities_than_a_query_may_name_exports_and_pages(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id).await.unwrap()
            .into_iter().find(|o| o.acronym.as_deref() == Some("Norad")).unwrap().id;
        let ids = many_activities(&t, country_id, norad).await;
        let many = many();
        assert_eq!(ids.len(), many);
        let app = TestApp::spawn(&t).await;

        // The download is whole: every activity once, and the closing tag.
        let response = reqwest::get(app.url("/countries/XD/iati-activities.xml")).await.unwrap();
        assert_eq!(response.status(), 200);
        let xml = response.text().await.unwrap();
        assert_eq!(xml.matches("<iati-identifier>XX-MANY-").count(), many);
        let last = format!("<iati-identifier>XX-MANY-{}</iati-identifier>", many - 1);
        assert!(xml.contains(&last));
        assert!(xml.trim_end().ends_with("</iati-activities>"));

        // The API hands them out a page at a time, the total beside them.
        let page = |n: u64| {
            let path = format!("/api/v1/countries/XD/activities?page={n}&per_page=500");
            let app = &app;
            async move { app.get(&path).await.json::<serde_json::Value>().await.unwrap() }
        };
        let first = page(1).await;
        let total = first["total"].as_u64().unwrap();
        assert!(total > many as u64, "{total}");
        let pages = total.div_ceil(500);
        assert_eq!(first["pages"].as_u64(), Some(pages));
        assert_eq!(first["activities"].as_array().unwrap().len(), 500);
        let last_page = page(pages).await;
        assert_eq!(
            last_page["activities"].as_array().unwrap().len() as u64,
            total - (pages - 1) * 500
        );
        app.stop().await;
    }
}
