use sea_orm_migration::{prelude::*, schema::*};

/// Indicator definitions (entered and computed) with their baselines,
/// targets by fiscal year, measurements and reviewers' comments.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Indicators::Table)
                    .col(pk_auto(Indicators::Id))
                    .col(integer(Indicators::CountryId))
                    .col(string_len(Indicators::Code, 40))
                    .col(string_len(Indicators::Name, 200))
                    .col(text(Indicators::Definition))
                    .col(string_len(Indicators::Unit, 10))
                    .col(string_len(Indicators::Direction, 10))
                    .col(string_len_null(Indicators::Formula, 40))
                    .col(integer_null(Indicators::PillarNumber))
                    .col(integer_null(Indicators::OwnerId))
                    .col(string_len_null(Indicators::BaselineValue, 40))
                    .col(date_null(Indicators::BaselineDate))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_indicators_country")
                            .from(Indicators::Table, Indicators::CountryId)
                            .to(Countries::Table, Countries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_indicators_owner")
                            .from(Indicators::Table, Indicators::OwnerId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_indicators_code")
                    .table(Indicators::Table)
                    .col(Indicators::CountryId)
                    .col(Indicators::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IndicatorTargets::Table)
                    .col(pk_auto(IndicatorTargets::Id))
                    .col(integer(IndicatorTargets::IndicatorId))
                    .col(integer(IndicatorTargets::FiscalYear))
                    .col(string_len(IndicatorTargets::Value, 40))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_indicator_targets_indicator")
                            .from(IndicatorTargets::Table, IndicatorTargets::IndicatorId)
                            .to(Indicators::Table, Indicators::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_indicator_targets_year")
                    .table(IndicatorTargets::Table)
                    .col(IndicatorTargets::IndicatorId)
                    .col(IndicatorTargets::FiscalYear)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IndicatorMeasurements::Table)
                    .col(pk_auto(IndicatorMeasurements::Id))
                    .col(integer(IndicatorMeasurements::IndicatorId))
                    .col(integer(IndicatorMeasurements::FiscalYear))
                    .col(string_len(IndicatorMeasurements::Value, 40))
                    .col(string_len(IndicatorMeasurements::Source, 300))
                    .col(text(IndicatorMeasurements::Note))
                    .col(integer(IndicatorMeasurements::EnteredBy))
                    .col(timestamp_with_time_zone(IndicatorMeasurements::EnteredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_indicator_measurements_indicator")
                            .from(
                                IndicatorMeasurements::Table,
                                IndicatorMeasurements::IndicatorId,
                            )
                            .to(Indicators::Table, Indicators::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_indicator_measurements_user")
                            .from(
                                IndicatorMeasurements::Table,
                                IndicatorMeasurements::EnteredBy,
                            )
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_indicator_measurements_year")
                    .table(IndicatorMeasurements::Table)
                    .col(IndicatorMeasurements::IndicatorId)
                    .col(IndicatorMeasurements::FiscalYear)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IndicatorComments::Table)
                    .col(pk_auto(IndicatorComments::Id))
                    .col(integer(IndicatorComments::IndicatorId))
                    .col(integer(IndicatorComments::FiscalYear))
                    .col(integer(IndicatorComments::AuthorId))
                    .col(text(IndicatorComments::Body))
                    .col(timestamp_with_time_zone(IndicatorComments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_indicator_comments_indicator")
                            .from(IndicatorComments::Table, IndicatorComments::IndicatorId)
                            .to(Indicators::Table, Indicators::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_indicator_comments_author")
                            .from(IndicatorComments::Table, IndicatorComments::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_indicator_comments_indicator")
                    .table(IndicatorComments::Table)
                    .col(IndicatorComments::IndicatorId)
                    .col(IndicatorComments::FiscalYear)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IndicatorComments::Table.into_iden(),
            IndicatorMeasurements::Table.into_iden(),
            IndicatorTargets::Table.into_iden(),
            Indicators::Table.into_iden(),
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
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Indicators {
    Table,
    Id,
    CountryId,
    Code,
    Name,
    Definition,
    Unit,
    Direction,
    Formula,
    PillarNumber,
    OwnerId,
    BaselineValue,
    BaselineDate,
}

#[derive(DeriveIden)]
enum IndicatorTargets {
    Table,
    Id,
    IndicatorId,
    FiscalYear,
    Value,
}

#[derive(DeriveIden)]
enum IndicatorMeasurements {
    Table,
    Id,
    IndicatorId,
    FiscalYear,
    Value,
    Source,
    Note,
    EnteredBy,
    EnteredAt,
}

#[derive(DeriveIden)]
enum IndicatorComments {
    Table,
    Id,
    IndicatorId,
    FiscalYear,
    AuthorId,
    Body,
    CreatedAt,
}
