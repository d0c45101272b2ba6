use app::AppError;
use app::services::accounts::audit::Author;
use app::services::accounts::countries;
use app::types::NewCountry;
use tests::both_backends;

fn new_country(code: &str, currency: &str, month: u32) -> NewCountry {
    NewCountry {
        code: code.into(),
        name: "Test country".into(),
        currency: currency.into(),
        fiscal_year_start_month: month,
    }
}

fn fields(err: &AppError) -> Vec<&str> {
    match err {
        AppError::Invalid(errors) => errors.iter().map(|e| e.field.as_str()).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

both_backends! {
    async fn creates_and_lists_a_country(t) {
        let created = countries::create(&t.db, &Author::system("test"), new_country("tl", "usd", 7))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(created.code, "TL");
        assert_eq!(created.currency, "USD");
        assert_eq!(created.fiscal_year_start_month, 7);
        let listed = countries::list(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(listed, vec![created]);
    }
}

both_backends! {
    async fn refuses_bad_countries_and_saves_nothing(t) {
        let unknown_code = countries::create(&t.db, &Author::system("test"), new_country("ZY", "USD", 1)).await;
        let err = unknown_code.expect_err("ZY is not an ISO 3166 code");
        assert_eq!(fields(&err), ["code"]);
        assert!(err.to_string().contains("ZY is not an ISO 3166-1 country code"), "{err}");

        let unknown_currency = countries::create(&t.db, &Author::system("test"), new_country("TL", "ABC", 1)).await;
        let err = unknown_currency.expect_err("ABC is not a currency");
        assert_eq!(fields(&err), ["currency"]);

        let withdrawn_currency = countries::create(&t.db, &Author::system("test"), new_country("TL", "EEK", 1)).await;
        assert_eq!(fields(&withdrawn_currency.expect_err("EEK was withdrawn")), ["currency"]);

        let bad_month = countries::create(&t.db, &Author::system("test"), new_country("TL", "USD", 13)).await;
        assert_eq!(fields(&bad_month.expect_err("month 13")), ["fiscal_year_start_month"]);

        let everything_wrong = countries::create(&t.db, &Author::system("test"), new_country("T1", "", 0)).await;
        assert_eq!(
            fields(&everything_wrong.expect_err("all wrong")),
            ["code", "currency", "fiscal_year_start_month"]
        );

        assert!(countries::list(&t.db).await.unwrap_or_else(|e| panic!("{e}")).is_empty());
    }
}

both_backends! {
    async fn refuses_a_duplicate_code(t) {
        countries::create(&t.db, &Author::system("test"), new_country("SL", "SLE", 1))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let again = countries::create(&t.db, &Author::system("test"), new_country("sl", "USD", 7)).await;
        let err = again.expect_err("SL exists");
        assert_eq!(fields(&err), ["code"]);
        assert_eq!(countries::list(&t.db).await.map(|l| l.len()).unwrap_or_default(), 1);
    }
}

both_backends! {
    async fn accepts_a_user_assigned_code_for_a_fictional_country(t) {
        let created = countries::create(&t.db, &Author::system("test"), new_country("XQ", "USD", 1)).await;
        assert_eq!(created.map(|c| c.code).ok().as_deref(), Some("XQ"));
    }
}

both_backends! {
    async fn an_administrator_sets_the_language_the_country_speaks_to_newcomers(t) {
        use app::server_fns::SetCountryLanguage;
        use tests::{Client, TestApp, demo as accounts};
        app::services::demo::seed(&t.db).await.unwrap_or_else(|e| panic!("{e}"));
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let planner = Client::signed_in(&app, accounts::PLANNER.0, accounts::PLANNER.1).await;
        let (_, page) = admin.get_text("/countries/XD").await;
        assert!(page.contains("id=\"country-language\""), "the administrator's form");
        let (_, page) = planner.get_text("/countries/XD").await;
        assert!(!page.contains("id=\"country-language\""), "no form for a planner");

        let csrf = admin.csrf().await;
        let set = async |language: &str, shown: &str| {
            admin
                .post_form::<SetCountryLanguage>(
                    "/countries/XD",
                    &[("csrf", &csrf), ("country", "XD"), ("language", language), ("shown", shown)],
                )
                .await
        };
        let refused = set("de", "en").await;
        assert!(admin.location(&refused).contains("error="), "{refused:?}");
        assert!(admin.location(&refused).contains("language"), "{refused:?}");
        let chosen = set("fr", "en").await;
        let back = admin.location(&chosen);
        assert!(back.starts_with("/countries/XD") && !back.contains("error="), "{chosen:?}");
        assert_eq!(countries::get(&t.db, "XD").await.unwrap_or_else(|e| panic!("{e}")).language, "fr");
        let (id, _) = countries::get_with_id(&t.db, "XD").await.unwrap_or_else(|e| panic!("{e}"));
        let history = app::services::accounts::audit::history(&t.db, "country", id)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let entry = &history[0];
        assert!(
            entry.before.as_deref().is_some_and(|b| b.contains("\"language\":\"en\""))
                && entry.after.as_deref().is_some_and(|a| a.contains("\"language\":\"fr\"")),
            "before and after in the trail: {entry:?}"
        );

        // Another administrator's form, opened before that change, does not
        // overwrite it unknowingly.
        let stale = set("pt", "en").await;
        assert!(admin.location(&stale).contains("error="), "{stale:?}");
        assert_eq!(countries::get(&t.db, "XD").await.unwrap_or_else(|e| panic!("{e}")).language, "fr");

        // A newcomer whose browser asks for none of the site's languages.
        let page = reqwest::Client::new()
            .get(app.url("/countries/XD"))
            .header("accept-language", "ar")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .text()
            .await
            .unwrap_or_default();
        assert!(page.contains("<html lang=\"fr\""), "the country's language");
        app.stop().await;
    }
}
