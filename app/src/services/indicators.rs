//! The computed mutual accountability indicators of a fiscal year,
//! country-wide or for one partner. Every figure is summed in SQL by
//! partner (and by currency and rate, to convert); a value keeps its
//! numerator, denominator and the per-partner rows it came from.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use entities::{activity, activity_participant, organisation, planned_disbursement, transaction};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait,
    Select,
};

use crate::AppError;
use crate::types::{
    CommitmentKind, CommitmentStatus, FiscalYear, Formula, GroupBy, IndicatorSet, IndicatorValue,
    OrganisationKind, OrganisationRef, Part, TransactionKind,
};

use super::funding::{Scope, Side, Tally, a, base, groups, pooled_funds};
use super::rates::RateTable;

/// Activities in which a government ministry or agency takes part.
fn government_sector() -> sea_orm::sea_query::SimpleExpr {
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

/// A grouping key: the reporter and, after a colon, one digit per
/// condition, `1` where it holds. Written inline, as [`groups`] needs; the
/// conditions are built here from column names and ids, never from input.
fn reporter_and(conditions: &[String]) -> Expr {
    let mut sql = "CAST(activities.reporting_org_id AS TEXT) || ':'".to_string();
    for condition in conditions {
        sql.push_str(&format!(" || CASE WHEN {condition} THEN '1' ELSE '0' END"));
    }
    Expr::cust(sql)
}

/// Sums by partner in one pass: each partner's whole, and for each
/// condition the part of it for which the condition holds.
async fn by_partner(
    db: &impl ConnectionTrait,
    query: Select<transaction::Entity>,
    conditions: &[String],
    rates: &RateTable,
) -> Result<(BTreeMap<i32, Tally>, Vec<BTreeMap<i32, Tally>>), AppError> {
    let mut whole: BTreeMap<i32, Tally> = BTreeMap::new();
    let mut parts: Vec<BTreeMap<i32, Tally>> = vec![BTreeMap::new(); conditions.len()];
    for group in groups(db, query, reporter_and(conditions), None, rates).await? {
        let (id, holds) = group.key.split_once(':').unwrap_or((&group.key, ""));
        let Ok(id) = id.parse::<i32>() else {
            continue;
        };
        whole
            .entry(id)
            .or_default()
            .add(&group, rates, Decimal::ONE);
        for (part, bit) in parts.iter_mut().zip(holds.chars()) {
            if bit == '1' {
                part.entry(id).or_default().add(&group, rates, Decimal::ONE);
            }
        }
    }
    Ok((whole, parts))
}

/// Scheduled disbursements to the government sector in a fiscal year, by
/// partner, converted at the rate of the period's first day.
async fn scheduled(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
    rates: &RateTable,
) -> Result<(BTreeMap<i32, Decimal>, u32), AppError> {
    let rows = planned_disbursement::Entity::find()
        .select_only()
        .join(
            JoinType::InnerJoin,
            planned_disbursement::Relation::Activity.def(),
        )
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::Published.eq(true))
        .filter(planned_disbursement::Column::FiscalYear.eq(fiscal_year))
        .filter(government_sector())
        .column(activity::Column::ReportingOrgId)
        .column(planned_disbursement::Column::Currency)
        .column(planned_disbursement::Column::PeriodStart)
        .expr(Func::cast_as(
            Func::sum(Expr::col((
                planned_disbursement::Entity,
                planned_disbursement::Column::AmountMinor,
            ))),
            Alias::new("BIGINT"),
        ))
        .group_by(activity::Column::ReportingOrgId)
        .group_by(planned_disbursement::Column::Currency)
        .group_by(planned_disbursement::Column::PeriodStart)
        .into_tuple::<(i32, String, NaiveDate, i64)>()
        .all(db)
        .await?;
    let mut by_partner: BTreeMap<i32, Decimal> = BTreeMap::new();
    let mut unconverted = 0;
    for (partner, currency, start, minor) in rows {
        match rates.rate(&currency, start) {
            Some(rate) => {
                *by_partner.entry(partner).or_default() += Decimal::new(minor, 2) * rate.rate;
            }
            None => unconverted += 1,
        }
    }
    Ok((by_partner, unconverted))
}

/// The fiscal years each partner has planned disbursements for.
async fn plan_years(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<BTreeMap<i32, BTreeSet<i32>>, AppError> {
    let rows = planned_disbursement::Entity::find()
        .select_only()
        .join(
            JoinType::InnerJoin,
            planned_disbursement::Relation::Activity.def(),
        )
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::Published.eq(true))
        .column(activity::Column::ReportingOrgId)
        .column(planned_disbursement::Column::FiscalYear)
        .distinct()
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?;
    let mut years: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for (partner, year) in rows {
        years.entry(partner).or_default().insert(year);
    }
    Ok(years)
}

