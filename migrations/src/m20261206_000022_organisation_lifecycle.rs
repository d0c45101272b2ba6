use sea_orm_migration::{prelude::*, schema::*};

/// An administrator deactivates an organisation (it leaves the forms'
/// choices; its history and flows stay) and its edits carry the version
/// they were opened at.
#[derive(DeriveMigrationName)]
pub struct Migration;

async fn alter(manager: &SchemaManager<'_>, mut alter: TableAlterStatement) -> Result<(), DbErr> {
    manager
        .alter_table(alter.table(Alias::new("organisations")).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statement = Table::alter();
        statement.add_column(timestamp_with_time_zone_null(Alias::new("deactivated_at")));
        alter(manager, statement).await?;
        let mut statement = Table::alter();
        statement.add_column(integer(Alias::new("version")).default(1));
        alter(manager, statement).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut statement = Table::alter();
        statement.drop_column(Alias::new("version"));
        alter(manager, statement).await?;
        let mut statement = Table::alter();
        statement.drop_column(Alias::new("deactivated_at"));
        alter(manager, statement).await
    }
}
