//! The command line. Every setting is a flag with an environment fallback:
//!
//! | variable | flag | default |
//! |---|---|---|
//! | `DATABASE_URL` | `--database-url` | `sqlite://compact-tracker.db?mode=rwc` |
//! | `COMPACT_ADDR` | `serve --addr` | `127.0.0.1:3000` |
//! | `LEPTOS_SITE_ROOT` | `serve --site-root` | `target/site` |
//! | `COMPACT_DEMO` | `serve --demo` | off: load the demo data into an empty database |
//! | `COMPACT_SECURE_COOKIES` | `serve --secure-cookies` | off: mark cookies Secure (serve over HTTPS) |
//! | `COMPACT_BEHIND_PROXY` | `serve --behind-proxy` | off: count sign-ins by the client in X-Forwarded-For |
//! | `COMPACT_METRICS` | `serve --metrics` | off: serve Prometheus metrics at `/metrics` |
//! | `COMPACT_LOG_FORMAT` | | `text`; `json` writes one JSON object per log line |
//! | `COMPACT_PASSWORD` | | `create-user` reads the password here, else from standard input |
//! | `RUST_LOG` | | `info,sea_orm_migration=warn` |

use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand};

use crate::db::DEFAULT_DATABASE_URL;
use crate::site::DEFAULT_SITE_ROOT;

#[derive(Debug, Parser)]
#[command(
    name = "compact-tracker",
    version,
    about = "Plan a peacebuilding strategy and UN transition, sign a compact, track funding and indicators"
)]
pub struct Cli {
    /// SQLite or PostgreSQL URL, e.g. postgres://user:pass@host/db
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run pending migrations, then serve the app (the default)
    Serve(ServeArgs),
    /// Run pending migrations and exit
    Migrate,
    /// Add a country
    AddCountry(AddCountryArgs),
    /// Load the sample dataset of a fictional country (safe to run again)
    SeedDemo,
    /// Create an account; the password comes from COMPACT_PASSWORD or standard input
    CreateUser(CreateUserArgs),
    /// Import IATI activity files (2.01 to 2.03) into a country, one database transaction per file
    ImportIati(ImportIatiArgs),
    /// Write the country's published activities as IATI 2.03 activity XML
    ExportIati(ExportIatiArgs),
    /// Recompute the country's funding figures from the rows and compare them with those kept as data is written
    CheckTotals(CheckTotalsArgs),
    /// Write a consistent copy of the whole instance to a new SQLite file, while the server runs
    Backup(BackupArgs),
    /// Copy a backup file into the database, which must be empty unless --replace
    Restore(RestoreArgs),
    /// Copy a whole instance from one database to another (SQLite and PostgreSQL, either way)
    Transfer(TransferArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write; it must not exist
    #[arg(long)]
    pub out: std::path::PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `backup`
    pub file: std::path::PathBuf,
    /// Remove what the database holds first
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct TransferArgs {
    /// The database to copy from
    #[arg(long)]
    pub from: String,
    /// The database to copy to, empty unless --replace
    #[arg(long)]
    pub to: String,
    /// Remove what the target holds first
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct CheckTotalsArgs {
    /// The country to check (ISO 3166-1 alpha-2)
    #[arg(long)]
    pub country: String,
    /// Also compare each partner's indicators in every year (slow on a large country)
    #[arg(long)]
    pub partners: bool,
}

#[derive(Debug, Args)]
pub struct ImportIatiArgs {
    /// The country to import into (ISO 3166-1 alpha-2)
    #[arg(long)]
    pub country: String,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// IATI activity XML files
    #[arg(required = true)]
    pub files: Vec<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportIatiArgs {
    /// The country to export (ISO 3166-1 alpha-2)
    #[arg(long)]
    pub country: String,
    /// File to write; standard output when absent
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct CreateUserArgs {
    #[arg(long)]
    pub email: String,
    /// Name shown to other users
    #[arg(long)]
    pub name: String,
    /// The organisation's name or acronym
    #[arg(long)]
    pub org: String,
    /// The country the role applies in (ISO 3166-1 alpha-2)
    #[arg(long)]
    pub country: String,
    /// admin, planner, partner_reporter or reviewer
    #[arg(long)]
    pub role: String,
    /// May sign a compact for the organisation
    #[arg(long)]
    pub signatory: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, env = "COMPACT_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Folder holding the compiled site (pkg/ with the wasm, JS and CSS)
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = DEFAULT_SITE_ROOT)]
    pub site_root: String,
    /// Load the demo data when the database has no country yet
    #[arg(long, env = "COMPACT_DEMO")]
    pub demo: bool,
    /// Mark cookies Secure: set this when users reach the app over HTTPS
    #[arg(long, env = "COMPACT_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// A reverse proxy stands in front and appends the client to X-Forwarded-For
    #[arg(long, env = "COMPACT_BEHIND_PROXY")]
    pub behind_proxy: bool,
    /// Serve Prometheus metrics at /metrics
    #[arg(long, env = "COMPACT_METRICS")]
    pub metrics: bool,
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: DEFAULT_SITE_ROOT.into(),
            demo: false,
            secure_cookies: false,
            behind_proxy: false,
            metrics: false,
        }
    }
}

#[derive(Debug, Args)]
pub struct AddCountryArgs {
    /// ISO 3166-1 alpha-2 code, e.g. TL
    pub code: String,
    /// Name as users should read it, e.g. "Timor-Leste"
    pub name: String,
    /// ISO 4217 reporting currency
    #[arg(long, default_value = "USD")]
    pub currency: String,
    /// Month (1-12) in which the fiscal year starts
    #[arg(long, default_value_t = 1)]
    pub fiscal_year_start_month: u32,
}
