//! The reference: funding sums computed from the rows themselves, each
//! amount converted on the way by the rule the writes follow. Slow, and
//! used only to check the funding cells (`check-totals`, the differential
//! test); every figure a page shows reads the cells.
//!
//! Filters are SQL over the transactions, as the figures were computed
//! before the cells existed; only conversion and summing are done here.

use chrono::NaiveDate;
use entities::{
    activity, activity_budget_line, activity_participant, activity_priority, activity_sector,
    organisation, planned_disbursement, transaction,
};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition as Where, ConnectionTrait, EntityTrait, JoinType, QueryFilter,
    QuerySelect, RelationTrait, Select,
};

use crate::AppError;
use crate::services::funding::basis::Basis;
use crate::services::funding::sums::{
    Condition, FULL_SHARE, Facet, Flows, Group, Key, Side, Years, measured_kinds, merged,
};
use crate::types::{OrganisationKind, UNALIGNED};

fn t(column: transaction::Column) -> Expr {
    Expr::col((transaction::Entity, column))
}

fn a(column: activity::Column) -> Expr {
    Expr::col((activity::Entity, column))
}

fn ids(ids: &[i32]) -> String {
    let ids: Vec<String> = ids.iter().map(i32::to_string).collect();
    ids.join(", ")
}

/// Activities in which a government ministry or agency takes part.
fn government_sector() -> SimpleExpr {
    let ministries = Query::select()
        .column((
            activity_participant::Entity,
            activity_participant::Column::ActivityId,
        ))
        .from(activity_participant::Entity)
        .inner_join(
            organisation::Entity,
            Expr::col((organisation::Entity, organisation::Column::Id)).equals((
                activity_participant::Entity,
                activity_participant::Column::OrganisationId,
            )),
        )
        .and_where(
            Expr::col((organisation::Entity, organisation::Column::Kind))
                .eq(OrganisationKind::GovernmentMinistry.code()),
        )
        .to_owned();
    a(activity::Column::Id).in_subquery(ministries)
}

fn years<C: ColumnTrait>(column: C, years: Years) -> Where {
    match years {
        Years::All => Where::all(),
        Years::Only(year) => Where::all().add(column.eq(year)),
        Years::UpTo(year) => Where::all().add(column.lte(year)),
    }
}

/// The counted, measured flows of `flows` on `basis`, on its side.
fn base(basis: &Basis, flows: &Flows) -> Select<transaction::Entity> {
    let funds = &basis.funds;
    let mut query = transaction::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, transaction::Relation::Activity.def())
        .filter(transaction::Column::CountryId.eq(basis.country_id))
        .filter(crate::services::funding::activities::counted())
        .filter(transaction::Column::Kind.is_in(measured_kinds()))
        .filter(years(transaction::Column::FiscalYear, flows.years));
    let reported_by_fund = a(activity::Column::ReportingOrgId).is_in(funds.iter().copied());
    let paid_to_fund = t(transaction::Column::ReceiverOrgId).is_in(funds.iter().copied());
    query = match flows.side {
        Side::Source => {
            query.filter(a(activity::Column::ReportingOrgId).is_not_in(funds.iter().copied()))
        }
        Side::Use => query.filter(
            Where::any()
                .add(t(transaction::Column::ReceiverOrgId).is_null())
                .add(t(transaction::Column::ReceiverOrgId).is_not_in(funds.iter().copied()))
                .add(reported_by_fund),
        ),
        Side::Pooled => query.filter(Where::any().add(reported_by_fund).add(paid_to_fund)),
        Side::All => query,
    };
    if let Some(reporter) = flows.reporter {
        query = query.filter(activity::Column::ReportingOrgId.eq(reporter));
    }
    if let Some(kind) = flows.kind {
        query = query.filter(transaction::Column::Kind.eq(kind.number()));
    }
    if flows.government {
        query = query.filter(government_sector());
    }
    if let Some(on_budget) = flows.on_budget {
        let effective = Expr::expr(Func::coalesce([
            t(transaction::Column::OnBudget),
            a(activity::Column::OnBudget),
        ]));
        query = query.filter(if on_budget {
            effective
        } else {
            effective.not()
        });
    }
    query
}

