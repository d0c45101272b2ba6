use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StrategyComments::Table)
                    .col(pk_auto(StrategyComments::Id))
                    .col(integer(StrategyComments::PriorityId))
                    .col(integer_null(StrategyComments::ParentId))
                    .col(integer(StrategyComments::AuthorId))
                    .col(text(StrategyComments::Body))
                    .col(timestamp_with_time_zone(StrategyComments::CreatedAt))
                    .col(timestamp_with_time_zone_null(StrategyComments::ResolvedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_strategy_comments_priority")
                            .from(StrategyComments::Table, StrategyComments::PriorityId)
                            .to(Priorities::Table, Priorities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_strategy_comments_parent")
                            .from(StrategyComments::Table, StrategyComments::ParentId)
                            .to(StrategyComments::Table, StrategyComments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_strategy_comments_author")
                            .from(StrategyComments::Table, StrategyComments::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_strategy_comments_priority")
                    .table(StrategyComments::Table)
                    .col(StrategyComments::PriorityId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StrategyComments::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Priorities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StrategyComments {
    Table,
    Id,
    PriorityId,
    ParentId,
    AuthorId,
    Body,
    CreatedAt,
    ResolvedAt,
}
