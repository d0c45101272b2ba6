//! The computed mutual accountability indicators of a fiscal year,
//! country-wide or for one partner. Every figure is summed in SQL by
//! partner (and by currency and rate, to convert); a value keeps its
//! numerator, denominator and the per-partner rows it came from.

use crate::i18n::td_string;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;

use crate::AppError;
use crate::types::{
    Commitment, CommitmentKind, CommitmentStatus, FiscalYear, Formula, GroupBy, IndicatorSet,
    IndicatorValue, OrganisationRef, Part,
};

use crate::services::funding::basis::Basis;

use crate::services::indicators::figures::{Figures, figures, part};

/// The fiscal year a dashboard opens on: the latest with flows that has
/// begun by `today`, else the one `today` is in.
pub async fn default_year(
    db: &impl ConnectionTrait,
    country_id: i32,
    start_month: u32,
    today: NaiveDate,
) -> Result<i32, AppError> {
    let now = FiscalYear::containing(today, start_month).start_year;
    Ok(
        crate::services::funding::report::fiscal_years(db, country_id)
            .await?
            .into_iter()
            .filter(|y| *y <= now)
            .max()
            .unwrap_or(now),
    )
}

/// The computed indicators of `fiscal_year`, country-wide or for `partner`.
pub async fn compute(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
    partner: Option<i32>,
) -> Result<IndicatorSet, AppError> {
    let basis = Basis::load(db, country_id).await?;
    compute_on(db, &basis, fiscal_year, partner).await
}

/// The computed indicators of `fiscal_year`, on a basis already loaded.
#[tracing::instrument(skip(db, basis), fields(country_id = basis.country_id))]
pub async fn compute_on(
    db: &impl ConnectionTrait,
    basis: &Basis,
    fiscal_year: i32,
    partner: Option<i32>,
) -> Result<IndicatorSet, AppError> {
    let (country_id, country) = (basis.country_id, &basis.country);
    let f = figures(db, basis, fiscal_year, partner).await?;
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
        values.push(funding_gap(db, basis, fiscal_year).await?);
        values.push(reporting_compliance(db, country_id, fiscal_year).await?);
    }
    let year_end = FiscalYear {
        start_year: fiscal_year,
        start_month: country.fiscal_year_start_month,
    }
    .last_day()
    .ok_or_else(|| {
        AppError::invalid(
            "fiscal_year",
            td_string!(crate::language::current(), rules.out_of_range),
        )
    })?;
    values.extend(compact_delivery(db, country_id, year_end, partner).await?);
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
        currency: country.currency.clone(),
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
    basis: &Basis,
    fiscal_year: i32,
) -> Result<IndicatorValue, AppError> {
    let formula = Formula::FundingGap;
    let report =
        crate::services::funding::report::build_on(db, basis, GroupBy::Pillar, Some(fiscal_year))
            .await?;
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
    let round = crate::services::funding::reporting::of_country(db, country_id)
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

/// A commitment's status at the end of `day`: the one set by its latest
/// progress report on or before it; before any, not started. A commitment
/// whose reports predate their keeping a status has only today's to go by.
fn status_on(c: &Commitment, day: NaiveDate) -> CommitmentStatus {
    if c.progress.iter().all(|p| p.status.is_none()) {
        return c.status;
    }
    c.progress
        .iter()
        .filter(|p| p.on_date <= day)
        .find_map(|p| p.status)
        .unwrap_or(CommitmentStatus::NotStarted)
}

/// Delivery of the latest signed compact's commitments at `year_end`, for
/// the government and for the partners (or the one partner asked about).
async fn compact_delivery(
    db: &impl ConnectionTrait,
    country_id: i32,
    year_end: NaiveDate,
    partner: Option<i32>,
) -> Result<Vec<IndicatorValue>, AppError> {
    let commitments = crate::services::compact::compacts::latest_signed(db, country_id)
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
        for (c, status) in commitments
            .iter()
            .map(|c| (c, status_on(c, year_end)))
            .filter(|(_, status)| *status != CommitmentStatus::Dropped)
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
            entry.0 += Decimal::from(u8::from(delivered(status)));
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
