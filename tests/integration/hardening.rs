//! What the server refuses before it trusts a request: bodies over their
//! limit, arguments that do not parse, sign-in redirects off the site,
//! amounts it would have to guess; and the headers every answer carries.

use app::server_fns::{AddTransaction, EndorseStrategy, ImportIati, SignIn};
use app::services::demo;
use leptos::server_fn::ServerFn;
use tests::{Client, TestApp, both_backends, demo as accounts};

fn location(answer: &tests::Answer) -> Option<&str> {
    answer.headers.get("location").and_then(|v| v.to_str().ok())
}

/// Declares a form body of `bytes` to server function `F`, sends its first
/// bytes only, and reads the answer: a limit is enforced on the declared
/// length, before the body is read.
async fn declare_body<F: ServerFn>(app: &TestApp, bytes: usize) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app
        .url("")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\ncsrf=x&file=",
        F::PATH
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_end(&mut answer),
    )
    .await;
    let answer = String::from_utf8_lossy(&answer).to_string();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, answer)
}

/// Posts `bytes` of form data to server function `F`.
async fn post_bytes<F: ServerFn>(app: &TestApp, bytes: usize) -> (u16, String) {
    let body = format!("csrf=x&file={}", "a".repeat(bytes));
    let response = reqwest::Client::new()
        .post(app.url(F::PATH))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.text().await.unwrap_or_default(),
    )
}

both_backends! {
    async fn bodies_over_the_limit_are_refused_before_parsing(t) {
        let app = TestApp::spawn(&t).await;
        let (status, body) = declare_body::<SignIn>(&app, 2 * 1024 * 1024).await;
        assert_eq!(status, 413, "{body}");
        assert!(body.contains("larger than the limit of 1 MiB"), "{body}");
        // An import takes files up to 25 MiB: 2 MiB reaches the server
        // function, whose arguments are then read (and found incomplete).
        let (status, body) = post_bytes::<ImportIati>(&app, 2 * 1024 * 1024).await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("missing field"), "{body}");
        let (status, body) = declare_body::<ImportIati>(&app, 26 * 1024 * 1024).await;
        assert_eq!(status, 413, "{body}");
        assert!(body.contains("25 MiB"), "{body}");
        app.stop().await;
    }
}

both_backends! {
    async fn arguments_that_do_not_parse_are_a_bad_request(t) {
        let app = TestApp::spawn(&t).await;
        let client = Client::new(&app);
        let csrf = client.csrf().await;
        let answer = client
            .call::<EndorseStrategy>(&[("csrf", &csrf), ("strategy_id", "not-a-number")])
            .await;
        assert_eq!(answer.status, 400, "{answer:?}");
        assert!(answer.body.contains("strategy_id") || answer.body.contains("invalid"), "{answer:?}");
        app.stop().await;
    }
}

both_backends! {
    async fn sign_in_sends_people_only_to_paths_on_this_site(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let sign_in = |next: &'static str| {
            let app = &app;
            async move {
                let client = Client::new(app);
                let csrf = client.csrf().await;
                let (email, password) = accounts::PLANNER;
                client
                    .call::<SignIn>(&[
                        ("csrf", &csrf),
                        ("email", email),
                        ("password", password),
                        ("next", next),
                    ])
                    .await
            }
        };
        let kept = sign_in("/countries/XD/strategy").await;
        assert_eq!(location(&kept), Some("/countries/XD/strategy"), "{kept:?}");
        for next in ["/\\evil.example", "//evil.example", "https://evil.example", "/x\nSet-Cookie: a=b", "/x\r\n"] {
            let answer = sign_in(next).await;
            assert!(answer.is_success(), "{next:?}: {answer:?}");
            let landed = location(&answer).unwrap_or_default();
            assert!(landed.starts_with("/organisations/"), "{next:?} led to {landed:?}");
        }
        app.stop().await;
    }
}

both_backends! {
    async fn every_answer_carries_the_security_headers(t) {
        let app = TestApp::spawn(&t).await;
        for path in ["/", "/api/v1/countries", "/healthz"] {
            let response = app.get(path).await;
            let header = |name: &str| {
                response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
            };
            assert_eq!(header("x-frame-options"), "DENY", "{path}");
            assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
            assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin", "{path}");
            assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{path}");
        }
        // A page's inline scripts run by the nonce its policy names.
        let response = app.get("/").await;
        let policy = response.headers()["content-security-policy"].to_str().unwrap().to_string();
        let html = response.text().await.unwrap();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("the page's policy names a nonce");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the scripts carry the nonce");
        app.stop().await;
    }
}

