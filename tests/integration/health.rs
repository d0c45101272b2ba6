use tests::{TestApp, both_backends};

both_backends! {
    async fn healthz_follows_the_database(t) {
        let app = TestApp::spawn(&t).await;
        let (status, body) = app.get_text("/healthz").await;
        assert_eq!((status, body.as_str()), (200, "ok"));

        // The database goes away: the check says so, and the server stays up.
        t.db.close_by_ref().await.unwrap_or_else(|e| panic!("closing: {e}"));
        let (status, _) = app.get_text("/healthz").await;
        assert_eq!(status, 503);
        let (status, _) = app.get_text("/healthz").await;
        assert_eq!(status, 503);
        assert!(app.is_running());
        app.stop().await;
    }
}
