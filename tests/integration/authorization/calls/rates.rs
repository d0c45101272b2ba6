//! Exchange rates: correcting and removing one of the country's rates.

use app::server_fns::{RemoveExchangeRate, UpdateExchangeRate};
use app::services::accounts::audit::Author;
use app::services::funding::rates;
use app::types::{Currency, ExchangeRate};
use tests::Answer;

use super::request::Request;

pub(super) async fn call(name: &str, r: &Request<'_>) -> Option<Answer> {
    let (t, csrf, world, n) = (r.t, &r.csrf, r.world, r.n);
    if !matches!(name, "update_exchange_rate" | "remove_exchange_rate") {
        return None;
    }
    // A fresh rate of the demo country's, at version 1, on a day of its own.
    let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1)
        .unwrap()
        .checked_add_days(chrono::Days::new(n as u64))
        .unwrap();
    let rate = ExchangeRate {
        currency: Currency::stored("DKK"),
        quote_currency: Currency::stored("USD"),
        rate_date: day,
        rate: "0.15".parse().unwrap(),
        source: "Danmarks Nationalbank".into(),
    };
    let author = Author::system("test");
    rates::store(&t.db, &author, world.country_id, vec![rate])
        .await
        .unwrap();
    let stored = rates::list(&t.db, world.country_id, "USD")
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.rate.rate_date == day && s.rate.currency == "DKK")
        .unwrap();
    let mut fields = vec![
        ("csrf", csrf.clone()),
        ("country", "XD".into()),
        ("rate_id", stored.id.to_string()),
        ("version", stored.version.to_string()),
    ];
    Some(if name == "update_exchange_rate" {
        fields.extend([
            ("entry[currency]", "DKK".into()),
            ("entry[rate_date]", day.to_string()),
            ("entry[rate]", format!("0.14{n}")),
            ("entry[source]", "Danmarks Nationalbank".into()),
        ]);
        r.send::<UpdateExchangeRate>(fields).await
    } else {
        r.send::<RemoveExchangeRate>(fields).await
    })
}
