use sea_orm_migration::{prelude::*, schema::*};

/// The government validates what partners report before it counts: each
/// country says whether it does (on by default); each activity carries its
/// validation state, and a change to a validated activity waits as a copy
/// of it (`pending_for`) whose flows name the rows they replace.
#[derive(DeriveMigrationName)]
pub struct Migration;

const FLOWS: [&str; 2] = ["transactions", "planned_disbursements"];

async fn add(manager: &SchemaManager<'_>, table: &str, column: ColumnDef) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(Alias::new(table))
                .add_column(column)
                .to_owned(),
        )
        .await
}

async fn drop(manager: &SchemaManager<'_>, table: &str, column: &str) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(Alias::new(table))
                .drop_column(Alias::new(column))
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add(
            manager,
            "countries",
            boolean(Alias::new("validation_required"))
                .default(true)
                .to_owned(),
        )
        .await?;
        add(
            manager,
            "activities",
            string_len(Alias::new("validation"), 16)
                .default("validated")
                .to_owned(),
        )
        .await?;
        add(
            manager,
            "activities",
            string_len_null(Alias::new("return_reason"), 2000).to_owned(),
        )
        .await?;
        add(
            manager,
            "activities",
            integer_null(Alias::new("pending_for")).to_owned(),
        )
        .await?;
        for table in FLOWS {
            add(
                manager,
                table,
                integer_null(Alias::new("replaces_id")).to_owned(),
            )
            .await?;
        }
        // A waiting change carries its activity's identifier: identifiers
        // are unique among the activities themselves.
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX ux_activities_identifier")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_activities_live_identifier ON activities \
             (country_id, iati_identifier) WHERE pending_for IS NULL",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_activities_pending_for ON activities (pending_for)",
        )
        .await?;
        db.execute_unprepared(
            "CREATE INDEX ix_activities_validation ON activities (country_id, validation)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX ix_activities_validation")
            .await?;
        db.execute_unprepared("DROP INDEX ux_activities_pending_for")
            .await?;
        db.execute_unprepared("DROP INDEX ux_activities_live_identifier")
            .await?;
        db.execute_unprepared("DELETE FROM activities WHERE pending_for IS NOT NULL")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_activities_identifier ON activities \
             (country_id, iati_identifier)",
        )
        .await?;
        for table in FLOWS {
            drop(manager, table, "replaces_id").await?;
        }
        for column in ["pending_for", "return_reason", "validation"] {
            drop(manager, "activities", column).await?;
        }
        drop(manager, "countries", "validation_required").await
    }
}
