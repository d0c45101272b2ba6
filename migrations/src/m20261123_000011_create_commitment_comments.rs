use sea_orm_migration::{prelude::*, schema::*};

/// Reviewers' and members' comments on commitments.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommitmentComments::Table)
                    .col(pk_auto(CommitmentComments::Id))
                    .col(integer(CommitmentComments::CommitmentId))
                    .col(integer(CommitmentComments::AuthorId))
                    .col(text(CommitmentComments::Body))
                    .col(timestamp_with_time_zone(CommitmentComments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_commitment_comments_commitment")
                            .from(CommitmentComments::Table, CommitmentComments::CommitmentId)
                            .to(Commitments::Table, Commitments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_commitment_comments_author")
                            .from(CommitmentComments::Table, CommitmentComments::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CommitmentComments::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Commitments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CommitmentComments {
    Table,
    Id,
    CommitmentId,
    AuthorId,
    Body,
    CreatedAt,
}
