//! The sums every funding figure is built from: flows selected by country,
//! year and side (where money comes from or goes), grouped in SQL by a key
//! and by everything their conversion needs, then tallied in Rust. The
//! funding report, the budget page and the indicators share them.

use chrono::NaiveDate;
use entities::{activity, organisation, transaction};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect,
    RelationTrait, Select,
};

use crate::AppError;
use crate::services::funding::rates::RateTable;
use crate::types::{Channel, Measure, OrganisationKind, Totals, TransactionKind};

/// A share of 100% in hundredths of a percent: amounts are summed as
/// minor units times shares, so six decimal places in all.
pub(crate) const SHARE_SCALE: u32 = 4;
pub(crate) const FULL_SHARE: i64 = 10_000;

pub(crate) fn measured_kinds() -> Vec<i16> {
    TransactionKind::ALL
        .iter()
        .filter(|k| k.measure().is_some())
        .map(|k| k.number())
        .collect()
}

pub(crate) fn t(column: transaction::Column) -> Expr {
    Expr::col((transaction::Entity, column))
}

pub(crate) fn a(column: activity::Column) -> Expr {
    Expr::col((activity::Entity, column))
}

pub(crate) fn text(expr: Expr) -> Expr {
    Func::cast_as(expr, Alias::new("TEXT")).into()
}

/// Which flows a query counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Where money comes from: direct flows and contributions to funds.
    Source,
    /// Where money goes: direct flows and the funds' allocations.
    Use,
    /// Contributions and allocations only, to find what funds still hold.
    Pooled,
    /// Every measured flow: the rates and gaps in conversion.
    All,
}

/// A country and an optional fiscal year.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub country_id: i32,
    pub fiscal_year: Option<i32>,
}

pub(crate) fn base(scope: Scope, side: Side, funds: &[i32]) -> Select<transaction::Entity> {
    let mut query = transaction::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, transaction::Relation::Activity.def())
        .filter(transaction::Column::CountryId.eq(scope.country_id))
        .filter(crate::services::funding::activities::counted())
        .filter(transaction::Column::Kind.is_in(measured_kinds()));
    if let Some(year) = scope.fiscal_year {
        query = query.filter(transaction::Column::FiscalYear.eq(year));
    }
    let reported_by_fund = a(activity::Column::ReportingOrgId).is_in(funds.iter().copied());
    let paid_to_fund = t(transaction::Column::ReceiverOrgId).is_in(funds.iter().copied());
    match side {
        Side::Source => {
            query.filter(a(activity::Column::ReportingOrgId).is_not_in(funds.iter().copied()))
        }
        Side::Use => query.filter(
            Condition::any()
                .add(t(transaction::Column::ReceiverOrgId).is_null())
                .add(t(transaction::Column::ReceiverOrgId).is_not_in(funds.iter().copied()))
                .add(reported_by_fund),
        ),
        Side::Pooled => query.filter(Condition::any().add(reported_by_fund).add(paid_to_fund)),
        Side::All => query,
    }
}

/// A grouping key with one value: the country (PostgreSQL refuses to group
/// by a constant).
pub(crate) fn whole_country() -> Expr {
    text(t(transaction::Column::CountryId))
}

/// The date of the rate a flow converts with, in SQL: the latest of the
/// country's rates (those of `rates`) for its currency on or before its
/// value date; NULL when there is none (or the flow is in the reporting
/// currency).
/// Grouping by it rather than by value date keeps the groups few: one per
/// rate, not one per day.
///
/// The country and currency are written inline (see [`groups`]), so the
/// currency is checked to be a currency code first.
pub(crate) fn rate_date(rates: &RateTable) -> Result<Expr, AppError> {
    let (country_id, quote_currency) = (rates.country_id(), rates.quote_currency());
    if quote_currency.len() != 3 || !quote_currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(AppError::internal(format!(
            "reporting currency {quote_currency:?} is not a currency code"
        )));
    }
    Ok(Expr::cust(format!(
        "(SELECT MAX(r.rate_date) FROM exchange_rates r \
         WHERE r.country_id = {country_id} \
         AND r.currency = transactions.currency \
         AND r.quote_currency = '{quote_currency}' \
         AND r.rate_date <= transactions.value_date)"
    )))
}

/// One group of flows as SQL returns it.
#[derive(Debug)]
pub(crate) struct Group {
    pub key: String,
    kind: i16,
    currency: String,
    /// The date of the rate to convert with; `None`: no rate (or none needed).
    rate_date: Option<NaiveDate>,
    on_budget: bool,
    channel: String,
    /// The sum of the group's amounts in minor units times the group's
    /// share (10 000 = all of it).
    scaled: i128,
    count: i64,
}

/// Amounts are summed in SQL in two parts, the high and the low 32 bits of
/// their minor units, so that neither sum can overflow a 64-bit integer on
/// either database however many rows there are; Rust joins them in 128 bits.
const SPLIT: i64 = 1 << 32;

