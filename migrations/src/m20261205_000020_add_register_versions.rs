use sea_orm_migration::{prelude::*, schema::*};

/// Registers that are corrected count their versions, so an edit names the
/// version it was opened at and nobody overwrites another's change
/// unknowingly; a transition function keeps the history of its readiness;
/// an administrator can disable an account; an endorsement names who
/// endorsed and links to the record.
#[derive(DeriveMigrationName)]
pub struct Migration;

const VERSIONED: [&str; 8] = [
    "priorities",
    "commitments",
    "transition_functions",
    "drawdown_phases",
    "budget_lines",
    "pillars",
    "peace_agreements",
    "provisions",
];

async fn alter(
    manager: &SchemaManager<'_>,
    table: &str,
    mut alter: TableAlterStatement,
) -> Result<(), DbErr> {
    manager
        .alter_table(alter.table(Alias::new(table)).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in VERSIONED {
            let mut statement = Table::alter();
            statement.add_column(integer(Alias::new("version")).default(1));
            alter(manager, table, statement).await?;
        }
        let mut statement = Table::alter();
        statement.add_column(timestamp_with_time_zone_null(Alias::new("disabled_at")));
        alter(manager, "users", statement).await?;
        // A strategy's `version` numbers its versions; its revision counts
        // the changes to one draft's title, vision and period.
        let mut statement = Table::alter();
        statement.add_column(integer(Alias::new("revision")).default(1));
        alter(manager, "strategies", statement).await?;
        // Who endorsed a version, on what day, and the record of it.
        for column in ["endorsed_by", "endorsement_url"] {
            let mut statement = Table::alter();
            statement.add_column(string_len_null(Alias::new(column), 500));
            alter(manager, "strategies", statement).await?;
        }
        let mut statement = Table::alter();
        statement.add_column(date_null(Alias::new("endorsed_on")));
        alter(manager, "strategies", statement).await?;
        manager
            .create_table(
                Table::create()
                    .table(ReadinessChanges::Table)
                    .col(pk_auto(ReadinessChanges::Id))
                    .col(integer(ReadinessChanges::FunctionId))
                    .col(string_len(ReadinessChanges::Readiness, 16))
                    .col(timestamp_with_time_zone(ReadinessChanges::At))
                    .col(string_len(ReadinessChanges::Actor, 320))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReadinessChanges::Table, ReadinessChanges::FunctionId)
                            .to(Alias::new("transition_functions"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_readiness_changes_function")
                    .table(ReadinessChanges::Table)
                    .col(ReadinessChanges::FunctionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReadinessChanges::Table).to_owned())
            .await?;
        for column in ["endorsed_on", "endorsement_url", "endorsed_by", "revision"] {
            let mut statement = Table::alter();
            statement.drop_column(Alias::new(column));
            alter(manager, "strategies", statement).await?;
        }
        let mut statement = Table::alter();
        statement.drop_column(Alias::new("disabled_at"));
        alter(manager, "users", statement).await?;
        for table in VERSIONED {
            let mut statement = Table::alter();
            statement.drop_column(Alias::new("version"));
            alter(manager, table, statement).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ReadinessChanges {
    Table,
    Id,
    FunctionId,
    Readiness,
    At,
    Actor,
}