/// The key of each row, in SQL: written inline (ids and column names
/// only), never from input.
fn key(basis: &Basis, flows: &Flows) -> Expr {
    let reporter = "CAST(activities.reporting_org_id AS TEXT)";
    let year = "CAST(transactions.fiscal_year AS TEXT)";
    let mut sql = match flows.key {
        Key::Whole => "CAST(transactions.country_id AS TEXT)".to_string(),
        Key::Reporter => reporter.to_string(),
        Key::FiscalYear => year.to_string(),
        Key::ReporterYear => format!("{reporter} || '|' || {year}"),
        Key::MoneyType => "activities.money_type".to_string(),
        Key::Channel => "activities.channel".to_string(),
        Key::Facet => match flows.facet {
            Facet::Priority => {
                format!("COALESCE(activity_priorities.priority_code, '{UNALIGNED}')")
            }
            Facet::BudgetLine => "CAST(activity_budget_lines.budget_line_id AS TEXT)".to_string(),
            Facet::Sector => "SUBSTR(activity_sectors.sector_code, 1, 3)".to_string(),
            // Made from the currency and the day once converted.
            Facet::Flows | Facet::RateUsed | Facet::RateMissing | Facet::Planned => {
                "''".to_string()
            }
        },
    };
    if !flows.conditions.is_empty() {
        sql.push_str(" || ':'");
    }
    for condition in &flows.conditions {
        let holds = match condition {
            Condition::ToFund if basis.funds.is_empty() => "1 = 0".to_string(),
            Condition::ToFund => format!("transactions.receiver_org_id IN ({})", ids(&basis.funds)),
            Condition::OnTreasury => system("on_treasury"),
            Condition::OnReport => system("on_report"),
            Condition::OnAudit => system("on_audit"),
            Condition::OnProcurement => system("on_procurement"),
        };
        sql.push_str(&format!(" || CASE WHEN {holds} THEN '1' ELSE '0' END"));
    }
    Expr::cust(sql)
}

/// Whether a flow uses a country system: its own answer, else its
/// activity's.
fn system(flag: &str) -> String {
    format!("COALESCE(transactions.{flag}, activities.{flag})")
}

type Row = (String, i16, String, NaiveDate, i64, i32, String, i32);

