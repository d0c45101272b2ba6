//! The sea-orm-migration command line (`up`, `down`, `status`, `fresh` ...),
//! reading `DATABASE_URL`. The `compact-tracker migrate` subcommand is the
//! everyday way to migrate; this binary is for schema work.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migrations::Migrator).await;
}
