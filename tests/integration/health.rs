use app::services::demo;
use app::state::Settings;
use tests::{TestApp, both_backends};

both_backends! {
    async fn healthz_says_alive_and_readyz_follows_the_database(t) {
        let app = TestApp::spawn(&t).await;
        assert_eq!(app.get_text("/healthz").await, (200, "ok".to_string()));
        assert_eq!(app.get_text("/readyz").await, (200, "ready".to_string()));
        assert_eq!(app.get_text("/metrics").await.0, 404, "metrics are off unless enabled");

        // The database goes away: readiness says so, the process is still
        // alive, and the server stays up.
        t.db.close_by_ref().await.unwrap_or_else(|e| panic!("closing: {e}"));
        assert_eq!(app.get_text("/readyz").await.0, 503);
        assert_eq!(app.get_text("/readyz").await.0, 503);
        assert_eq!(app.get_text("/healthz").await.0, 200);
        assert!(app.is_running());
        app.stop().await;
    }
}

/// The value of the sample of `metric` whose labels include all of
/// `labels`, or 0 when there is none yet.
fn sample(text: &str, metric: &str, labels: &[&str]) -> f64 {
    text.lines()
        .filter(|line| {
            line.starts_with(&format!("{metric}{{")) || line.starts_with(&format!("{metric} "))
        })
        .filter(|line| labels.iter().all(|label| line.contains(label)))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

both_backends! {
    async fn metrics_count_requests_by_route_the_pool_and_imports(t) {
        demo::seed(&t.db).await.unwrap();
        let settings = Settings { metrics: true, ..Settings::default() };
        let app = TestApp::spawn_with(&t, settings).await;
        let before = app.get_text("/metrics").await.1;
        for _ in 0..3 {
            assert_eq!(app.get_text("/countries/XD/funding").await.0, 200);
        }
        let (status, text) = app.get_text("/metrics").await;
        assert_eq!(status, 200);
        let funding = ["route=\"/countries/{code}/funding\"", "method=\"GET\"", "status=\"200\""];
        // At least: the other backend's run of this test shares the process.
        assert!(
            sample(&text, "http_requests_total", &funding) - sample(&before, "http_requests_total", &funding)
                >= 3.0,
            "{text}"
        );
        let timed = ["route=\"/countries/{code}/funding\""];
        assert!(sample(&text, "http_request_duration_seconds_count", &timed) >= 3.0, "{text}");
        assert!(sample(&text, "http_request_duration_seconds_bucket", &timed) > 0.0, "{text}");
        assert!(sample(&text, "db_pool_connections", &["state=\"open\""]) >= 1.0, "{text}");

        // An import is counted when it commits.
        let (country_id, _) = app::services::accounts::countries::get_with_id(&t.db, "XD").await.unwrap();
        let imported = ["kind=\"iati\"", "outcome=\"imported\""];
        let file = r#"<iati-activities version="2.03"></iati-activities>"#;
        app::services::iati::import(
            &t.db,
            &app::services::accounts::audit::Author::system("test"),
            country_id,
            None,
            "empty.xml",
            std::io::Cursor::new(file.as_bytes().to_vec()),
        )
        .await
        .unwrap();
        let after = app.get_text("/metrics").await.1;
        assert!(
            sample(&after, "imports_total", &imported) >= sample(&text, "imports_total", &imported) + 1.0,
            "{after}"
        );
        app.stop().await;
    }
}
