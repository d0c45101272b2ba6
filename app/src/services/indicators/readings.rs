//! What a dashboard shows: every indicator of a fiscal year, computed or
//! entered, with last year's value, its target and its status.

use sea_orm::ConnectionTrait;

use crate::AppError;
use crate::services::funding::basis::Basis;
use crate::services::indicators::computation::compute_on;
use crate::types::{
    FiscalYear, Formula, Indicator, IndicatorSet, IndicatorValue, Reading, Readings, Status,
};

/// What a reading is narrowed to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    /// One partner's computed values and the indicators it owns.
    pub partner: Option<i32>,
    /// The indicators of one strategy pillar.
    pub pillar: Option<i32>,
}

/// The pillar's own part of the funding gap, as a value of its own.
fn pillar_gap(value: &IndicatorValue, pillar: i32) -> Option<IndicatorValue> {
    let prefix = format!("Pillar {pillar}:");
    let part = value.parts.iter().find(|p| p.label.starts_with(&prefix))?;
    Some(IndicatorValue {
        formula: value.formula,
        value: part.value,
        numerator: part.numerator,
        denominator: part.denominator,
        parts: vec![part.clone()],
    })
}

fn computed(
    formula: Formula,
    current: &IndicatorSet,
    previous: &IndicatorSet,
    definition: Option<&Indicator>,
    filter: Filter,
) -> Option<Reading> {
    let narrow = |set: &IndicatorSet| {
        let value = set.get(formula)?;
        match filter.pillar {
            Some(pillar) if formula == Formula::FundingGap => pillar_gap(value, pillar),
            _ => Some(value.clone()),
        }
    };
    let value = narrow(current)?;
    let pillar = match (formula, filter.pillar) {
        (Formula::FundingGap, Some(pillar)) => Some(pillar),
        _ => definition.and_then(|d| d.pillar),
    };
    let baseline = definition.and_then(|d| d.baseline.clone());
    let target = definition.and_then(|d| d.target(current.fiscal_year));
    Some(Reading {
        code: definition.map_or_else(|| formula.code().to_string(), |d| d.code.clone()),
        name: definition.map_or_else(|| formula.label().to_string(), |d| d.name.clone()),
        definition: formula.definition().to_string(),
        unit: formula.unit(),
        direction: formula.direction(),
        pillar,
        owner: None,
        status: Status::of(
            value.value,
            baseline.as_ref().map(|b| b.value),
            target,
            formula.direction(),
        ),
        previous: narrow(previous).and_then(|v| v.value),
        value: value.value,
        baseline,
        target,
        computed: Some(value),
        measurement: None,
    })
}

fn entered(indicator: &Indicator, fiscal_year: i32) -> Reading {
    let measurement = indicator.measurement(fiscal_year).cloned();
    let value = measurement.as_ref().map(|m| m.value);
    let baseline = indicator.baseline.clone();
    let target = indicator.target(fiscal_year);
    Reading {
        code: indicator.code.clone(),
        name: indicator.name.clone(),
        definition: indicator.definition.clone(),
        unit: indicator.unit,
        direction: indicator.direction,
        pillar: indicator.pillar,
        owner: indicator.owner.clone(),
        status: Status::of(
            value,
            baseline.as_ref().map(|b| b.value),
            target,
            indicator.direction,
        ),
        previous: indicator.measurement(fiscal_year - 1).map(|m| m.value),
        value,
        baseline,
        target,
        computed: None,
        measurement,
    }
}

/// The readings of `fiscal_year`: the computed indicators (country-wide or
/// for the partner), then the entered ones (all, or those the partner
/// owns); with a pillar, only that pillar's.
#[tracing::instrument(skip(db))]
pub async fn of_year(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
    filter: Filter,
) -> Result<Readings, AppError> {
    // One basis for both years: the country, rates, organisations and
    // strategy are read once.
    let basis = Basis::load(db, country_id).await?;
    let start_month = basis.country.fiscal_year_start_month;
    let current = compute_on(db, &basis, fiscal_year, filter.partner).await?;
    let previous = compute_on(db, &basis, fiscal_year - 1, filter.partner).await?;
    let definitions =
        crate::services::indicators::definitions::list(db, country_id, start_month).await?;
    let mut readings: Vec<Reading> = current
        .values
        .iter()
        .filter_map(|v| {
            let definition = definitions.iter().find(|d| d.formula == Some(v.formula));
            computed(v.formula, &current, &previous, definition, filter)
        })
        .collect();
    readings.extend(
        definitions
            .iter()
            .filter(|d| d.formula.is_none())
            .filter(|d| {
                filter
                    .partner
                    .is_none_or(|p| d.owner.as_ref().is_some_and(|o| o.id == p))
            })
            .map(|d| entered(d, fiscal_year)),
    );
    if let Some(pillar) = filter.pillar {
        readings.retain(|r| r.pillar == Some(pillar));
    }
    Ok(Readings {
        currency: basis.country.currency.clone(),
        fiscal_year,
        fiscal_year_label: current.fiscal_year_label,
        previous_label: FiscalYear {
            start_year: fiscal_year - 1,
            start_month,
        }
        .label(),
        partner: current.partner,
        pillar: filter.pillar,
        readings,
    })
}
