//! The measurements owners enter for their indicators, one a fiscal year:
//! a second entry for the year corrects the first, and the audit keeps the
//! value before and after.

use crate::i18n::td_string;
use chrono::Utc;
use entities::indicator_measurement;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};
use serde::Serialize;

use super::checks::{check_value, check_year, get_model, unit_of};
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;
use crate::types::NewMeasurement;
use crate::{AppError, FieldError};

const MEASUREMENT: &str = "indicator_measurement";

/// A measurement as the audit keeps it.
#[derive(Debug, Serialize)]
struct Recorded<'a> {
    indicator: &'a str,
    fiscal_year: i32,
    value: String,
    source: String,
    note: String,
    /// The user's id.
    entered_by: i32,
    entered_at: chrono::DateTime<Utc>,
    version: i32,
}

fn recorded<'a>(code: &'a str, row: &indicator_measurement::Model) -> Recorded<'a> {
    Recorded {
        indicator: code,
        fiscal_year: row.fiscal_year,
        value: row.value.clone(),
        source: row.source.clone(),
        note: row.note.clone(),
        entered_by: row.entered_by,
        entered_at: row.entered_at,
        version: row.version,
    }
}

/// The measurement of `fiscal_year`, locked until the change commits.
async fn locked(
    db: &impl ConnectionTrait,
    indicator_id: i32,
    fiscal_year: i32,
) -> Result<Option<indicator_measurement::Model>, AppError> {
    Ok(indicator_measurement::Entity::find()
        .filter(indicator_measurement::Column::IndicatorId.eq(indicator_id))
        .filter(indicator_measurement::Column::FiscalYear.eq(fiscal_year))
        .lock_exclusive()
        .one(db)
        .await?)
}

fn check(unit: crate::types::Unit, new: &NewMeasurement) -> Result<(), AppError> {
    let mut errors: Vec<FieldError> = check_value("value", unit, new.value).into_iter().collect();
    let source = new.source.trim();
    if source.is_empty() || source.chars().count() > 300 {
        errors.push(FieldError::new(
            "source",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 300
            )
            .to_string(),
        ));
    }
    if new.note.chars().count() > 2000 {
        errors.push(FieldError::new(
            "note",
            td_string!(
                crate::language::current(),
                rules.too_long,
                max = crate::services::count(2000)
            )
            .to_string(),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Records an entered indicator's value for a fiscal year that has none
/// (`opened_at` is `None`), or corrects the one it has, which was at
/// version `opened_at` when the form showed it.
#[tracing::instrument(skip(db, new))]
pub async fn record_measurement(
    db: &impl TransactionTrait,
    author: &Author,
    (country_id, code): (i32, &str),
    new: NewMeasurement,
    opened_at: Option<i32>,
) -> Result<(), AppError> {
    let user_id = author
        .user_id
        .ok_or_else(|| AppError::internal("a measurement needs a user"))?;
    check_year("measurement_fiscal_year", new.fiscal_year)?;
    let txn = crate::services::locks::begin(db).await?;
    let model = get_model(&txn, country_id, code).await?;
    if model.formula.is_some() {
        return Err(AppError::invalid(
            "indicator",
            td_string!(crate::language::current(), rules.computed_no_measurements),
        ));
    }
    check(unit_of(&model)?, &new)?;
    let value = new.value.normalize().to_string();
    let (source, note) = (new.source.trim().to_string(), new.note.trim().to_string());
    // A new year's value is inserted; an existing one (perhaps inserted a
    // moment ago by someone else) is locked, then corrected.
    let inserted = indicator_measurement::Entity::insert(indicator_measurement::ActiveModel {
        indicator_id: Set(model.id),
        fiscal_year: Set(new.fiscal_year),
        value: Set(value.clone()),
        source: Set(source.clone()),
        note: Set(note.clone()),
        entered_by: Set(user_id),
        entered_at: Set(crate::services::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            indicator_measurement::Column::IndicatorId,
            indicator_measurement::Column::FiscalYear,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let row = locked(&txn, model.id, new.fiscal_year)
        .await?
        .ok_or_else(|| AppError::internal(format!("measurement {code} vanished")))?;
    let taken = AppError::invalid(
        "measurement_fiscal_year",
        td_string!(
            crate::language::current(),
            rules.measurement_taken,
            year = new.fiscal_year,
            value = &row.value
        )
        .to_string(),
    );
    let keyed = (inserted == 1, row.version);
    let object = (MEASUREMENT, row.id);
    versions::ensure_keyed(
        &txn,
        td_string!(crate::language::current(), rules.the_measurement),
        object,
        keyed,
        opened_at,
        Some(taken),
    )
    .await?;
    let (change, before, after) = if inserted == 1 {
        (Change::Create, None, row)
    } else {
        let version = row.version.saturating_add(1);
        let mut active: indicator_measurement::ActiveModel = row.clone().into();
        active.value = Set(value);
        active.source = Set(source);
        active.note = Set(note);
        active.entered_by = Set(user_id);
        active.entered_at = Set(crate::services::now());
        active.version = Set(version);
        let after = active.update(&txn).await?;
        (Change::Update, Some(row), after)
    };
    let before = before.as_ref().map(|b| recorded(code, b));
    audit::record(
        &txn,
        author,
        Some(country_id),
        MEASUREMENT,
        after.id,
        change,
        before.as_ref(),
        Some(&recorded(code, &after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
