use sea_orm_migration::{prelude::*, schema::*};

/// The values an IATI import last wrote to each activity, so that a later
/// import can tell a value edited in the app from one the file changed.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn a(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("iati_imported_values"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("activity_id")))
                    .col(string_len(a("field"), 100))
                    .col(text(a("value")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_iati_imported_values_activity")
                            .from(a("iati_imported_values"), a("activity_id"))
                            .to(a("activities"), a("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_iati_imported_values_activity_field")
                    .table(a("iati_imported_values"))
                    .col(a("activity_id"))
                    .col(a("field"))
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(a("iati_imported_values")).to_owned())
            .await
    }
}
