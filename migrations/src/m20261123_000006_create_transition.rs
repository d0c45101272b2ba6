use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TransitionPlans::Table)
                    .col(pk_auto(TransitionPlans::Id))
                    .col(integer_uniq(TransitionPlans::CountryId))
                    .col(string_len(TransitionPlans::MissionName, 200))
                    .col(date(TransitionPlans::MandateEnd))
                    .col(date(TransitionPlans::DrawdownStart))
                    .col(date(TransitionPlans::DrawdownEnd))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_transition_plans_country")
                            .from(TransitionPlans::Table, TransitionPlans::CountryId)
                            .to(Countries::Table, Countries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TransitionFunctions::Table)
                    .col(pk_auto(TransitionFunctions::Id))
                    .col(integer(TransitionFunctions::PlanId))
                    .col(string_len(TransitionFunctions::Kind, 32))
                    .col(string_len(TransitionFunctions::Name, 200))
                    .col(string_len(TransitionFunctions::CurrentProvider, 200))
                    .col(integer(TransitionFunctions::FutureOwnerId))
                    .col(date(TransitionFunctions::TargetHandover))
                    .col(string_len(TransitionFunctions::Readiness, 16))
                    .col(big_integer(TransitionFunctions::MissionCostMinor))
                    .col(big_integer(TransitionFunctions::AfterCostMinor))
                    .col(big_integer(TransitionFunctions::SecuredMinor))
                    .col(string_len(TransitionFunctions::Currency, 3))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_transition_functions_plan")
                            .from(TransitionFunctions::Table, TransitionFunctions::PlanId)
                            .to(TransitionPlans::Table, TransitionPlans::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_transition_functions_owner")
                            .from(
                                TransitionFunctions::Table,
                                TransitionFunctions::FutureOwnerId,
                            )
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TransitionFunctions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TransitionPlans::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TransitionPlans {
    Table,
    Id,
    CountryId,
    MissionName,
    MandateEnd,
    DrawdownStart,
    DrawdownEnd,
}

#[derive(DeriveIden)]
enum TransitionFunctions {
    Table,
    Id,
    PlanId,
    Kind,
    Name,
    CurrentProvider,
    FutureOwnerId,
    TargetHandover,
    Readiness,
    MissionCostMinor,
    AfterCostMinor,
    SecuredMinor,
    Currency,
}
