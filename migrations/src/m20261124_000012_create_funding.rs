use sea_orm_migration::{prelude::*, schema::*};

/// Funding flows: partners' activities and their transactions, planned
/// disbursements, exchange rates, the national budget and reporting rounds.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    name: &str,
    from: (Alias, Alias),
    to: (Alias, Alias),
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.name(name).from(from.0, from.1).to(to.0, to.1);
    if cascade {
        key.on_delete(ForeignKeyAction::Cascade);
    }
    key.to_owned()
}

fn a(name: &str) -> Alias {
    Alias::new(name)
}

fn col(table: &str, column: &str) -> (Alias, Alias) {
    (a(table), a(column))
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: &str,
    columns: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(a(table));
    for column in columns {
        index.col(a(column));
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("exchange_rates"))
                    .col(pk_auto(a("id")))
                    .col(string_len(a("currency"), 3))
                    .col(string_len(a("quote_currency"), 3))
                    .col(date(a("rate_date")))
                    .col(string_len(a("rate"), 40))
                    .col(string_len(a("source"), 200))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_exchange_rates_day",
            "exchange_rates",
            &["currency", "quote_currency", "rate_date"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("budget_lines"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("country_id")))
                    .col(string_len(a("code"), 40))
                    .col(string_len(a("name"), 200))
                    .col(string_len(a("admin_unit"), 200))
                    .col(string_len(a("function_name"), 200))
                    .col(boolean(a("security")))
                    .col(string_len_null(a("sector_code"), 5))
                    .col(integer_null(a("parent_id")))
                    .foreign_key(&mut fk(
                        "fk_budget_lines_country",
                        col("budget_lines", "country_id"),
                        col("countries", "id"),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_budget_lines_parent",
                        col("budget_lines", "parent_id"),
                        col("budget_lines", "id"),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_budget_lines_code",
            "budget_lines",
            &["country_id", "code"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("budget_amounts"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("budget_line_id")))
                    .col(integer(a("fiscal_year")))
                    .col(big_integer(a("appropriation_minor")))
                    .col(big_integer(a("expected_external_minor")))
                    .col(big_integer(a("execution_minor")))
                    .foreign_key(&mut fk(
                        "fk_budget_amounts_line",
                        col("budget_amounts", "budget_line_id"),
                        col("budget_lines", "id"),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_budget_amounts_year",
            "budget_amounts",
            &["budget_line_id", "fiscal_year"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("activities"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("country_id")))
                    .col(integer(a("reporting_org_id")))
                    .col(string_len_null(a("iati_identifier"), 200))
                    .col(string_len(a("title"), 300))
                    .col(text(a("description")))
                    .col(small_integer(a("status")))
                    .col(date_null(a("planned_start")))
                    .col(date_null(a("planned_end")))
                    .col(date_null(a("actual_start")))
                    .col(date_null(a("actual_end")))
                    .col(string_len(a("money_type"), 16))
                    .col(string_len_null(a("aid_type"), 8))
                    .col(string_len_null(a("finance_type"), 8))
                    .col(string_len_null(a("earmarking"), 4))
                    .col(string_len(a("channel"), 2))
                    .col(string_len(a("default_currency"), 3))
                    .col(boolean(a("on_plan")))
                    .col(boolean(a("on_budget")))
                    .col(boolean(a("on_treasury")))
                    .col(boolean(a("on_parliament")))
                    .col(boolean(a("on_procurement")))
                    .col(boolean(a("on_accounting")))
                    .col(boolean(a("on_audit")))
                    .col(boolean(a("on_report")))
                    .col(boolean(a("published")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(&mut fk(
                        "fk_activities_country",
                        col("activities", "country_id"),
                        col("countries", "id"),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_activities_reporter",
                        col("activities", "reporting_org_id"),
                        col("organisations", "id"),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_activities_identifier",
            "activities",
            &["country_id", "iati_identifier"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_activities_reporter",
            "activities",
            &["reporting_org_id"],
            false,
        )
        .await?;

        for (table, key, key_type) in [
            ("activity_participants", "organisation_id", "org"),
            ("activity_sectors", "sector_code", "code"),
            ("activity_priorities", "priority_code", "code"),
            ("activity_budget_lines", "budget_line_id", "line"),
        ] {
            let mut create = Table::create();
            create
                .table(a(table))
                .col(pk_auto(a("id")))
                .col(integer(a("activity_id")))
                .foreign_key(&mut fk(
                    &format!("fk_{table}_activity"),
                    col(table, "activity_id"),
                    col("activities", "id"),
                    true,
                ));
            match key_type {
                "org" => {
                    create
                        .col(integer(a(key)))
                        .col(small_integer(a("role")))
                        .foreign_key(&mut fk(
                            &format!("fk_{table}_organisation"),
                            col(table, key),
                            col("organisations", "id"),
                            false,
                        ));
                }
                "line" => {
                    create
                        .col(integer(a(key)))
                        .col(integer(a("share_bp")))
                        .foreign_key(&mut fk(
                            &format!("fk_{table}_line"),
                            col(table, key),
                            col("budget_lines", "id"),
                            false,
                        ));
                }
                _ => {
                    create
                        .col(string_len(a(key), 20))
                        .col(integer(a("share_bp")));
                }
            }
            manager.create_table(create.to_owned()).await?;
            index(
                manager,
                &format!("ix_{table}_activity"),
                table,
                &["activity_id"],
                false,
            )
            .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(a("transactions"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("country_id")))
                    .col(integer(a("activity_id")))
                    .col(small_integer(a("kind")))
                    .col(date(a("transaction_date")))
                    .col(date(a("value_date")))
                    .col(big_integer(a("amount_minor")))
                    .col(string_len(a("currency"), 3))
                    .col(integer(a("fiscal_year")))
                    .col(integer_null(a("provider_org_id")))
                    .col(integer_null(a("receiver_org_id")))
                    .col(integer_null(a("provider_activity_id")))
                    .col(string_len(a("description"), 300))
                    .col(boolean_null(a("on_budget")))
                    .col(boolean_null(a("on_treasury")))
                    .col(boolean_null(a("on_procurement")))
                    .col(boolean_null(a("on_accounting")))
                    .col(boolean_null(a("on_audit")))
                    .col(boolean_null(a("on_report")))
                    .foreign_key(&mut fk(
                        "fk_transactions_country",
                        col("transactions", "country_id"),
                        col("countries", "id"),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_transactions_activity",
                        col("transactions", "activity_id"),
                        col("activities", "id"),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_transactions_provider",
                        col("transactions", "provider_org_id"),
                        col("organisations", "id"),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_transactions_receiver",
                        col("transactions", "receiver_org_id"),
                        col("organisations", "id"),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_transactions_year",
            "transactions",
            &["country_id", "fiscal_year", "kind"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_transactions_activity",
            "transactions",
            &["activity_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("planned_disbursements"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("activity_id")))
                    .col(date(a("period_start")))
                    .col(date(a("period_end")))
                    .col(big_integer(a("amount_minor")))
                    .col(string_len(a("currency"), 3))
                    .col(integer(a("fiscal_year")))
                    .foreign_key(&mut fk(
                        "fk_planned_disbursements_activity",
                        col("planned_disbursements", "activity_id"),
                        col("activities", "id"),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_planned_disbursements_activity",
            "planned_disbursements",
            &["activity_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(a("reporting_rounds"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("country_id")))
                    .col(string_len(a("title"), 200))
                    .col(integer(a("fiscal_year")))
                    .col(date(a("opened_on")))
                    .col(date(a("due_on")))
                    .col(date_null(a("closed_on")))
                    .foreign_key(&mut fk(
                        "fk_reporting_rounds_country",
                        col("reporting_rounds", "country_id"),
                        col("countries", "id"),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(a("round_responses"))
                    .col(pk_auto(a("id")))
                    .col(integer(a("round_id")))
                    .col(integer(a("organisation_id")))
                    .col(string_len(a("status"), 20))
                    .col(integer(a("user_id")))
                    .col(timestamp_with_time_zone(a("at")))
                    .foreign_key(&mut fk(
                        "fk_round_responses_round",
                        col("round_responses", "round_id"),
                        col("reporting_rounds", "id"),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_round_responses_organisation",
                        col("round_responses", "organisation_id"),
                        col("organisations", "id"),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_round_responses_user",
                        col("round_responses", "user_id"),
                        col("users", "id"),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_round_responses_party",
            "round_responses",
            &["round_id", "organisation_id"],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "round_responses",
            "reporting_rounds",
            "planned_disbursements",
            "transactions",
            "activity_budget_lines",
            "activity_priorities",
            "activity_sectors",
            "activity_participants",
            "activities",
            "budget_amounts",
            "budget_lines",
            "exchange_rates",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
