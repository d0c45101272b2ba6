use sea_orm_migration::{prelude::*, schema::*};

/// Exchange rates belong to a country, which corrects them: each country's
/// rates come from its own central bank or ministry. Every existing rate
/// goes to each country whose reporting currency it converts to; a rate no
/// country uses is dropped. Rates count their versions, so an edit names
/// the version it was opened at.
///
/// SQLite cannot add a foreign key to a table, so the table is rebuilt:
/// created anew, filled, the old one dropped and the new one renamed.
#[derive(DeriveMigrationName)]
pub struct Migration;

const RATES: &str = "exchange_rates";
const REBUILT: &str = "exchange_rates_rebuilt";
const DAY_INDEX: &str = "ux_exchange_rates_day";

fn a(name: &str) -> Alias {
    Alias::new(name)
}

/// The rates table as it was before this migration, under `name`.
fn shared_table(name: &str) -> TableCreateStatement {
    Table::create()
        .table(a(name))
        .col(pk_auto(a("id")))
        .col(string_len(a("currency"), 3))
        .col(string_len(a("quote_currency"), 3))
        .col(date(a("rate_date")))
        .col(string_len(a("rate"), 40))
        .col(string_len(a("source"), 200))
        .to_owned()
}

/// The rates table of this migration, under `name`.
fn country_table(name: &str) -> TableCreateStatement {
    Table::create()
        .table(a(name))
        .col(pk_auto(a("id")))
        .col(integer(a("country_id")))
        .col(string_len(a("currency"), 3))
        .col(string_len(a("quote_currency"), 3))
        .col(date(a("rate_date")))
        .col(string_len(a("rate"), 40))
        .col(string_len(a("source"), 200))
        .col(integer(a("version")).default(1))
        .foreign_key(
            ForeignKey::create()
                .name("fk_exchange_rates_country")
                .from(a(name), a("country_id"))
                .to(a("countries"), a("id"))
                .on_delete(ForeignKeyAction::Cascade),
        )
        .to_owned()
}

/// Drops the rates table and puts `replacement` in its place, with the
/// unique index over `day_columns`.
async fn replace(
    manager: &SchemaManager<'_>,
    replacement: &str,
    day_columns: &[&str],
) -> Result<(), DbErr> {
    manager
        .drop_table(Table::drop().table(a(RATES)).to_owned())
        .await?;
    manager
        .rename_table(Table::rename().table(a(replacement), a(RATES)).to_owned())
        .await?;
    let mut index = Index::create();
    index.name(DAY_INDEX).table(a(RATES)).unique();
    for column in day_columns {
        index.col(a(column));
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on every backend: the rebuild is all or nothing, and
    /// runs on one connection, so that SQLite sees the old table gone before
    /// the new one takes its name.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(country_table(REBUILT)).await?;
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO {REBUILT} \
                 (country_id, currency, quote_currency, rate_date, rate, source, version) \
                 SELECT c.id, r.currency, r.quote_currency, r.rate_date, r.rate, r.source, 1 \
                 FROM {RATES} r JOIN countries c ON c.currency = r.quote_currency \
                 ORDER BY c.id, r.id"
            ))
            .await?;
        replace(
            manager,
            REBUILT,
            &["country_id", "currency", "quote_currency", "rate_date"],
        )
        .await
    }

    /// Back to one set of rates for the instance: of the countries' rates
    /// for the same currency and day, the oldest row's is kept.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(shared_table(REBUILT)).await?;
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "INSERT INTO {REBUILT} (currency, quote_currency, rate_date, rate, source) \
                 SELECT r.currency, r.quote_currency, r.rate_date, r.rate, r.source \
                 FROM {RATES} r WHERE r.id = (SELECT MIN(o.id) FROM {RATES} o \
                 WHERE o.currency = r.currency AND o.quote_currency = r.quote_currency \
                 AND o.rate_date = r.rate_date) \
                 ORDER BY r.id"
            ))
            .await?;
        replace(
            manager,
            REBUILT,
            &["currency", "quote_currency", "rate_date"],
        )
        .await
    }
}
