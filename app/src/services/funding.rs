//! The funding views: totals of partners' flows in the reporting currency,
//! grouped one way or another. Sums are taken in SQL, grouped by currency
//! and by the date of the rate that converts them (the latest on or before
//! the value date, found in SQL), so that each group converts with one
//! rate; only the groups come back to the server.
//!
//! Pooled funds: a partner's payments to a pooled fund are contributions;
//! the fund's own flows are allocations. Totals by partner and by fiscal
//! year count contributions (where the money comes from); every other view
//! counts allocations (where it goes) and shows what the funds hold but
//! have not yet allocated as a row of its own. Either way the grand total
//! counts each dollar once, and incoming flows (mirrors of another
//! organisation's outgoing ones) are never counted.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use entities::{activity, activity_priority, organisation, transaction};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select,
};

use crate::AppError;
use crate::types::{
    Channel, FiscalYear, FundingReport, FundingRow, GroupBy, Measure, MoneyType, OrganisationKind,
    POOLED_UNALLOCATED, RateUse, Strategy, Totals, TransactionKind, UNALIGNED, Unconverted,
};

use super::rates::RateTable;

/// A share of 100% in hundredths of a percent: amounts are summed as
/// minor units times shares, so six decimal places in all.
const SHARE_SCALE: u32 = 4;
const FULL_SHARE: i64 = 10_000;

fn measured_kinds() -> Vec<i16> {
    TransactionKind::ALL
        .iter()
        .filter(|k| k.measure().is_some())
        .map(|k| k.number())
        .collect()
}

pub(super) fn t(column: transaction::Column) -> Expr {
    Expr::col((transaction::Entity, column))
}

pub(super) fn a(column: activity::Column) -> Expr {
    Expr::col((activity::Entity, column))
}

fn text(expr: Expr) -> Expr {
    Func::cast_as(expr, Alias::new("TEXT")).into()
}

/// Which flows a query counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
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

pub(super) fn base(scope: Scope, side: Side, funds: &[i32]) -> Select<transaction::Entity> {
    let mut query = transaction::Entity::find()
        .select_only()
        .join(JoinType::InnerJoin, transaction::Relation::Activity.def())
        .filter(transaction::Column::CountryId.eq(scope.country_id))
        .filter(activity::Column::Published.eq(true))
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
fn whole_country() -> Expr {
    text(t(transaction::Column::CountryId))
}

/// The date of the rate a flow converts with, in SQL: the latest rate of
/// its currency to `quote_currency` on or before its value date; NULL
/// when there is none (or the flow is in the reporting currency).
/// Grouping by it rather than by value date keeps the groups few: one per
/// rate, not one per day.
///
/// The currency is written inline (see [`groups`]), so it is checked to
/// be a currency code first.
pub(super) fn rate_date(quote_currency: &str) -> Result<Expr, AppError> {
    if quote_currency.len() != 3 || !quote_currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(AppError::internal(format!(
            "reporting currency {quote_currency:?} is not a currency code"
        )));
    }
    Ok(Expr::cust(format!(
        "(SELECT MAX(r.rate_date) FROM exchange_rates r \
         WHERE r.currency = transactions.currency \
         AND r.quote_currency = '{quote_currency}' \
         AND r.rate_date <= transactions.value_date)"
    )))
}

/// One group of flows as SQL returns it.
#[derive(Debug)]
pub(super) struct Group {
    pub key: String,
    kind: i16,
    currency: String,
    /// The date of the rate to convert with; `None`: no rate (or none needed).
    rate_date: Option<NaiveDate>,
    on_budget: bool,
    channel: String,
    /// Sum of minor units times shares (10 000 = all of it).
    scaled: i64,
    count: i64,
}

