//! The sign-in throttle: ten attempts a minute for an account and for a
//! client address, counted in the database that every server process
//! shares.

use app::server_fns::SignIn;
use app::services::accounts::throttle;
use app::services::demo;
use app::state::Settings;
use entities::sign_in_attempt;
use sea_orm::{EntityTrait, PaginatorTrait, sea_query::Expr};
use tests::{Client, TestApp, both_backends, demo as accounts};

both_backends! {
    async fn the_eleventh_bad_sign_in_in_a_minute_is_throttled(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let client = Client::new(&app);
        for attempt in 1..=10 {
            let answer = client.sign_in(accounts::REVIEWER.0, "wrong-password").await;
            assert_eq!(answer.status, 422, "attempt {attempt}: {answer:?}");
        }
        let eleventh = client.sign_in(accounts::REVIEWER.0, "wrong-password").await;
        assert_eq!(eleventh.status, 429, "{eleventh:?}");
        assert_eq!(
            serde_json::from_str::<app::AppError>(&eleventh.body).unwrap(),
            app::AppError::Throttled
        );
        // Even the right password waits now.
        let right = client.sign_in(accounts::REVIEWER.0, accounts::REVIEWER.1).await;
        assert_eq!(right.status, 429);
        app.stop().await;
    }
}

both_backends! {
    async fn behind_a_proxy_each_client_has_its_own_allowance(t) {
        demo::seed(&t.db).await.unwrap();
        let settings = Settings {
            behind_proxy: true,
            ..Settings::default()
        };
        let app = TestApp::spawn_with(&t, settings).await;
        let client = Client::new(&app);
        let csrf = client.csrf().await;
        let attempt = |from: &'static str, n: usize| {
            let email = format!("someone{n}@kalinda.example");
            let request = client
                .http
                .post(format!("{}{}", client.base, <SignIn as leptos::server_fn::ServerFn>::PATH))
                .header("accept", "application/json")
                .header("x-forwarded-for", format!("203.0.113.1, {from}"))
                .form(&[("csrf", csrf.as_str()), ("email", email.as_str()), ("password", "wrong-password")]);
            async move { request.send().await.unwrap().status().as_u16() }
        };
        // Ten accounts from one client: the eleventh is throttled by address.
        for n in 0..10 {
            assert_eq!(attempt("198.51.100.7", n).await, 422);
        }
        assert_eq!(attempt("198.51.100.7", 10).await, 429);
        // Another client behind the same proxy still has its allowance.
        assert_eq!(attempt("198.51.100.8", 11).await, 422);
        app.stop().await;
    }
}

both_backends! {
    async fn two_servers_sharing_a_database_share_one_allowance(t) {
        demo::seed(&t.db).await.unwrap();
        let first = TestApp::spawn(&t).await;
        let second = TestApp::spawn(&t).await;
        let (one, two) = (Client::new(&first), Client::new(&second));
        // Spaces and capitals around the email count as the same account.
        let spellings = [accounts::REVIEWER.0.to_string(), format!("  {}", accounts::REVIEWER.0.to_uppercase())];
        for attempt in 0..10 {
            let client = if attempt % 2 == 0 { &one } else { &two };
            let answer = client.sign_in(&spellings[attempt / 2 % 2], "wrong-password").await;
            assert_eq!(answer.status, 422, "attempt {attempt}: {answer:?}");
        }
        for client in [&one, &two] {
            let answer = client.sign_in(accounts::REVIEWER.0, accounts::REVIEWER.1).await;
            assert_eq!(answer.status, 429, "{answer:?}");
        }
        first.stop().await;
        second.stop().await;
    }
}

both_backends! {
    async fn attempts_made_at_once_pass_at_most_the_allowance(t) {
        let attempts = (0..30).map(|_| throttle::attempt(&t.db, "ana@example.org", None));
        let passed = futures_util::future::join_all(attempts)
            .await
            .into_iter()
            .filter(|r| *r.as_ref().unwrap())
            .count();
        assert!(passed as u64 <= throttle::ATTEMPTS_PER_MINUTE, "{passed} passed");
        assert_eq!(sign_in_attempt::Entity::find().count(&t.db).await.unwrap(), 30);
    }
}

both_backends! {
    async fn an_attempt_counts_for_a_minute_and_keeps_no_email(t) {
        for _ in 0..throttle::ATTEMPTS_PER_MINUTE {
            assert!(throttle::attempt(&t.db, "ana@example.org", Some("192.0.2.9")).await.unwrap());
        }
        assert!(!throttle::attempt(&t.db, "ana@example.org", None).await.unwrap());
        let kept = sign_in_attempt::Entity::find().all(&t.db).await.unwrap();
        assert!(kept.iter().all(|a| !a.key.contains("ana") && !a.key.contains("192.0.2.9")));
        // A minute later the attempts no longer count, and are dropped.
        sign_in_attempt::Entity::update_many()
            .col_expr(sign_in_attempt::Column::At, Expr::value(app::services::now() - chrono::TimeDelta::seconds(61)))
            .exec(&t.db)
            .await
            .unwrap();
        assert!(throttle::attempt(&t.db, "ana@example.org", Some("192.0.2.9")).await.unwrap());
        assert_eq!(sign_in_attempt::Entity::find().count(&t.db).await.unwrap(), 2);
    }
}