/// Everything the indicators need, by partner, for one fiscal year.
struct Figures {
    names: HashMap<i32, String>,
    /// Partners with flows in the year (pooled funds not included).
    partners: BTreeSet<i32>,
    source: BTreeMap<i32, Tally>,
    contributions: BTreeMap<i32, Tally>,
    cumulative: BTreeMap<i32, Tally>,
    /// Disbursements to the government sector, and those using each system.
    government: BTreeMap<i32, Tally>,
    systems: [BTreeMap<i32, Tally>; 4],
    scheduled: BTreeMap<i32, Decimal>,
    plan_years: BTreeMap<i32, BTreeSet<i32>>,
}

impl Figures {
    fn name(&self, id: i32) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    fn disbursed(map: &BTreeMap<i32, Tally>, id: i32) -> Decimal {
        map.get(&id).map(|t| t.totals.disbursed).unwrap_or_default()
    }

    /// A ratio indicator over the partners in `ids`, with a part for each.
    fn ratio(
        &self,
        formula: Formula,
        ids: impl Iterator<Item = i32>,
        terms: impl Fn(i32) -> (Decimal, Decimal),
    ) -> IndicatorValue {
        let mut parts = Vec::new();
        let (mut numerator, mut denominator) = (Decimal::ZERO, Decimal::ZERO);
        for id in ids {
            let (n, d) = terms(id);
            numerator += n;
            denominator += d;
            parts.push(part(self.name(id), n, d, formula));
        }
        IndicatorValue::of(formula, numerator, denominator, parts)
    }
}

fn part(label: String, numerator: Decimal, denominator: Decimal, formula: Formula) -> Part {
    Part {
        label,
        value: crate::types::compute_indicator(formula.unit(), numerator, denominator),
        numerator: numerator.round_dp(2),
        denominator: denominator.round_dp(2),
    }
}

async fn figures(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
    partner: Option<i32>,
    rates: &RateTable,
) -> Result<Figures, AppError> {
    let funds = pooled_funds(db, country_id).await?;
    let scope = Scope {
        country_id,
        fiscal_year: Some(fiscal_year),
    };
    let only = |query: Select<transaction::Entity>| match partner {
        Some(id) => query.filter(activity::Column::ReportingOrgId.eq(id)),
        None => query,
    };
    let disbursements = || {
        only(base(scope, Side::Use, &funds))
            .filter(transaction::Column::Kind.eq(TransactionKind::Disbursement.number()))
            .filter(government_sector())
    };
    // Paid into a fund: a contribution.
    let to_fund = if funds.is_empty() {
        "1 = 0".to_string()
    } else {
        let ids: Vec<String> = funds.iter().map(i32::to_string).collect();
        format!("transactions.receiver_org_id IN ({})", ids.join(", "))
    };
    let (source, paid) = by_partner(
        db,
        only(base(scope, Side::Source, &funds)),
        &[to_fund],
        rates,
    )
    .await?;
    let contributions = paid.into_iter().next().unwrap_or_default();
    let all_years = Scope {
        country_id,
        fiscal_year: None,
    };
    let (cumulative, _) = by_partner(
        db,
        only(base(all_years, Side::Source, &funds))
            .filter(transaction::Column::FiscalYear.lte(fiscal_year)),
        &[],
        rates,
    )
    .await?;
    // Each system used: the transaction's own answer, else the activity's.
    let flags = ["on_treasury", "on_report", "on_audit", "on_procurement"]
        .map(|f| format!("COALESCE(transactions.{f}, activities.{f})"));
    let (government, systems) = by_partner(db, disbursements(), &flags, rates).await?;
    let systems: [BTreeMap<i32, Tally>; 4] = systems
        .try_into()
        .map_err(|_| AppError::internal("one tally per country system"))?;
    let (mut scheduled, _) = scheduled(db, country_id, fiscal_year, rates).await?;
    let mut plan_years = plan_years(db, country_id).await?;
    let names: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    if let Some(id) = partner {
        scheduled.retain(|k, _| *k == id);
        plan_years.retain(|k, _| *k == id);
    }
    let partners = source
        .keys()
        .chain(scheduled.keys())
        .copied()
        .filter(|id| !funds.contains(id))
        .collect();
    Ok(Figures {
        names,
        partners,
        source,
        contributions,
        cumulative,
        government,
        systems,
        scheduled,
        plan_years,
    })
}