/// Constants in a grouping key are written inline (`Expr::cust`), not as
/// parameters: PostgreSQL matches a GROUP BY expression to the selected one
/// only when they read the same.
///
/// Sums `query`'s flows by `key` and everything conversion needs; with
/// `share`, each amount is weighted by that column (hundredths of a
/// percent, a missing share counting as all).
pub(super) async fn groups(
    db: &impl ConnectionTrait,
    query: Select<transaction::Entity>,
    key: Expr,
    share: Option<Expr>,
    rates: &RateTable,
) -> Result<Vec<Group>, AppError> {
    let rate_date = rate_date(rates.quote_currency())?;
    let amount = match share {
        Some(share) => t(transaction::Column::AmountMinor).mul(Expr::expr(Func::coalesce([
            share,
            Expr::val(FULL_SHARE as i32),
        ]))),
        None => t(transaction::Column::AmountMinor).mul(Expr::val(FULL_SHARE)),
    };
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
        .expr_as(key.clone(), "key")
        .expr_as(t(transaction::Column::Kind), "kind")
        .expr_as(t(transaction::Column::Currency), "currency")
        .expr_as(rate_date.clone(), "rate_day")
        .expr_as(on_budget.clone(), "on_budget")
        .expr_as(a(activity::Column::Channel), "channel")
        .expr_as(
            Func::cast_as(Func::sum(amount), Alias::new("BIGINT")),
            "scaled",
        )
        .expr_as(Func::count(t(transaction::Column::Id)), "n")
        .group_by(key)
        .group_by(t(transaction::Column::Kind))
        .group_by(t(transaction::Column::Currency))
        .group_by(rate_date)
        .group_by(on_budget)
        .group_by(a(activity::Column::Channel))
        .into_tuple::<(
            String,
            i16,
            String,
            Option<NaiveDate>,
            i32,
            String,
            i64,
            i64,
        )>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(key, kind, currency, rate_date, on_budget, channel, scaled, count)| Group {
                key,
                kind,
                currency,
                rate_date,
                on_budget: on_budget != 0,
                channel,
                scaled,
                count,
            },
        )
        .collect())
}

