use sea_orm_migration::{prelude::*, schema::*};

/// Peace agreements and their numbered provisions (per strategy version),
/// what each priority implements and who supports it, and the priority a
/// transition function serves.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PeaceAgreements::Table)
                    .col(pk_auto(PeaceAgreements::Id))
                    .col(integer(PeaceAgreements::StrategyId))
                    .col(string_len(PeaceAgreements::Title, 300))
                    .col(date_null(PeaceAgreements::SignedOn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_peace_agreements_strategy")
                            .from(PeaceAgreements::Table, PeaceAgreements::StrategyId)
                            .to(Strategies::Table, Strategies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Provisions::Table)
                    .col(pk_auto(Provisions::Id))
                    .col(integer(Provisions::AgreementId))
                    .col(string_len(Provisions::Number, 16))
                    .col(text(Provisions::Text))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_provisions_agreement")
                            .from(Provisions::Table, Provisions::AgreementId)
                            .to(PeaceAgreements::Table, PeaceAgreements::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_provisions_agreement_number")
                    .table(Provisions::Table)
                    .col(Provisions::AgreementId)
                    .col(Provisions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PriorityProvisions::Table)
                    .col(integer(PriorityProvisions::PriorityId))
                    .col(integer(PriorityProvisions::ProvisionId))
                    .primary_key(
                        Index::create()
                            .col(PriorityProvisions::PriorityId)
                            .col(PriorityProvisions::ProvisionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priority_provisions_priority")
                            .from(PriorityProvisions::Table, PriorityProvisions::PriorityId)
                            .to(Priorities::Table, Priorities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priority_provisions_provision")
                            .from(PriorityProvisions::Table, PriorityProvisions::ProvisionId)
                            .to(Provisions::Table, Provisions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PriorityPartners::Table)
                    .col(integer(PriorityPartners::PriorityId))
                    .col(integer(PriorityPartners::OrganisationId))
                    .primary_key(
                        Index::create()
                            .col(PriorityPartners::PriorityId)
                            .col(PriorityPartners::OrganisationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priority_partners_priority")
                            .from(PriorityPartners::Table, PriorityPartners::PriorityId)
                            .to(Priorities::Table, Priorities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_priority_partners_organisation")
                            .from(PriorityPartners::Table, PriorityPartners::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TransitionFunctions::Table)
                    .add_column(string_len_null(TransitionFunctions::PriorityCode, 16))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TransitionFunctions::Table)
                    .drop_column(TransitionFunctions::PriorityCode)
                    .to_owned(),
            )
            .await?;
        for table in [
            PriorityPartners::Table.into_iden(),
            PriorityProvisions::Table.into_iden(),
            Provisions::Table.into_iden(),
            PeaceAgreements::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Strategies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Priorities {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PeaceAgreements {
    Table,
    Id,
    StrategyId,
    Title,
    SignedOn,
}

#[derive(DeriveIden)]
enum Provisions {
    Table,
    Id,
    AgreementId,
    Number,
    Text,
}

#[derive(DeriveIden)]
enum PriorityProvisions {
    Table,
    PriorityId,
    ProvisionId,
}

#[derive(DeriveIden)]
enum PriorityPartners {
    Table,
    PriorityId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum TransitionFunctions {
    Table,
    PriorityCode,
}
