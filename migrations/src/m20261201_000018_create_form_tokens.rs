use sea_orm_migration::{prelude::*, schema::*};

/// One-time form tokens: the first post of a create form spends its token,
/// so the same form posted again (a network retry, a second click) creates
/// nothing more.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormTokens::Table)
                    .col(string_len(FormTokens::Token, 64).primary_key())
                    .col(timestamp_with_time_zone(FormTokens::UsedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormTokens::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum FormTokens {
    Table,
    Token,
    UsedAt,
}
