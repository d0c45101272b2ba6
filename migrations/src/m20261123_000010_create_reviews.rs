use sea_orm_migration::{prelude::*, schema::*};

/// Joint review rounds of a signed compact and the assessments each side
/// gives every commitment.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReviewRounds::Table)
                    .col(pk_auto(ReviewRounds::Id))
                    .col(integer(ReviewRounds::CompactId))
                    .col(string_len(ReviewRounds::Title, 200))
                    .col(date(ReviewRounds::OpenedOn))
                    .col(date_null(ReviewRounds::ClosedOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_review_rounds_compact")
                            .from(ReviewRounds::Table, ReviewRounds::CompactId)
                            .to(Compacts::Table, Compacts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Assessments::Table)
                    .col(pk_auto(Assessments::Id))
                    .col(integer(Assessments::RoundId))
                    .col(integer(Assessments::CommitmentId))
                    .col(string_len(Assessments::Side, 16))
                    .col(string_len(Assessments::Status, 16))
                    .col(small_integer(Assessments::Rating))
                    .col(text(Assessments::Comment))
                    .col(integer(Assessments::AuthorId))
                    .col(timestamp_with_time_zone(Assessments::At))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessments_round")
                            .from(Assessments::Table, Assessments::RoundId)
                            .to(ReviewRounds::Table, ReviewRounds::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessments_commitment")
                            .from(Assessments::Table, Assessments::CommitmentId)
                            .to(Commitments::Table, Commitments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessments_author")
                            .from(Assessments::Table, Assessments::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_assessments_side")
                    .table(Assessments::Table)
                    .col(Assessments::RoundId)
                    .col(Assessments::CommitmentId)
                    .col(Assessments::Side)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Assessments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ReviewRounds::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Compacts {
    Table,
    Id,
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
enum ReviewRounds {
    Table,
    Id,
    CompactId,
    Title,
    OpenedOn,
    ClosedOn,
}

#[derive(DeriveIden)]
enum Assessments {
    Table,
    Id,
    RoundId,
    CommitmentId,
    Side,
    Status,
    Rating,
    Comment,
    AuthorId,
    At,
}
