use sea_orm_migration::{prelude::*, schema::*};

/// Each partner's assessment in a joint review is its own: an assessment
/// records the organisation it speaks for (the author's at the time), and a
/// round holds at most one per commitment, side and organisation.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("assessments"))
                    .add_column(integer(Alias::new("organisation_id")).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE assessments SET organisation_id = \
                 (SELECT organisation_id FROM users WHERE users.id = assessments.author_id)",
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_assessments_side")
                    .table(Alias::new("assessments"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_assessments_organisation")
                    .table(Alias::new("assessments"))
                    .col(Alias::new("round_id"))
                    .col(Alias::new("commitment_id"))
                    .col(Alias::new("side"))
                    .col(Alias::new("organisation_id"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ux_assessments_organisation")
                    .table(Alias::new("assessments"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_assessments_side")
                    .table(Alias::new("assessments"))
                    .col(Alias::new("round_id"))
                    .col(Alias::new("commitment_id"))
                    .col(Alias::new("side"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("assessments"))
                    .drop_column(Alias::new("organisation_id"))
                    .to_owned(),
            )
            .await
    }
}