both_backends! {
    async fn an_amount_with_a_decimal_comma_is_refused_not_guessed(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let (email, password) = accounts::NORAD;
        let norad = Client::signed_in(&app, email, password).await;
        let csrf = norad.csrf().await;
        let actor = norad.session().await.actor.unwrap();
        let (country_id, organisation_id) = (actor.memberships[0].country_id, actor.organisation_id);
        let activities = || app::services::funding::activities::of_organisation(&t.db, country_id, organisation_id);
        let activity = activities().await.unwrap().into_iter().next().unwrap();
        let activity_id = activity.id.to_string();
        let before = activity.transactions.len();
        let answer = norad
            .call::<AddTransaction>(&[
                ("csrf", &csrf),
                ("country", "XD"),
                ("activity_id", &activity_id),
                ("transaction[kind]", "3"),
                ("transaction[transaction_date]", "2026-08-01"),
                ("transaction[amount]", "1000,50"),
                ("transaction[currency]", ""),
            ])
            .await;
        assert_eq!(answer.status, 422, "{answer:?}");
        assert!(answer.body.contains("amount"), "{answer:?}");
        assert!(answer.body.contains("1,500,000.50"), "the message shows the accepted forms: {answer:?}");
        let after = activities().await.unwrap().into_iter().find(|a| a.id == activity.id).unwrap();
        assert_eq!(after.transactions.len(), before, "nothing was stored");
        app.stop().await;
    }
}

both_backends! {
    async fn csv_cells_that_start_like_formulas_are_neutralised(t) {
        use app::services::compact::{commitments, compacts};
        use app::types::CommitmentKind;
        use crate::fixtures::{commitment, fresh_compact, org};
        demo::seed(&t.db).await.unwrap();
        let country_id = app::services::accounts::countries::get_with_id(&t.db, "XD").await.unwrap().0;
        let compact = fresh_compact(&t, country_id).await;
        let norway = org(&t, country_id, "Norway (Norad)").await;
        let system = app::services::accounts::audit::Author::system("test");
        for text in ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "Plain words"] {
            commitments::add(&t.db, &system, compact.id, commitment(norway, CommitmentKind::Partner, text))
                .await
                .unwrap();
        }
        let loaded = compacts::load(&t.db, compact.id).await.unwrap();
        let csv = server::exports::commitments_csv(&loaded, crate::fixtures::d("2026-12-01")).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let texts: Vec<String> = reader.records().map(|r| r.unwrap()[4].to_string()).collect();
        assert_eq!(texts, [
            "'=HYPERLINK(\"http://evil.example\",\"x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "Plain words",
        ]);
    }
}

both_backends! {
    async fn a_control_character_in_a_title_leaves_the_iati_export_valid(t) {
        use app::services::funding::activities;
        use crate::funding_data::{self, activity};
        let f = funding_data::build(&t).await;
        let system = app::services::accounts::audit::Author::system("test");
        let title = "Roads\u{7} and bridges\u{1b}[31m";
        activities::create(&t.db, &system, f.country_id, activity(f.norway, title, "USD")).await.unwrap();
        let xml = app::services::iati::export(&t.db, f.country_id).await.unwrap();
        assert!(xml.contains("Roads and bridges[31m"), "the text is kept without its control characters");
        assert!(!xml.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("the export is not well-formed: {e}"),
            }
        }
    }
}

both_backends! {
    async fn a_password_change_ends_the_users_other_sessions(t) {
        use app::server_fns::{ChangePassword, ResetPassword};
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let (email, password) = accounts::PLANNER;
        let laptop = Client::signed_in(&app, email, password).await;
        let phone = Client::signed_in(&app, email, password).await;
        let other_user = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let csrf = laptop.csrf().await;
        let changed = laptop
            .call::<ChangePassword>(&[
                ("csrf", &csrf),
                ("current_password", password),
                ("new_password", "a-brand-new-password"),
            ])
            .await;
        assert!(changed.is_success(), "{changed:?}");
        assert!(laptop.session().await.actor.is_some(), "the session that changed it goes on");
        assert!(phone.session().await.actor.is_none(), "the other session is over");
        assert!(other_user.session().await.actor.is_some(), "other users' sessions are untouched");

        // An administrator's reset ends the user's sessions too.
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let user_id = laptop.session().await.actor.unwrap().user_id.to_string();
        let csrf = admin.csrf().await;
        let reset = admin.call::<ResetPassword>(&[("csrf", &csrf), ("user_id", &user_id)]).await;
        assert!(reset.is_success(), "{reset:?}");
        assert!(laptop.session().await.actor.is_none(), "a reset ends every session of the user");
        app.stop().await;
    }
}

both_backends! {
    async fn acronyms_and_iati_identifiers_are_unique_within_a_country(t) {
        use app::services::accounts::{countries, organisations};
        use app::types::{NewOrganisation, OrganisationKind};
        demo::seed(&t.db).await.unwrap();
        let system = app::services::accounts::audit::Author::system("test");
        let country_id = countries::get_with_id(&t.db, "XD").await.unwrap().0;
        let norway = organisations::list(&t.db, country_id)
            .await
            .unwrap()
            .into_iter()
            .find(|o| o.acronym.as_deref() == Some("Norad"))
            .unwrap();
        let new = |acronym: &str, iati_id: Option<String>| NewOrganisation {
            name: "A newcomer".into(),
            acronym: Some(acronym.into()),
            kind: OrganisationKind::Bilateral,
            iati_id,
            iati_type_code: None,
        };
        let err = organisations::create(&t.db, &system, country_id, new("NORAD", None)).await.unwrap_err();
        assert!(err.field_message("acronym").is_some(), "{err}");
        if let Some(iati_id) = norway.iati_id.clone() {
            let err = organisations::create(&t.db, &system, country_id, new("NEW", Some(iati_id))).await.unwrap_err();
            assert!(err.field_message("iati_id").is_some(), "{err}");
        }
        let created = organisations::create(&t.db, &system, country_id, new("NEW", Some("XM-DAC-0000".into()))).await.unwrap();
        // Nor can an update take another's acronym.
        let err = organisations::update(&t.db, &system, created.id, created.version, new("norad", Some("XM-DAC-0000".into())))
            .await
            .unwrap_err();
        assert!(err.field_message("acronym").is_some(), "{err}");
    }
}

