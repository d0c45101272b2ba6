use sea_orm_migration::{prelude::*, schema::*};

/// Activities, transactions and planned disbursements can be corrected:
/// each row counts its versions, and an edit names the version it was opened at, so nobody
/// overwrites another's change unknowingly.
#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 3] = ["activities", "transactions", "planned_disbursements"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
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
        for table in TABLES {
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
