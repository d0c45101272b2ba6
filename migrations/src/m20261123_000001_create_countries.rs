use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Countries::Table)
                    .col(pk_auto(Countries::Id))
                    .col(string_len_uniq(Countries::Code, 2))
                    .col(string_len(Countries::Name, 200))
                    .col(string_len(Countries::Currency, 3))
                    .col(small_integer(Countries::FiscalYearStartMonth))
                    .col(timestamp_with_time_zone(Countries::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Countries::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Id,
    Code,
    Name,
    Currency,
    FiscalYearStartMonth,
    CreatedAt,
}