/// The fiscal year a dashboard opens on: the latest with flows that has
/// begun by `today`, else the one `today` is in.
pub async fn default_year(
    db: &impl ConnectionTrait,
    country_id: i32,
    start_month: u32,
    today: NaiveDate,
) -> Result<i32, AppError> {
    let now = FiscalYear::containing(today, start_month).start_year;
    Ok(super::funding::fiscal_years(db, country_id)
        .await?
        .into_iter()
        .filter(|y| *y <= now)
        .max()
        .unwrap_or(now))
}

/// The computed indicators of `fiscal_year`, country-wide or for `partner`.
#[tracing::instrument(skip(db))]
pub async fn compute(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
    partner: Option<i32>,
) -> Result<IndicatorSet, AppError> {
    let country = super::countries::get_by_id(db, country_id).await?;
    let rates = RateTable::load(db, &country.currency).await?;
    let f = figures(db, country_id, fiscal_year, partner, &rates).await?;
    let scheduled = |id: i32| f.scheduled.get(&id).copied().unwrap_or_default();
    let with_schedule: Vec<i32> = f.scheduled.keys().copied().collect();
    let mut values = vec![
        f.ratio(Formula::AidOnBudget, with_schedule.iter().copied(), |id| {
            let on_budget = f
                .government
                .get(&id)
                .map(|t| t.on_budget_disbursed)
                .unwrap_or_default();
            (on_budget, scheduled(id))
        }),
        f.ratio(
            Formula::AnnualPredictability,
            with_schedule.iter().copied(),
            |id| {
                let actual = Figures::disbursed(&f.government, id);
                (actual.min(scheduled(id)), scheduled(id))
            },
        ),
        f.ratio(
            Formula::MediumTermPredictability,
            f.partners.iter().copied(),
            |id| {
                let planned = f.plan_years.get(&id);
                let forward = (1..=3)
                    .all(|ahead| planned.is_some_and(|y| y.contains(&(fiscal_year + ahead))));
                (Decimal::from(u8::from(forward)), Decimal::ONE)
            },
        ),
        country_systems(&f),
        f.ratio(Formula::PooledShare, f.partners.iter().copied(), |id| {
            (
                Figures::disbursed(&f.contributions, id),
                Figures::disbursed(&f.source, id),
            )
        }),
        f.ratio(Formula::ExecutionRate, f.partners.iter().copied(), |id| {
            let totals = f.source.get(&id).map(|t| t.totals).unwrap_or_default();
            (totals.disbursed, totals.committed)
        }),
        f.ratio(
            Formula::UndisbursedBalance,
            f.cumulative.keys().copied(),
            |id| {
                let totals = f.cumulative.get(&id).map(|t| t.totals).unwrap_or_default();
                (totals.committed, totals.disbursed)
            },
        ),
        pledge_gap(&f),
    ];
    if partner.is_none() {
        values.push(funding_gap(db, country_id, fiscal_year).await?);
        values.push(reporting_compliance(db, country_id, fiscal_year).await?);
    }
    values.extend(compact_delivery(db, country_id, partner).await?);
    let partner = partner.map(|id| OrganisationRef {
        id,
        name: f.name(id),
    });
    Ok(IndicatorSet {
        fiscal_year_label: FiscalYear {
            start_year: fiscal_year,
            start_month: country.fiscal_year_start_month,
        }
        .label(),
        currency: country.currency,
        fiscal_year,
        partner,
        values,
    })
}

/// GPEDC 9b: the average of the four systems' shares.
fn country_systems(f: &Figures) -> IndicatorValue {
    let formula = Formula::CountrySystems;
    let ids: Vec<i32> = f.government.keys().copied().collect();
    let total: Decimal = ids
        .iter()
        .map(|id| Figures::disbursed(&f.government, *id))
        .sum();
    let used: Decimal = f
        .systems
        .iter()
        .map(|system| {
            ids.iter()
                .map(|id| Figures::disbursed(system, *id))
                .sum::<Decimal>()
        })
        .sum();
    // The average of four shares of one denominator: all four numerators
    // over four times it.
    let parts = ids
        .iter()
        .map(|id| {
            let used: Decimal = f.systems.iter().map(|s| Figures::disbursed(s, *id)).sum();
            part(
                f.name(*id),
                used,
                Figures::disbursed(&f.government, *id) * Decimal::from(4),
                formula,
            )
        })
        .collect();
    IndicatorValue::of(formula, used, total * Decimal::from(4), parts)
}