/// Sums `flows` from the rows.
pub(crate) async fn groups(
    db: &impl ConnectionTrait,
    basis: &Basis,
    flows: &Flows,
) -> Result<Vec<Group>, AppError> {
    if flows.facet == Facet::Planned {
        return planned(db, basis, flows).await;
    }
    let mut query = base(basis, flows);
    let share = match flows.facet {
        Facet::Priority => {
            query = query.join_rev(
                JoinType::LeftJoin,
                activity_priority::Relation::Activity.def(),
            );
            Some(Expr::col((
                activity_priority::Entity,
                activity_priority::Column::ShareBp,
            )))
        }
        Facet::BudgetLine => {
            query = query.join_rev(
                JoinType::InnerJoin,
                activity_budget_line::Relation::Activity.def(),
            );
            Some(Expr::col((
                activity_budget_line::Entity,
                activity_budget_line::Column::ShareBp,
            )))
        }
        Facet::Sector => {
            query = query.join_rev(
                JoinType::InnerJoin,
                activity_sector::Relation::Activity.def(),
            );
            Some(Expr::col((
                activity_sector::Entity,
                activity_sector::Column::ShareBp,
            )))
        }
        Facet::RateUsed | Facet::RateMissing => {
            query = query.filter(transaction::Column::Currency.ne(basis.rates.quote_currency()));
            None
        }
        Facet::Flows | Facet::Planned => None,
    };
    let full = Expr::cust(FULL_SHARE.to_string());
    let on_budget: Expr = Expr::case(
        Expr::expr(Func::coalesce([
            t(transaction::Column::OnBudget),
            a(activity::Column::OnBudget),
        ])),
        Expr::cust("1"),
    )
    .finally(Expr::cust("0"))
    .into();
    let rows = query
        .expr_as(key(basis, flows), "key")
        .expr_as(t(transaction::Column::Kind), "kind")
        .expr_as(t(transaction::Column::Currency), "currency")
        .expr_as(t(transaction::Column::ValueDate), "value_date")
        .expr_as(t(transaction::Column::AmountMinor), "amount")
        .expr_as(on_budget, "on_budget")
        .expr_as(a(activity::Column::Channel), "channel")
        .expr_as(
            match share {
                Some(share) => Func::coalesce([share, full]).into(),
                None => full,
            },
            "share",
        )
        .into_tuple::<Row>()
        .all(db)
        .await?;
    let mut groups = Vec::with_capacity(rows.len());
    for (key, kind, currency, value_date, amount, on_budget, channel, share) in rows {
        let converted = basis.rates.convert(&currency, value_date, amount)?;
        let (key, sum) = match (flows.facet, converted) {
            (Facet::RateUsed, Some((_, day))) => (format!("{currency}|{day}"), 0),
            (Facet::RateMissing, None) => (format!("{currency}|{value_date}"), amount),
            (Facet::RateUsed, None) | (Facet::RateMissing, Some(_)) => continue,
            (_, converted) => (key, converted.map_or(0, |(c, _)| c)),
        };
        groups.push(Group {
            key,
            kind,
            on_budget: on_budget != 0,
            channel,
            scaled: i128::from(sum) * i128::from(share),
            rows: 1,
            unconverted: i64::from(converted.is_none()),
        });
    }
    merged(groups)
}

/// Planned disbursements of `flows`, each converted at the rate of its
/// period's first day.
async fn planned(
    db: &impl ConnectionTrait,
    basis: &Basis,
    flows: &Flows,
) -> Result<Vec<Group>, AppError> {
    let reporter = "CAST(activities.reporting_org_id AS TEXT)";
    let year = "CAST(planned_disbursements.fiscal_year AS TEXT)";
    let key = match flows.key {
        Key::Reporter => reporter.to_string(),
        Key::FiscalYear => year.to_string(),
        Key::ReporterYear => format!("{reporter} || '|' || {year}"),
        _ => "CAST(activities.country_id AS TEXT)".to_string(),
    };
    let mut query = planned_disbursement::Entity::find()
        .select_only()
        .join(
            JoinType::InnerJoin,
            planned_disbursement::Relation::Activity.def(),
        )
        .filter(activity::Column::CountryId.eq(basis.country_id))
        .filter(crate::services::funding::activities::counted())
        .filter(years(planned_disbursement::Column::FiscalYear, flows.years));
    if let Some(reporter) = flows.reporter {
        query = query.filter(activity::Column::ReportingOrgId.eq(reporter));
    }
    if flows.government {
        query = query.filter(government_sector());
    }
    let rows = query
        .expr_as(Expr::cust(key), "key")
        .column(planned_disbursement::Column::Currency)
        .column(planned_disbursement::Column::PeriodStart)
        .column(planned_disbursement::Column::AmountMinor)
        .into_tuple::<(String, String, NaiveDate, i64)>()
        .all(db)
        .await?;
    let mut groups = Vec::with_capacity(rows.len());
    for (key, currency, start, amount) in rows {
        let converted = basis.rates.convert(&currency, start, amount)?;
        groups.push(Group {
            key,
            kind: 0,
            on_budget: false,
            channel: String::new(),
            scaled: i128::from(converted.map_or(0, |(c, _)| c)) * i128::from(FULL_SHARE),
            rows: 1,
            unconverted: i64::from(converted.is_none()),
        });
    }
    merged(groups)
}
