//! Amounts are converted when written, and a rate added, changed or
//! removed converts again exactly the amounts it governs: those in its
//! currency whose value date falls on or after its day and before the next
//! rate's.

use std::collections::BTreeMap;

use app::services::accounts::audit::Author;
use app::services::funding::rates;
use app::types::{Currency, ExchangeRate};
use chrono::NaiveDate;
use entities::transaction;
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{TestDb, both_backends};

use crate::fixtures::d;
use crate::funding_data::{self, dec};

type Converted = BTreeMap<i32, (String, NaiveDate, i64, Option<(i64, NaiveDate)>)>;

async fn converted(t: &TestDb, country_id: i32) -> Converted {
    transaction::Entity::find()
        .filter(transaction::Column::CountryId.eq(country_id))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let converted = r.converted_minor.zip(r.rate_date);
            (r.id, (r.currency, r.value_date, r.amount_minor, converted))
        })
        .collect()
}

fn at(minor: i64, rate: &str) -> i64 {
    let value = (Decimal::new(minor, 2) * dec(rate))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    i64::try_from(value.mantissa() * 10i128.pow(2 - value.scale())).unwrap()
}

fn eur(day: &str, rate: &str) -> ExchangeRate {
    ExchangeRate {
        currency: Currency::stored("EUR"),
        quote_currency: Currency::stored("USD"),
        rate_date: d(day),
        rate: dec(rate),
        source: "Banco Central de Timor-Leste".into(),
    }
}

/// Asserts that `after` differs from `before` only in the EUR flows valued
/// in `[from, until)`, which now convert at `rate` of `from`.
fn only_governed(before: &Converted, after: &Converted, from: &str, until: &str, rate: &str) {
    let (from, until) = (d(from), d(until));
    let mut governed = 0;
    for (id, (currency, value_date, minor, was)) in before {
        let now = &after[id].3;
        if currency == "EUR" && (from..until).contains(value_date) {
            governed += 1;
            assert_eq!(*now, Some((at(*minor, rate), from)), "transaction {id}");
        } else {
            assert_eq!(
                now, was,
                "transaction {id} is not governed by the rate of {from}"
            );
        }
    }
    assert!(governed > 0, "the rate of {from} governs some flows");
}

both_backends! {
    async fn a_rate_converts_again_exactly_the_amounts_it_governs(t) {
        let f = funding_data::build(&t).await;
        let system = Author::system("test");
        let original = converted(&t, f.country_id).await;
        // Written converted: EUR at 1.10 from July 2025, USD at 1, GBP not.
        for (id, (currency, value_date, minor, converted)) in &original {
            let expected = match currency.as_str() {
                "USD" => Some((*minor, *value_date)),
                "EUR" if *value_date >= d("2026-07-01") => Some((at(*minor, "1.20"), d("2026-07-01"))),
                "EUR" if *value_date >= d("2025-07-01") => Some((at(*minor, "1.10"), d("2025-07-01"))),
                _ => None,
            };
            assert_eq!(*converted, expected, "transaction {id} in {currency}");
        }

        // Added: the flows from its day to the next rate's.
        rates::store(&t.db, &system, f.country_id, vec![eur("2025-09-15", "1.15")]).await.unwrap();
        let added = converted(&t, f.country_id).await;
        only_governed(&original, &added, "2025-09-15", "2026-07-01", "1.15");

        // Changed: the same flows, at the new rate.
        let stored = rates::list(&t.db, f.country_id, "USD").await.unwrap();
        let rate = stored.iter().find(|r| r.rate.rate_date == d("2025-09-15")).unwrap();
        rates::update(&t.db, &system, f.country_id, rate.id, rate.version, eur("2025-09-15", "1.17"))
            .await
            .unwrap();
        let changed = converted(&t, f.country_id).await;
        only_governed(&original, &changed, "2025-09-15", "2026-07-01", "1.17");

        // Removed: they fall back on the rate before it, as they were.
        let stored = rates::list(&t.db, f.country_id, "USD").await.unwrap();
        let rate = stored.iter().find(|r| r.rate.rate_date == d("2025-09-15")).unwrap();
        rates::remove(&t.db, &system, f.country_id, rate.id, rate.version).await.unwrap();
        assert_eq!(converted(&t, f.country_id).await, original);
        let differences = app::services::funding::check::totals(
            &t.db,
            f.country_id,
            app::services::funding::check::Depth::Country,
        )
        .await
        .unwrap();
        assert!(differences.is_empty(), "{differences:#?}");
    }
}

both_backends! {
    async fn a_database_from_before_the_cells_gets_them_when_opened(t) {
        let f = funding_data::build(&t).await;
        let before = app::services::funding::report::build(&t.db, f.country_id, app::types::GroupBy::Partner, None)
            .await
            .unwrap();
        // As the migration leaves it: no cells, no converted amounts.
        entities::funding_cell::Entity::delete_many().exec(&t.db).await.unwrap();
        transaction::Entity::update_many()
            .col_expr(transaction::Column::ConvertedMinor, sea_orm::sea_query::Expr::value(Option::<i64>::None))
            .col_expr(transaction::Column::RateDate, sea_orm::sea_query::Expr::value(Option::<NaiveDate>::None))
            .exec(&t.db)
            .await
            .unwrap();
        let empty = app::services::funding::report::build(&t.db, f.country_id, app::types::GroupBy::Partner, None)
            .await
            .unwrap();
        assert!(empty.rows.is_empty(), "no cells, no figures: {empty:?}");

        let reopened = server::db::open(&t.url).await.unwrap();
        let after = app::services::funding::report::build(&reopened, f.country_id, app::types::GroupBy::Partner, None)
            .await
            .unwrap();
        assert_eq!(after, before);
        let differences = app::services::funding::check::totals(
            &reopened,
            f.country_id,
            app::services::funding::check::Depth::Partners,
        )
        .await
        .unwrap();
        assert!(differences.is_empty(), "{differences:#?}");
    }
}
