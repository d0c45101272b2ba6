use sea_orm_migration::{prelude::*, schema::*};

/// The last rows an edit form can change without naming the version it was
/// opened at: a budget line's figures for a year, a year's measurement, the
/// transition plan, a partner's answer to a reporting round and an account.
/// Each now counts its versions.
#[derive(DeriveMigrationName)]
pub struct Migration;

const VERSIONED: [&str; 5] = [
    "budget_amounts",
    "indicator_measurements",
    "transition_plans",
    "round_responses",
    "users",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in VERSIONED {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(integer(Alias::new("version")).default(1))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in VERSIONED {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new("version"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
