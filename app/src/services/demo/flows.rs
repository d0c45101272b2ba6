//! The demo's funding flows worked out from the tables in `data::funding`:
//! each activity's transactions, the pooled fund's contributions and
//! allocations, the partners' planned disbursements and the monthly exchange
//! rates. Amounts and dates vary by a fixed-seed generator, so every load
//! gives the same figures.

use std::ops::RangeInclusive;

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::AppError;
use crate::types::Currency;
use crate::types::{
    ActivityStatus, ExchangeRate, FiscalYear, NewPlannedDisbursement, NewTransaction, Share,
    SystemOverrides, TransactionKind,
};

use super::data::funding::{
    CONFERENCE, CONTRIBUTIONS, CURRENT_YEAR, DemoActivity, DemoContribution, DemoPartner,
    FIRST_YEAR, LAST_PLANNED_YEAR, PARTNERS, PlanYear, RATE_MONTHS, RATE_SERIES, RATE_SOURCE,
    REPORTED_TO, ROUND_TABLE, START_MONTH, SWING, Shares, WINDOWS, prudent_us_cents,
};

/// The seed of the generator that varies amounts and days.
pub(super) const SEED: u64 = 20_260_701;

/// A fixed-seed linear congruential generator (Knuth's MMIX constants).
pub(super) struct Lcg(pub(super) u64);

impl Lcg {
    /// A number in `0..n`.
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from((self.0 >> 33) % u64::from(n.max(1))).unwrap_or_default()
    }

    /// A percentage in `low..=high`.
    fn percent(&mut self, low: u32, high: u32) -> i64 {
        i64::from(low + self.below(high - low + 1))
    }
}

pub(super) fn date((y, m, d): (i32, u32, u32)) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| AppError::internal(format!("demo date {y}-{m}-{d}")))
}

fn fiscal_year(start_year: i32) -> FiscalYear {
    FiscalYear {
        start_year,
        start_month: START_MONTH,
    }
}

fn label(year: i32) -> String {
    fiscal_year(year).label()
}

pub(super) fn first_day(year: i32) -> Result<NaiveDate, AppError> {
    fiscal_year(year)
        .first_day()
        .ok_or_else(|| AppError::internal(format!("demo fiscal year {year}")))
}

pub(super) fn last_day(year: i32) -> Result<NaiveDate, AppError> {
    fiscal_year(year)
        .last_day()
        .ok_or_else(|| AppError::internal(format!("demo fiscal year {year}")))
}

/// The fiscal years with flows: from the first to the one under way.
fn running((first, last): (i32, i32)) -> RangeInclusive<i32> {
    first..=last.min(CURRENT_YEAR)
}

/// Whole units rounded down to a multiple of `step`.
pub(super) fn round_down(whole: i64, step: i64) -> i64 {
    whole / step * step
}

pub(super) fn units(whole: i64) -> Decimal {
    Decimal::new(whole, 0)
}

pub(super) fn shares(list: Shares) -> Vec<Share> {
    list.iter()
        .map(|&(code, percent)| Share {
            code: code.into(),
            percent: percent.into(),
        })
        .collect()
}

pub(super) fn flow(
    kind: TransactionKind,
    on: NaiveDate,
    amount: Decimal,
    description: impl Into<String>,
) -> NewTransaction {
    NewTransaction {
        kind,
        transaction_date: on,
        value_date: None,
        amount,
        currency: None,
        provider_org_id: None,
        receiver_org_id: None,
        provider_activity_id: None,
        description: description.into(),
        overrides: SystemOverrides::default(),
    }
}

pub(super) fn partner(acronym: &str) -> Result<&'static DemoPartner, AppError> {
    PARTNERS
        .iter()
        .find(|p| p.acronym == acronym)
        .ok_or_else(|| AppError::internal(format!("demo partner {acronym}")))
}

pub(super) fn window(index: usize) -> Result<&'static DemoActivity, AppError> {
    WINDOWS
        .get(index)
        .ok_or_else(|| AppError::internal(format!("demo window {index}")))
}