/// Pledges beyond commitments, partner by partner, never below zero: the
/// pledged, less the part of it that commitments cover.
fn pledge_gap(f: &Figures) -> IndicatorValue {
    let formula = Formula::PledgeGap;
    let mut parts = Vec::new();
    let mut gap = Decimal::ZERO;
    for id in &f.partners {
        let totals = f.source.get(id).map(|t| t.totals).unwrap_or_default();
        let own = (totals.pledged - totals.committed).max(Decimal::ZERO);
        gap += own;
        parts.push(Part {
            label: f.name(*id),
            numerator: totals.pledged.round_dp(2),
            denominator: (totals.pledged - own).round_dp(2),
            value: Some(own.round_dp(2)),
        });
    }
    let pledged: Decimal = parts.iter().map(|p| p.numerator).sum();
    IndicatorValue {
        formula,
        value: Some(gap.round_dp(2)),
        numerator: pledged,
        denominator: (pledged - gap).round_dp(2),
        parts,
    }
}

/// Each pillar's gap for the year; the value adds up the positive ones.
async fn funding_gap(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
) -> Result<IndicatorValue, AppError> {
    let formula = Formula::FundingGap;
    let report = super::funding::report(db, country_id, GroupBy::Pillar, Some(fiscal_year)).await?;
    let mut parts = Vec::new();
    let (mut cost, mut gap) = (Decimal::ZERO, Decimal::ZERO);
    for row in report.rows {
        if let (Some(row_cost), Some(row_gap)) = (row.estimated_cost, row.funding_gap) {
            cost += row_cost;
            gap += row_gap.max(Decimal::ZERO);
            parts.push(Part {
                label: row.label,
                numerator: row_cost,
                denominator: row_cost - row_gap,
                value: Some(row_gap),
            });
        }
    }
    Ok(IndicatorValue {
        formula,
        value: Some(gap.round_dp(2)),
        numerator: cost.round_dp(2),
        denominator: (cost - gap).round_dp(2),
        parts,
    })
}

/// The share of partners that answered the year's latest round.
async fn reporting_compliance(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
) -> Result<IndicatorValue, AppError> {
    let formula = Formula::ReportingCompliance;
    let round = super::reporting::of_country(db, country_id)
        .await?
        .into_iter()
        .find(|r| r.fiscal_year == fiscal_year);
    let (parts, answered, asked) = match round {
        Some(round) => {
            let (answered, asked) = round.answered();
            let parts = round
                .compliance
                .iter()
                .map(|c| {
                    let n = Decimal::from(u8::from(c.status.is_some()));
                    part(c.organisation.name.clone(), n, Decimal::ONE, formula)
                })
                .collect();
            (parts, Decimal::from(answered), Decimal::from(asked))
        }
        None => (Vec::new(), Decimal::ZERO, Decimal::ZERO),
    };
    Ok(IndicatorValue::of(formula, answered, asked, parts))
}

/// Delivery of the latest signed compact's commitments, for the government
/// and for the partners (or the one partner asked about).
async fn compact_delivery(
    db: &impl ConnectionTrait,
    country_id: i32,
    partner: Option<i32>,
) -> Result<Vec<IndicatorValue>, AppError> {
    let commitments = super::compacts::latest_signed(db, country_id)
        .await?
        .map(|c| c.commitments)
        .unwrap_or_default();
    let delivered = |status: CommitmentStatus| {
        matches!(
            status,
            CommitmentStatus::OnTrack | CommitmentStatus::Achieved
        )
    };
    let mut values = Vec::new();
    for (formula, government_side) in [
        (Formula::GovernmentDelivery, true),
        (Formula::PartnerDelivery, false),
    ] {
        if partner.is_some() && government_side {
            continue;
        }
        let mut by_party: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
        for c in commitments
            .iter()
            .filter(|c| c.status != CommitmentStatus::Dropped)
        {
            let ours = match c.kind {
                CommitmentKind::Government | CommitmentKind::Joint => government_side,
                CommitmentKind::Partner => !government_side,
            };
            if !ours || partner.is_some_and(|id| id != c.party_id) {
                continue;
            }
            let label = if government_side {
                "Government".to_string()
            } else {
                c.party.clone()
            };
            let entry = by_party.entry(label).or_default();
            entry.0 += Decimal::from(u8::from(delivered(c.status)));
            entry.1 += Decimal::ONE;
        }
        let (n, d) = by_party
            .values()
            .fold((Decimal::ZERO, Decimal::ZERO), |(n, d), (a, b)| {
                (n + a, d + b)
            });
        let parts = by_party
            .into_iter()
            .map(|(label, (a, b))| part(label, a, b, formula))
            .collect();
        values.push(IndicatorValue::of(formula, n, d, parts));
    }
    Ok(values)
}
