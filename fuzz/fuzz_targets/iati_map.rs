//! An IATI file read, then mapped to the app's fields and flows against a
//! country: `iati::import` on arbitrary bytes into an in-memory SQLite
//! database holding one country with a few organisations and budget lines.
//!
//! `map::map`, `flows::transactions` and `flows::planned` (and the
//! `OrgIndex` that `map::Context` holds) are private to
//! `app::services::iati`, so this target reaches them through the public
//! import. Each import runs inside a transaction that is rolled back, so
//! each input is read against the same country.

#![no_main]

use std::io::Cursor;
use std::sync::LazyLock;

use app::AppError;
use app::services::accounts::audit::Author;
use app::services::accounts::{countries, organisations};
use app::services::funding::chart;
use app::services::iati;
use app::services::iati::parse::ActivityReader;
use app::types::{NewBudgetLine, NewCountry, NewOrganisation, OrganisationKind};
use libfuzzer_sys::fuzz_target;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, TransactionTrait};
use tokio::runtime::Runtime;

struct Country {
    rt: Runtime,
    seeded: Seeded,
}

struct Seeded {
    db: DatabaseConnection,
    author: Author,
    country_id: i32,
    /// The partner a partner reporter imports for.
    norway: i32,
}

async fn setup() -> Seeded {
    // One connection, never recycled: an in-memory database lives as long
    // as its connection.
    let mut options = ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .sqlx_logging(false);
    let db = Database::connect(options).await.expect("in-memory SQLite");
    Migrator::up(&db, None).await.expect("migrations");
    let author = Author::system("fuzz");
    countries::create(
        &db,
        &author,
        NewCountry {
            code: "XD".into(),
            name: "Fuzz country".into(),
            currency: "USD".into(),
            fiscal_year_start_month: 7,
        },
    )
    .await
    .expect("country");
    let (country_id, _) = countries::get_with_id(&db, "XD").await.expect("XD");
    let mut norway = 0;
    for (name, acronym, iati_id, kind) in [
        (
            "Norway",
            Some("Norad"),
            Some("XM-NOR"),
            OrganisationKind::Bilateral,
        ),
        (
            "United Kingdom",
            Some("FCDO"),
            Some("XM-UK"),
            OrganisationKind::Bilateral,
        ),
        (
            "Ministry of Public Works",
            Some("MPW"),
            Some("XD-MPW"),
            OrganisationKind::GovernmentMinistry,
        ),
        (
            "Ministry of Finance",
            Some("MoF"),
            None,
            OrganisationKind::GovernmentMinistry,
        ),
        (
            "Example Agency",
            None,
            Some("AA-AAA-123456789"),
            OrganisationKind::Multilateral,
        ),
        (
            "UNICEF",
            None,
            Some("http://www.unicef.org/"),
            OrganisationKind::UnAgency,
        ),
    ] {
        let org = organisations::create(
            &db,
            &author,
            country_id,
            NewOrganisation {
                name: name.into(),
                acronym: acronym.map(Into::into),
                kind,
                iati_id: iati_id.map(Into::into),
                iati_type_code: None,
            },
        )
        .await
        .expect("organisation");
        if name == "Norway" {
            norway = org.id;
        }
    }
    for (code, name) in [
        ("04-110", "Police operations"),
        ("04-120", "Border management"),
        ("1844", "Primary schools"),
    ] {
        chart::add_line(
            &db,
            &author,
            country_id,
            NewBudgetLine {
                code: code.into(),
                name: name.into(),
                admin_unit: "Ministry of Interior".into(),
                function_name: "Public order and safety".into(),
                security: false,
                sector_code: Some("152".into()),
                parent_code: None,
            },
        )
        .await
        .expect("budget line");
    }

    Seeded {
        db,
        author,
        country_id,
        norway,
    }
}

static COUNTRY: LazyLock<Country> = LazyLock::new(|| {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let seeded = rt.block_on(setup());
    Country { rt, seeded }
});

fuzz_target!(|data: &[u8]| {
    // Only a file with an activity reaches the mapping: skip the database
    // for the rest (iati_parse covers the reader alone).
    if !matches!(ActivityReader::new(data).next_activity(), Ok(Some(_))) {
        return;
    }
    let Country { rt, seeded: c } = &*COUNTRY;
    // A partner reporter's import for odd lengths, an admin's (who may add
    // organisations) for even ones.
    let organisation_id = (data.len() % 2 == 1).then_some(c.norway);
    let source = Cursor::new(data.to_vec());
    rt.block_on(async {
        let outer = c.db.begin().await.expect("a transaction");
        let result = iati::import(
            &outer,
            &c.author,
            c.country_id,
            organisation_id,
            "fuzz.xml",
            source,
        )
        .await;
        match result {
            Ok(_report) => {}
            // An organisation the file names that cannot be added.
            Err(AppError::Invalid(errors)) => assert!(!errors.is_empty()),
            Err(err) => panic!("the import failed: {err:?}"),
        }
        outer.rollback().await.expect("rollback");
    });
});
