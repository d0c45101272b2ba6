use app::server_fns::{ChangePassword, CurrentSession, SignIn, SignOut};
use app::services::demo;
use app::state::Settings;
use tests::{Client, TestApp, both_backends, demo as accounts};

fn cookie<'a>(answer: &'a tests::Answer, name: &str) -> Option<&'a str> {
    answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
}

fn cookie_value(set_cookie: &str) -> &str {
    set_cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v)
        .unwrap_or_default()
}

both_backends! {
    async fn wrong_password_and_unknown_email_read_the_same(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let client = Client::new(&app);
        let wrong = client.sign_in(accounts::ADMIN.0, "not-the-password").await;
        let unknown = client.sign_in("nobody@kalinda.example", "not-the-password").await;
        assert_eq!(wrong.status, 422);
        assert_eq!((wrong.status, &wrong.body), (unknown.status, &unknown.body));
        assert!(wrong.body.contains("the email or password is not right"), "{}", wrong.body);
        assert!(client.session().await.actor.is_none());

        let right = client.sign_in(accounts::ADMIN.0, accounts::ADMIN.1).await;
        assert!(right.is_success(), "{right:?}");
        let actor = client.session().await.actor.unwrap();
        assert_eq!(actor.email, accounts::ADMIN.0);
        app.stop().await;
    }
}

both_backends! {
    async fn cookies_are_http_only_lax_and_secure_host_cookies_over_https(t) {
        demo::seed(&t.db).await.unwrap();
        for secure in [false, true] {
            let app = TestApp::spawn_with(
                &t,
                Settings {
                    secure_cookies: secure,
                    ..Settings::default()
                },
            )
            .await;
            let client = Client::new(&app);
            // Secure cookies are `__Host-` cookies: no sibling subdomain
            // can set them.
            let prefix = if secure { "__Host-" } else { "" };
            let first = client.call::<CurrentSession>(&[]).await;
            let csrf = cookie(&first, &format!("{prefix}ct_csrf")).unwrap();
            let signed_in = client.sign_in(accounts::PLANNER.0, accounts::PLANNER.1).await;
            let session = cookie(&signed_in, &format!("{prefix}ct_session")).unwrap();
            for set_cookie in [csrf, session] {
                assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
                assert!(set_cookie.contains("SameSite=Lax"), "{set_cookie}");
                assert_eq!(set_cookie.contains("Secure"), secure, "{set_cookie}");
            }
            app.stop().await;
        }
    }
}

both_backends! {
    async fn session_id_rotates_at_sign_in_and_survives_a_restart(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let client = Client::new(&app);
        let first = client.sign_in(accounts::NORAD.0, accounts::NORAD.1).await;
        let first_id = cookie_value(cookie(&first, "ct_session").unwrap()).to_string();
        let second = client.sign_in(accounts::NORAD.0, accounts::NORAD.1).await;
        let second_id = cookie_value(cookie(&second, "ct_session").unwrap()).to_string();
        assert_ne!(first_id, second_id, "signing in starts a new session id");

        // Another server process on the same database knows the session.
        app.stop().await;
        let restarted = TestApp::spawn(&t).await;
        let again = Client::new(&restarted);
        let host = restarted.url("");
        let url: reqwest::Url = host.parse().unwrap();
        let jar = reqwest::cookie::Jar::default();
        jar.add_cookie_str(&format!("ct_session={second_id}"), &url);
        let with_cookie = reqwest::Client::builder()
            .cookie_provider(std::sync::Arc::new(jar))
            .build()
            .unwrap();
        let answer = with_cookie
            .post(format!("{host}{}", <CurrentSession as leptos::server_fn::ServerFn>::PATH))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        let info: app::server_fns::SessionInfo = answer.json().await.unwrap();
        assert_eq!(info.actor.map(|a| a.email).as_deref(), Some(accounts::NORAD.0));
        drop(again);

        // The first session id was given up at the second sign-in.
        let jar = reqwest::cookie::Jar::default();
        jar.add_cookie_str(&format!("ct_session={first_id}"), &url);
        let old = reqwest::Client::builder()
            .cookie_provider(std::sync::Arc::new(jar))
            .build()
            .unwrap();
        let info: app::server_fns::SessionInfo = old
            .post(format!("{host}{}", <CurrentSession as leptos::server_fn::ServerFn>::PATH))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(info.actor.is_none());
        restarted.stop().await;
    }
}

