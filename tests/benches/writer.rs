//! The writer of the HTTP load benchmark (`scripts/bench.sh http`): in its
//! own process, adds a transaction to one of the benchmark's activities
//! every 100 ms for `BENCH_WRITE_SECONDS` (default 35), through the same
//! service the pages use, against `BENCH_DATABASE_URL`; prints how many it
//! wrote, how many failed, and the p50 and p99 of a write.

use std::time::{Duration, Instant};

use app::services::accounts::audit::Author;
use app::services::{accounts::countries, funding::activities};
use app::types::{NewTransaction, SystemOverrides, TransactionKind};
use chrono::NaiveDate;
use entities::activity;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("BENCH_DATABASE_URL")?;
    let seconds: u64 = std::env::var("BENCH_WRITE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(35);
    let db = server::db::connect(&url).await?;
    let (country_id, _) = countries::get_with_id(&db, "XD").await?;
    let target = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::IatiIdentifier.eq("XX-BENCH-0"))
        .one(&db)
        .await?
        .ok_or("the benchmark's data is loaded")?;
    let author = Author::system("bench writer");
    let day = NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("date")?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let (mut times, mut failed) = (Vec::new(), 0);
    while Instant::now() < deadline {
        tick.tick().await;
        let new = NewTransaction {
            kind: TransactionKind::Disbursement,
            transaction_date: day,
            value_date: None,
            amount: Decimal::new(12_345, 2),
            currency: None,
            provider_org_id: None,
            receiver_org_id: None,
            provider_activity_id: None,
            description: "Written during the load benchmark".into(),
            overrides: SystemOverrides::default(),
        };
        let start = Instant::now();
        match activities::add_transaction(&db, &author, target.id, new).await {
            Ok(_) => times.push(start.elapsed()),
            Err(err) => {
                failed += 1;
                eprintln!("write failed: {err}");
            }
        }
    }
    times.sort();
    let at = |p: f64| {
        let rank = ((times.len().saturating_sub(1)) as f64 * p).round() as usize;
        times.get(rank).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "writer: {} transactions written, {failed} failed; a write p50 {:.1} ms, p99 {:.1} ms",
        times.len(),
        at(0.50),
        at(0.99)
    );
    Ok(())
}
