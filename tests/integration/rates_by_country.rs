//! Exchange rates belong to a country: two countries keep different rates
//! for the same currency and day and convert with their own; one country's
//! administrator cannot touch another's rates; every change keeps the rate
//! before and after in the audit trail under its real id; a save opened at
//! an older version is refused; the migration gives the rates that existed
//! to the countries that use them.

use app::AppError;
use app::server_fns::{RemoveExchangeRate, UpdateExchangeRate};
use app::services::accounts::audit::{self, Author};
use app::services::funding::rates::{self, RateTable};
use app::services::{accounts::countries, demo, funding::report};
use app::types::{Currency, ExchangeRate, GroupBy, StoredRate};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryOrder, Statement};
use tests::{Backend, Client, TestApp, TestDb, both_backends, demo as accounts};

use crate::fixtures::d;
use crate::funding_data::{build, dec};

fn eur(date: &str, rate: &str, source: &str) -> ExchangeRate {
    ExchangeRate {
        currency: Currency::stored("EUR"),
        quote_currency: Currency::stored("USD"),
        rate_date: d(date),
        rate: dec(rate),
        source: source.into(),
    }
}

/// The country's rate for `currency` on `date` exactly.
async fn stored(t: &TestDb, country_id: i32, currency: &str, date: &str) -> Option<StoredRate> {
    rates::list(&t.db, country_id, "USD")
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.rate.currency == currency && s.rate.rate_date == d(date))
}

