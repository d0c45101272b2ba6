//! Copying a whole instance from one database to another, on either
//! backend: the one mechanism behind `transfer`, `backup` and `restore`.
//!
//! The source is read in one transaction (on PostgreSQL repeatable read
//! and read-only; on SQLite a read transaction, which in WAL mode sees one
//! snapshot), so a copy taken while the server writes is consistent. The
//! target is written in one transaction: tables parents first (the order
//! comes from the target's own foreign keys), each table's rows in key
//! order, ids kept. Before it commits, every table's row count is compared
//! with the source's and every country's funding cells with a computation
//! from its rows; any difference and nothing is written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use futures_util::TryStreamExt;
use sea_orm::{
    AccessMode, ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, DbErr, EntityName, EntityTrait, IntoActiveModel, IsolationLevel, Iterable,
    PrimaryKeyToColumn, QueryOrder, Statement, TransactionTrait,
};

/// Values per insert statement: inside SQLite's 32,766 and PostgreSQL's
/// 65,535 parameters.
const PARAMETERS: usize = 30_000;

/// The migrations' own bookkeeping, which each database keeps itself.
const MIGRATIONS_TABLE: &str = "seaql_migrations";

/// What a transfer copied: each table's rows, parents first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub tables: Vec<(String, u64)>,
}

impl Report {
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error(
        "the target database is not empty ({0} has rows); choose an empty one, or replace its contents"
    )]
    NotEmpty(String),
    #[error("table {0} has no entity to copy it with")]
    Unknown(String),
    #[error("the tables' foreign keys form a cycle through {0}")]
    Cycle(String),
    #[error("{table}: {source_rows} rows in the source, {target_rows} in the target")]
    Count {
        table: String,
        source_rows: u64,
        target_rows: u64,
    },
    #[error("the copied funding cells of country {country} differ from its rows: {first}")]
    Totals { country: i32, first: String },
    #[error(transparent)]
    Database(#[from] DbErr),
    #[error("{0}")]
    App(String),
}

/// Copies every row of `from` into `to` (both migrated to the same
/// version). `to` must be empty unless `replace`, which first removes what
/// it holds. Nothing is written unless everything is.
pub async fn copy(
    from: &DatabaseConnection,
    to: &DatabaseConnection,
    replace: bool,
) -> Result<Report, TransferError> {
    let source = match from.get_database_backend() {
        DbBackend::Postgres => {
            from.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await?
        }
        _ => from.begin().await?,
    };
    // On SQLite the write lock is taken at once: a restore beside a
    // running server queues behind its writes instead of failing.
    let target = app::services::locks::begin(to).await?;
    if to.get_database_backend() == DbBackend::Sqlite {
        // Checked at commit: rows that name a later row of their own table.
        target
            .execute_unprepared("PRAGMA defer_foreign_keys = ON")
            .await?;
    }
    let order = parents_first(&target).await?;
    if replace {
        for table in order.iter().rev() {
            target
                .execute_unprepared(&format!("DELETE FROM \"{table}\""))
                .await?;
        }
    } else if let Some(table) = first_with_rows(&target, &order).await? {
        return Err(TransferError::NotEmpty(table));
    }
    let mut report = Report { tables: Vec::new() };
    for table in &order {
        let copied = copy_table(table, &source, &target)
            .await?
            .ok_or_else(|| TransferError::Unknown(table.clone()))?;
        let (source_rows, target_rows) =
            (count(&source, table).await?, count(&target, table).await?);
        if source_rows != copied || target_rows != copied {
            return Err(TransferError::Count {
                table: table.clone(),
                source_rows,
                target_rows,
            });
        }
        report.tables.push((table.clone(), copied));
    }
    if to.get_database_backend() == DbBackend::Postgres {
        continue_sequences(&target, &order).await?;
    }
    check_totals(&target).await?;
    source.commit().await?;
    target.commit().await?;
    Ok(report)
}

