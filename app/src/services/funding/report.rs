//! The funding views: totals of partners' flows in the reporting currency,
//! grouped one way or another, read from the funding cells (`sums`).
//!
//! Pooled funds: a partner's payments to a pooled fund are contributions;
//! the fund's own flows are allocations. Totals by partner and by fiscal
//! year count contributions (where the money comes from); every other view
//! counts allocations (where it goes) and shows what the funds hold but
//! have not yet allocated as a row of its own. Either way the grand total
//! counts each dollar once, and incoming flows (mirrors of another
//! organisation's outgoing ones) are never counted.

use crate::i18n::td_string;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;

use crate::AppError;
use crate::types::{
    Channel, Currency, FiscalYear, FundingReport, FundingRow, GroupBy, MoneyType,
    POOLED_UNALLOCATED, RateUse, Strategy, Totals, UNALIGNED, Unconverted,
};

use crate::services::funding::basis::Basis;
use crate::services::funding::groups::groups;
use crate::services::funding::sums::{Facet, Flows, Key, SHARE_SCALE, Side, Tally, Years};

/// Where the strategy's priorities sit and what they cost.
struct Plan {
    /// Priority code to (pillar number, pillar title, priority title, cost).
    priorities: Vec<(String, i32, String, String, Decimal)>,
}