/// Constants in a grouping key are written inline (`Expr::cust`), not as
/// parameters: PostgreSQL matches a GROUP BY expression to the selected one
/// only when they read the same.
///
/// Sums `query`'s flows by `key` and everything conversion needs; with
/// `share`, the amounts are grouped by that column too (hundredths of a
/// percent, a missing share counting as all) and weighted by it in Rust.
pub(crate) async fn groups(
    db: &impl ConnectionTrait,
    query: Select<transaction::Entity>,
    key: Expr,
    share: Option<Expr>,
    rates: &RateTable,
) -> Result<Vec<Group>, AppError> {
    let rate_date = rate_date(rates)?;
    let full = Expr::cust(FULL_SHARE.to_string());
    let weighted = share.is_some();
    let share: Expr = match share {
        Some(share) => Func::coalesce([share, full]).into(),
        None => full,
    };
    let split = Expr::cust(SPLIT.to_string());
    let amount = t(transaction::Column::AmountMinor);
    let high = Func::cast_as(
        Func::sum(amount.clone().div(split.clone())),
        Alias::new("BIGINT"),
    );
    let low = Func::cast_as(Func::sum(amount.modulo(split)), Alias::new("BIGINT"));
    let on_budget: Expr = Expr::case(
        Expr::expr(Func::coalesce([
            t(transaction::Column::OnBudget),
            a(activity::Column::OnBudget),
        ])),
        Expr::cust("1"),
    )
    .finally(Expr::cust("0"))
    .into();
    let mut query = query
        .expr_as(key.clone(), "key")
        .expr_as(t(transaction::Column::Kind), "kind")
        .expr_as(t(transaction::Column::Currency), "currency")
        .expr_as(rate_date.clone(), "rate_day")
        .expr_as(on_budget.clone(), "on_budget")
        .expr_as(a(activity::Column::Channel), "channel")
        .expr_as(share.clone(), "share")
        .expr_as(high, "high")
        .expr_as(low, "low")
        .expr_as(Func::count(t(transaction::Column::Id)), "n")
        .group_by(key)
        .group_by(t(transaction::Column::Kind))
        .group_by(t(transaction::Column::Currency))
        .group_by(rate_date)
        .group_by(on_budget)
        .group_by(a(activity::Column::Channel));
    // PostgreSQL reads a constant in GROUP BY as a column's position.
    if weighted {
        query = query.group_by(share);
    }
    let rows = query
        .into_tuple::<(
            String,
            i16,
            String,
            Option<NaiveDate>,
            i32,
            String,
            i32,
            i64,
            i64,
            i64,
        )>()
        .all(db)
        .await?;
    rows.into_iter()
        .map(
            |(key, kind, currency, rate_date, on_budget, channel, share, high, low, count)| {
                let minor = i128::from(high) * i128::from(SPLIT) + i128::from(low);
                let scaled = minor.checked_mul(i128::from(share)).ok_or_else(|| {
                    AppError::OutOfRange(format!("the sum of {count} flows in {currency}"))
                })?;
                Ok(Group {
                    key,
                    kind,
                    currency,
                    rate_date,
                    on_budget: on_budget != 0,
                    channel,
                    scaled,
                    count,
                })
            },
        )
        .collect()
}

/// The ids of a country's pooled funds.
pub(crate) async fn pooled_funds(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<i32>, AppError> {
    Ok(organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::CountryId.eq(country_id))
        .filter(organisation::Column::Kind.eq(OrganisationKind::PooledFund.code()))
        .into_tuple::<i32>()
        .all(db)
        .await?)
}

/// Totals of one row, still unrounded.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tally {
    pub totals: Totals,
    pub on_budget_disbursed: Decimal,
    pub outside_government_disbursed: Decimal,
    pub unconverted: u32,
}

impl Tally {
    /// Adds a group's converted amount, times `sign`; a sum too large to
    /// hold is reported, never wrapped.
    pub fn add(&mut self, group: &Group, rates: &RateTable, sign: Decimal) -> Result<(), AppError> {
        let Some(measure) = TransactionKind::from_number(group.kind).and_then(|k| k.measure())
        else {
            return Ok(());
        };
        let date = group.rate_date.unwrap_or(NaiveDate::MIN);
        let Some(rate) = rates.rate(&group.currency, date) else {
            self.unconverted = self
                .unconverted
                .saturating_add(u32::try_from(group.count).unwrap_or(u32::MAX));
            return Ok(());
        };
        let too_large = || {
            AppError::OutOfRange(format!(
                "the sum of {} flows in {}",
                group.count, group.currency
            ))
        };
        let amount = Decimal::try_from_i128_with_scale(group.scaled, 2 + SHARE_SCALE)
            .ok()
            .and_then(|a| a.checked_mul(rate.rate))
            .and_then(|a| a.checked_mul(sign))
            .ok_or_else(too_large)?;
        self.totals.add(measure, amount).ok_or_else(too_large)?;
        if measure == Measure::Disbursed {
            if group.on_budget {
                self.on_budget_disbursed = self
                    .on_budget_disbursed
                    .checked_add(amount)
                    .ok_or_else(too_large)?;
            }
            if !Channel::from_code(&group.channel).is_some_and(Channel::is_government) {
                self.outside_government_disbursed = self
                    .outside_government_disbursed
                    .checked_add(amount)
                    .ok_or_else(too_large)?;
            }
        }
        Ok(())
    }

    /// Adds another tally's totals, on-budget disbursements and unconverted
    /// flows to this one.
    pub fn merge(&mut self, other: &Tally) -> Result<(), AppError> {
        self.merge_totals(other)?;
        self.on_budget_disbursed = self
            .on_budget_disbursed
            .checked_add(other.on_budget_disbursed)
            .ok_or_else(|| AppError::OutOfRange("a total of on-budget disbursements".into()))?;
        Ok(())
    }

    /// Adds another tally's totals and unconverted flows to this one.
    pub fn merge_totals(&mut self, other: &Tally) -> Result<(), AppError> {
        self.totals = self
            .totals
            .plus(other.totals)
            .ok_or_else(|| AppError::OutOfRange("a total".into()))?;
        self.unconverted = self.unconverted.saturating_add(other.unconverted);
        Ok(())
    }
}