/// Timor-Leste (EUR at 1.10 from 1 July 2025, its central bank's) and the
/// demo's Kalinda, both reporting in US dollars and both with EUR flows:
/// `(Timor-Leste's id, Kalinda's id)`.
async fn two_countries(t: &TestDb) -> (i32, i32) {
    let timor = build(t).await.country_id;
    demo::seed(&t.db).await.unwrap();
    let (kalinda, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
    (timor, kalinda)
}

/// `(date, rate, source)` of each rate a country's funding view converted with.
async fn used(t: &TestDb, country_id: i32) -> Vec<(chrono::NaiveDate, String, String)> {
    report::build(&t.db, country_id, GroupBy::Partner, None)
        .await
        .unwrap()
        .rates_used
        .into_iter()
        .filter(|u| u.rate.currency == "EUR")
        .map(|u| {
            (
                u.rate.rate_date,
                u.rate.rate.normalize().to_string(),
                u.rate.source,
            )
        })
        .collect()
}

both_backends! {
    async fn two_countries_using_eur_keep_their_own_rates_and_conversions(t) {
        let (timor, kalinda) = two_countries(&t).await;
        let timor_before = used(&t, timor).await;
        assert_eq!(timor_before[0], (d("2025-07-01"), "1.1".into(), "Banco Central de Timor-Leste".into()));

        // Kalinda's administrator enters a rate for the same currency and
        // day: Kalinda's own, beside Timor-Leste's, not over it.
        let admin = Author::system("Kalinda's administrator");
        rates::store(&t.db, &admin, kalinda, vec![eur("2025-07-01", "1.3", "Bank of Kalinda")]).await.unwrap();
        let theirs = stored(&t, kalinda, "EUR", "2025-07-01").await.unwrap();
        let ours = stored(&t, timor, "EUR", "2025-07-01").await.unwrap();
        assert_ne!(theirs.id, ours.id);
        assert_eq!((ours.rate.rate, ours.rate.source.as_str()), (dec("1.10"), "Banco Central de Timor-Leste"));
        assert_eq!(rates::list(&t.db, timor, "USD").await.unwrap().len(), 2, "Timor-Leste's rates only");

        // Each converts with its own rate, and names it.
        let on = d("2025-08-15");
        let timor_table = RateTable::load(&t.db, timor, "USD").await.unwrap();
        let kalinda_table = RateTable::load(&t.db, kalinda, "USD").await.unwrap();
        assert_eq!(timor_table.rate("EUR", on).unwrap().source, "Banco Central de Timor-Leste");
        assert_eq!(kalinda_table.rate("EUR", d("2025-07-01")).unwrap().rate, dec("1.3"));
        assert_eq!(used(&t, timor).await, timor_before, "Timor-Leste's totals are untouched");
        let kalinda_used = used(&t, kalinda).await;
        assert!(!kalinda_used.is_empty());
        assert!(kalinda_used.iter().all(|(_, _, source)| source != "Banco Central de Timor-Leste"), "{kalinda_used:?}");

        // Removing Timor-Leste's rate leaves Kalinda's, and Timor-Leste's
        // flows of that year go unconverted rather than borrow Kalinda's.
        rates::remove(&t.db, &Author::system("Timor-Leste's administrator"), timor, ours.id, ours.version).await.unwrap();
        assert!(stored(&t, kalinda, "EUR", "2025-07-01").await.is_some());
        let timor_table = RateTable::load(&t.db, timor, "USD").await.unwrap();
        assert!(timor_table.rate("EUR", on).is_none());
        let report = report::build(&t.db, timor, GroupBy::Partner, None).await.unwrap();
        assert!(report.unconverted.iter().any(|u| u.currency == "EUR"), "{:?}", report.unconverted);
    }
}

both_backends! {
    async fn an_administrator_cannot_change_or_remove_another_countrys_rate(t) {
        let (timor, kalinda) = two_countries(&t).await;
        let target = stored(&t, timor, "EUR", "2025-07-01").await.unwrap();
        let app = TestApp::spawn(&t).await;
        // Kalinda's administrator, and nobody's in Timor-Leste.
        let admin = Client::signed_in(&app, accounts::ADMIN.0, accounts::ADMIN.1).await;
        let csrf = admin.csrf().await;
        let (id, version) = (target.id.to_string(), target.version.to_string());
        let fields = |country: &'static str| {
            vec![
                ("csrf", csrf.clone()),
                ("country", country.to_string()),
                ("rate_id", id.clone()),
                ("version", version.clone()),
                ("entry[currency]", "EUR".to_string()),
                ("entry[rate_date]", "2025-07-01".to_string()),
                ("entry[rate]", "9.99".to_string()),
                ("entry[source]", "Overwritten".to_string()),
            ]
        };
        let send_update = async |fields: Vec<(&str, String)>| {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            admin.call::<UpdateExchangeRate>(&fields).await
        };
        let send_remove = async |fields: Vec<(&str, String)>| {
            let fields: Vec<(&str, &str)> = fields[..4].iter().map(|(k, v)| (*k, v.as_str())).collect();
            admin.call::<RemoveExchangeRate>(&fields).await
        };
        // Naming Timor-Leste: not its administrator.
        assert_eq!(send_update(fields("TL")).await.status, 403);
        assert_eq!(send_remove(fields("TL")).await.status, 403);
        // Naming Kalinda: Timor-Leste's rate is none of Kalinda's.
        assert_eq!(send_update(fields("XD")).await.status, 404);
        assert_eq!(send_remove(fields("XD")).await.status, 404);
        assert_eq!(stored(&t, timor, "EUR", "2025-07-01").await, Some(target), "untouched");

        // Kalinda's own rate, corrected by a plain form post (no
        // JavaScript), comes back to the page, which shows the correction.
        let own = rates::list(&t.db, kalinda, "USD").await.unwrap().remove(0);
        let own_fields = [
            ("csrf", csrf.clone()),
            ("country", "XD".to_string()),
            ("rate_id", own.id.to_string()),
            ("version", own.version.to_string()),
            ("entry[currency]", own.rate.currency.to_string()),
            ("entry[rate_date]", own.rate.rate_date.to_string()),
            ("entry[rate]", "1.2345".to_string()),
            ("entry[source]", "Bank of Kalinda, corrected".to_string()),
        ];
        let fields: Vec<(&str, &str)> = own_fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = "/countries/XD/funding/rates";
        let answer = admin.post_form::<UpdateExchangeRate>(page, &fields).await;
        assert!((300..400).contains(&answer.status), "{answer:?}");
        let back = admin.location(&answer);
        assert!(back.starts_with(page) && !back.contains("error"), "{back}");
        let (_, html) = admin.get_text(&back).await;
        assert!(html.contains("Bank of Kalinda, corrected"), "the corrected rate is listed");
        assert!(html.contains(&format!("name=\"version\" value=\"{}\"", own.version + 1)), "its forms carry the new version");
        // The same form posted again is stale, and says who changed it.
        let again = admin.call::<UpdateExchangeRate>(&fields).await;
        assert_eq!(again.status, 409, "{again:?}");
        assert!(again.body.contains(accounts::ADMIN.0), "{}", again.body);
        // Posted as a plain form, the refusal comes back to the page with
        // what was typed still in that rate's form, to apply again.
        let mut retyped = fields.clone();
        retyped.retain(|(k, _)| *k != "entry[source]");
        retyped.push(("entry[source]", "Bank of Kalinda, typed again"));
        let answer = admin.post_form::<UpdateExchangeRate>(page, &retyped).await;
        let back = admin.location(&answer);
        assert!(back.starts_with(page) && back.contains("error"), "{back}");
        let (_, html) = admin.get_text(&back).await;
        assert!(html.contains("was changed by"), "the refusal is shown");
        assert!(html.contains("value=\"Bank of Kalinda, typed again\""), "the input is kept");

        // The public reads the rates, without the forms.
        let (_, public) = Client::new(&app).get_text(page).await;
        assert!(public.contains("Bank of Kalinda, corrected") && !public.contains("name=\"rate_id\""));
        app.stop().await;
    }
}