impl Plan {
    fn from(strategy: Option<&Strategy>, fiscal_year: Option<i32>) -> Self {
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
pub async fn build(
    db: &impl ConnectionTrait,
    country_id: i32,
    group_by: GroupBy,
    fiscal_year: Option<i32>,
) -> Result<FundingReport, AppError> {
    let basis = Basis::load(db, country_id).await?;
    build_on(db, &basis, group_by, fiscal_year).await
}

/// The funding view grouped by `group_by`, on a basis already loaded.
#[tracing::instrument(skip(db, basis), fields(country_id = basis.country_id))]
pub async fn build_on(
    db: &impl ConnectionTrait,
    basis: &Basis,
    group_by: GroupBy,
    fiscal_year: Option<i32>,
) -> Result<FundingReport, AppError> {
    let funds = &basis.funds;
    let start_month = basis.country.fiscal_year_start_month;
    let years = Years::of(fiscal_year);
    let side = match group_by {
        GroupBy::Partner | GroupBy::FiscalYear => Side::Source,
        _ => Side::Use,
    };
    let (facet, key) = match group_by {
        GroupBy::Partner => (Facet::Flows, Key::Reporter),
        GroupBy::FiscalYear => (Facet::Flows, Key::FiscalYear),
        GroupBy::MoneyType => (Facet::Flows, Key::MoneyType),
        GroupBy::Channel => (Facet::Flows, Key::Channel),
        GroupBy::Priority | GroupBy::Pillar => (Facet::Priority, Key::Facet),
    };
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for group in groups(db, basis, &Flows::new(years, side, facet, key)).await? {
        tallies
            .entry(group.key.clone())
            .or_default()
            .add(&group, Decimal::ONE)?;
    }
    if side == Side::Use && !funds.is_empty() {
        // Keyed by reporter: a fund's own flows are allocations.
        let pooled = groups(
            db,
            basis,
            &Flows::new(years, Side::Pooled, Facet::Flows, Key::Reporter),
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
            held.add(group, sign)?;
        }
        if pooled.is_empty() {
            tallies.remove(POOLED_UNALLOCATED);
        }
    }

    let mut rows = Vec::new();
    let mut total = Tally::default();
    let mut take = |key: &str, tallies: &mut BTreeMap<String, Tally>| {
        let tally = tallies.remove(key).unwrap_or_default();
        total.merge_totals(&tally).map(|()| tally)
    };
    let unaligned_label = "Not tied to a strategy priority".to_string();
    match group_by {
        GroupBy::Priority | GroupBy::Pillar => {
            let plan = Plan::from(basis.strategy.as_ref(), fiscal_year);
            if group_by == GroupBy::Priority {
                for (code, _, _, title, cost) in &plan.priorities {
                    let tally = take(code, &mut tallies)?;
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
                    let tally = take(code, &mut tallies)?;
                    let entry = pillars
                        .entry(*number)
                        .or_insert_with(|| (pillar_title.clone(), Tally::default(), Decimal::ZERO));
                    entry.1.merge(&tally)?;
                    entry.2 = entry.2.checked_add(*cost).ok_or_else(|| {
                        AppError::OutOfRange(
                            td_string!(
                                crate::language::current(),
                                rules.what_cost_of_pillar,
                                number
                            )
                            .to_string(),
                        )
                    })?;
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
            let mut unaligned = take(UNALIGNED, &mut tallies)?;
            let others: Vec<String> = tallies
                .keys()
                .filter(|k| k.as_str() != POOLED_UNALLOCATED)
                .cloned()
                .collect();
            for code in others {
                let tally = take(&code, &mut tallies)?;
                unaligned.merge(&tally)?;
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
                        .and_then(|id| basis.names.get(&id))
                        .cloned()
                        .unwrap_or_else(|| k.clone());
                    (name, k.clone())
                })
                .collect();
            keyed.sort();
            for (name, key) in keyed {
                let tally = take(&key, &mut tallies)?;
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
                let tally = take(&key, &mut tallies)?;
                rows.push(row(key, label, tally, None));
            }
        }
        GroupBy::MoneyType => {
            for kind in MoneyType::ALL {
                if tallies.contains_key(kind.code()) {
                    let tally = take(kind.code(), &mut tallies)?;
                    rows.push(row(kind.code().into(), kind.label().into(), tally, None));
                }
            }
        }
        GroupBy::Channel => {
            for channel in Channel::ALL {
                if tallies.contains_key(channel.code()) {
                    let tally = take(channel.code(), &mut tallies)?;
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
            ..take(POOLED_UNALLOCATED, &mut tallies)?
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
    let whole = Flows::new(years, Side::Use, Facet::Flows, Key::Whole);
    for group in groups(db, basis, &whole).await? {
        overall.add(&group, Decimal::ONE)?;
    }
    let (rates_used, unconverted) = conversions(db, basis, years).await?;
    let disbursed = overall.totals.disbursed;
    Ok(FundingReport {
        currency: basis.country.currency.clone(),
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

/// The rates a year's flows convert with, and the flows with no rate
/// (by value date, so that the page can say which day lacks one).
async fn conversions(
    db: &impl ConnectionTrait,
    basis: &Basis,
    years: Years,
) -> Result<(Vec<RateUse>, Vec<Unconverted>), AppError> {
    let day = |key: &str| {
        let (currency, day) = key.split_once('|')?;
        Some((currency.to_string(), day.parse::<NaiveDate>().ok()?))
    };
    let count = |rows: i64| u32::try_from(rows).unwrap_or(u32::MAX);
    let mut used: BTreeMap<(String, NaiveDate), RateUse> = BTreeMap::new();
    let used_flows = Flows::new(years, Side::All, Facet::RateUsed, Key::Facet);
    for group in groups(db, basis, &used_flows).await? {
        let Some((currency, day)) = day(&group.key) else {
            continue;
        };
        let Some(rate) = basis.rates.rate(&currency, day) else {
            continue;
        };
        let entry = used.entry((currency, day)).or_insert(RateUse {
            rate,
            transactions: 0,
        });
        entry.transactions = entry.transactions.saturating_add(count(group.rows));
    }
    let mut missing: BTreeMap<(String, NaiveDate), Unconverted> = BTreeMap::new();
    let missing_flows = Flows::new(years, Side::All, Facet::RateMissing, Key::Facet);
    for group in groups(db, basis, &missing_flows).await? {
        let Some((currency, value_date)) = day(&group.key) else {
            continue;
        };
        let too_large = || {
            AppError::OutOfRange(
                td_string!(
                    crate::language::current(),
                    rules.what_flows_no_rate,
                    currency = &currency
                )
                .to_string(),
            )
        };
        // Whole hundredths of their own currency.
        let amount = Decimal::try_from_i128_with_scale(group.scaled, 2 + SHARE_SCALE)
            .map_err(|_| too_large())?
            .round_dp(2);
        let entry = missing
            .entry((currency.clone(), value_date))
            .or_insert(Unconverted {
                currency: Currency::stored(currency.clone()),
                value_date,
                amount: Decimal::ZERO,
                transactions: 0,
            });
        entry.amount = entry.amount.checked_add(amount).ok_or_else(too_large)?;
        entry.transactions = entry.transactions.saturating_add(count(group.rows));
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
    basis: &Basis,
    organisation_id: i32,
) -> Result<Vec<(i32, Totals, u32)>, AppError> {
    let flows = Flows::new(Years::All, Side::All, Facet::Flows, Key::FiscalYear)
        .reporter(Some(organisation_id));
    let mut years: BTreeMap<i32, Tally> = BTreeMap::new();
    for group in groups(db, basis, &flows).await? {
        if let Ok(year) = group.key.parse() {
            years.entry(year).or_default().add(&group, Decimal::ONE)?;
        }
    }
    Ok(years
        .into_iter()
        .map(|(year, tally)| (year, tally.totals.rounded(), tally.unconverted))
        .collect())
}

/// The fiscal years (start years) in which a country has counted flows,
/// oldest first.
pub async fn fiscal_years(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<i32>, AppError> {
    crate::services::funding::cells::reads::fiscal_years(db, country_id).await
}
