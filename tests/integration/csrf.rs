//! The CSRF token: drawn anew at sign-in, kept in the session from then on,
//! so a token from before sign-in, or a cookie another site planted, is
//! refused.

use app::server_fns::{ChangePassword, SignOut};
use app::services::demo;
use tests::{Client, TestApp, both_backends, demo as accounts};

fn session_cookie(answer: &tests::Answer) -> String {
    answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("ct_session="))
        .and_then(|c| c.split(';').next())
        .expect("signing in sets the session cookie")
        .to_string()
}

both_backends! {
    async fn the_token_changes_at_sign_in_and_the_old_one_is_refused(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let client = Client::new(&app);
        let before = client.csrf().await;
        assert!(client.sign_in(accounts::PLANNER.0, accounts::PLANNER.1).await.is_success());
        let after = client.csrf().await;
        assert_ne!(before, after, "signing in draws a new token");
        let stale = client.call::<SignOut>(&[("csrf", before.as_str())]).await;
        assert_eq!(stale.status, 403, "{stale:?}");
        assert!(client.session().await.actor.is_some(), "still signed in");
        let fresh = client.call::<SignOut>(&[("csrf", after.as_str())]).await;
        assert!(fresh.is_success(), "{fresh:?}");
        assert!(client.session().await.actor.is_none());
        app.stop().await;
    }
}

both_backends! {
    async fn a_planted_cookie_does_not_stand_for_a_signed_in_session(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let victim = Client::new(&app);
        let signed_in = victim.sign_in(accounts::PLANNER.0, accounts::PLANNER.1).await;
        let session = session_cookie(&signed_in);
        // A sibling subdomain plants its own token as the CSRF cookie and
        // submits the same value from its page.
        let planted = "planted-by-a-sibling-subdomain-0123456789";
        let answer = reqwest::Client::new()
            .post(app.url(<ChangePassword as leptos::server_fn::ServerFn>::PATH))
            .header("accept", "application/json")
            .header("cookie", format!("ct_session={session}; ct_csrf={planted}"))
            .form(&[
                ("csrf", planted),
                ("current_password", accounts::PLANNER.1),
                ("new_password", "chosen-by-the-attacker"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status().as_u16(), 403);
        assert!(
            Client::new(&app).sign_in(accounts::PLANNER.0, accounts::PLANNER.1).await.is_success(),
            "the password did not change"
        );
        app.stop().await;
    }
}
