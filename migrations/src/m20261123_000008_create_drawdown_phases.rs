use sea_orm_migration::{prelude::*, schema::*};

/// The phases of a mission's drawdown, e.g. "Withdrawal from the east".
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DrawdownPhases::Table)
                    .col(pk_auto(DrawdownPhases::Id))
                    .col(integer(DrawdownPhases::PlanId))
                    .col(string_len(DrawdownPhases::Name, 200))
                    .col(date(DrawdownPhases::StartsOn))
                    .col(date(DrawdownPhases::EndsOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_drawdown_phases_plan")
                            .from(DrawdownPhases::Table, DrawdownPhases::PlanId)
                            .to(TransitionPlans::Table, TransitionPlans::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DrawdownPhases::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum TransitionPlans {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DrawdownPhases {
    Table,
    Id,
    PlanId,
    Name,
    StartsOn,
    EndsOn,
}
