//! The rules a definition, a target and a measurement keep, and the
//! reading of a stored definition, shared by the indicator services.

use crate::i18n::td_string;
use std::str::FromStr;

use entities::{indicator, organisation};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::types::money::MAX_INDICATOR_VALUE;
use crate::types::{Baseline, Direction, Formula, NewIndicator, Unit};
use crate::{AppError, FieldError};

/// Years a target or measurement may be for.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

pub(super) fn decimal(text: &str, what: &str) -> Result<Decimal, AppError> {
    Decimal::from_str(text).map_err(|e| AppError::internal(format!("{what} {text:?}: {e}")))
}

pub(super) fn check_year(field: &str, year: i32) -> Result<(), AppError> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(AppError::invalid(
            field,
            td_string!(crate::language::current(), rules.fiscal_year_start_between),
        ))
    }
}

/// A value must fit its unit: a share lies between 0 and 1.
pub(super) fn check_value(field: &str, unit: Unit, value: Decimal) -> Option<FieldError> {
    if value.scale() > 6 {
        return Some(FieldError::new(
            field,
            td_string!(crate::language::current(), rules.max_decimals, count = 6).to_string(),
        ));
    }
    if value.abs() > Decimal::from(MAX_INDICATOR_VALUE) {
        return Some(FieldError::new(
            field,
            td_string!(
                crate::language::current(),
                rules.value_between,
                max = MAX_INDICATOR_VALUE
            )
            .to_string(),
        ));
    }
    (unit == Unit::Share && (value < Decimal::ZERO || value > Decimal::ONE)).then(|| {
        FieldError::new(
            field,
            td_string!(crate::language::current(), rules.share_between),
        )
    })
}

/// Codes are short and safe in a link: letters, digits, `.`, `_`, `-`.
fn check_code(code: &str) -> bool {
    (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Checks a definition. A computed indicator takes its formula's unit and
/// direction; an entered one may not take a formula's code.
pub fn validate(new: &NewIndicator) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let code = new.code.trim();
    if !check_code(code) {
        errors.push(FieldError::new(
            "code",
            td_string!(crate::language::current(), rules.indicator_code_format),
        ));
    } else if let Some(formula) = Formula::from_code(code)
        && new.formula != Some(formula)
    {
        errors.push(FieldError::new(
            "code",
            td_string!(crate::language::current(), rules.computed_code),
        ));
    }
    if new.name.trim().is_empty() || new.name.trim().chars().count() > 200 {
        errors.push(FieldError::new(
            "name",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    if new.definition.trim().is_empty() || new.definition.chars().count() > 2000 {
        errors.push(FieldError::new(
            "definition",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = crate::services::count(2000)
            )
            .to_string(),
        ));
    }
    if let Some(formula) = new.formula {
        if new.unit != formula.unit() {
            errors.push(FieldError::new(
                "unit",
                td_string!(
                    crate::language::current(),
                    rules.must_be_for_formula,
                    value = formula.unit().label()
                )
                .to_string(),
            ));
        }
        if new.direction != formula.direction() {
            errors.push(FieldError::new(
                "direction",
                td_string!(
                    crate::language::current(),
                    rules.must_be_for_formula,
                    value = formula.direction().label()
                )
                .to_string(),
            ));
        }
    }
    if new.pillar.is_some_and(|p| !(1..=20).contains(&p)) {
        errors.push(FieldError::new(
            "pillar",
            td_string!(crate::language::current(), rules.pillar_number),
        ));
    }
    if let Some(baseline) = &new.baseline {
        errors.extend(check_value("baseline_value", new.unit, baseline.value));
    }
    errors
}

/// Refuses an owner that is not an organisation of the country.
pub(super) async fn check_owner(
    db: &impl ConnectionTrait,
    country_id: i32,
    owner: Option<i32>,
) -> Result<(), AppError> {
    let Some(owner) = owner else {
        return Ok(());
    };
    let found = organisation::Entity::find_by_id(owner)
        .one(db)
        .await?
        .is_some_and(|o| o.country_id == country_id);
    if found {
        Ok(())
    } else {
        Err(AppError::invalid(
            "owner",
            td_string!(crate::language::current(), rules.organisation_of_country),
        ))
    }
}

/// An indicator of the country, by code.
pub async fn get_model(
    db: &impl ConnectionTrait,
    country_id: i32,
    code: &str,
) -> Result<indicator::Model, AppError> {
    indicator::Entity::find()
        .filter(indicator::Column::CountryId.eq(country_id))
        .filter(indicator::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_indicator, id = code).to_string(),
            )
        })
}

pub(super) fn unit_of(model: &indicator::Model) -> Result<Unit, AppError> {
    Unit::from_code(&model.unit)
        .ok_or_else(|| AppError::internal(format!("indicator {} unit", model.id)))
}

pub(super) fn direction_of(model: &indicator::Model) -> Result<Direction, AppError> {
    Direction::from_code(&model.direction)
        .ok_or_else(|| AppError::internal(format!("indicator {} direction", model.id)))
}

pub(super) fn baseline_of(model: &indicator::Model) -> Result<Option<Baseline>, AppError> {
    Ok(match (&model.baseline_value, model.baseline_date) {
        (Some(value), Some(date)) => Some(Baseline {
            value: decimal(value, "baseline")?,
            date,
        }),
        _ => None,
    })
}