pub(super) fn status((first, last): (i32, i32)) -> ActivityStatus {
    if first > CURRENT_YEAR {
        ActivityStatus::Pipeline
    } else if last < CURRENT_YEAR - 1 {
        ActivityStatus::Closed
    } else if last < CURRENT_YEAR {
        ActivityStatus::Finalisation
    } else {
        ActivityStatus::Implementation
    }
}

/// The flows an activity reports up to [`REPORTED_TO`]: its pledge, then
/// for each fiscal year a commitment, one or two disbursements, and what
/// was spent once the year is over.
pub(super) fn flows(
    a: &DemoActivity,
    p: &DemoPartner,
    rng: &mut Lcg,
) -> Result<Vec<NewTransaction>, AppError> {
    use TransactionKind::{Commitment, Disbursement, Expenditure, Pledge};
    let (first, last) = a.years;
    let reported_to = date(REPORTED_TO)?;
    let mut out = Vec::new();
    if p.pledges {
        let (on, text) = if first == FIRST_YEAR {
            (CONFERENCE, "Pledged at the Kalinda Partnership Conference")
        } else if first > CURRENT_YEAR {
            (ROUND_TABLE, "Pledged at the compact round table")
        } else {
            (
                (first, 7, 10 + rng.below(18)),
                "Pledged for the whole activity",
            )
        };
        let total = units(a.yearly * i64::from(last - first + 1));
        out.push(flow(Pledge, date(on)?, total, text));
    }
    for year in running(a.years) {
        let on = date((year, 8, 12 + rng.below(17)))?;
        let (amount, text) = if p.work_plans {
            let amount = round_down(a.yearly * rng.percent(95, 105) / 100, 1_000);
            (amount, format!("Annual work plan {}", label(year)))
        } else if a.in_kind {
            let text = format!(
                "Support in kind agreed for {} (estimated value)",
                label(year)
            );
            (a.yearly, text)
        } else {
            (a.yearly, format!("Commitment for {}", label(year)))
        };
        out.push(flow(Commitment, on, units(amount), text));
        let dates = [
            (year, 9 + rng.below(2), 1 + rng.below(28)),
            (year + 1, 2 + rng.below(3), 1 + rng.below(28)),
        ];
        let mut disbursed = 0;
        for (name, on) in p.tranches.names().iter().zip(dates) {
            let on = date(on)?;
            if on > reported_to {
                continue;
            }
            let planned = a.yearly / p.tranches.per_year();
            let amount = round_down(planned * rng.percent(78, 104) / 100, 100);
            disbursed += amount;
            let name = if a.in_kind {
                "Estimated value of support in kind,"
            } else {
                name
            };
            let text = format!("{name} {}", label(year));
            out.push(flow(Disbursement, on, units(amount), text));
        }
        if p.reports_spending && year < CURRENT_YEAR && disbursed > 0 {
            // Whole units times a percentage are cents.
            let spent = Decimal::new(disbursed * rng.percent(85, 98), 2);
            let text = format!("Spent in {}, as audited", label(year));
            out.push(flow(Expenditure, last_day(year)?, spent, text));
        }
    }
    Ok(out)
}

/// A contribution's flows, all to the fund: each fiscal year's agreement,
/// then its payment.
pub(super) fn contribution_flows(c: &DemoContribution) -> Result<Vec<NewTransaction>, AppError> {
    let mut out = Vec::new();
    for year in running(c.years) {
        let amount = units(c.yearly);
        let text = format!("Contribution agreed for {}", label(year));
        out.push(flow(
            TransactionKind::Commitment,
            date((year, 8, 10))?,
            amount,
            text,
        ));
        let on = date((year, 8, 20 + u32::from(c.number % 8)))?;
        let text = format!("Contribution paid for {}", label(year));
        out.push(flow(TransactionKind::Disbursement, on, amount, text));
    }
    Ok(out)
}

