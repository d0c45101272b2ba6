//! The figures the indicators are computed from: one fiscal year's flows,
//! contributions, government-sector disbursements by country system,
//! schedules and forward plans, each summed in SQL by partner.

use crate::i18n::td_string;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;

use crate::AppError;
use crate::types::{Formula, IndicatorValue, Part, TransactionKind};

use crate::services::funding::basis::Basis;
use crate::services::funding::groups::groups;
use crate::services::funding::sums::{
    Condition, Facet, Flows, Key, SHARE_SCALE, Side, Tally, Years,
};

/// Sums by partner in one pass: each partner's whole, and for each
/// condition the part of it for which the condition holds.
async fn by_partner(
    db: &impl ConnectionTrait,
    basis: &Basis,
    flows: Flows,
    conditions: &[Condition],
) -> Result<(BTreeMap<i32, Tally>, Vec<BTreeMap<i32, Tally>>), AppError> {
    let mut whole: BTreeMap<i32, Tally> = BTreeMap::new();
    let mut parts: Vec<BTreeMap<i32, Tally>> = vec![BTreeMap::new(); conditions.len()];
    let flows = flows.conditions(conditions);
    for group in groups(db, basis, &flows).await? {
        let (id, holds) = group.key.split_once(':').unwrap_or((&group.key, ""));
        let Ok(id) = id.parse::<i32>() else {
            continue;
        };
        whole.entry(id).or_default().add(&group, Decimal::ONE)?;
        for (part, bit) in parts.iter_mut().zip(holds.chars()) {
            if bit == '1' {
                part.entry(id).or_default().add(&group, Decimal::ONE)?;
            }
        }
    }
    Ok((whole, parts))
}

/// Scheduled disbursements to the government sector in a fiscal year, by
/// partner, each converted at the rate of its period's first day.
async fn scheduled(
    db: &impl ConnectionTrait,
    basis: &Basis,
    fiscal_year: i32,
    partner: Option<i32>,
) -> Result<BTreeMap<i32, Decimal>, AppError> {
    let flows = Flows::new(
        Years::Only(fiscal_year),
        Side::All,
        Facet::Planned,
        Key::Reporter,
    )
    .reporter(partner)
    .government();
    let mut by_partner: BTreeMap<i32, Decimal> = BTreeMap::new();
    for group in groups(db, basis, &flows).await? {
        let Ok(id) = group.key.parse::<i32>() else {
            continue;
        };
        if group.rows == group.unconverted {
            // Nothing of it converts: it schedules nothing yet.
            continue;
        }
        let amount =
            Decimal::try_from_i128_with_scale(group.scaled, 2 + SHARE_SCALE).map_err(|_| {
                AppError::OutOfRange(
                    td_string!(crate::language::current(), rules.what_planned_of, id).to_string(),
                )
            })?;
        let sum = by_partner.entry(id).or_default();
        *sum = sum.checked_add(amount).ok_or_else(|| {
            AppError::OutOfRange(
                td_string!(crate::language::current(), rules.what_planned_of, id).to_string(),
            )
        })?;
    }
    Ok(by_partner)
}

/// The fiscal years each partner has planned disbursements for.
async fn plan_years(
    db: &impl ConnectionTrait,
    basis: &Basis,
    partner: Option<i32>,
) -> Result<BTreeMap<i32, BTreeSet<i32>>, AppError> {
    let flows =
        Flows::new(Years::All, Side::All, Facet::Planned, Key::ReporterYear).reporter(partner);
    let mut years: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for group in groups(db, basis, &flows).await? {
        let Some((partner, year)) = group.key.split_once('|') else {
            continue;
        };
        if let (Ok(partner), Ok(year)) = (partner.parse(), year.parse()) {
            years.entry(partner).or_default().insert(year);
        }
    }
    Ok(years)
}

/// Everything the indicators need, by partner, for one fiscal year.
pub(super) struct Figures {
    pub(super) names: HashMap<i32, String>,
    /// Partners with flows in the year (pooled funds not included).
    pub(super) partners: BTreeSet<i32>,
    pub(super) source: BTreeMap<i32, Tally>,
    pub(super) contributions: BTreeMap<i32, Tally>,
    pub(super) cumulative: BTreeMap<i32, Tally>,
    /// Disbursements to the government sector, and those using each system.
    pub(super) government: BTreeMap<i32, Tally>,
    pub(super) systems: [BTreeMap<i32, Tally>; 4],
    pub(super) scheduled: BTreeMap<i32, Decimal>,
    pub(super) plan_years: BTreeMap<i32, BTreeSet<i32>>,
}

impl Figures {
    pub(super) fn name(&self, id: i32) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    pub(super) fn disbursed(map: &BTreeMap<i32, Tally>, id: i32) -> Decimal {
        map.get(&id).map(|t| t.totals.disbursed).unwrap_or_default()
    }

    /// A ratio indicator over the partners in `ids`, with a part for each.
    pub(super) fn ratio(
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

pub(super) fn part(
    label: String,
    numerator: Decimal,
    denominator: Decimal,
    formula: Formula,
) -> Part {
    Part {
        label,
        value: crate::types::compute_indicator(formula.unit(), numerator, denominator),
        numerator: numerator.round_dp(2),
        denominator: denominator.round_dp(2),
    }
}

pub(super) async fn figures(
    db: &impl ConnectionTrait,
    basis: &Basis,
    fiscal_year: i32,
    partner: Option<i32>,
) -> Result<Figures, AppError> {
    let funds = &basis.funds[..];
    let year = Years::Only(fiscal_year);
    let flows = |years: Years, side: Side| {
        Flows::new(years, side, Facet::Flows, Key::Reporter).reporter(partner)
    };
    // Paid into a fund: a contribution.
    let (source, paid) =
        by_partner(db, basis, flows(year, Side::Source), &[Condition::ToFund]).await?;
    let contributions = paid.into_iter().next().unwrap_or_default();
    let (cumulative, _) = by_partner(
        db,
        basis,
        flows(Years::UpTo(fiscal_year), Side::Source),
        &[],
    )
    .await?;
    // Each system used: the transaction's own answer, else the activity's.
    let disbursements = flows(year, Side::Use)
        .kind(TransactionKind::Disbursement)
        .government();
    let systems = [
        Condition::OnTreasury,
        Condition::OnReport,
        Condition::OnAudit,
        Condition::OnProcurement,
    ];
    let (government, systems) = by_partner(db, basis, disbursements, &systems).await?;
    let systems: [BTreeMap<i32, Tally>; 4] = systems
        .try_into()
        .map_err(|_| AppError::internal("one tally per country system"))?;
    let scheduled = scheduled(db, basis, fiscal_year, partner).await?;
    let plan_years = plan_years(db, basis, partner).await?;
    let partners = source
        .keys()
        .chain(scheduled.keys())
        .copied()
        .filter(|id| !funds.contains(id))
        .collect();
    Ok(Figures {
        names: basis.names.clone(),
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