/// The ids of a country's pooled funds.
pub(super) async fn pooled_funds(
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
pub(super) struct Tally {
    pub totals: Totals,
    pub on_budget_disbursed: Decimal,
    pub outside_government_disbursed: Decimal,
    pub unconverted: u32,
}

impl Tally {
    pub fn add(&mut self, group: &Group, rates: &RateTable, sign: Decimal) {
        let Some(measure) = TransactionKind::from_number(group.kind).and_then(|k| k.measure())
        else {
            return;
        };
        let date = group.rate_date.unwrap_or(NaiveDate::MIN);
        let Some(rate) = rates.rate(&group.currency, date) else {
            self.unconverted += u32::try_from(group.count).unwrap_or(u32::MAX);
            return;
        };
        let amount = Decimal::new(group.scaled, 2 + SHARE_SCALE) * rate.rate * sign;
        self.totals.add(measure, amount);
        if measure == Measure::Disbursed {
            if group.on_budget {
                self.on_budget_disbursed += amount;
            }
            if !Channel::from_code(&group.channel).is_some_and(Channel::is_government) {
                self.outside_government_disbursed += amount;
            }
        }
    }
}

/// Where the strategy's priorities sit and what they cost.
struct Plan {
    /// Priority code to (pillar number, pillar title, priority title, cost).
    priorities: Vec<(String, i32, String, String, Decimal)>,
}

impl Plan {
    fn from(strategy: Option<Strategy>, fiscal_year: Option<i32>) -> Self {
        let priorities = strategy
            .map(|s| {
                s.pillars
                    .iter()
                    .flat_map(|pillar| {
                        pillar.priorities.iter().map(move |p| {
                            let cost = p
                                .costs
                                .iter()
                                .filter(|c| fiscal_year.is_none_or(|y| y == c.fiscal_year))
                                .map(|c| c.amount)
                                .sum();
                            (
                                p.code.clone(),
                                pillar.number,
                                pillar.title.clone(),
                                p.title.clone(),
                                cost,
                            )
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self { priorities }
    }
}

fn row(key: String, label: String, tally: Tally, cost: Option<Decimal>) -> FundingRow {
    let totals = tally.totals.rounded();
    FundingRow {
        funding_gap: cost.map(|c| (c - tally.totals.covered()).round_dp(2)),
        estimated_cost: cost,
        key,
        label,
        totals,
        on_budget_disbursed: tally.on_budget_disbursed.round_dp(2),
        unconverted: tally.unconverted,
    }
}

/// The funding view of a country grouped by `group_by`.
#[tracing::instrument(skip(db))]
pub async fn report(
    db: &impl ConnectionTrait,
    country_id: i32,
    group_by: GroupBy,
    fiscal_year: Option<i32>,
) -> Result<FundingReport, AppError> {
    let country = super::countries::get_by_id(db, country_id).await?;
    let start_month = country.fiscal_year_start_month;
    let rates = RateTable::load(db, &country.currency).await?;
    let organisations: HashMap<i32, (String, String)> = organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, (o.name, o.kind)))
        .collect();
    let funds: Vec<i32> = organisations
        .iter()
        .filter(|(_, (_, kind))| kind == OrganisationKind::PooledFund.code())
        .map(|(id, _)| *id)
        .collect();
    let scope = Scope {
        country_id,
        fiscal_year,
    };
    let side = match group_by {
        GroupBy::Partner | GroupBy::FiscalYear => Side::Source,
        _ => Side::Use,
    };
    let by_priority = matches!(group_by, GroupBy::Priority | GroupBy::Pillar);
    let key = match group_by {
        GroupBy::Partner => text(a(activity::Column::ReportingOrgId)),
        GroupBy::FiscalYear => text(t(transaction::Column::FiscalYear)),
        GroupBy::MoneyType => a(activity::Column::MoneyType),
        GroupBy::Channel => a(activity::Column::Channel),
        GroupBy::Priority | GroupBy::Pillar => Expr::expr(Func::coalesce([
            Expr::col((
                activity_priority::Entity,
                activity_priority::Column::PriorityCode,
            )),
            Expr::cust(format!("'{UNALIGNED}'")),
        ])),
    };
    let mut query = base(scope, side, &funds);
    if by_priority {
        query = query.join_rev(
            JoinType::LeftJoin,
            activity_priority::Relation::Activity.def(),
        );
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let share = by_priority.then(|| {
        Expr::col((
            activity_priority::Entity,
            activity_priority::Column::ShareBp,
        ))
    });
    for group in groups(db, query, key, share, &rates).await? {
        tallies
            .entry(group.key.clone())
            .or_default()
            .add(&group, &rates, Decimal::ONE);
    }
    if side == Side::Use && !funds.is_empty() {
        // Keyed by reporter: a fund's own flows are allocations.
        let reporter = text(a(activity::Column::ReportingOrgId));
        let pooled = groups(
            db,
            base(scope, Side::Pooled, &funds),
            reporter,
            None,
            &rates,
        )
        .await?;
        let held = tallies.entry(POOLED_UNALLOCATED.to_string()).or_default();
        for group in &pooled {
            let allocation = group.key.parse().is_ok_and(|id: i32| funds.contains(&id));
            let sign = if allocation {
                Decimal::NEGATIVE_ONE
            } else {
                Decimal::ONE
            };
            held.add(group, &rates, sign);
        }
        if pooled.is_empty() {
            tallies.remove(POOLED_UNALLOCATED);
        }
    }

    let mut rows = Vec::new();
    let mut total = Tally::default();
    let mut take = |key: &str, tallies: &mut BTreeMap<String, Tally>| {
        let tally = tallies.remove(key).unwrap_or_default();
        total.totals = total.totals.plus(tally.totals);
        total.unconverted += tally.unconverted;
        tally
    };
    let unaligned_label = "Not tied to a strategy priority".to_string();
    match group_by {
        GroupBy::Priority | GroupBy::Pillar => {
            let strategy = super::strategies::latest_endorsed(db, country_id).await?;
            let plan = Plan::from(strategy, fiscal_year);
            if group_by == GroupBy::Priority {
                for (code, _, _, title, cost) in &plan.priorities {
                    let tally = take(code, &mut tallies);
                    rows.push(row(
                        code.clone(),
                        format!("{code} {title}"),
                        tally,
                        Some(*cost),
                    ));
                }
            } else {
                let mut pillars: BTreeMap<i32, (String, Tally, Decimal)> = BTreeMap::new();
                for (code, number, pillar_title, _, cost) in &plan.priorities {
                    let tally = take(code, &mut tallies);
                    let entry = pillars
                        .entry(*number)
                        .or_insert_with(|| (pillar_title.clone(), Tally::default(), Decimal::ZERO));
                    entry.1.totals = entry.1.totals.plus(tally.totals);
                    entry.1.on_budget_disbursed += tally.on_budget_disbursed;
                    entry.1.unconverted += tally.unconverted;
                    entry.2 += cost;
                }
                for (number, (title, tally, cost)) in pillars {
                    rows.push(row(
                        number.to_string(),
                        format!("Pillar {number}: {title}"),
                        tally,
                        Some(cost),
                    ));
                }
            }
            // Codes of other strategy versions, then flows with no priority.
            let mut unaligned = take(UNALIGNED, &mut tallies);
            let others: Vec<String> = tallies
                .keys()
                .filter(|k| k.as_str() != POOLED_UNALLOCATED)
                .cloned()
                .collect();
            for code in others {
                let tally = take(&code, &mut tallies);
                unaligned.totals = unaligned.totals.plus(tally.totals);
                unaligned.on_budget_disbursed += tally.on_budget_disbursed;
                unaligned.unconverted += tally.unconverted;
            }
            if unaligned.totals != Totals::default() || unaligned.unconverted > 0 {
                rows.push(row(UNALIGNED.to_string(), unaligned_label, unaligned, None));
            }
        }
        GroupBy::Partner => {
            let mut keyed: Vec<(String, String)> = tallies
                .keys()
                .map(|k| {
                    let name = k
                        .parse::<i32>()
                        .ok()
                        .and_then(|id| organisations.get(&id))
                        .map(|(name, _)| name.clone())
                        .unwrap_or_else(|| k.clone());
                    (name, k.clone())
                })
                .collect();
            keyed.sort();
            for (name, key) in keyed {
                let tally = take(&key, &mut tallies);
                rows.push(row(key, name, tally, None));
            }
        }
        GroupBy::FiscalYear => {
            let keys: Vec<String> = tallies.keys().cloned().collect();
            for key in keys {
                let label = key
                    .parse::<i32>()
                    .map(|start_year| {
                        FiscalYear {
                            start_year,
                            start_month,
                        }
                        .label()
                    })
                    .unwrap_or_else(|_| key.clone());
                let tally = take(&key, &mut tallies);
                rows.push(row(key, label, tally, None));
            }
        }
        GroupBy::MoneyType => {
            for kind in MoneyType::ALL {
                if tallies.contains_key(kind.code()) {
                    let tally = take(kind.code(), &mut tallies);
                    rows.push(row(kind.code().into(), kind.label().into(), tally, None));
                }
            }
        }
        GroupBy::Channel => {
            for channel in Channel::ALL {
                if tallies.contains_key(channel.code()) {
                    let tally = take(channel.code(), &mut tallies);
                    rows.push(row(
                        channel.code().into(),
                        channel.label().into(),
                        tally,
                        None,
                    ));
                }
            }
        }
    }
    if tallies.contains_key(POOLED_UNALLOCATED) {
        // Money a fund holds is on no budget yet.
        let tally = Tally {
            on_budget_disbursed: Decimal::ZERO,
            ..take(POOLED_UNALLOCATED, &mut tallies)
        };
        rows.push(row(
            POOLED_UNALLOCATED.to_string(),
            "Held in pooled funds, not yet allocated".to_string(),
            tally,
            None,
        ));
    }

    // Country-wide figures, the same whatever the grouping.
    let mut overall = Tally::default();
    for group in groups(
        db,
        base(scope, Side::Use, &funds),
        whole_country(),
        None,
        &rates,
    )
    .await?
    {
        overall.add(&group, &rates, Decimal::ONE);
    }
    let (rates_used, unconverted) = conversions(db, scope, &funds, &rates).await?;
    let disbursed = overall.totals.disbursed;
    Ok(FundingReport {
        currency: country.currency,
        group_by,
        fiscal_year,
        rows,
        total: total.totals.rounded(),
        on_budget_disbursed: overall.on_budget_disbursed.round_dp(2),
        on_budget_share: (disbursed != Decimal::ZERO)
            .then(|| (overall.on_budget_disbursed / disbursed).round_dp(4)),
        outside_government_disbursed: overall.outside_government_disbursed.round_dp(2),
        unconverted_count: unconverted.iter().map(|u| u.transactions).sum(),
        unconverted,
        rates_used,
    })
}

/// The rates a scope's flows convert with, and the flows with no rate
/// (by value date, so that the page can say which day lacks one).
async fn conversions(
    db: &impl ConnectionTrait,
    scope: Scope,
    funds: &[i32],
    rates: &RateTable,
) -> Result<(Vec<RateUse>, Vec<Unconverted>), AppError> {
    let rate_date = rate_date(rates.quote_currency())?;
    let missing_day: Expr = Expr::case(
        rate_date.clone().is_null(),
        t(transaction::Column::ValueDate),
    )
    .into();
    let rows = base(scope, Side::All, funds)
        .filter(transaction::Column::Currency.ne(rates.quote_currency()))
        .expr_as(t(transaction::Column::Currency), "currency")
        .expr_as(rate_date.clone(), "rate_day")
        .expr_as(missing_day.clone(), "missing_day")
        .expr_as(
            Func::cast_as(
                Func::sum(t(transaction::Column::AmountMinor)),
                Alias::new("BIGINT"),
            ),
            "minor",
        )
        .expr_as(Func::count(t(transaction::Column::Id)), "n")
        .group_by(t(transaction::Column::Currency))
        .group_by(rate_date)
        .group_by(missing_day)
        .into_tuple::<(String, Option<NaiveDate>, Option<NaiveDate>, i64, i64)>()
        .all(db)
        .await?;
    let mut used: BTreeMap<(String, NaiveDate), RateUse> = BTreeMap::new();
    let mut missing: BTreeMap<(String, NaiveDate), Unconverted> = BTreeMap::new();
    for (currency, rate_day, missing_day, minor, n) in rows {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        match (
            rate_day.and_then(|day| rates.rate(&currency, day)),
            missing_day,
        ) {
            (Some(rate), _) => {
                used.entry((rate.currency.clone(), rate.rate_date))
                    .or_insert(RateUse {
                        rate,
                        transactions: 0,
                    })
                    .transactions += n;
            }
            (None, Some(value_date)) => {
                let entry = missing
                    .entry((currency.clone(), value_date))
                    .or_insert(Unconverted {
                        currency,
                        value_date,
                        amount: Decimal::ZERO,
                        transactions: 0,
                    });
                entry.amount += Decimal::new(minor, 2);
                entry.transactions += n;
            }
            (None, None) => {}
        }
    }
    Ok((
        used.into_values().collect(),
        missing.into_values().collect(),
    ))
}

/// One organisation's flows by fiscal year (its own reports, contributions
/// to funds included; a fund's, its allocations), oldest first.
pub async fn by_year_of(
    db: &impl ConnectionTrait,
    country_id: i32,
    organisation_id: i32,
) -> Result<Vec<(i32, Totals, u32)>, AppError> {
    let country = super::countries::get_by_id(db, country_id).await?;
    let rates = RateTable::load(db, &country.currency).await?;
    let scope = Scope {
        country_id,
        fiscal_year: None,
    };
    let query =
        base(scope, Side::All, &[]).filter(activity::Column::ReportingOrgId.eq(organisation_id));
    let mut years: BTreeMap<i32, Tally> = BTreeMap::new();
    for group in groups(
        db,
        query,
        text(t(transaction::Column::FiscalYear)),
        None,
        &rates,
    )
    .await?
    {
        if let Ok(year) = group.key.parse() {
            years
                .entry(year)
                .or_default()
                .add(&group, &rates, Decimal::ONE);
        }
    }
    Ok(years
        .into_iter()
        .map(|(year, tally)| (year, tally.totals.rounded(), tally.unconverted))
        .collect())
}

/// The fiscal years (start years) in which a country has flows, oldest first.
pub async fn fiscal_years(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<i32>, AppError> {
    Ok(transaction::Entity::find()
        .select_only()
        .column(transaction::Column::FiscalYear)
        .filter(transaction::Column::CountryId.eq(country_id))
        .distinct()
        .order_by_asc(transaction::Column::FiscalYear)
        .into_tuple::<i32>()
        .all(db)
        .await?)
}
