use sea_orm_migration::{prelude::*, schema::*};

/// Each progress report keeps the status it set, so that a commitment's
/// status at the end of any fiscal year can be read back and the
/// dashboard's compact delivery is that year's, not today's. Reports made
/// before this kept no status: the newest of each commitment takes the
/// commitment's status (the one it set); older ones stay unknown.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CommitmentProgress {
    Table,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CommitmentProgress::Table)
                    .add_column(string_len_null(CommitmentProgress::Status, 32))
                    .to_owned(),
            )
            .await?;
        // The newest report of each commitment (no other of it is later,
        // by date and then by id) set the status it has now.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE commitment_progress SET status = \
                 (SELECT c.status FROM commitments c WHERE c.id = commitment_progress.commitment_id) \
                 WHERE NOT EXISTS (SELECT 1 FROM commitment_progress later \
                 WHERE later.commitment_id = commitment_progress.commitment_id \
                 AND (later.on_date > commitment_progress.on_date \
                 OR (later.on_date = commitment_progress.on_date AND later.id > commitment_progress.id)))",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CommitmentProgress::Table)
                    .drop_column(CommitmentProgress::Status)
                    .to_owned(),
            )
            .await
    }
}