both_backends! {
    async fn state_changes_without_the_csrf_token_are_refused(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let client = Client::new(&app);
        client.csrf().await;
        let no_token = client
            .call::<SignIn>(&[("email", accounts::ADMIN.0), ("password", accounts::ADMIN.1), ("csrf", "")])
            .await;
        assert_eq!(no_token.status, 403, "{no_token:?}");
        assert!(client.session().await.actor.is_none());

        let signed_in = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let forged = signed_in
            .call::<ChangePassword>(&[
                ("csrf", "a-token-from-another-site-that-is-long-enough"),
                ("current_password", accounts::PLANNER.1),
                ("new_password", "a-brand-new-password"),
            ])
            .await;
        assert_eq!(forged.status, 403, "{forged:?}");
        let sign_out = signed_in.call::<SignOut>(&[("csrf", "")]).await;
        assert_eq!(sign_out.status, 403);
        assert!(signed_in.session().await.actor.is_some(), "still signed in");
        // The password did not change.
        assert!(Client::new(&app).sign_in(accounts::PLANNER.0, accounts::PLANNER.1).await.is_success());
        app.stop().await;
    }
}

both_backends! {
    async fn nothing_sent_to_the_browser_carries_a_secret(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let session = admin.session().await;
        let accounts_page = admin
            .call::<app::server_fns::LoadAccounts>(&[("country", "XD")])
            .await;
        assert_eq!(accounts_page.status, 200, "{accounts_page:?}");
        let (_, html) = admin.get_text("/countries/XD/admin/users").await;
        let (_, org_html) = admin.get_text("/account").await;
        let session_ids: Vec<String> = <entities::session::Entity as sea_orm::EntityTrait>::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert!(!session_ids.is_empty());
        for text in [
            serde_json::to_string(&session).unwrap(),
            accounts_page.body,
            html,
            org_html,
        ] {
            assert!(!text.contains("$argon2"), "a password hash reached the browser");
            assert!(!text.contains("password_hash"));
            for id in &session_ids {
                assert!(!text.contains(id.as_str()), "a session id reached the page");
            }
        }
        app.stop().await;
    }
}

both_backends! {
    async fn one_time_password_must_be_changed_at_first_sign_in(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let csrf = admin.csrf().await;
        let (country_id, _) = app::services::accounts::countries::get_with_id(&t.db, "XD").await.unwrap();
        let org = app::services::accounts::organisations::list(&t.db, country_id).await.unwrap()[0].id.to_string();
        let created = admin
            .call::<app::server_fns::CreateUser>(&[
                ("csrf", &csrf),
                ("country", "XD"),
                ("email", "New.Person@Kalinda.example"),
                ("display_name", "New Person"),
                ("organisation_id", &org),
                ("role", "planner"),
            ])
            .await;
        assert!(created.is_success(), "{created:?}");
        // The one-time password is shown once, on the accounts page.
        let view: app::server_fns::AccountsView = serde_json::from_str(
            &admin.call::<app::server_fns::LoadAccounts>(&[("country", "XD")]).await.body,
        )
        .unwrap();
        let issued = view.issued.expect("the new password is shown");
        assert_eq!(issued.user.email, "new.person@kalinda.example");
        let again: app::server_fns::AccountsView = serde_json::from_str(
            &admin.call::<app::server_fns::LoadAccounts>(&[("country", "XD")]).await.body,
        )
        .unwrap();
        assert!(again.issued.is_none(), "shown only once");

        let person = Client::new(&app);
        let answer = person.sign_in("new.person@kalinda.example", &issued.one_time_password).await;
        assert_eq!(
            answer.headers.get("location").and_then(|v| v.to_str().ok()),
            Some("/account"),
            "a one-time password leads to the password page"
        );
        assert!(person.session().await.actor.unwrap().must_change_password);
        let csrf = person.csrf().await;
        // Nothing else can be done with a one-time password.
        let strategy = [
            ("csrf", csrf.as_str()),
            ("country", "XD"),
            ("title", "A plan"),
            ("first_fiscal_year", "2030"),
            ("last_fiscal_year", "2031"),
            ("vision", ""),
        ];
        let refused = person.call::<app::server_fns::CreateStrategy>(&strategy).await;
        assert_eq!(refused.status, 403);
        assert_eq!(
            serde_json::from_str::<app::AppError>(&refused.body).unwrap(),
            app::AppError::PasswordChangeRequired
        );
        let short = person
            .call::<ChangePassword>(&[
                ("csrf", &csrf),
                ("current_password", &issued.one_time_password),
                ("new_password", "short"),
            ])
            .await;
        assert_eq!(short.status, 422);
        assert!(short.body.contains("new_password"), "{}", short.body);
        let changed = person
            .call::<ChangePassword>(&[
                ("csrf", &csrf),
                ("current_password", &issued.one_time_password),
                ("new_password", "my-own-long-password"),
            ])
            .await;
        assert!(changed.is_success(), "{changed:?}");
        assert!(!person.session().await.actor.unwrap().must_change_password);
        // The change started a new session, with a new token.
        let fresh = person.csrf().await;
        assert_ne!(fresh, csrf);
        let mut strategy = strategy;
        strategy[0] = ("csrf", fresh.as_str());
        let allowed = person.call::<app::server_fns::CreateStrategy>(&strategy).await;
        assert!(allowed.is_success(), "{allowed:?}");
        assert!(Client::new(&app).sign_in("new.person@kalinda.example", "my-own-long-password").await.is_success());
        app.stop().await;
    }
}