/// Every country's cells equal a computation from its rows.
async fn check_totals(db: &DatabaseTransaction) -> Result<(), TransferError> {
    use sea_orm::QuerySelect;
    let countries: Vec<i32> = entities::country::Entity::find()
        .select_only()
        .column(entities::country::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    for country in countries {
        let differences = app::services::funding::cells::differences(db, country)
            .await
            .map_err(|e| TransferError::App(e.to_string()))?;
        if let Some(first) = differences.into_iter().next() {
            return Err(TransferError::Totals { country, first });
        }
    }
    Ok(())
}

/// The application's tables, each after the tables its foreign keys name.
async fn parents_first(db: &impl ConnectionTrait) -> Result<Vec<String>, TransferError> {
    let (tables, edges) = match db.get_database_backend() {
        DbBackend::Postgres => (
            "SELECT table_name::text AS a, '' AS b FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            "SELECT conrelid::regclass::text AS a, confrelid::regclass::text AS b \
             FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace",
        ),
        _ => (
            "SELECT name AS a, '' AS b FROM sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            "SELECT m.name AS a, f.\"table\" AS b FROM sqlite_master m \
             JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        ),
    };
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (table, _) in pairs(db, tables).await? {
        if table != MIGRATIONS_TABLE {
            parents.entry(unquoted(&table)).or_default();
        }
    }
    for (child, parent) in pairs(db, edges).await? {
        let (child, parent) = (unquoted(&child), unquoted(&parent));
        if child != parent {
            parents.entry(child).or_default().insert(parent);
        }
    }
    let mut order = Vec::with_capacity(parents.len());
    let mut placed = BTreeSet::new();
    while placed.len() < parents.len() {
        let ready: Vec<String> = parents
            .iter()
            .filter(|(table, needs)| !placed.contains(*table) && needs.is_subset(&placed))
            .map(|(table, _)| table.clone())
            .collect();
        if ready.is_empty() {
            let stuck = parents.keys().find(|t| !placed.contains(*t));
            return Err(TransferError::Cycle(stuck.cloned().unwrap_or_default()));
        }
        for table in ready {
            placed.insert(table.clone());
            order.push(table);
        }
    }
    Ok(order)
}

fn unquoted(name: &str) -> String {
    name.trim_matches('"').to_string()
}

async fn pairs(db: &impl ConnectionTrait, sql: &str) -> Result<Vec<(String, String)>, DbErr> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("", "a")?, row.try_get("", "b")?)))
        .collect()
}

async fn count(db: &impl ConnectionTrait, table: &str) -> Result<u64, DbErr> {
    let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\"");
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("the row count of {table}")))?;
    let n: i64 = row.try_get("", "n")?;
    u64::try_from(n).map_err(|_| DbErr::Custom(format!("row count of {table}: {n}")))
}

async fn first_with_rows(
    db: &impl ConnectionTrait,
    tables: &[String],
) -> Result<Option<String>, DbErr> {
    for table in tables {
        if count(db, table).await? > 0 {
            return Ok(Some(table.clone()));
        }
    }
    Ok(None)
}

/// On PostgreSQL, each `id` sequence (serial or identity) continues after
/// the highest id copied.
async fn continue_sequences(db: &impl ConnectionTrait, tables: &[String]) -> Result<(), DbErr> {
    let with_id = "SELECT table_name::text AS a, column_name::text AS b \
                   FROM information_schema.columns WHERE table_schema = 'public' \
                   AND column_name = 'id' AND data_type IN ('integer', 'bigint', 'smallint')";
    let with_sequence: BTreeSet<String> = pairs(db, with_id)
        .await?
        .into_iter()
        .map(|(table, _)| table)
        .collect();
    for table in tables.iter().filter(|t| with_sequence.contains(*t)) {
        let sql = format!(
            "SELECT setval(s, COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false) \
             FROM (SELECT pg_get_serial_sequence('\"{table}\"', 'id') AS s) q WHERE s IS NOT NULL"
        );
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Copies one entity's rows in key order, a batch per insert.
async fn copy_entity<E>(from: &DatabaseTransaction, to: &DatabaseTransaction) -> Result<u64, DbErr>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let batch = (PARAMETERS / E::Column::iter().count().max(1)).max(1);
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let mut rows = query.stream(from).await?;
    let mut pending = Vec::with_capacity(batch);
    let mut copied = 0u64;
    while let Some(model) = rows.try_next().await? {
        pending.push(model.into_active_model().reset_all());
        if pending.len() == batch {
            copied += insert::<E>(to, std::mem::take(&mut pending)).await?;
        }
    }
    copied += insert::<E>(to, pending).await?;
    Ok(copied)
}

async fn insert<E>(to: &DatabaseTransaction, rows: Vec<E::ActiveModel>) -> Result<u64, DbErr>
where
    E: EntityTrait,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let n = rows.len() as u64;
    if n > 0 {
        E::insert_many(rows).exec_without_returning(to).await?;
    }
    Ok(n)
}

