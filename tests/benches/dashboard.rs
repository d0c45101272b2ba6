//! How fast the dashboard answers for a large country: 50 partners, 5,000
//! activities and 200,000 transactions over four fiscal years in three
//! currencies, on SQLite. Prints the p50 and p99 of the dashboard page's
//! server time over 500 requests, and beside them, as a reference measured
//! in the same run, the time of one plain `SUM ... GROUP BY` partner over a
//! year of those transactions.
//!
//! The figures come from the funding cells, built after the rows are
//! generated; `check-totals` then compares them with the rows (country-wide)
//! and prints what it found.
//!
//! `cargo bench -p tests --bench dashboard` (see `scripts/bench.sh`).
//! Settings: `BENCH_TRANSACTIONS` (default 200,000), `BENCH_DATABASE_URL`
//! (an empty database; default a new SQLite file, kept at `BENCH_KEEP` when
//! set), `BENCH_REQUESTS` (default 500; 0 generates the data only),
//! `BENCH_CHECK=0` (skip `check-totals`).

use std::time::{Duration, Instant};

use app::server_fns::LoadDashboard;
use app::services::accounts::audit::Author;
use app::services::funding::cells;
use app::services::funding::check::{self, Depth};
use app::services::indicators::readings::{self, Filter};
use app::services::{accounts::countries, accounts::organisations, demo};
use app::types::{NewOrganisation, OrganisationKind};
use chrono::{Days, NaiveDate};
use entities::{
    activity, activity_participant, activity_priority, planned_disbursement, transaction,
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Statement, TransactionTrait};
use tests::{Backend, Client, TestApp, TestDb};

const PARTNERS: usize = 50;
const ACTIVITIES: usize = 5_000;
const TRANSACTIONS: usize = 200_000;
const REQUESTS: usize = 500;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
/// Runs of the reference query; its median is printed.
const REFERENCE_RUNS: usize = 21;
const CHUNK: usize = 500;

