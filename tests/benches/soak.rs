//! The soak benchmark (`scripts/bench.sh soak`): 32 clients against a
//! running release server for `SOAK_SECONDS` (default 600). Of each eight
//! clients one adds transactions as the Norway reporter, one comments on
//! the draft strategy as the reviewer (each a write every 250 ms), and six
//! read the dashboard, the funding page and the JSON API without pause.
//! Prints requests, errors, p50 and p99 of reads and of writes, and the
//! server's resident memory after the first minute and at the end.
//!
//! `BENCH_ADDR` (the server), `BENCH_SERVER_PID` (its process, for its
//! memory) and `BENCH_DATABASE_URL` (to open the draft for comments).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use app::server_fns::{AddComment, AddTransaction};
use app::services::accounts::audit::Author;
use app::services::strategy::{lifecycle, strategies};
use app::services::{accounts::countries, funding::activities};
use app::types::StrategyStatus;
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tests::{Client, demo as accounts};

const CLIENTS: usize = 32;
const READS: [&str; 4] = [
    "/countries/XD/dashboard",
    "/countries/XD/funding",
    "/api/v1/countries/XD/funding?group_by=partner",
    "/api/v1/countries/XD/indicators",
];

#[derive(Default)]
struct Tally {
    reads: Vec<Duration>,
    writes: Vec<Duration>,
    errors: u64,
}

/// Resident memory of a process, in kB, from /proc (Linux).
fn rss_kb(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let rank = ((times.len().saturating_sub(1)) as f64 * p).round() as usize;
    times.get(rank).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// What one client does until the deadline.
async fn client(
    n: usize,
    base: String,
    targets: Arc<(String, Vec<i32>)>,
    deadline: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let role = n % 8;
    let client = Client::at(&base);
    let account = match role {
        0 => Some(accounts::NORAD),
        4 => Some(accounts::REVIEWER),
        _ => None,
    };
    let csrf = match account {
        Some((email, password)) => {
            let answer = client.sign_in(email, password).await;
            assert!(answer.is_success(), "signing in {email}: {answer:?}");
            client.csrf().await
        }
        None => String::new(),
    };
    let mut i = n;
    while Instant::now() < deadline {
        i += 1;
        let started = Instant::now();
        let request = match role {
            0 => {
                let activity = targets.1[i % targets.1.len()].to_string();
                let amount = format!("{}", 100 + i % 900);
                let once = app::services::accounts::password::random_token();
                client
                    .http
                    .post(format!("{base}{}", AddTransaction::PATH))
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("once", once.as_str()),
                        ("country", "XD"),
                        ("activity_id", activity.as_str()),
                        ("transaction[kind]", "3"),
                        ("transaction[transaction_date]", "2026-09-30"),
                        ("transaction[amount]", amount.as_str()),
                    ])
            }
            4 => {
                let once = app::services::accounts::password::random_token();
                let body = format!("Soak comment {i}");
                client
                    .http
                    .post(format!("{base}{}", AddComment::PATH))
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("once", once.as_str()),
                        ("priority_id", targets.0.as_str()),
                        ("body", body.as_str()),
                    ])
            }
            _ => client.http.get(format!("{base}{}", READS[i % READS.len()])),
        };
        let ok = match request.header("accept", "application/json").send().await {
            Ok(response) => {
                let good = response.status().as_u16() < 400;
                good && response.bytes().await.is_ok()
            }
            Err(_) => false,
        };
        let took = started.elapsed();
        if !ok {
            tally.errors += 1;
        } else if role == 0 || role == 4 {
            tally.writes.push(took);
        } else {
            tally.reads.push(took);
        }
        if role == 0 || role == 4 {
            tokio::time::sleep(Duration::from_millis(250).saturating_sub(took)).await;
        }
    }
    tally
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::var("BENCH_ADDR")?;
    let pid = std::env::var("BENCH_SERVER_PID")?;
    let url = std::env::var("BENCH_DATABASE_URL")?;
    let seconds: u64 = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let db = server::db::connect(&url).await?;
    let (country_id, _) = countries::get_with_id(&db, "XD").await?;
    let draft = strategies::versions(&db, country_id)
        .await?
        .into_iter()
        .find(|(_, _, status)| {
            matches!(status, StrategyStatus::Draft | StrategyStatus::Consultation)
        })
        .ok_or("the demo's draft strategy")?;
    if draft.2 == StrategyStatus::Draft {
        lifecycle::send_to_consultation(&db, &Author::system("soak"), draft.0).await?;
    }
    let priority = entities::priority::Entity::find()
        .filter(entities::priority::Column::StrategyId.eq(draft.0))
        .one(&db)
        .await?
        .ok_or("a priority of the draft")?
        .id;
    let norway = app::services::accounts::users::find_by_email(&db, accounts::NORAD.0)
        .await?
        .ok_or("the Norway reporter")?;
    let targets: Vec<i32> = activities::of_organisation(&db, country_id, norway.organisation_id)
        .await?
        .iter()
        .map(|a| a.id)
        .collect();
    db.close().await?;
    let targets = Arc::new((priority.to_string(), targets));

    let base = format!("http://{addr}");
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let rss_start = rss_kb(&pid);
    let after_minute = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (pid, after_minute) = (pid.clone(), after_minute.clone());
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(60.min(seconds / 2))).await;
            after_minute.store(rss_kb(&pid).unwrap_or(0), Ordering::Relaxed);
        })
    };
    let clients: Vec<_> = (0..CLIENTS)
        .map(|n| tokio::spawn(client(n, base.clone(), targets.clone(), deadline)))
        .collect();
    let mut all = Tally::default();
    for c in clients {
        let t = c.await?;
        all.reads.extend(t.reads);
        all.writes.extend(t.writes);
        all.errors += t.errors;
    }
    sampler.await?;
    let rss_end = rss_kb(&pid).unwrap_or(0);
    let rss_minute = after_minute.load(Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let requests = all.reads.len() + all.writes.len() + usize::try_from(all.errors)?;
    println!(
        "soak: {CLIENTS} clients, {elapsed:.0} s: {requests} requests ({:.0}/s), {} errors",
        requests as f64 / elapsed,
        all.errors
    );
    println!(
        "  reads:  {} p50 {:.1} ms, p99 {:.1} ms",
        all.reads.len(),
        percentile(&mut all.reads, 0.50),
        percentile(&mut all.reads, 0.99)
    );
    println!(
        "  writes: {} p50 {:.1} ms, p99 {:.1} ms",
        all.writes.len(),
        percentile(&mut all.writes, 0.50),
        percentile(&mut all.writes, 0.99)
    );
    let change = if rss_minute > 0 {
        (rss_end as f64 / rss_minute as f64 - 1.0) * 100.0
    } else {
        0.0
    };
    println!(
        "  server memory (RSS): {} kB at the start, {rss_minute} kB after the first minute, {rss_end} kB at the end ({change:+.1}% since the first minute)",
        rss_start.unwrap_or(0)
    );
    Ok(())
}
