use sea_orm_migration::{prelude::*, schema::*};

/// Fragility assessment rounds: a country places each Peacebuilding and
/// Statebuilding Goal (and the dimensions it chose under it) on the g7+
/// fragility spectrum, with evidence and dissent; a round moves draft ->
/// validated -> published, and a published round is frozen.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FragilityRounds::Table)
                    .col(pk_auto(FragilityRounds::Id))
                    .col(integer(FragilityRounds::CountryId))
                    .col(integer(FragilityRounds::Year))
                    .col(string_len(FragilityRounds::Status, 16))
                    .col(text(FragilityRounds::GovernmentParticipants))
                    .col(text(FragilityRounds::CivilSocietyParticipants))
                    .col(text(FragilityRounds::PartnerParticipants))
                    .col(text(FragilityRounds::MethodNotes))
                    .col(timestamp_with_time_zone(FragilityRounds::CreatedAt))
                    .col(timestamp_with_time_zone_null(FragilityRounds::PublishedAt))
                    .col(integer(FragilityRounds::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fragility_rounds_country")
                            .from(FragilityRounds::Table, FragilityRounds::CountryId)
                            .to(Countries::Table, Countries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fragility_rounds_country_year")
                    .table(FragilityRounds::Table)
                    .col(FragilityRounds::CountryId)
                    .col(FragilityRounds::Year)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FragilityStages::Table)
                    .col(pk_auto(FragilityStages::Id))
                    .col(integer(FragilityStages::RoundId))
                    .col(string_len(FragilityStages::Psg, 32))
                    .col(string_len(FragilityStages::Dimension, 200))
                    .col(integer(FragilityStages::Stage))
                    .col(text(FragilityStages::Evidence))
                    .col(text_null(FragilityStages::Dissent))
                    .col(integer(FragilityStages::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fragility_stages_round")
                            .from(FragilityStages::Table, FragilityStages::RoundId)
                            .to(FragilityRounds::Table, FragilityRounds::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fragility_stages_round_psg_dimension")
                    .table(FragilityStages::Table)
                    .col(FragilityStages::RoundId)
                    .col(FragilityStages::Psg)
                    .col(FragilityStages::Dimension)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FragilityStages::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FragilityRounds::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FragilityRounds {
    Table,
    Id,
    CountryId,
    Year,
    Status,
    GovernmentParticipants,
    CivilSocietyParticipants,
    PartnerParticipants,
    MethodNotes,
    CreatedAt,
    PublishedAt,
    Version,
}

#[derive(DeriveIden)]
enum FragilityStages {
    Table,
    Id,
    RoundId,
    Psg,
    Dimension,
    Stage,
    Evidence,
    Dissent,
    Version,
}
