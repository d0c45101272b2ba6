//! A country's indicator definitions: baselines, targets by fiscal year,
//! the measurements owners enter and the comments reviewers leave.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::Utc;
use entities::{indicator, indicator_measurement, indicator_target, organisation, user};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

use crate::types::money::MAX_INDICATOR_VALUE;
use crate::types::{
    Baseline, Direction, FiscalYear, Formula, Indicator, Measurement, NewIndicator, NewMeasurement,
    OrganisationRef, Target, Unit,
};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};

/// Years a target or measurement may be for.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

fn decimal(text: &str, what: &str) -> Result<Decimal, AppError> {
    Decimal::from_str(text).map_err(|e| AppError::internal(format!("{what} {text:?}: {e}")))
}

pub(super) fn check_year(field: &str, year: i32) -> Result<(), AppError> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(AppError::invalid(
            field,
            "must be the year a fiscal year starts, between 1990 and 2100",
        ))
    }
}

/// A value must fit its unit: a share lies between 0 and 1.
fn check_value(field: &str, unit: Unit, value: Decimal) -> Option<FieldError> {
    if value.scale() > 6 {
        return Some(FieldError::new(field, "must have at most 6 decimal places"));
    }
    if value.abs() > Decimal::from(MAX_INDICATOR_VALUE) {
        return Some(FieldError::new(
            field,
            format!("must be between -{MAX_INDICATOR_VALUE} and {MAX_INDICATOR_VALUE}"),
        ));
    }
    (unit == Unit::Share && (value < Decimal::ZERO || value > Decimal::ONE))
        .then(|| FieldError::new(field, "is a share: write it between 0 and 1 (0.45 for 45%)"))
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
            "must be 1 to 40 letters, digits, dots, underscores or hyphens",
        ));
    } else if let Some(formula) = Formula::from_code(code)
        && new.formula != Some(formula)
    {
        errors.push(FieldError::new(
            "code",
            "is the code of a computed indicator; choose another",
        ));
    }
    if new.name.trim().is_empty() || new.name.trim().chars().count() > 200 {
        errors.push(FieldError::new("name", "must be 1 to 200 characters"));
    }
    if new.definition.trim().is_empty() || new.definition.chars().count() > 2000 {
        errors.push(FieldError::new(
            "definition",
            "must be 1 to 2,000 characters",
        ));
    }
    if let Some(formula) = new.formula {
        if new.unit != formula.unit() {
            errors.push(FieldError::new(
                "unit",
                format!("must be {} for this formula", formula.unit().label()),
            ));
        }
        if new.direction != formula.direction() {
            errors.push(FieldError::new(
                "direction",
                format!("must be {} for this formula", formula.direction().label()),
            ));
        }
    }
    if new.pillar.is_some_and(|p| !(1..=20).contains(&p)) {
        errors.push(FieldError::new(
            "pillar",
            "must be a pillar number, 1 to 20",
        ));
    }
    if let Some(baseline) = &new.baseline {
        errors.extend(check_value("baseline_value", new.unit, baseline.value));
    }
    errors
}

