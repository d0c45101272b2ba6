//! Backups, restores and transfers between backends: every row arrives,
//! identical, and a backup taken while a writer runs is one consistent
//! snapshot.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use app::services::accounts::audit::Author;
use app::services::funding::activities;
use app::services::{accounts::countries, demo};
use app::types::TransactionKind;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, JsonValue, PaginatorTrait,
    QueryFilter, Statement,
};
use server::transfer;
use tests::{Backend, TestDb, both_backends};

use crate::funding_data::flow;

/// Every table's rows, each as its JSON, sorted: two databases of the same
/// backend hold the same rows exactly when their dumps are equal.
async fn dump(db: &DatabaseConnection, tables: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut dump = BTreeMap::new();
    for table in tables {
        let sql = format!("SELECT * FROM \"{table}\"");
        let rows =
            JsonValue::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
                .all(db)
                .await
                .unwrap();
        let mut rows: Vec<String> = rows.iter().map(JsonValue::to_string).collect();
        rows.sort();
        dump.insert(table.clone(), rows);
    }
    dump
}

fn backup_file(dir: &tempfile::TempDir, name: &str) -> std::path::PathBuf {
    dir.path().join(name)
}

async fn open_file(path: &std::path::Path) -> DatabaseConnection {
    server::db::connect(&transfer::sqlite_url(path, false))
        .await
        .unwrap()
}

both_backends! {
    async fn a_backup_taken_while_a_writer_runs_restores_row_for_row(t) {
        demo::seed(&t.db).await.unwrap();
        let (country_id, _) = countries::get_with_id(&t.db, "XD").await.unwrap();
        let activity_id = entities::activity::Entity::find()
            .filter(entities::activity::Column::CountryId.eq(country_id))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let seeded = entities::transaction::Entity::find().count(&t.db).await.unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let written = Arc::new(AtomicU32::new(0));
        let writer = {
            let (db, stop, written) = (t.db.clone(), stop.clone(), written.clone());
            tokio::spawn(async move {
                let author = Author::system("writer");
                while !stop.load(Ordering::Relaxed) {
                    let new = flow(TransactionKind::Disbursement, "2025-08-01", "1000");
                    activities::add_transaction(&db, &author, activity_id, new).await.unwrap();
                    written.fetch_add(1, Ordering::Relaxed);
                }
            })
        };
        while written.load(Ordering::Relaxed) < 3 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let dir = tempfile::tempdir().unwrap();
        let first = backup_file(&dir, "first.db");
        let report = transfer::backup(&t.url, &first).await.unwrap();
        stop.store(true, Ordering::Relaxed);
        writer.await.unwrap();
        assert!(written.load(Ordering::Relaxed) >= 3);

        let tables = t.table_names().await;
        let copied: Vec<&String> = report.tables.iter().map(|(table, _)| table).collect();
        let mut listed: Vec<&String> = tables.iter().collect();
        listed.sort();
        let mut sorted = copied.clone();
        sorted.sort();
        assert_eq!(sorted, listed, "the backup names every table");

        // One snapshot: each transaction in the backup has its audit entry,
        // and (checked by the backup itself) the funding cells agree.
        let backup = open_file(&first).await;
        let rows = entities::transaction::Entity::find().count(&backup).await.unwrap();
        let audited = entities::audit_entry::Entity::find()
            .filter(entities::audit_entry::Column::ObjectType.eq("transaction"))
            .filter(entities::audit_entry::Column::ActorLabel.eq("writer"))
            .count(&backup)
            .await
            .unwrap();
        assert_eq!(report.tables.iter().find(|(n, _)| n == "transactions").unwrap().1, rows);
        let before = entities::transaction::Entity::find().count(&t.db).await.unwrap();
        assert!(rows < before, "the writer went on after the snapshot ({rows} of {before})");
        assert!(rows > seeded, "the backup holds some of the writer's rows");
        assert_eq!(audited, rows - seeded, "each of the writer's rows in the backup has its audit entry");

        // Restored into a fresh database of the same backend, and backed up
        // again: the two backups hold the same rows.
        let first_dump = dump(&backup, &tables).await;
        backup.close().await.unwrap();
        let second = backup_file(&dir, "second.db");
        tests::run(t.backend, |fresh: TestDb| {
            let (first, second) = (first.clone(), second.clone());
            async move {
                let restored = transfer::restore(&first, &fresh.url, false).await.unwrap();
                assert_eq!(restored, report);
                let refused = transfer::restore(&first, &fresh.url, false).await.unwrap_err();
                assert!(refused.to_string().contains("not empty"), "{refused}");
                transfer::backup(&fresh.url, &second).await.unwrap();
            }
        })
        .await;
        let again = open_file(&second).await;
        assert_eq!(dump(&again, &tables).await, first_dump);
        again.close().await.unwrap();
        assert!(transfer::backup(&t.url, &second).await.unwrap_err().to_string().contains("exists"));
    }
}

/// SQLite to PostgreSQL and back: the demo arrives row for row, ids and
/// times included, and the copy back equals the original.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_goes_to_postgresql_and_back_unchanged() {
    tests::run(Backend::Sqlite, |original: TestDb| async move {
        demo::seed(&original.db).await.unwrap();
        let tables = original.table_names().await;
        let want = dump(&original.db, &tables).await;
        tests::run(Backend::Postgres, |middle: TestDb| {
            let (original, tables, want) = (original.clone(), tables.clone(), want.clone());
            async move {
                let there = transfer::between(&original.url, &middle.url, false)
                    .await
                    .unwrap();
                assert!(there.rows() > 1_000, "{there:?}");
                tests::run(Backend::Sqlite, |back: TestDb| {
                    let (middle, tables, want, there) =
                        (middle.clone(), tables.clone(), want.clone(), there.clone());
                    async move {
                        let home = transfer::between(&middle.url, &back.url, false)
                            .await
                            .unwrap();
                        assert_eq!(home, there);
                        assert_eq!(dump(&back.db, &tables).await, want);
                    }
                })
                .await;
                // The copy continues the ids: a new row does not collide.
                let (country_id, _) = countries::get_with_id(&middle.db, "XD").await.unwrap();
                let next = app::services::accounts::organisations::create(
                    &middle.db,
                    &Author::system("test"),
                    country_id,
                    app::types::NewOrganisation {
                        name: "A new partner".into(),
                        acronym: None,
                        kind: app::types::OrganisationKind::Bilateral,
                        iati_id: None,
                        iati_type_code: None,
                    },
                )
                .await
                .unwrap();
                assert!(next.id > 0);
            }
        })
        .await;
    })
    .await;
}