/// What a window allocates of what it received in each fiscal year: a
/// commitment, then two transfers. The fund reports no spending: its
/// recipients do.
pub(super) fn allocations(index: usize, rng: &mut Lcg) -> Result<Vec<NewTransaction>, AppError> {
    use TransactionKind::{Commitment, Disbursement};
    let reported_to = date(REPORTED_TO)?;
    let mut out = Vec::new();
    for year in running(window(index)?.years) {
        let mut received = 0;
        for c in CONTRIBUTIONS
            .iter()
            .filter(|c| c.window == index && running(c.years).contains(&year))
        {
            received += c.yearly * prudent_us_cents(partner(c.contributor)?.currency) / 100;
        }
        if received == 0 {
            continue;
        }
        let committed = round_down(received * rng.percent(85, 95) / 100, 1_000);
        let text = format!(
            "Allocation approved by the steering committee, {}",
            label(year)
        );
        out.push(flow(
            Commitment,
            date((year, 10, 15))?,
            units(committed),
            text,
        ));
        for (on, share) in [((year, 11, 10), 50), ((year + 1, 3, 10), 40)] {
            let on = date(on)?;
            if on <= reported_to {
                let amount = units(round_down(committed * share / 100, 100));
                let text = format!("Transfer to the implementing partner, {}", label(year));
                out.push(flow(Disbursement, on, amount, text));
            }
        }
    }
    Ok(out)
}

/// A plan for each fiscal year up to the one under way, or further for
/// partners with forward plans, by the country's or the partner's own year.
pub(super) fn plans(
    (first, last): (i32, i32),
    yearly: i64,
    p: &DemoPartner,
) -> Result<Vec<NewPlannedDisbursement>, AppError> {
    let horizon = if p.forward_plans {
        LAST_PLANNED_YEAR
    } else {
        CURRENT_YEAR
    };
    let last = last.min(horizon);
    if last < first {
        return Ok(Vec::new());
    }
    let plan = |period_start, period_end, whole| NewPlannedDisbursement {
        period_start,
        period_end,
        amount: units(whole),
        currency: None,
    };
    match p.plan_year {
        PlanYear::Country => (first..=last)
            .map(|year| Ok(plan(first_day(year)?, last_day(year)?, yearly)))
            .collect(),
        PlanYear::Calendar => {
            let (start, end) = (first_day(first)?, last_day(last)?);
            (start.year()..=end.year())
                .map(|year| {
                    let from = date((year, 1, 1))?.max(start);
                    let to = date((year, 12, 31))?.min(end);
                    let months = i64::from(to.month() - from.month() + 1);
                    Ok(plan(from, to, yearly * months / 12))
                })
                .collect()
        }
    }
}

