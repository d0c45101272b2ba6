use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(pk_auto(Organisations::Id))
                    .col(integer(Organisations::CountryId))
                    .col(string_len(Organisations::Name, 200))
                    .col(string_len_null(Organisations::Acronym, 40))
                    .col(string_len(Organisations::Kind, 40))
                    .col(string_len_null(Organisations::IatiId, 100))
                    .col(string_len_null(Organisations::IatiTypeCode, 4))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organisations_country")
                            .from(Organisations::Table, Organisations::CountryId)
                            .to(Countries::Table, Countries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_organisations_country_name")
                    .table(Organisations::Table)
                    .col(Organisations::CountryId)
                    .col(Organisations::Name)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Organisations::Table).to_owned())
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
    CountryId,
    Name,
    Acronym,
    Kind,
    IatiId,
    IatiTypeCode,
    CreatedAt,
}
