use std::panic::{AssertUnwindSafe, resume_unwind};
use std::sync::atomic::{AtomicU32, Ordering};

use futures_util::FutureExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// A test that hangs fails after this long instead of stalling the run.
const TEST_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, migrated database of its own for one test.
#[derive(Clone)]
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    pub db: DatabaseConnection,
}

/// What must be removed once the test is over.
enum Cleanup {
    Dir(#[expect(dead_code, reason = "held until the test ends, then deleted")] tempfile::TempDir),
    Database { admin_url: String, name: String },
}

fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.into())
}

fn postgres_required() -> bool {
    std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1" || v == "true")
}

/// `postgres://u@h:5432/admin?x=y` with `name` in place of `admin`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let root = base.rsplit_once('/').map_or(base, |(root, _)| root);
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("ct_test_{}_{n}_{nanos}", std::process::id())
}

async fn create(backend: Backend) -> Result<Option<(TestDb, Cleanup)>, String> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
            let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
            let db = server::db::open(&url).await.map_err(|e| e.to_string())?;
            Ok(Some((TestDb { backend, url, db }, Cleanup::Dir(dir))))
        }
        Backend::Postgres => {
            let admin_url = postgres_admin_url();
            let admin = match server::db::connect(&admin_url).await {
                Ok(admin) => admin,
                Err(err) if !postgres_required() => {
                    eprintln!("SKIPPED: PostgreSQL is unreachable at {admin_url}: {err}");
                    return Ok(None);
                }
                Err(err) => return Err(format!("PostgreSQL at {admin_url}: {err}")),
            };
            let name = unique_name();
            // A test's commits need not wait for the disk: nothing here
            // must survive PostgreSQL itself crashing.
            for statement in [
                format!("CREATE DATABASE \"{name}\""),
                format!("ALTER DATABASE \"{name}\" SET synchronous_commit = off"),
            ] {
                admin
                    .execute_unprepared(&statement)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            admin.close().await.map_err(|e| e.to_string())?;
            let url = with_database(&admin_url, &name);
            let db = server::db::open(&url).await.map_err(|e| e.to_string())?;
            Ok(Some((
                TestDb { backend, url, db },
                Cleanup::Database { admin_url, name },
            )))
        }
    }
}

async fn remove(test_db: TestDb, cleanup: Cleanup) {
    let _ = test_db.db.close().await;
    if let Cleanup::Database { admin_url, name } = cleanup
        && let Ok(admin) = server::db::connect(&admin_url).await
    {
        let drop = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        if let Err(err) = admin.execute_unprepared(&drop).await {
            eprintln!("could not drop test database {name}: {err}");
        }
        let _ = admin.close().await;
    }
}

/// Runs `test` against a fresh database and removes the database afterwards,
/// whether the test passed or panicked.
pub async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    // Internal errors are logged, not returned: show them with the failure.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("error")),
        )
        .try_init();
    let (test_db, cleanup) = match create(backend).await {
        Ok(Some(created)) => created,
        Ok(None) => return,
        Err(err) => panic!("cannot create a {backend:?} test database: {err}"),
    };
    let outcome = tokio::time::timeout(
        TEST_TIME_LIMIT,
        AssertUnwindSafe(test(test_db.clone())).catch_unwind(),
    )
    .await;
    remove(test_db, cleanup).await;
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(panic)) => resume_unwind(panic),
        Err(_) => panic!(
            "the test did not finish within {} s on {backend:?}",
            TEST_TIME_LIMIT.as_secs()
        ),
    }
}

impl TestDb {
    /// Names of the application's tables (migration bookkeeping left out).
    pub async fn table_names(&self) -> Vec<String> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name AS t FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT table_name::text AS t FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_name <> 'seaql_migrations' ORDER BY table_name"
            }
        };
        let rows = self
            .db
            .query_all_raw(Statement::from_string(self.db_backend(), sql))
            .await
            .unwrap_or_else(|e| panic!("listing tables: {e}"));
        rows.iter()
            .map(|r| {
                r.try_get::<String>("", "t")
                    .unwrap_or_else(|e| panic!("table name: {e}"))
            })
            .collect()
    }

    /// Row count of every application table, by name.
    pub async fn row_counts(&self) -> Vec<(String, i64)> {
        let mut counts = Vec::new();
        for table in self.table_names().await {
            let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\"");
            let row = self
                .db
                .query_one_raw(Statement::from_string(self.db_backend(), sql))
                .await
                .unwrap_or_else(|e| panic!("counting {table}: {e}"))
                .unwrap_or_else(|| panic!("no count for {table}"));
            let n: i64 = row
                .try_get("", "n")
                .unwrap_or_else(|e| panic!("count of {table}: {e}"));
            counts.push((table, n));
        }
        counts
    }

    /// Every text the database holds (of four characters or more), longest
    /// first: what people wrote, which pages show as written.
    pub async fn stored_texts(&self) -> Vec<String> {
        let mut texts = std::collections::BTreeSet::new();
        for table in self.table_names().await {
            let sql = format!("SELECT * FROM \"{table}\"");
            let rows = self
                .db
                .query_all_raw(Statement::from_string(self.db_backend(), sql))
                .await
                .unwrap_or_else(|e| panic!("reading {table}: {e}"));
            for row in rows {
                for index in 0..row.column_names().len() {
                    if let Ok(Some(text)) = row.try_get_by_index::<Option<String>>(index)
                        && text.chars().count() >= 4
                    {
                        texts.insert(text);
                    }
                }
            }
        }
        let mut texts: Vec<String> = texts.into_iter().collect();
        texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
        texts
    }

    fn db_backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn swaps_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "t2"),
            "postgres://u:p@h/t2?sslmode=disable"
        );
    }
}