/// Monthly rates from the start of [`FIRST_YEAR`], each series from its
/// first month.
pub(super) fn exchange_rates() -> Result<Vec<ExchangeRate>, AppError> {
    let start = first_day(FIRST_YEAR)?;
    let mut out = Vec::new();
    for series in &RATE_SERIES {
        let months = (0..RATE_MONTHS).zip(SWING.iter().cycle().skip(series.phase));
        for (month, swing) in months.skip_while(|(month, _)| *month < series.first_month) {
            let rate_date = start
                .checked_add_months(Months::new(month))
                .ok_or_else(|| AppError::internal("demo rate date"))?;
            let drift = series.drift * i64::from(month / 12);
            out.push(ExchangeRate {
                currency: Currency::stored(series.currency),
                quote_currency: Currency::stored("USD"),
                rate_date,
                rate: Decimal::new(series.base + swing + drift, 4),
                source: RATE_SOURCE.into(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codelists::{AID_TYPES, EARMARKING, FINANCE_TYPES, SECTORS};
    use crate::services::demo::data::funding::{ACTIVITIES, EARLY_ADVANCE, LINES};
    use crate::types::Channel::Treasury;

    fn total(shares: Shares) -> u32 {
        shares.iter().map(|&(_, percent)| u32::from(percent)).sum()
    }

    /// What the services would refuse, and what would tell a muddled story.
    fn check(a: &DemoActivity) {
        let title = a.title;
        assert!(partner(a.partner).is_ok(), "{title}: partner");
        assert!((1..=2).contains(&a.sectors.len()), "{title}: sectors");
        assert!((1..=2).contains(&a.priorities.len()), "{title}: priorities");
        assert!(a.sectors.iter().all(|(code, _)| SECTORS.is_active(code)));
        assert_eq!(total(a.sectors), 100, "{title}: sector shares");
        assert_eq!(total(a.priorities), 100, "{title}: priority shares");
        assert!(AID_TYPES.is_active(a.aid_type), "{title}: aid type");
        assert!(
            FINANCE_TYPES.is_active(a.finance_type),
            "{title}: finance type"
        );
        assert!(a.earmarking.is_none_or(|code| EARMARKING.is_active(code)));
        assert_eq!(a.systems.on_budget, !a.lines.is_empty(), "{title}: lines");
        assert!(
            a.lines.is_empty() || total(a.lines) == 100,
            "{title}: line shares"
        );
        assert!(
            a.lines
                .iter()
                .all(|(code, _)| LINES.iter().any(|l| l.code == *code))
        );
        assert_eq!(
            a.channel == Treasury,
            a.systems.on_treasury,
            "{title}: channel"
        );
    }

    #[test]
    fn activities_are_valid() -> Result<(), AppError> {
        ACTIVITIES.iter().chain(WINDOWS).for_each(check);
        for c in CONTRIBUTIONS {
            check(&c.activity(window(c.window)?));
        }
        let mut numbers: Vec<_> = ACTIVITIES
            .iter()
            .filter_map(|a| Some((a.partner, a.number?)))
            .chain(CONTRIBUTIONS.iter().map(|c| (c.contributor, c.number)))
            .collect();
        let count = numbers.len();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), count, "IATI identifiers are unique");
        Ok(())
    }

    #[test]
    fn flows_are_reported_in_the_period_and_convert() -> Result<(), AppError> {
        let (start, end) = (first_day(FIRST_YEAR)?, date(REPORTED_TO)?);
        let first_gbp = exchange_rates()?
            .iter()
            .filter(|r| r.currency == "GBP")
            .map(|r| r.rate_date)
            .min();
        let mut rng = Lcg(SEED);
        let mut all = Vec::new();
        for a in ACTIVITIES {
            let p = partner(a.partner)?;
            all.extend(flows(a, p, &mut rng)?.into_iter().map(|f| (p.currency, f)));
        }
        for c in CONTRIBUTIONS {
            let currency = partner(c.contributor)?.currency;
            all.extend(contribution_flows(c)?.into_iter().map(|f| (currency, f)));
        }
        for index in 0..WINDOWS.len() {
            all.extend(
                allocations(index, &mut rng)?
                    .into_iter()
                    .map(|f| ("USD", f)),
            );
        }
        for (currency, f) in all {
            assert!((start..=end).contains(&f.transaction_date), "{f:?}");
            assert!(f.amount > Decimal::ZERO && f.amount.scale() <= 2, "{f:?}");
            if currency == "GBP" {
                assert!(first_gbp.is_some_and(|d| d <= f.transaction_date), "{f:?}");
            }
        }
        let advance = date(EARLY_ADVANCE.2)?;
        assert!(start <= advance && first_gbp.is_some_and(|d| advance < d));
        Ok(())
    }

    #[test]
    fn rates_are_plausible() -> Result<(), AppError> {
        for rate in exchange_rates()? {
            let range = match rate.currency.as_str() {
                "EUR" => Decimal::new(105, 2)..=Decimal::new(112, 2),
                _ => Decimal::new(122, 2)..=Decimal::new(130, 2),
            };
            assert!(range.contains(&rate.rate), "{rate:?}");
        }
        Ok(())
    }

    #[test]
    fn plans_follow_the_partners_years() -> Result<(), AppError> {
        for a in ACTIVITIES {
            let p = partner(a.partner)?;
            for plan in plans(a.years, a.yearly, p)? {
                let (from, to) = (plan.period_start, plan.period_end);
                assert!(plan.amount > Decimal::ZERO, "{}", a.title);
                match p.plan_year {
                    PlanYear::Calendar => assert_eq!(from.year(), to.year(), "{}", a.title),
                    PlanYear::Country => assert_eq!(
                        (from, to),
                        (first_day(from.year())?, last_day(from.year())?)
                    ),
                }
            }
        }
        Ok(())
    }
}