/// Every entity that maps a table; a table missing here stops a transfer
/// before it writes anything.
macro_rules! copy_by_table {
    ($($module:ident),* $(,)?) => {
        /// Copies `table` by the entity that maps it; `None` if none does.
        async fn copy_table(
            table: &str,
            from: &DatabaseTransaction,
            to: &DatabaseTransaction,
        ) -> Result<Option<u64>, DbErr> {
            $(
                if table == entities::$module::Entity.table_name() {
                    return copy_entity::<entities::$module::Entity>(from, to).await.map(Some);
                }
            )*
            Ok(None)
        }
    };
}

copy_by_table!(
    activity,
    activity_budget_line,
    activity_participant,
    activity_priority,
    activity_sector,
    assessment,
    audit_entry,
    budget_amount,
    budget_line,
    commitment,
    commitment_comment,
    commitment_progress,
    compact,
    compact_party,
    compact_signature,
    country,
    drawdown_phase,
    exchange_rate,
    form_token,
    fragility_round,
    fragility_stage,
    funding_cell,
    funding_part,
    iati_imported_value,
    indicator,
    indicator_comment,
    indicator_measurement,
    indicator_target,
    membership,
    organisation,
    peace_agreement,
    pillar,
    planned_disbursement,
    priority,
    priority_cost,
    priority_partner,
    priority_provision,
    provision,
    readiness_change,
    reporting_round,
    review_round,
    round_response,
    session,
    sign_in_attempt,
    strategy,
    strategy_comment,
    transaction,
    transition_function,
    transition_plan,
    user,
);

/// A SQLite URL for a file; `create` allows a new one.
pub fn sqlite_url(path: &Path, create: bool) -> String {
    let mode = if create { "rwc" } else { "rw" };
    format!("sqlite://{}?mode={mode}", path.display())
}

/// Copies the instance at `from` to `to`, each migrated first.
pub async fn between(from: &str, to: &str, replace: bool) -> anyhow::Result<Report> {
    let source = crate::db::open(from).await?;
    let target = crate::db::open(to).await?;
    let copied = copy(&source, &target, replace).await;
    source.close().await?;
    target.close().await?;
    Ok(copied?)
}

/// Writes a consistent copy of the instance at `from` to `out`, a new
/// SQLite file (which `restore`, or `--database-url`, can open).
pub async fn backup(from: &str, out: &Path) -> anyhow::Result<Report> {
    if out.exists() {
        anyhow::bail!(
            "out: {} exists; a backup never overwrites a file",
            out.display()
        );
    }
    let copied = between(from, &sqlite_url(out, true), false).await;
    if copied.is_err() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", out.display()));
        }
    }
    copied
}

/// Copies a backup file into the instance at `to`, which must be empty
/// unless `replace`.
pub async fn restore(file: &Path, to: &str, replace: bool) -> anyhow::Result<Report> {
    if !file.is_file() {
        anyhow::bail!("file: {} is not a backup file", file.display());
    }
    between(&sqlite_url(file, false), to, replace).await
}
