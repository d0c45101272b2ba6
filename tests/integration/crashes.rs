//! Crash safety: the process importing a file is killed (SIGKILL) in the
//! middle of the import; the database then holds none of the file, opens
//! cleanly, its funding totals agree with its rows, and the same file then
//! imports whole.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use app::services::accounts::audit::Author;
use app::services::funding::check::{Depth, totals};
use app::services::{accounts::countries, funding::cells};
use app::types::NewCountry;
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};
use tests::{Backend, TestDb, both_backends, iati_file};

/// Activities in the file: an import of it takes several seconds in a
/// debug build, well past the moment of the kill.
const ACTIVITIES: usize = 2_000;

/// How long each import runs before it is killed: about a third of what
/// it takes whole in a debug build.
const RUNS_FOR: [(&str, Duration); 2] = [
    ("iati", Duration::from_millis(1_000)),
    ("csv", Duration::from_millis(600)),
];

fn importer(kind: &str, t: &TestDb, file: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_importer"))
        .args([kind, t.url.as_str(), "XD"])
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Starts the import, waits until it runs, and kills it mid-way.
fn kill_mid_import(kind: &str, t: &TestDb, file: &Path) {
    let mut child = importer(kind, t, file);
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first.trim(), "started");
    let runs_for = RUNS_FOR
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, d)| *d)
        .unwrap();
    std::thread::sleep(runs_for);
    assert!(
        child.try_wait().unwrap().is_none(),
        "the import ended before the kill: make the file larger"
    );
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed: {status}");
}

fn import_whole(kind: &str, t: &TestDb, file: &Path) {
    let output = importer(kind, t, file).wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// The database after a crash: it opens (migrations current), SQLite
/// finds no damage, and the funding totals equal their computation.
async fn sound(t: &TestDb, country_id: i32) -> sea_orm::DatabaseConnection {
    let db = server::db::open(&t.url).await.unwrap();
    if t.backend == Backend::Sqlite {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get_by_index::<String>(0).unwrap(), "ok");
    }
    assert_eq!(
        cells::differences(&db, country_id).await.unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(
        totals(&db, country_id, Depth::Country).await.unwrap(),
        Vec::<String>::new()
    );
    db
}

async fn flows(db: &sea_orm::DatabaseConnection) -> u64 {
    entities::transaction::Entity::find()
        .count(db)
        .await
        .unwrap()
}

both_backends! {
    async fn an_import_killed_midway_leaves_none_of_its_file(t) {
        let country = countries::create(
            &t.db,
            &Author::system("test"),
            NewCountry {
                code: "XD".into(),
                name: "Crash test country".into(),
                currency: "USD".into(),
                fiscal_year_start_month: 1,
            },
        )
        .await
        .unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, &country.code).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let xml = dir.path().join("large.xml");
        let activities = iati_file::write(&xml, iati_file::Size::Activities(ACTIVITIES)).unwrap();
        let in_file = u64::try_from(activities * iati_file::TRANSACTIONS_PER_ACTIVITY).unwrap();

        // IATI: killed, nothing; run again, all of it.
        kill_mid_import("iati", &t, &xml);
        let db = sound(&t, country_id).await;
        assert_eq!(flows(&db).await, 0, "none of the file");
        assert_eq!(entities::activity::Entity::find().count(&db).await.unwrap(), 0);
        import_whole("iati", &t, &xml);
        assert_eq!(flows(&db).await, in_file, "all of the file");

        // A transactions CSV for those activities: the same.
        let csv = dir.path().join("flows.csv");
        let mut text = app::services::funding::transaction_import::COLUMNS.join(",");
        for n in 0..activities {
            let partner = n % 50;
            text.push_str(&format!(
                "\nXM-P{partner:02}-{n:07},disbursement,2026-03-31,,{}.00,USD,,,Crash test tranche",
                1_000 + n
            ));
        }
        std::fs::write(&csv, text).unwrap();
        kill_mid_import("csv", &t, &csv);
        let db = sound(&t, country_id).await;
        assert_eq!(flows(&db).await, in_file, "none of the CSV");
        import_whole("csv", &t, &csv);
        assert_eq!(flows(&db).await, in_file + u64::try_from(activities).unwrap(), "all of the CSV");
        db.close().await.unwrap();
    }
}
