//! Connecting to the database named by `DATABASE_URL`, and migrating it.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// The database a newcomer gets: a SQLite file beside the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://compact-tracker.db?mode=rwc";

/// How long a SQLite writer waits for the write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens a pool on SQLite or PostgreSQL, whichever the URL names.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // Set up for a server: in WAL mode readers never wait for the one
        // writer (a long import no longer blocks the dashboard); NORMAL
        // sync is safe with WAL; a writer that finds the lock taken waits
        // for it (writes begin IMMEDIATE: `services::locks::begin`).
        options.max_connections(8).map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .foreign_keys(true)
        });
    }
    Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Connects and migrates: what every command that touches data starts with.
/// A country whose flows predate the funding cells gets its cells here.
pub async fn open(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    migrate(&db).await?;
    let txn = app::services::locks::begin(&db).await?;
    let built = app::services::funding::cells::build_missing(&txn)
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    txn.commit().await?;
    if !built.is_empty() {
        tracing::info!(countries = ?built, "built the funding cells");
    }
    Ok(db)
}
