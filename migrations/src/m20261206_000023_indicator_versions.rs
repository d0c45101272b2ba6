use sea_orm_migration::{prelude::*, schema::*};

/// Indicator definitions and their targets count their versions, so a
/// correction or a removal names the version it was opened at and nobody
/// overwrites another's change unknowingly.
#[derive(DeriveMigrationName)]
pub struct Migration;

const VERSIONED: [&str; 2] = ["indicators", "indicator_targets"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in VERSIONED {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(integer(Alias::new("version")).default(1))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in VERSIONED {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new("version"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