both_backends! {
    async fn every_change_keeps_the_rate_before_and_after_under_its_id(t) {
        let timor = build(&t).await.country_id;
        let admin = Author::system("an administrator");
        let read = |json: Option<&str>| json.map(|j| serde_json::from_str::<StoredRate>(j).unwrap());

        // Entered: created, with the rate after.
        rates::store(&t.db, &admin, timor, vec![eur("2027-01-01", "1.15", "Central bank")]).await.unwrap();
        let added = stored(&t, timor, "EUR", "2027-01-01").await.unwrap();
        let trail = audit::history(&t.db, "exchange_rate", added.id).await.unwrap();
        assert_eq!((trail[0].action.as_str(), trail[0].object_id), ("create", added.id));
        assert_eq!(read(trail[0].after.as_deref()), Some(added.clone()));

        // Loaded again from a file: the same day's rate is replaced, before and after kept.
        let file = "currency,date,rate,source\nEUR,2027-01-01,1.16,Central bank (revised)\n";
        rates::store(&t.db, &admin, timor, rates::parse_csv(file, "USD").unwrap()).await.unwrap();
        let reloaded = stored(&t, timor, "EUR", "2027-01-01").await.unwrap();
        assert_eq!((reloaded.id, reloaded.version, reloaded.rate.rate), (added.id, 2, dec("1.16")));
        let trail = audit::history(&t.db, "exchange_rate", added.id).await.unwrap();
        assert_eq!(trail[0].action, "update");
        assert_eq!(read(trail[0].before.as_deref()), Some(added.clone()));
        assert_eq!(read(trail[0].after.as_deref()), Some(reloaded.clone()));

        // Corrected: the day moves, the id stays.
        let corrected = rates::update(&t.db, &admin, timor, added.id, 2, eur("2027-01-02", "1.17", "Central bank")).await.unwrap();
        assert_eq!((corrected.id, corrected.version, corrected.rate.rate_date), (added.id, 3, d("2027-01-02")));
        let trail = audit::history(&t.db, "exchange_rate", added.id).await.unwrap();
        assert_eq!(trail[0].action, "update");
        assert_eq!(read(trail[0].before.as_deref()), Some(reloaded));
        assert_eq!(read(trail[0].after.as_deref()), Some(corrected.clone()));

        // A correction onto a day the country already has a rate for is refused.
        let err = rates::update(&t.db, &admin, timor, added.id, 3, eur("2025-07-01", "1.17", "Central bank")).await.unwrap_err();
        assert!(matches!(&err, AppError::Invalid(e) if e[0].field == "rate_date"), "{err:?}");
        // So is a rate out of bounds.
        let err = rates::update(&t.db, &admin, timor, added.id, 3, eur("2027-01-02", "1000000001", "Central bank")).await.unwrap_err();
        assert!(matches!(&err, AppError::Invalid(e) if e[0].field == "rate"), "{err:?}");

        // Removed: the rate before, nothing after.
        rates::remove(&t.db, &admin, timor, added.id, 3).await.unwrap();
        assert!(stored(&t, timor, "EUR", "2027-01-02").await.is_none());
        let trail = audit::history(&t.db, "exchange_rate", added.id).await.unwrap();
        assert_eq!((trail[0].action.as_str(), trail[0].after.as_deref()), ("delete", None));
        assert_eq!(read(trail[0].before.as_deref()), Some(corrected));
        assert_eq!(trail.len(), 4);
        assert!(audit::history(&t.db, "exchange_rate", 0).await.unwrap().is_empty(), "no entry without its id");
    }
}

both_backends! {
    async fn a_save_opened_at_an_older_version_is_refused_naming_who_changed_it(t) {
        let timor = build(&t).await.country_id;
        let first = Author::system("first administrator");
        let second = Author::system("second administrator");
        let rate = stored(&t, timor, "EUR", "2025-07-01").await.unwrap();
        assert_eq!(rate.version, 1);
        rates::update(&t.db, &first, timor, rate.id, 1, eur("2025-07-01", "1.11", "Central bank")).await.unwrap();
        let err = rates::update(&t.db, &second, timor, rate.id, 1, eur("2025-07-01", "1.12", "Central bank"))
            .await
            .unwrap_err();
        let AppError::Stale(message) = &err else { panic!("{err:?}") };
        assert!(message.contains("first administrator"), "{message}");
        let err = rates::remove(&t.db, &second, timor, rate.id, 1).await.unwrap_err();
        assert!(matches!(err, AppError::Stale(_)), "{err:?}");
        let now = stored(&t, timor, "EUR", "2025-07-01").await.unwrap();
        assert_eq!((now.rate.rate, now.version), (dec("1.11"), 2), "the first save stands");
        let err = rates::remove(&t.db, &second, timor, rate.id + 1000, 2).await.unwrap_err();
        assert!(matches!(err, AppError::NotFound(_)), "{err:?}");
    }
}