both_backends! {
    async fn an_administrator_changes_a_role_and_it_is_audited(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let csrf = admin.csrf().await;
        let fcdo = app::services::accounts::users::find_by_email(&t.db, accounts::FCDO.0).await.unwrap().unwrap();
        let answer = admin
            .call::<app::server_fns::UpdateUser>(&[
                ("csrf", &csrf),
                ("user_id", &fcdo.id.to_string()),
                ("display_name", "Fiona Reviewer"),
                ("role", "reviewer"),
                ("version", &fcdo.version.to_string()),
            ])
            .await;
        assert!(answer.is_success(), "{answer:?}");
        // The same form, opened before that change, is refused.
        let stale = admin
            .call::<app::server_fns::UpdateUser>(&[
                ("csrf", &csrf),
                ("user_id", &fcdo.id.to_string()),
                ("display_name", "Fiona"),
                ("role", "partner_reporter"),
                ("version", &fcdo.version.to_string()),
            ])
            .await;
        assert!(stale.body.contains(&format!("was changed by {}", accounts::ADMIN.0)), "{stale:?}");
        let actor = app::services::accounts::users::actor(&t.db, fcdo.id).await.unwrap().unwrap();
        assert_eq!(actor.memberships[0].role, app::types::Role::Reviewer);
        assert_eq!(actor.display_name, "Fiona Reviewer");
        assert!(!actor.signatory, "an unticked box takes the signature away");
        let history = app::services::accounts::audit::history(&t.db, "user", fcdo.id).await.unwrap();
        assert_eq!(history[0].actor, accounts::ADMIN.0);
        assert!(history[0].before.as_deref().unwrap().contains("partner_reporter"));
        assert!(history[0].after.as_deref().unwrap().contains("\"role\":\"reviewer\""));
        app.stop().await;
    }
}

both_backends! {
    async fn a_session_ends_twelve_hours_after_sign_in_however_active(t) {
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let client = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        assert!(client.session().await.actor.is_some());
        // The session started twelve hours and a minute ago.
        let row = entities::session::Entity::find().one(&t.db).await.unwrap().unwrap();
        let mut data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
        let started = chrono::Utc::now() - app::auth::ABSOLUTE_LIFETIME - chrono::TimeDelta::minutes(1);
        data["signed_in_at"] = started.timestamp().into();
        let mut active: entities::session::ActiveModel = row.into();
        active.data = Set(data.to_string());
        active.update(&t.db).await.unwrap();
        assert!(client.session().await.actor.is_none(), "the session has ended");
        assert!(entities::session::Entity::find().all(&t.db).await.unwrap().is_empty());
        app.stop().await;
    }
}
