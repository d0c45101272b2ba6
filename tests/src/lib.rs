//! Test harness: a fresh database per test on SQLite and on PostgreSQL, the
//! real server on a free port, and a headless Chromium for browser tests.
//!
//! `both_backends!` turns one test body into `name::sqlite` and
//! `name::postgres`. PostgreSQL comes from `TEST_POSTGRES_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`); when it cannot be reached
//! the PostgreSQL variant says so and passes, unless `REQUIRE_POSTGRES=1`.

mod app;
mod browser;
pub mod catalogue;
mod client;
mod database;
pub mod iati_file;

pub use app::TestApp;

/// How long one request, or a server's graceful stop, may take in a test.
pub const REQUEST_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// The demo accounts' passwords (see `app::services::demo`).
pub mod demo {
    pub const ADMIN: (&str, &str) = ("admin@kalinda.example", "demo-admin-pass");
    pub const PLANNER: (&str, &str) = ("planner@kalinda.example", "demo-planner-pass");
    pub const REVIEWER: (&str, &str) = ("reviewer@kalinda.example", "demo-reviewer-pass");
    pub const NORAD: (&str, &str) = ("norad@kalinda.example", "demo-norad-pass");
    pub const FCDO: (&str, &str) = ("fcdo@kalinda.example", "demo-fcdo-pass");
    pub const UNDP: (&str, &str) = ("undp@kalinda.example", "demo-undp-pass");
    /// A second planner of the demo ministry, made by [`second_planner`].
    pub const SECOND_PLANNER: (&str, &str) = ("planner2@kalinda.example", "second-planner-pass");

    /// Adds [`SECOND_PLANNER`] beside the demo planner, for tests of two
    /// people editing the same row.
    pub async fn second_planner(db: &crate::TestDb) {
        use app::services::accounts::{audit::Author, users};
        let planner = users::find_by_email(&db.db, PLANNER.0)
            .await
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("the demo planner"));
        let new = app::types::NewUser {
            email: SECOND_PLANNER.0.into(),
            display_name: "Second planner".into(),
            organisation_id: planner.organisation_id,
            role: app::types::Role::Planner,
            signatory: false,
        };
        users::create(
            &db.db,
            &Author::system("test"),
            new,
            Some(SECOND_PLANNER.1.into()),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    }
}
pub use browser::Browser;
pub use client::{Answer, Client};
pub use database::{Backend, TestDb, run};

/// Defines `mod $name { fn sqlite(); fn postgres(); }`, each running the body
/// with a fresh, migrated database bound to `$db`.
#[macro_export]
macro_rules! both_backends {
    ($(#[$meta:meta])* async fn $name:ident($db:ident) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::run($crate::Backend::Sqlite, |$db: $crate::TestDb| async move $body).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::run($crate::Backend::Postgres, |$db: $crate::TestDb| async move $body).await
            }
        }
    };
}