both_backends! {
    async fn control_characters_are_taken_out_of_form_text(t) {
        use app::server_fns::CreateStrategy;
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let csrf = planner.csrf().await;
        let answer = planner
            .call::<CreateStrategy>(&[
                ("csrf", csrf.as_str()),
                ("country", "XD"),
                ("title", "A plan\u{1}\u{1b}[0m for\u{85} peace"),
                ("first_fiscal_year", "2030"),
                ("last_fiscal_year", "2031"),
                ("vision", "First line\r\nsecond\tline\u{7}"),
            ])
            .await;
        assert!(answer.is_success(), "{answer:?}");
        let stored = <entities::strategy::Entity as sea_orm::EntityTrait>::find()
            .all(&t.db)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.title.starts_with("A plan"))
            .expect("the strategy was stored");
        assert_eq!(stored.title, "A plan[0m for peace");
        assert_eq!(stored.vision, "First line\r\nsecond\tline");
        app.stop().await;
    }
}

both_backends! {
    async fn a_long_import_error_waits_in_the_session_not_the_address(t) {
        use app::server_fns::ImportTransactions;
        use app::services::{accounts::countries, accounts::organisations};
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let norad = organisations::list(&t.db, country_id).await.unwrap()
            .into_iter().find(|o| o.acronym.as_deref() == Some("Norad")).unwrap().id;
        let client = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let mut file = app::services::funding::transaction_import::COLUMNS.join(",");
        for i in 0..80 {
            file.push_str(&format!("\nXM-NO-SUCH-ACTIVITY-{i},disbursement,2026-09-30,,100,EUR,,,x"));
        }
        let csrf = client.csrf().await;
        let page_url = app.url("/countries/XD/funding/activities");
        let response = client.http
            .post(format!("{}{}", client.base, ImportTransactions::PATH))
            .header("accept", "text/html")
            .header("referer", &page_url)
            .form(&[("csrf", csrf.as_str()), ("country", "XD"), ("organisation_id", &norad.to_string()), ("file", &file)])
            .send().await.unwrap();
        assert!(response.status().is_redirection(), "{}", response.status());
        let location = response.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(location, format!("{page_url}?error=stored"));
        let (status, page) = client.get_text(location.trim_start_matches(&client.base)).await;
        assert_eq!(status, 200);
        assert!(page.contains("XM-NO-SUCH-ACTIVITY-79"), "every bad line is reported: {page}");
        app.stop().await;
    }
}

both_backends! {
    async fn years_and_planned_periods_are_bounded(t) {
        use app::services::funding::activities;
        use crate::funding_data::{self, dec};
        let f = funding_data::build(&t).await;
        let system = app::services::accounts::audit::Author::system("test");
        let period = |start: &str, end: &str| app::types::NewPlannedDisbursement {
            period_start: crate::fixtures::d(start),
            period_end: crate::fixtures::d(end),
            amount: dec("1000"),
            currency: None,
        };
        for (start, end, field) in [
            ("0001-01-01", "9999-12-31", "period_start"),
            ("2026-01-01", "2036-01-01", "period_end"),
        ] {
            let refused = activities::add_planned_disbursement(&t.db, &system, f.norway_activity, period(start, end))
                .await
                .unwrap_err();
            assert!(matches!(&refused, app::AppError::Invalid(e) if e[0].field == field), "{refused:?}");
        }
        let kept = activities::add_planned_disbursement(&t.db, &system, f.norway_activity, period("2026-01-01", "2030-12-31"))
            .await
            .unwrap();
        assert_eq!(kept.len(), 6, "five years over six fiscal years, one row each");

        // A fiscal year in an address or a query is a year the app knows.
        let app = TestApp::spawn(&t).await;
        let public = Client::new(&app);
        for path in [
            "/api/v1/countries/TL/funding?fiscal_year=2147483647",
            "/api/v1/countries/TL/indicators?fiscal_year=-2147483648",
        ] {
            let (status, body) = public.get_text(path).await;
            assert_eq!(status, 422, "{path}: {body}");
            assert!(body.contains("fiscal_year") && body.contains("1990"), "{body}");
        }
        let answer = public
            .call::<app::server_fns::LoadFunding>(&[("country", "TL"), ("fiscal_year", "2147483647")])
            .await;
        assert_eq!(answer.status, 422, "{answer:?}");
        let (status, _) = public.get_text("/countries/TL/dashboard?fiscal_year=2147483647").await;
        assert_eq!(status, 422);
        app.stop().await;
    }
}