/// A database at the schema just before rates belonged to countries; on
/// SQLite a file beside the test's, on PostgreSQL the test's own database
/// emptied.
async fn before_rates_by_country(t: &TestDb) -> sea_orm::DatabaseConnection {
    let db = match t.backend {
        Backend::Sqlite => server::db::connect(&t.url.replace("test.db", "legacy.db"))
            .await
            .unwrap(),
        Backend::Postgres => {
            t.db.execute_unprepared("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
                .await
                .unwrap();
            t.db.clone()
        }
    };
    let earlier = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261206_000021_rates_by_country")
        .unwrap();
    Migrator::up(&db, Some(u32::try_from(earlier).unwrap()))
        .await
        .unwrap();
    db
}

both_backends! {
    async fn the_migration_gives_existing_rates_to_the_countries_that_use_them(t) {
        let db = before_rates_by_country(&t).await;
        let backend = db.get_database_backend();
        let run = async |sql: &str| {
            db.execute_unprepared(sql).await.unwrap();
        };
        let now = match backend {
            DbBackend::Postgres => "now()",
            _ => "CURRENT_TIMESTAMP",
        };
        for (code, currency) in [("XA", "USD"), ("XB", "USD"), ("XC", "EUR")] {
            run(&format!(
                "INSERT INTO countries (code, name, currency, fiscal_year_start_month, created_at) \
                 VALUES ('{code}', 'Country {code}', '{currency}', 1, {now})"
            ))
            .await;
        }
        for (currency, quote, date, rate) in [
            ("EUR", "USD", "2026-01-01", "1.08"),
            ("GBP", "USD", "2026-01-01", "1.27"),
            ("USD", "EUR", "2026-01-01", "0.92"),
            ("USD", "JPY", "2026-01-01", "150"),
        ] {
            run(&format!(
                "INSERT INTO exchange_rates (currency, quote_currency, rate_date, rate, source) \
                 VALUES ('{currency}', '{quote}', '{date}', '{rate}', 'A central bank')"
            ))
            .await;
        }
        Migrator::up(&db, None).await.unwrap();

        let id_of = async |code: &str| -> i32 {
            let sql = format!("SELECT id FROM countries WHERE code = '{code}'");
            let row = db.query_one_raw(Statement::from_string(backend, sql)).await.unwrap().unwrap();
            row.try_get("", "id").unwrap()
        };
        let (xa, xb, xc) = (id_of("XA").await, id_of("XB").await, id_of("XC").await);
        let rows = entities::exchange_rate::Entity::find()
            .order_by_asc(entities::exchange_rate::Column::Id)
            .all(&db)
            .await
            .unwrap();
        let mut kept: Vec<(i32, &str, &str, &str, i32)> = rows
            .iter()
            .map(|r| (r.country_id, r.currency.as_str(), r.quote_currency.as_str(), r.rate.as_str(), r.version))
            .collect();
        kept.sort_unstable();
        let mut expected = vec![
            (xa, "EUR", "USD", "1.08", 1),
            (xa, "GBP", "USD", "1.27", 1),
            (xb, "EUR", "USD", "1.08", 1),
            (xb, "GBP", "USD", "1.27", 1),
            (xc, "USD", "EUR", "0.92", 1),
        ];
        expected.sort_unstable();
        assert_eq!(kept, expected, "each rate copied to each country using it; the JPY rate dropped");

        // The same currency and day again in one country is refused; in
        // another it is that country's own.
        let twice = format!(
            "INSERT INTO exchange_rates (country_id, currency, quote_currency, rate_date, rate, source, version) \
             VALUES ({xa}, 'EUR', 'USD', '2026-01-01', '1.09', 'Again', 1)"
        );
        assert!(db.execute_unprepared(&twice).await.is_err());
        // Removing a country removes its rates.
        run(&format!("DELETE FROM countries WHERE id = {xb}")).await;
        let left = entities::exchange_rate::Entity::find().all(&db).await.unwrap();
        assert_eq!(left.len(), 3);
        if t.backend == Backend::Sqlite {
            db.close().await.unwrap();
        }
    }
}
