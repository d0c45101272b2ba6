//! The figures the indicators are computed from: one fiscal year's flows,
//! contributions, government-sector disbursements by country system,
//! schedules and forward plans, each summed in SQL by partner.

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
use crate::types::{Formula, IndicatorValue, OrganisationKind, Part, TransactionKind};

use crate::services::funding::basis::Basis;
use crate::services::funding::rates::RateTable;
use crate::services::funding::sums::{Scope, Side, Tally, a, base, groups};

/// Activities in which a government ministry or agency takes part.
pub(super) fn government_sector() -> sea_orm::sea_query::SimpleExpr {
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
pub(super) fn reporter_and(conditions: &[String]) -> Expr {
    let mut sql = "CAST(activities.reporting_org_id AS TEXT) || ':'".to_string();
    for condition in conditions {
        sql.push_str(&format!(" || CASE WHEN {condition} THEN '1' ELSE '0' END"));
    }
    Expr::cust(sql)
}

/// Sums by partner in one pass: each partner's whole, and for each
/// condition the part of it for which the condition holds.
pub(super) async fn by_partner(
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
            .add(&group, rates, Decimal::ONE)?;
        for (part, bit) in parts.iter_mut().zip(holds.chars()) {
            if bit == '1' {
                part.entry(id)
                    .or_default()
                    .add(&group, rates, Decimal::ONE)?;
            }
        }
    }
    Ok((whole, parts))
}

/// Scheduled disbursements to the government sector in a fiscal year, by
/// partner, converted at the rate of the period's first day.
pub(super) async fn scheduled(
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
        .filter(crate::services::funding::activities::counted())
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
pub(super) async fn plan_years(
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
        .filter(crate::services::funding::activities::counted())
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
    let (country_id, rates, funds) = (basis.country_id, &basis.rates, &basis.funds[..]);
    let scope = Scope {
        country_id,
        fiscal_year: Some(fiscal_year),
    };
    let only = |query: Select<transaction::Entity>| match partner {
        Some(id) => query.filter(activity::Column::ReportingOrgId.eq(id)),
        None => query,
    };
    let disbursements = || {
        only(base(scope, Side::Use, funds))
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
        only(base(scope, Side::Source, funds)),
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
        only(base(all_years, Side::Source, funds))
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
