use sea_orm_migration::{prelude::*, schema::*};

/// Recent sign-in attempts, kept in the database so that every server
/// process sharing it counts the same attempts. An attempt is kept a minute
/// under a digest of what it is counted by (an account's email, a client's
/// address), never the email or the address itself.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInAttempts::Table)
                    .col(big_pk_auto(SignInAttempts::Id))
                    .col(string_len(SignInAttempts::Key, 64))
                    .col(timestamp_with_time_zone(SignInAttempts::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_attempts_key_at")
                    .table(SignInAttempts::Table)
                    .col(SignInAttempts::Key)
                    .col(SignInAttempts::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_attempts_at")
                    .table(SignInAttempts::Table)
                    .col(SignInAttempts::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInAttempts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SignInAttempts {
    Table,
    Id,
    Key,
    At,
}
