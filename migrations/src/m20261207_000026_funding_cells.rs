use sea_orm_migration::{prelude::*, schema::*};

/// Amounts converted when written, and the sums every funding figure is
/// read from.
///
/// Each transaction and planned disbursement keeps its amount in the
/// country's reporting currency (hundredths, rounded half away from zero)
/// and the date of the rate that converted it; both stay empty while no
/// rate covers it.
///
/// `funding_cells` sums a country's counted flows by everything a funding
/// view or an indicator groups or filters on. `funding_parts` keeps each
/// activity's part of those sums (one row per activity), so that a write
/// to an activity replaces its part and moves the country's sums by the
/// difference. A part outlives its activity until that difference is
/// taken, so it names the activity without a foreign key.
#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns both kinds of flow gain.
#[derive(DeriveIden)]
enum Converted {
    ConvertedMinor,
    RateDate,
}

#[derive(DeriveIden)]
enum FundingParts {
    Table,
    ActivityId,
    CountryId,
    Cells,
}

const FLOW_TABLES: [&str; 2] = ["transactions", "planned_disbursements"];

#[derive(DeriveIden)]
enum FundingCells {
    Table,
    Id,
    CountryId,
    Facet,
    FacetKey,
    FiscalYear,
    ReporterId,
    Kind,
    ToFund,
    OnBudget,
    Channel,
    MoneyType,
    Government,
    OnTreasury,
    OnReport,
    OnAudit,
    OnProcurement,
    AmountHigh,
    AmountLow,
    Rows,
    Unconverted,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for table in FLOW_TABLES {
            for column in [
                big_integer_null(Converted::ConvertedMinor),
                date_null(Converted::RateDate),
            ] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Alias::new(table))
                            .add_column(column)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        manager
            .create_table(
                Table::create()
                    .table(FundingCells::Table)
                    .col(pk_auto(FundingCells::Id))
                    .col(integer(FundingCells::CountryId))
                    .col(small_integer(FundingCells::Facet))
                    .col(string_len(FundingCells::FacetKey, 64))
                    .col(integer(FundingCells::FiscalYear))
                    .col(integer(FundingCells::ReporterId))
                    .col(small_integer(FundingCells::Kind))
                    .col(boolean(FundingCells::ToFund))
                    .col(boolean(FundingCells::OnBudget))
                    .col(string_len(FundingCells::Channel, 32))
                    .col(string_len(FundingCells::MoneyType, 32))
                    .col(boolean(FundingCells::Government))
                    .col(boolean(FundingCells::OnTreasury))
                    .col(boolean(FundingCells::OnReport))
                    .col(boolean(FundingCells::OnAudit))
                    .col(boolean(FundingCells::OnProcurement))
                    .col(big_integer(FundingCells::AmountHigh))
                    .col(big_integer(FundingCells::AmountLow))
                    .col(big_integer(FundingCells::Rows))
                    .col(big_integer(FundingCells::Unconverted))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FundingCells::Table, FundingCells::CountryId)
                            .to(Alias::new("countries"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("funding_cells_key")
                    .table(FundingCells::Table)
                    .col(FundingCells::CountryId)
                    .col(FundingCells::Facet)
                    .col(FundingCells::FiscalYear)
                    .col(FundingCells::FacetKey)
                    .col(FundingCells::ReporterId)
                    .col(FundingCells::Kind)
                    .col(FundingCells::ToFund)
                    .col(FundingCells::OnBudget)
                    .col(FundingCells::Channel)
                    .col(FundingCells::MoneyType)
                    .col(FundingCells::Government)
                    .col(FundingCells::OnTreasury)
                    .col(FundingCells::OnReport)
                    .col(FundingCells::OnAudit)
                    .col(FundingCells::OnProcurement)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FundingParts::Table)
                    .col(integer(FundingParts::ActivityId).primary_key())
                    .col(integer(FundingParts::CountryId))
                    .col(text(FundingParts::Cells))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FundingParts::Table, FundingParts::CountryId)
                            .to(Alias::new("countries"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("funding_parts_country")
                    .table(FundingParts::Table)
                    .col(FundingParts::CountryId)
                    .to_owned(),
            )
            .await?;
        // Existing amounts are converted, and the sums built, when the
        // server starts.
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FundingParts::Table.into_iden(),
            FundingCells::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for table in FLOW_TABLES {
            for column in [Converted::ConvertedMinor, Converted::RateDate] {
                manager
                    .alter_table(
                        Table::alter()
                            .table(Alias::new(table))
                            .drop_column(column)
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }
}
