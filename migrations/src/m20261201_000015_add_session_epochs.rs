use sea_orm_migration::{prelude::*, schema::*};

/// A user's session epoch: every session records the epoch it started in,
/// and a password change or reset moves the epoch on, ending the user's
/// other sessions.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("users"))
                    .add_column(integer(Alias::new("session_epoch")).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("users"))
                    .drop_column(Alias::new("session_epoch"))
                    .to_owned(),
            )
            .await
    }
}
