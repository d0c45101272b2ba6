//! Funding sums read from the country's cells.

use entities::funding_cell;
use sea_orm::sea_query::{Alias, Expr, Func};
use sea_orm::{
    ColumnTrait, Condition as Where, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::SPLIT;
use crate::AppError;
use crate::services::funding::basis::Basis;
use crate::services::funding::sums::{Condition, Facet, Flows, Group, Key, Side, Years, merged};

/// The key of each cell, in SQL: column names only, written inline so
/// that PostgreSQL matches the grouping to the selection.
fn key(flows: &Flows) -> Expr {
    let mut sql = match flows.key {
        Key::Whole => "CAST(country_id AS TEXT)",
        Key::Reporter => "CAST(reporter_id AS TEXT)",
        Key::FiscalYear => "CAST(fiscal_year AS TEXT)",
        Key::ReporterYear => "CAST(reporter_id AS TEXT) || '|' || CAST(fiscal_year AS TEXT)",
        Key::MoneyType => "money_type",
        Key::Channel => "channel",
        Key::Facet => "facet_key",
    }
    .to_string();
    if !flows.conditions.is_empty() {
        sql.push_str(" || ':'");
    }
    for condition in &flows.conditions {
        let column = match condition {
            Condition::ToFund => "to_fund",
            Condition::OnTreasury => "on_treasury",
            Condition::OnReport => "on_report",
            Condition::OnAudit => "on_audit",
            Condition::OnProcurement => "on_procurement",
        };
        sql.push_str(&format!(" || CASE WHEN {column} THEN '1' ELSE '0' END"));
    }
    Expr::cust(sql)
}

fn sum(column: funding_cell::Column) -> Expr {
    Func::cast_as(Func::sum(Expr::col(column)), Alias::new("BIGINT")).into()
}

/// Sums `flows` from the cells.
pub(crate) async fn groups(
    db: &impl ConnectionTrait,
    basis: &Basis,
    flows: &Flows,
) -> Result<Vec<Group>, AppError> {
    use funding_cell::Column as C;
    let funds = basis.funds.iter().copied();
    let mut query = funding_cell::Entity::find()
        .select_only()
        .filter(C::CountryId.eq(basis.country_id))
        .filter(C::Facet.eq(flows.facet.code()));
    query = match flows.years {
        Years::All => query,
        Years::Only(year) => query.filter(C::FiscalYear.eq(year)),
        Years::UpTo(year) => query.filter(C::FiscalYear.lte(year)),
    };
    query = match flows.side {
        Side::Source => query.filter(C::ReporterId.is_not_in(funds)),
        Side::Use => query.filter(
            Where::any()
                .add(C::ToFund.eq(false))
                .add(C::ReporterId.is_in(funds)),
        ),
        Side::Pooled => query.filter(
            Where::any()
                .add(C::ToFund.eq(true))
                .add(C::ReporterId.is_in(funds)),
        ),
        Side::All => query,
    };
    if let Some(reporter) = flows.reporter {
        query = query.filter(C::ReporterId.eq(reporter));
    }
    if let Some(kind) = flows.kind {
        query = query.filter(C::Kind.eq(kind.number()));
    }
    if flows.government {
        query = query.filter(C::Government.eq(true));
    }
    if let Some(on_budget) = flows.on_budget {
        query = query.filter(C::OnBudget.eq(on_budget));
    }
    let key = key(flows);
    let rows = query
        .expr_as(key.clone(), "key")
        .column(C::Kind)
        .column(C::OnBudget)
        .column(C::Channel)
        .expr_as(sum(C::AmountHigh), "high")
        .expr_as(sum(C::AmountLow), "low")
        .expr_as(sum(C::Rows), "row_count")
        .expr_as(sum(C::Unconverted), "unconverted")
        .group_by(key)
        .group_by(C::Kind)
        .group_by(C::OnBudget)
        .group_by(C::Channel)
        .into_tuple::<(String, i16, bool, String, i64, i64, i64, i64)>()
        .all(db)
        .await?;
    merged(rows.into_iter().map(
        |(key, kind, on_budget, channel, high, low, rows, unconverted)| Group {
            key,
            kind,
            on_budget,
            channel,
            scaled: i128::from(high) * SPLIT + i128::from(low),
            rows,
            unconverted,
        },
    ))
}

/// The fiscal years in which a country has counted flows, oldest first.
pub(crate) async fn fiscal_years(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<i32>, AppError> {
    use funding_cell::Column as C;
    Ok(funding_cell::Entity::find()
        .select_only()
        .column(C::FiscalYear)
        .filter(C::CountryId.eq(country_id))
        .filter(C::Facet.eq(Facet::Flows.code()))
        .distinct()
        .order_by_asc(C::FiscalYear)
        .into_tuple::<i32>()
        .all(db)
        .await?)
}