/// Defines an indicator for a country; its code must be new there.
#[tracing::instrument(skip(db, new))]
pub async fn define(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewIndicator,
) -> Result<i32, AppError> {
    let errors = validate(&new);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let txn = db.begin().await?;
    let code = new.code.trim().to_string();
    let mut same = sea_orm::Condition::any().add(indicator::Column::Code.eq(code.as_str()));
    if let Some(formula) = new.formula {
        same = same.add(indicator::Column::Formula.eq(formula.code()));
    }
    let taken = indicator::Entity::find()
        .filter(indicator::Column::CountryId.eq(country_id))
        .filter(same)
        .one(&txn)
        .await?;
    if let Some(taken) = taken {
        let field = if taken.code == code {
            "code"
        } else {
            "formula"
        };
        return Err(AppError::invalid(
            field,
            "is already used by another indicator of this country",
        ));
    }
    if let Some(owner) = new.owner_id {
        let found = organisation::Entity::find_by_id(owner)
            .one(&txn)
            .await?
            .is_some_and(|o| o.country_id == country_id);
        if !found {
            return Err(AppError::invalid(
                "owner",
                "must be an organisation of this country",
            ));
        }
    }
    let inserted = indicator::Entity::insert(indicator::ActiveModel {
        country_id: Set(country_id),
        code: Set(code),
        name: Set(new.name.trim().to_string()),
        definition: Set(new.definition.trim().to_string()),
        unit: Set(new.unit.code().to_string()),
        direction: Set(new.direction.code().to_string()),
        formula: Set(new.formula.map(|f| f.code().to_string())),
        pillar_number: Set(new.pillar),
        owner_id: Set(new.owner_id),
        baseline_value: Set(new
            .baseline
            .as_ref()
            .map(|b| b.value.normalize().to_string())),
        baseline_date: Set(new.baseline.as_ref().map(|b| b.date)),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    let id = inserted.last_insert_id;
    audit::record(
        &txn,
        author,
        Some(country_id),
        "indicator",
        id,
        Change::Create,
        None,
        Some(&new),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Whether the country has defined any indicator.
pub async fn any(db: &impl ConnectionTrait, country_id: i32) -> Result<bool, AppError> {
    Ok(indicator::Entity::find()
        .filter(indicator::Column::CountryId.eq(country_id))
        .one(db)
        .await?
        .is_some())
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
        .ok_or_else(|| AppError::NotFound(format!("indicator {code}")))
}

fn unit_of(model: &indicator::Model) -> Result<Unit, AppError> {
    Unit::from_code(&model.unit)
        .ok_or_else(|| AppError::internal(format!("indicator {} unit", model.id)))
}

/// Sets (or replaces) the target of a fiscal year.
#[tracing::instrument(skip(db))]
pub async fn set_target(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    code: &str,
    fiscal_year: i32,
    value: Decimal,
) -> Result<(), AppError> {
    check_year("target_fiscal_year", fiscal_year)?;
    let txn = db.begin().await?;
    let model = get_model(&txn, country_id, code).await?;
    if let Some(error) = check_value("target_value", unit_of(&model)?, value) {
        return Err(AppError::Invalid(vec![error]));
    }
    indicator_target::Entity::insert(indicator_target::ActiveModel {
        indicator_id: Set(model.id),
        fiscal_year: Set(fiscal_year),
        value: Set(value.normalize().to_string()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            indicator_target::Column::IndicatorId,
            indicator_target::Column::FiscalYear,
        ])
        .update_column(indicator_target::Column::Value)
        .to_owned(),
    )
    .exec(&txn)
    .await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        "indicator_target",
        model.id,
        Change::Update,
        None,
        Some(&(fiscal_year, value)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Records (or corrects) an entered indicator's value for a fiscal year.
#[tracing::instrument(skip(db, new))]
pub async fn record_measurement(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    code: &str,
    new: NewMeasurement,
) -> Result<(), AppError> {
    let user_id = author
        .user_id
        .ok_or_else(|| AppError::internal("a measurement needs a user"))?;
    check_year("measurement_fiscal_year", new.fiscal_year)?;
    let txn = db.begin().await?;
    let model = get_model(&txn, country_id, code).await?;
    if model.formula.is_some() {
        return Err(AppError::invalid(
            "indicator",
            "is computed from the data; it takes no entered measurements",
        ));
    }
    let mut errors: Vec<FieldError> = check_value("value", unit_of(&model)?, new.value)
        .into_iter()
        .collect();
    let source = new.source.trim();
    if source.is_empty() || source.chars().count() > 300 {
        errors.push(FieldError::new("source", "must be 1 to 300 characters"));
    }
    if new.note.chars().count() > 2000 {
        errors.push(FieldError::new("note", "must be at most 2,000 characters"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    indicator_measurement::Entity::insert(indicator_measurement::ActiveModel {
        indicator_id: Set(model.id),
        fiscal_year: Set(new.fiscal_year),
        value: Set(new.value.normalize().to_string()),
        source: Set(source.to_string()),
        note: Set(new.note.trim().to_string()),
        entered_by: Set(user_id),
        entered_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            indicator_measurement::Column::IndicatorId,
            indicator_measurement::Column::FiscalYear,
        ])
        .update_columns([
            indicator_measurement::Column::Value,
            indicator_measurement::Column::Source,
            indicator_measurement::Column::Note,
            indicator_measurement::Column::EnteredBy,
            indicator_measurement::Column::EnteredAt,
        ])
        .to_owned(),
    )
    .exec(&txn)
    .await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        "indicator_measurement",
        model.id,
        Change::Update,
        None,
        Some(&new),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Names of the users `ids`, with their organisations, by id.
pub(super) async fn people(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let organisations: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(users.iter().map(|u| u.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(users
        .into_iter()
        .map(|u| {
            let label = match organisations.get(&u.organisation_id) {
                Some(org) => format!("{} ({org})", u.display_name),
                None => u.display_name,
            };
            (u.id, label)
        })
        .collect())
}

/// Every indicator the country has defined, by code, with its targets and
/// measurements oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    country_id: i32,
    start_month: u32,
) -> Result<Vec<Indicator>, AppError> {
    let label = |start_year| {
        FiscalYear {
            start_year,
            start_month,
        }
        .label()
    };
    let models = indicator::Entity::find()
        .filter(indicator::Column::CountryId.eq(country_id))
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?;
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut targets: HashMap<i32, Vec<Target>> = HashMap::new();
    for t in indicator_target::Entity::find()
        .filter(indicator_target::Column::IndicatorId.is_in(ids.clone()))
        .order_by_asc(indicator_target::Column::FiscalYear)
        .all(db)
        .await?
    {
        targets.entry(t.indicator_id).or_default().push(Target {
            fiscal_year: t.fiscal_year,
            fiscal_year_label: label(t.fiscal_year),
            value: decimal(&t.value, "target")?,
        });
    }
    let rows = indicator_measurement::Entity::find()
        .filter(indicator_measurement::Column::IndicatorId.is_in(ids))
        .order_by_asc(indicator_measurement::Column::FiscalYear)
        .all(db)
        .await?;
    let people = people(db, rows.iter().map(|m| m.entered_by)).await?;
    let mut measurements: HashMap<i32, Vec<Measurement>> = HashMap::new();
    for m in rows {
        measurements
            .entry(m.indicator_id)
            .or_default()
            .push(Measurement {
                fiscal_year: m.fiscal_year,
                fiscal_year_label: label(m.fiscal_year),
                value: decimal(&m.value, "measurement")?,
                source: m.source,
                note: m.note,
                entered_by: people.get(&m.entered_by).cloned().unwrap_or_default(),
                entered_at: m.entered_at,
            });
    }
    let owners: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    models
        .into_iter()
        .map(|m| {
            let unit = unit_of(&m)?;
            let direction = Direction::from_code(&m.direction)
                .ok_or_else(|| AppError::internal(format!("indicator {} direction", m.id)))?;
            let baseline = match (&m.baseline_value, m.baseline_date) {
                (Some(value), Some(date)) => Some(Baseline {
                    value: decimal(value, "baseline")?,
                    date,
                }),
                _ => None,
            };
            Ok(Indicator {
                id: m.id,
                code: m.code,
                name: m.name,
                definition: m.definition,
                unit,
                direction,
                formula: m.formula.as_deref().and_then(Formula::from_code),
                pillar: m.pillar_number,
                owner: m.owner_id.map(|id| OrganisationRef {
                    id,
                    name: owners.get(&id).cloned().unwrap_or_default(),
                }),
                baseline,
                targets: targets.remove(&m.id).unwrap_or_default(),
                measurements: measurements.remove(&m.id).unwrap_or_default(),
            })
        })
        .collect()
}
