//! Connecting to the database named by `DATABASE_URL`, and migrating it.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// The database a newcomer gets: a SQLite file beside the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://compact-tracker.db?mode=rwc";

/// Opens a pool on SQLite or PostgreSQL, whichever the URL names.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // SQLite allows one writer at a time; a small pool avoids lock waits.
        options.max_connections(4);
    }
    Database::connect(options).await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Connects and migrates: what every command that touches data starts with.
pub async fn open(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    migrate(&db).await?;
    Ok(db)
}
