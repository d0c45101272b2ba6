use sea_orm_migration::{prelude::*, schema::*};

/// The compact of mutual commitments: versions, parties, commitments,
/// their progress, and signatures.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Compacts::Table)
                    .col(pk_auto(Compacts::Id))
                    .col(integer(Compacts::CountryId))
                    .col(integer(Compacts::Version))
                    .col(string_len(Compacts::Status, 16))
                    .col(string_len(Compacts::Title, 300))
                    .col(date(Compacts::StartsOn))
                    .col(date(Compacts::EndsOn))
                    .col(text(Compacts::Principles))
                    .col(integer(Compacts::StrategyId))
                    .col(integer_null(Compacts::BasedOnId))
                    .col(string_len_null(Compacts::Sha256, 64))
                    .col(timestamp_with_time_zone(Compacts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compacts_country")
                            .from(Compacts::Table, Compacts::CountryId)
                            .to(Countries::Table, Countries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compacts_strategy")
                            .from(Compacts::Table, Compacts::StrategyId)
                            .to(Strategies::Table, Strategies::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_compacts_country_version")
                    .table(Compacts::Table)
                    .col(Compacts::CountryId)
                    .col(Compacts::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompactParties::Table)
                    .col(integer(CompactParties::CompactId))
                    .col(integer(CompactParties::OrganisationId))
                    .primary_key(
                        Index::create()
                            .col(CompactParties::CompactId)
                            .col(CompactParties::OrganisationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compact_parties_compact")
                            .from(CompactParties::Table, CompactParties::CompactId)
                            .to(Compacts::Table, Compacts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compact_parties_organisation")
                            .from(CompactParties::Table, CompactParties::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Commitments::Table)
                    .col(pk_auto(Commitments::Id))
                    .col(integer(Commitments::CompactId))
                    .col(integer(Commitments::PartyId))
                    .col(string_len(Commitments::Kind, 16))
                    .col(string_len(Commitments::Category, 32))
                    .col(text(Commitments::Text))
                    .col(string_len(Commitments::PriorityCode, 16))
                    .col(string_len_null(Commitments::Indicator, 300))
                    .col(date(Commitments::DueOn))
                    .col(string_len(Commitments::ResponsibleOffice, 200))
                    .col(string_len(Commitments::Status, 16))
                    .col(text_null(Commitments::StatusReason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_commitments_compact")
                            .from(Commitments::Table, Commitments::CompactId)
                            .to(Compacts::Table, Compacts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_commitments_party")
                            .from(Commitments::Table, Commitments::PartyId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommitmentProgress::Table)
                    .col(pk_auto(CommitmentProgress::Id))
                    .col(integer(CommitmentProgress::CommitmentId))
                    .col(integer(CommitmentProgress::AuthorId))
                    .col(date(CommitmentProgress::OnDate))
                    .col(text(CommitmentProgress::Text))
                    .col(string_len_null(CommitmentProgress::EvidenceUrl, 500))
                    .col(timestamp_with_time_zone(CommitmentProgress::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_commitment_progress_commitment")
                            .from(CommitmentProgress::Table, CommitmentProgress::CommitmentId)
                            .to(Commitments::Table, Commitments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_commitment_progress_author")
                            .from(CommitmentProgress::Table, CommitmentProgress::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompactSignatures::Table)
                    .col(pk_auto(CompactSignatures::Id))
                    .col(integer(CompactSignatures::CompactId))
                    .col(integer(CompactSignatures::OrganisationId))
                    .col(integer(CompactSignatures::UserId))
                    .col(string_len(CompactSignatures::Sha256, 64))
                    .col(timestamp_with_time_zone(CompactSignatures::SignedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compact_signatures_compact")
                            .from(CompactSignatures::Table, CompactSignatures::CompactId)
                            .to(Compacts::Table, Compacts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compact_signatures_organisation")
                            .from(CompactSignatures::Table, CompactSignatures::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_compact_signatures_user")
                            .from(CompactSignatures::Table, CompactSignatures::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_compact_signatures_party")
                    .table(CompactSignatures::Table)
                    .col(CompactSignatures::CompactId)
                    .col(CompactSignatures::OrganisationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CompactSignatures::Table.into_iden(),
            CommitmentProgress::Table.into_iden(),
            Commitments::Table.into_iden(),
            CompactParties::Table.into_iden(),
            Compacts::Table.into_iden(),
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
enum Strategies {
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
enum Compacts {
    Table,
    Id,
    CountryId,
    Version,
    Status,
    Title,
    StartsOn,
    EndsOn,
    Principles,
    StrategyId,
    BasedOnId,
    Sha256,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CompactParties {
    Table,
    CompactId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Commitments {
    Table,
    Id,
    CompactId,
    PartyId,
    Kind,
    Category,
    Text,
    PriorityCode,
    Indicator,
    DueOn,
    ResponsibleOffice,
    Status,
    StatusReason,
}

#[derive(DeriveIden)]
enum CommitmentProgress {
    Table,
    Id,
    CommitmentId,
    AuthorId,
    OnDate,
    Text,
    EvidenceUrl,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CompactSignatures {
    Table,
    Id,
    CompactId,
    OrganisationId,
    UserId,
    Sha256,
    SignedAt,
}
