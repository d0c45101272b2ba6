//! The interface speaks the visitor's language: chosen by the account, the
//! cookie, the browser or the country, in that order; amounts typed are
//! read as that language writes them, and refused when they would have to
//! be guessed.

use app::server_fns::{AddTransaction, SetLanguage, SignOut};
use app::services::accounts::{audit, countries, users};
use app::services::{demo, funding::activities};
use entities::country;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{Client, TestApp, both_backends, demo as accounts};

/// The page at `path` as a browser asking for `accept` gets it: the
/// `lang` of its `<html>`, its body, and the cookie it was given, if any.
async fn visit(app: &TestApp, path: &str, accept: &str) -> (String, String, Option<String>) {
    let response = reqwest::Client::new()
        .get(app.url(path))
        .header("accept-language", accept)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("ct_lang="))
        .map(str::to_string);
    let body = response.text().await.unwrap_or_default();
    (lang_of(&body), body, cookie)
}

fn lang_of(page: &str) -> String {
    let start = page.find("<html lang=\"").map(|i| i + 12).unwrap_or(0);
    page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

both_backends! {
    async fn a_visitor_gets_the_language_the_browser_asks_for(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;

        let (lang, page, _) = visit(&app, "/", "fr-FR,fr;q=0.9,en;q=0.5").await;
        assert_eq!(lang, "fr");
        for text in ["Aller au contenu", "Pays", "Se connecter", "exercice budgétaire commençant en"] {
            assert!(page.contains(text), "the French home page lacks {text:?}");
        }
        for text in ["Skip to content", "Sign in", "fiscal year starts in"] {
            assert!(!page.contains(text), "the French home page still says {text:?}");
        }

        let (lang, page, _) = visit(&app, "/countries/XD", "fr").await;
        assert_eq!(lang, "fr");
        for text in ["Qui participe", "Fonds commun: 2", "Exercice budgétaire", "Commence en juillet"] {
            assert!(page.contains(text), "the French country page lacks {text:?}");
        }

        let (lang, page, _) = visit(&app, "/countries/XD", "pt-BR,pt;q=0.9").await;
        assert_eq!(lang, "pt");
        assert!(page.contains("Orçamento") && page.contains("Painel"), "Portuguese areas");

        let (lang, page, _) = visit(&app, "/", "en-GB").await;
        assert_eq!(lang, "en");
        assert!(page.contains("Skip to content"));
        app.stop().await;
    }
}

both_backends! {
    async fn a_country_speaks_its_language_to_a_browser_asking_for_none_of_ours(t) {
        demo::seed(&t.db).await.unwrap();
        country::Entity::update_many()
            .col_expr(country::Column::Language, sea_orm::sea_query::Expr::value("fr"))
            .filter(country::Column::Code.eq("XD"))
            .exec(&t.db)
            .await
            .unwrap();
        assert_eq!(countries::get(&t.db, "XD").await.unwrap().language, "fr");
        let app = TestApp::spawn(&t).await;

        let (lang, _, cookie) = visit(&app, "/countries/XD/funding", "ar, de;q=0.8").await;
        assert_eq!(lang, "fr", "the country's language");
        let cookie = cookie.unwrap_or_else(|| panic!("the choice is kept for the page's forms"));
        assert!(cookie.starts_with("ct_lang=fr;"), "{cookie}");

        // Elsewhere, and for a browser that asks for one of ours, no guess.
        let (lang, _, cookie) = visit(&app, "/", "ar").await;
        assert_eq!((lang.as_str(), cookie), ("en", None));
        let (lang, _, cookie) = visit(&app, "/countries/XD", "pt").await;
        assert_eq!((lang.as_str(), cookie), ("pt", None));
        app.stop().await;
    }
}

both_backends! {
    async fn the_choice_follows_the_account_across_sign_out_and_sign_in(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let norway = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let csrf = norway.csrf().await;
        let refused = norway
            .call::<SetLanguage>(&[("csrf", &csrf), ("language", "de"), ("next", "/")])
            .await;
        assert_eq!(refused.status, 422, "{refused:?}");
        assert!(refused.body.contains("language"), "{refused:?}");

        // Without JavaScript: the form posts and the page comes back.
        let chosen = norway
            .post_form::<SetLanguage>(
                "/countries/XD",
                &[("csrf", &csrf), ("language", "pt"), ("next", "/countries/XD/budget")],
            )
            .await;
        assert_eq!(norway.location(&chosen), "/countries/XD/budget");
        let (_, page) = norway.get_text("/countries/XD/budget").await;
        assert_eq!(lang_of(&page), "pt");

        let user = users::find_by_email(&t.db, accounts::NORAD.0).await.unwrap().unwrap();
        assert_eq!(user.language.as_deref(), Some("pt"), "kept on the account");
        let history = audit::history(&t.db, "user", user.id).await.unwrap();
        assert!(
            history[0].after.as_deref().is_some_and(|a| a.contains("\"language\":\"pt\"")),
            "the change is in the audit trail: {history:?}"
        );

        let csrf = norway.csrf().await;
        assert!(norway.call::<SignOut>(&[("csrf", &csrf)]).await.is_success());

        // Another browser: English until the account signs in.
        let elsewhere = Client::new(&app);
        assert_eq!(lang_of(&elsewhere.get_text("/").await.1), "en");
        assert!(elsewhere.sign_in(accounts::NORAD.0, accounts::NORAD.1).await.is_success());
        assert_eq!(lang_of(&elsewhere.get_text("/").await.1), "pt");

        // An anonymous visitor may choose too; nothing is written.
        let visitor = Client::new(&app);
        let csrf = visitor.csrf().await;
        let chosen = visitor
            .call::<SetLanguage>(&[("csrf", &csrf), ("language", "fr"), ("next", "//evil.example")])
            .await;
        assert!(chosen.is_success(), "{chosen:?}");
        assert_eq!(lang_of(&visitor.get_text("/").await.1), "fr");
        app.stop().await;
    }
}

both_backends! {
    async fn amounts_are_read_as_the_reporters_language_writes_them(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let app = TestApp::spawn(&t).await;
        let norway = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let actor = crate::fixtures::actor(&t, accounts::NORAD.0).await;
        let activity = activities::of_organisation(&t.db, country_id, actor.organisation_id)
            .await
            .unwrap()[0]
            .id;
        let activity_id = activity.to_string();
        let csrf = norway.csrf().await;
        let post = async |amount: &str| {
            let once = app::services::accounts::password::random_token();
            norway
                .call::<AddTransaction>(&[
                    ("csrf", csrf.as_str()),
                    ("once", once.as_str()),
                    ("country", "XD"),
                    ("activity_id", activity_id.as_str()),
                    ("transaction[kind]", "3"),
                    ("transaction[transaction_date]", "2026-09-30"),
                    ("transaction[amount]", amount),
                ])
                .await
        };
        let choose = async |language: &str| {
            let chosen = norway
                .call::<SetLanguage>(&[("csrf", csrf.as_str()), ("language", language)])
                .await;
            assert!(chosen.is_success(), "{chosen:?}");
        };
        let stored = async || {
            activities::of_organisation(&t.db, country_id, actor.organisation_id)
                .await
                .unwrap()
                .into_iter()
                .find(|a| a.id == activity)
                .map(|a| a.transactions.iter().map(|t| t.amount).collect::<Vec<Decimal>>())
                .unwrap_or_default()
        };

        choose("fr").await;
        let before = stored().await;
        let added = post("1 500,75").await;
        assert!(added.is_success(), "{added:?}");
        let after = stored().await;
        assert_eq!(after.len(), before.len() + 1);
        assert!(after.contains(&Decimal::new(150_075, 2)), "USD 1,500.75 stored: {after:?}");

        let refused = post("1.500,75").await;
        assert_eq!(refused.status, 422, "{refused:?}");
        assert!(refused.body.contains("virgule"), "said in French: {}", refused.body);

        // The page shows the amount and the date as French writes them.
        let (_, page) = norway.get_text("/countries/XD/funding/activities").await;
        let table = crate::fixtures::main_of(&page);
        assert!(page.contains("1\u{202f}500,75"), "the amount in French: {table}");
        assert!(page.contains("30 septembre 2026"), "the date in French");

        choose("en").await;
        let refused = post("1.500,75").await;
        assert_eq!(refused.status, 422, "{refused:?}");
        assert!(refused.body.contains("1,500,000.50"), "the expected form: {}", refused.body);
        assert_eq!(stored().await.len(), after.len(), "nothing written by a refusal");

        choose("pt").await;
        assert!(post("1.500,75").await.is_success());
        assert_eq!(
            stored().await.iter().filter(|a| **a == Decimal::new(150_075, 2)).count(),
            2
        );
        app.stop().await;
    }
}

/// The first link of `page` under `prefix`, for pages reached from others.
fn first_link(page: &str, prefix: &str) -> String {
    let quoted = format!("href=\"{prefix}");
    let start = page
        .find(&quoted)
        .map(|i| i + 6)
        .unwrap_or_else(|| panic!("no link under {prefix}"));
    page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .replace("&amp;", "&")
}

both_backends! {
    async fn every_page_speaks_french_or_portuguese_with_no_english_left(t) {
        demo::seed(&t.db).await.unwrap();
        let app = TestApp::spawn(&t).await;
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let partner = Client::signed_in(&app, accounts::NORAD.0, accounts::NORAD.1).await;
        let (_, strategy) = admin.get_text("/countries/XD/strategy").await;
        let (_, compact) = admin.get_text("/countries/XD/compact").await;
        let (_, dashboard) = admin.get_text("/countries/XD/dashboard").await;
        let (_, activities) = admin.get_text("/countries/XD/activities").await;
        let reached = [
            first_link(&strategy, "/countries/XD/strategy/priorities/"),
            first_link(&compact, "/countries/XD/compact/reviews/"),
            first_link(&dashboard, "/countries/XD/dashboard/"),
            first_link(&activities, "/countries/XD/activities/"),
        ];
        let pages = [
            "/", "/account", "/countries/XD", "/countries/XD/strategy",
            "/countries/XD/strategy/compare", "/countries/XD/transition",
            "/countries/XD/compact", "/countries/XD/funding", "/countries/XD/activities",
            "/countries/XD/funding/activities", "/countries/XD/funding/rates",
            "/countries/XD/funding/validation", "/countries/XD/funding/iati",
            "/countries/XD/budget", "/countries/XD/indicators", "/countries/XD/dashboard",
            "/countries/XD/scorecards", "/countries/XD/fragility", "/countries/XD/admin/organisations",
            "/countries/XD/admin/users", "/countries/XD/admin/audit",
        ];
        let data = t.stored_texts().await;
        let mut english_left = vec![];
        for language in ["fr", "pt"] {
            for (who, client) in [("admin", &admin), ("partner", &partner)] {
                let csrf = client.csrf().await;
                let chosen = client
                    .call::<SetLanguage>(&[("csrf", csrf.as_str()), ("language", language)])
                    .await;
                assert!(chosen.is_success(), "{chosen:?}");
                for path in pages.iter().copied().chain(reached.iter().map(String::as_str)) {
                    let (status, page) = client.get_text(path).await;
                    assert!(status < 500, "{path}: {status}");
                    assert_eq!(lang_of(&page), language, "{path}");
                    let text = tests::catalogue::visible_text(&page);
                    let keys = tests::catalogue::keys_in(&text);
                    assert!(keys.is_empty(), "{language} {path} shows keys {keys:?}");
                    let left = tests::catalogue::english_in(&text, language, &data);
                    if !left.is_empty() {
                        english_left.push(format!("{language} {path} ({who}): {left:?}"));
                    }
                }
            }
        }
        assert!(english_left.is_empty(), "English left:\n{}", english_left.join("\n"));
        app.stop().await;
    }
}
