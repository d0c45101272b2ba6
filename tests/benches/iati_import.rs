//! How fast a large IATI file imports, and in how much memory: generates a
//! file of about 100 MB (50 partners' activities, 20 transactions each, in
//! three currencies), imports it into a fresh SQLite database, and prints
//! transactions per second and the process's peak resident memory. While
//! the import runs, the dashboard is requested every 100 ms: its p50 and
//! slowest answer are printed (readers do not wait for the import).
//!
//! `cargo bench -p tests --bench iati_import`

use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use app::services::accounts::audit::Author;
use app::services::{accounts::countries, iati};
use app::types::NewCountry;
use tests::{Backend, TestApp, TestDb, iati_file};

const DASHBOARD: &str = "/countries/XD/dashboard";

const TARGET_BYTES: u64 = 100 * 1024 * 1024;

/// Peak resident memory of this process, from /proc (Linux).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn,app=info"))
        .try_init();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("large.xml");
    let activities = iati_file::write(&path, iati_file::Size::Bytes(TARGET_BYTES))?;
    let bytes = std::fs::metadata(&path)?.len();
    println!(
        "Generated {:.1} MB: {activities} activities, {} transactions",
        bytes as f64 / 1_048_576.0,
        activities * iati_file::TRANSACTIONS_PER_ACTIVITY
    );

    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    let db = server::db::open(&url).await?;
    let author = Author::system("bench");
    countries::create(
        &db,
        &author,
        NewCountry {
            code: "XD".into(),
            name: "Benchmark country".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 7,
        },
    )
    .await?;
    let (country_id, _) = countries::get_with_id(&db, "XD").await?;
    let app = TestApp::spawn(&TestDb {
        backend: Backend::Sqlite,
        url: url.clone(),
        db: db.clone(),
    })
    .await;
    let importing = Arc::new(AtomicBool::new(true));
    let reader = {
        let (app_url, importing) = (app.url(DASHBOARD), importing.clone());
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut times = Vec::new();
            while importing.load(Ordering::Relaxed) {
                let start = Instant::now();
                let ok = client
                    .get(&app_url)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                times.push((start.elapsed(), ok));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            times
        })
    };
    let before = peak_memory_kb().unwrap_or_default();
    let started = Instant::now();
    let file = BufReader::new(File::open(&path)?);
    let report = iati::import(&db, &author, country_id, None, "large.xml", file).await?;
    let seconds = started.elapsed().as_secs_f64();
    let peak = peak_memory_kb().unwrap_or_default();
    importing.store(false, Ordering::Relaxed);
    let mut during = reader.await?;
    app.stop().await;
    if let Some(error) = &report.error {
        return Err(error.clone().into());
    }
    let t = &report.totals;
    println!(
        "Imported {} activities and {} transactions in {seconds:.1} s: {:.0} transactions per second ({} warnings)",
        t.activities_imported,
        t.transactions_imported,
        f64::from(t.transactions_imported) / seconds,
        report.warnings.len()
    );
    println!(
        "Peak resident memory: {:.1} MB (before the import: {:.1} MB)",
        peak as f64 / 1024.0,
        before as f64 / 1024.0
    );
    let failed = during.iter().filter(|(_, ok)| !ok).count();
    during.sort();
    let ms = |d: Option<&(Duration, bool)>| d.map_or(0.0, |(d, _)| d.as_secs_f64() * 1000.0);
    println!(
        "Dashboard during the import: {} requests ({failed} failed), p50 {:.0} ms, slowest {:.0} ms",
        during.len(),
        ms(during.get(during.len() / 2)),
        ms(during.last())
    );
    Ok(())
}