/// A small fixed-seed generator: the same country every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn report_times(what: &str, times: &mut [Duration], transactions: usize, reference_ms: &f64) {
    times.sort();
    println!(
        "{what}, {} requests at {transactions} transactions: p50 {:.1} ms, p99 {:.1} ms \
         (reference: one SUM ... GROUP BY partner over FY 2025, median of {REFERENCE_RUNS}: {reference_ms:.1} ms)",
        times.len(),
        percentile(times, 0.50).as_secs_f64() * 1000.0,
        percentile(times, 0.99).as_secs_f64() * 1000.0
    );
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let transactions = setting("BENCH_TRANSACTIONS", TRANSACTIONS);
    let requests = setting("BENCH_REQUESTS", REQUESTS);
    let dir = tempfile::tempdir()?;
    let url = match (
        std::env::var("BENCH_DATABASE_URL"),
        std::env::var("BENCH_KEEP"),
    ) {
        (Ok(url), _) => url,
        (_, Ok(path)) => format!("sqlite://{path}?mode=rwc"),
        _ => format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()),
    };
    let backend = if url.starts_with("postgres") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let db = server::db::open(&url).await?;
    demo::seed(&db).await?;
    let (country_id, _) = countries::get_with_id(&db, "XD").await?;
    let system = Author::system("bench");
    let started = Instant::now();

    let ministry = organisations::list(&db, country_id)
        .await?
        .into_iter()
        .find(|o| o.kind == OrganisationKind::GovernmentMinistry)
        .ok_or("the demo has a ministry")?
        .id;
    let mut partners = Vec::new();
    for n in 0..PARTNERS {
        let new = NewOrganisation {
            name: format!("Bench partner {n:02}"),
            acronym: None,
            kind: OrganisationKind::Bilateral,
            iati_id: None,
            iati_type_code: None,
        };
        partners.push(
            organisations::create(&db, &system, country_id, new)
                .await?
                .id,
        );
    }
    let codes = ["1.1", "1.2", "2.1", "2.2", "3.1", "4.1", "5.1", "5.2"];
    let currencies = ["USD", "EUR", "GBP"];
    let mut rng = Lcg(42);
    let first_day = NaiveDate::from_ymd_opt(2023, 7, 1).ok_or("date")?;

    let txn = db.begin().await?;
    let mut activity_rows = Vec::new();
    for n in 0..ACTIVITIES {
        activity_rows.push(activity::ActiveModel {
            country_id: Set(country_id),
            reporting_org_id: Set(partners[n % PARTNERS]),
            iati_identifier: Set(Some(format!("XX-BENCH-{n}"))),
            title: Set(format!("Bench activity {n}")),
            description: Set(String::new()),
            status: Set(2),
            planned_start: Set(None),
            planned_end: Set(None),
            actual_start: Set(None),
            actual_end: Set(None),
            money_type: Set("development".into()),
            aid_type: Set(None),
            finance_type: Set(None),
            earmarking: Set(None),
            channel: Set((1 + rng.next(4)).to_string()),
            default_currency: Set(currencies[n % 3].into()),
            on_plan: Set(rng.next(2) == 0),
            on_budget: Set(rng.next(2) == 0),
            on_treasury: Set(rng.next(2) == 0),
            on_parliament: Set(false),
            on_procurement: Set(rng.next(2) == 0),
            on_accounting: Set(false),
            on_audit: Set(rng.next(2) == 0),
            on_report: Set(rng.next(2) == 0),
            published: Set(true),
            updated_at: Set(app::services::now()),
            ..Default::default()
        });
    }
    for chunk in activity_rows.chunks(CHUNK) {
        activity::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    let ids: Vec<i32> = activity::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .filter(|a| {
            a.iati_identifier
                .as_deref()
                .is_some_and(|i| i.starts_with("XX-BENCH-"))
        })
        .map(|a| a.id)
        .collect();
    let mut links = Vec::new();
    let mut shares = Vec::new();
    let mut plans = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        if n % 2 == 0 {
            links.push(activity_participant::ActiveModel {
                activity_id: Set(*id),
                organisation_id: Set(ministry),
                role: Set(4),
                ..Default::default()
            });
        }
        shares.push(activity_priority::ActiveModel {
            activity_id: Set(*id),
            priority_code: Set(codes[n % codes.len()].into()),
            share_bp: Set(10_000),
            ..Default::default()
        });
        for year in 2023..2027 {
            plans.push(planned_disbursement::ActiveModel {
                activity_id: Set(*id),
                period_start: Set(NaiveDate::from_ymd_opt(year, 7, 1).ok_or("date")?),
                period_end: Set(NaiveDate::from_ymd_opt(year + 1, 6, 30).ok_or("date")?),
                amount_minor: Set(i64::try_from(rng.next(50_000_000))? + 100_000),
                currency: Set(currencies[n % 3].into()),
                fiscal_year: Set(year),
                ..Default::default()
            });
        }
    }
    for chunk in links.chunks(CHUNK) {
        activity_participant::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    for chunk in shares.chunks(CHUNK) {
        activity_priority::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    for chunk in plans.chunks(CHUNK) {
        planned_disbursement::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    let kinds = [2_i16, 3, 3, 3, 4, 12];
    let mut batch = Vec::with_capacity(CHUNK);
    for n in 0..transactions {
        let activity_n = n % ids.len();
        let day = first_day
            .checked_add_days(Days::new(rng.next(4 * 365)))
            .ok_or("date")?;
        let fiscal_year = app::types::FiscalYear::containing(day, 7).start_year;
        batch.push(transaction::ActiveModel {
            country_id: Set(country_id),
            activity_id: Set(ids[activity_n]),
            kind: Set(kinds[n % kinds.len()]),
            transaction_date: Set(day),
            value_date: Set(day),
            amount_minor: Set(i64::try_from(rng.next(10_000_000))? + 100),
            currency: Set(currencies[activity_n % 3].into()),
            fiscal_year: Set(fiscal_year),
            provider_org_id: Set(None),
            receiver_org_id: Set(None),
            provider_activity_id: Set(None),
            description: Set(String::new()),
            on_budget: Set(None),
            on_treasury: Set(None),
            on_procurement: Set(None),
            on_accounting: Set(None),
            on_audit: Set(None),
            on_report: Set(None),
            ..Default::default()
        });
        if batch.len() == CHUNK {
            transaction::Entity::insert_many(std::mem::take(&mut batch))
                .exec(&txn)
                .await?;
        }
        if n % 1_000_000 == 999_999 {
            println!("{} transactions", n + 1);
        }
    }
    if !batch.is_empty() {
        transaction::Entity::insert_many(batch).exec(&txn).await?;
    }
    txn.commit().await?;
    println!(
        "generated {PARTNERS} partners, {ACTIVITIES} activities, {transactions} transactions in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let building = Instant::now();
    let txn = db.begin().await?;
    cells::rebuild(&txn, country_id).await?;
    txn.commit().await?;
    println!(
        "converted the amounts and built the funding cells in {:.1} s",
        building.elapsed().as_secs_f64()
    );
    if transactions <= TRANSACTIONS && std::env::var("BENCH_CHECK").as_deref() != Ok("0") {
        let checking = Instant::now();
        let differences = check::totals(&db, country_id, Depth::Country).await?;
        println!(
            "check-totals: {} differences between the cells and the rows ({:.1} s){}",
            differences.len(),
            checking.elapsed().as_secs_f64(),
            differences
                .iter()
                .take(5)
                .map(|d| format!("\n  {d}"))
                .collect::<String>()
        );
    }

    // The reference: what one bare aggregate over a year costs here.
    let reference = Statement::from_string(
        db.get_database_backend(),
        format!(
            "SELECT a.reporting_org_id, SUM(t.amount_minor) FROM transactions t \
             JOIN activities a ON a.id = t.activity_id \
             WHERE t.country_id = {country_id} AND t.fiscal_year = 2025 \
             GROUP BY a.reporting_org_id"
        ),
    );
    let mut reference_times = Vec::with_capacity(REFERENCE_RUNS);
    for _ in 0..REFERENCE_RUNS {
        let start = Instant::now();
        db.query_all_raw(reference.clone()).await?;
        reference_times.push(start.elapsed());
    }
    reference_times.sort();
    let reference_ms = percentile(&reference_times, 0.50).as_secs_f64() * 1000.0;

    if requests == 0 {
        return Ok(());
    }
    let test_db = TestDb { backend, url, db };
    if let Some(ms) = std::env::var("BENCH_SLOW_MS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        // Which statements of one dashboard take longer than that.
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing_subscriber::filter::LevelFilter::WARN)
            .try_init();
        let mut options = sea_orm::ConnectOptions::new(test_db.url.clone());
        options.sqlx_slow_statements_logging_settings(
            log::LevelFilter::Warn,
            Duration::from_millis(ms),
        );
        let logged = sea_orm::Database::connect(options).await?;
        readings::of_year(&logged, country_id, 2025, Filter::default()).await?;
    }
    // The server's own time: the dashboard's figures computed in process,
    // then asked of its server function over HTTP (JSON, no page).
    let mut computed = Vec::with_capacity(requests);
    for _ in 0..requests {
        let start = Instant::now();
        readings::of_year(&test_db.db, country_id, 2025, Filter::default()).await?;
        computed.push(start.elapsed());
    }
    report_times(
        "dashboard figures computed in process",
        &mut computed,
        transactions,
        &reference_ms,
    );
    let app = TestApp::spawn(&test_db).await;
    let client = Client::new(&app);
    let mut answered = Vec::with_capacity(requests);
    for _ in 0..requests {
        let start = Instant::now();
        let answer = client
            .call::<LoadDashboard>(&[("country", "XD"), ("fiscal_year", "2025")])
            .await;
        answered.push(start.elapsed());
        assert!(answer.is_success(), "{}", answer.body);
    }
    report_times(
        "dashboard server function (JSON over HTTP)",
        &mut answered,
        transactions,
        &reference_ms,
    );
    let path = "/countries/XD/dashboard?fiscal_year=2025";
    let first = Instant::now();
    let (status, _) = app.get_text(path).await;
    assert_eq!(status, 200, "the dashboard answers");
    println!(
        "first request: {:.0} ms",
        first.elapsed().as_secs_f64() * 1000.0
    );
    let mut times = Vec::with_capacity(requests);
    for n in 1..=requests {
        let start = Instant::now();
        let (status, _) = app.get_text(path).await;
        times.push(start.elapsed());
        assert_eq!(status, 200);
        if n % 20 == 0 {
            println!(
                "{n} requests, the last in {:.0} ms",
                start.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
    report_times(
        "dashboard page (HTML over HTTP)",
        &mut times,
        transactions,
        &reference_ms,
    );
    app.stop().await;
    Ok(())
}
