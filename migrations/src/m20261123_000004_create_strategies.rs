use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Strategies::Table)
                    .col(pk_auto(Strategies::Id))
                    .col(integer(Strategies::CountryId))
                    .col(integer(Strategies::Version))
                    .col(string_len(Strategies::Status, 16))
                    .col(string_len(Strategies::Title, 300))
                    .col(integer(Strategies::FirstFiscalYear))
                    .col(integer(Strategies::LastFiscalYear))
                    .col(text(Strategies::Vision))
                    .col(integer_null(Strategies::BasedOnId))
                    .col(timestamp_with_time_zone(Strategies::CreatedAt))
                    .col(timestamp_with_time_zone_null(Strategies::EndorsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_strategies_country")
                            .from(Strategies::Table, Strategies::CountryId)
                            .to(Countries::Table, Countries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_strategies_country_version")
                    .table(Strategies::Table)
                    .col(Strategies::CountryId)
                    .col(Strategies::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Pillars::Table)
                    .col(pk_auto(Pillars::Id))
                    .col(integer(Pillars::StrategyId))
                    .col(integer(Pillars::Number))
                    .col(string_len(Pillars::Title, 200))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_pillars_strategy")
                            .from(Pillars::Table, Pillars::StrategyId)
                            .to(Strategies::Table, Strategies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Priorities::Table)
                    .col(pk_auto(Priorities::Id))
                    .col(integer(Priorities::StrategyId))
                    .col(integer(Priorities::PillarId))
                    .col(string_len(Priorities::Code, 16))
                    .col(string_len(Priorities::Title, 300))
                    .col(text(Priorities::Objective))
                    .col(integer(Priorities::LeadOrganisationId))
                    .col(string_len(Priorities::Phase, 16))
                    .col(string_len(Priorities::ThematicArea, 40))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priorities_strategy")
                            .from(Priorities::Table, Priorities::StrategyId)
                            .to(Strategies::Table, Strategies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priorities_pillar")
                            .from(Priorities::Table, Priorities::PillarId)
                            .to(Pillars::Table, Pillars::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priorities_lead")
                            .from(Priorities::Table, Priorities::LeadOrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_priorities_strategy_code")
                    .table(Priorities::Table)
                    .col(Priorities::StrategyId)
                    .col(Priorities::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PriorityCosts::Table)
                    .col(pk_auto(PriorityCosts::Id))
                    .col(integer(PriorityCosts::PriorityId))
                    .col(integer(PriorityCosts::FiscalYear))
                    .col(big_integer(PriorityCosts::AmountMinor))
                    .col(string_len(PriorityCosts::Currency, 3))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priority_costs_priority")
                            .from(PriorityCosts::Table, PriorityCosts::PriorityId)
                            .to(Priorities::Table, Priorities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_priority_costs_year")
                    .table(PriorityCosts::Table)
                    .col(PriorityCosts::PriorityId)
                    .col(PriorityCosts::FiscalYear)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PriorityCosts::Table.into_iden(),
            Priorities::Table.into_iden(),
            Pillars::Table.into_iden(),
            Strategies::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
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
enum Strategies {
    Table,
    Id,
    CountryId,
    Version,
    Status,
    Title,
    FirstFiscalYear,
    LastFiscalYear,
    Vision,
    BasedOnId,
    CreatedAt,
    EndorsedAt,
}

#[derive(DeriveIden)]
enum Pillars {
    Table,
    Id,
    StrategyId,
    Number,
    Title,
}

#[derive(DeriveIden)]
enum Priorities {
    Table,
    Id,
    StrategyId,
    PillarId,
    Code,
    Title,
    Objective,
    LeadOrganisationId,
    Phase,
    ThematicArea,
}

#[derive(DeriveIden)]
enum PriorityCosts {
    Table,
    Id,
    PriorityId,
    FiscalYear,
    AmountMinor,
    Currency,
}
