//! Corrections of an indicator's definition. Past readings are not
//! re-stated under the new definition: the audit keeps each correction
//! before and after, and the indicator's page lists them with their dates.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{indicator, indicator_measurement, indicator_target, organisation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};
use serde::Serialize;

use super::checks::{
    baseline_of, check_owner, check_value, decimal, direction_of, unit_of, validate,
};
use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::versions;
use crate::types::{
    Baseline, DefinitionChange, FieldChange, Formula, IndicatorEdit, NewIndicator, Unit,
};

const INDICATOR: &str = "indicator";

/// A definition as the audit keeps it, at a version.
#[derive(Debug, Serialize)]
struct Recorded<'a> {
    version: i32,
    #[serde(flatten)]
    definition: &'a NewIndicator,
}

fn definition_of(model: &indicator::Model) -> Result<NewIndicator, AppError> {
    Ok(NewIndicator {
        code: model.code.clone(),
        name: model.name.clone(),
        definition: model.definition.clone(),
        unit: unit_of(model)?,
        direction: direction_of(model)?,
        formula: model.formula.as_deref().and_then(Formula::from_code),
        pillar: model.pillar_number,
        owner_id: model.owner_id,
        baseline: baseline_of(model)?,
    })
}

/// Refuses a unit the indicator's targets and measurements do not fit (a
/// share lies between 0 and 1).
async fn check_recorded(
    db: &impl ConnectionTrait,
    indicator_id: i32,
    unit: Unit,
) -> Result<(), AppError> {
    let targets = indicator_target::Entity::find()
        .filter(indicator_target::Column::IndicatorId.eq(indicator_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| ("target", t.fiscal_year, t.value));
    let measurements = indicator_measurement::Entity::find()
        .filter(indicator_measurement::Column::IndicatorId.eq(indicator_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| ("measurement", m.fiscal_year, m.value));
    for (what, year, text) in targets.chain(measurements) {
        if check_value("unit", unit, decimal(&text, what)?).is_some() {
            return Err(AppError::invalid(
                "unit",
                if what == "target" {
                    td_string!(
                        crate::language::current(),
                        rules.unit_misfit_target,
                        year,
                        value = text
                    )
                    .to_string()
                } else {
                    td_string!(
                        crate::language::current(),
                        rules.unit_misfit_measurement,
                        year,
                        value = text
                    )
                    .to_string()
                },
            ));
        }
    }
    Ok(())
}

/// Corrects the definition of indicator `indicator_id`, which was at
/// `version` when the form opened. Its code and formula stay.
#[tracing::instrument(skip(db, edit))]
pub async fn update(
    db: &impl TransactionTrait,
    author: &Author,
    (country_id, indicator_id): (i32, i32),
    version: i32,
    edit: IndicatorEdit,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    // The country first: a stale refusal names who changed the row.
    let of_country = |m: &indicator::Model| m.country_id == country_id;
    let not_found = || {
        AppError::NotFound(
            td_string!(
                crate::language::current(),
                rules.what_indicator,
                id = indicator_id
            )
            .to_string(),
        )
    };
    indicator::Entity::find_by_id(indicator_id)
        .one(&txn)
        .await?
        .filter(of_country)
        .ok_or_else(not_found)?;
    let columns = (indicator::Column::Id, indicator::Column::Version);
    let object = (INDICATOR, indicator_id);
    let was = versions::advance::<indicator::Entity>(
        &txn,
        td_string!(crate::language::current(), rules.the_indicator),
        object,
        columns,
        version,
    )
    .await?;
    let row = indicator::Entity::find_by_id(indicator_id)
        .one(&txn)
        .await?
        .ok_or_else(not_found)?;
    let before = definition_of(&row)?;
    let after = NewIndicator {
        name: edit.name.trim().to_string(),
        definition: edit.definition.trim().to_string(),
        unit: edit.unit.unwrap_or(before.unit),
        direction: edit.direction.unwrap_or(before.direction),
        pillar: edit.pillar,
        owner_id: edit.owner_id,
        baseline: edit.baseline,
        ..before.clone()
    };
    let errors = validate(&after);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    check_owner(&txn, country_id, after.owner_id).await?;
    if after.unit != before.unit {
        check_recorded(&txn, indicator_id, after.unit).await?;
    }
    let mut active: indicator::ActiveModel = row.into();
    active.name = Set(after.name.clone());
    active.definition = Set(after.definition.clone());
    active.unit = Set(after.unit.code().to_string());
    active.direction = Set(after.direction.code().to_string());
    active.pillar_number = Set(after.pillar);
    active.owner_id = Set(after.owner_id);
    active.baseline_value = Set(after
        .baseline
        .as_ref()
        .map(|b| b.value.normalize().to_string()));
    active.baseline_date = Set(after.baseline.as_ref().map(|b| b.date));
    active.update(&txn).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        INDICATOR,
        indicator_id,
        Change::Update,
        Some(&Recorded {
            version: was,
            definition: &before,
        }),
        Some(&Recorded {
            version: was + 1,
            definition: &after,
        }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn baseline_text(baseline: Option<&Baseline>) -> String {
    baseline.map_or_else(
        || "none".to_string(),
        |b| format!("{} ({})", b.value.normalize(), b.date),
    )
}

fn differences(
    before: &NewIndicator,
    after: &NewIndicator,
    owners: &HashMap<i32, String>,
) -> Vec<FieldChange> {
    // Kept in the trail as written in English, whoever made the change.
    use crate::language::Locale;
    let pillar =
        |p: Option<i32>| p.map_or_else(|| "cross-cutting".to_string(), |n| format!("pillar {n}"));
    let owner = |o: Option<i32>| match o {
        Some(id) => owners
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("organisation {id}")),
        None => "the government's planners".to_string(),
    };
    [
        ("name", before.name.clone(), after.name.clone()),
        (
            "definition",
            before.definition.clone(),
            after.definition.clone(),
        ),
        (
            "unit",
            before.unit.label_in(Locale::en).to_string(),
            after.unit.label_in(Locale::en).to_string(),
        ),
        (
            "direction",
            before.direction.label_in(Locale::en).to_string(),
            after.direction.label_in(Locale::en).to_string(),
        ),
        ("pillar", pillar(before.pillar), pillar(after.pillar)),
        ("owner", owner(before.owner_id), owner(after.owner_id)),
        (
            "baseline",
            baseline_text(before.baseline.as_ref()),
            baseline_text(after.baseline.as_ref()),
        ),
    ]
    .into_iter()
    .filter(|(_, b, a)| b != a)
    .map(|(field, before, after)| FieldChange {
        field: field.to_string(),
        before,
        after,
    })
    .collect()
}

/// The corrections of indicator `indicator_id`'s definition, newest first,
/// with who made them when `with_authors`.
pub async fn changes(
    db: &impl ConnectionTrait,
    indicator_id: i32,
    with_authors: bool,
) -> Result<Vec<DefinitionChange>, AppError> {
    let mut corrections = Vec::new();
    for entry in audit::history(db, INDICATOR, indicator_id).await? {
        if entry.action != "update" {
            continue;
        }
        let parse = |json: Option<&str>| {
            serde_json::from_str::<NewIndicator>(json.unwrap_or_default())
                .map_err(|e| AppError::internal(format!("audit entry {}: {e}", entry.id)))
        };
        let before = parse(entry.before.as_deref())?;
        let after = parse(entry.after.as_deref())?;
        corrections.push((entry, before, after));
    }
    let ids = corrections
        .iter()
        .flat_map(|(_, b, a)| [b.owner_id, a.owner_id])
        .flatten();
    let owners: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(corrections
        .into_iter()
        .map(|(entry, before, after)| DefinitionChange {
            at: entry.at,
            by: with_authors.then_some(entry.actor),
            changes: differences(&before, &after, &owners),
        })
        .filter(|c| !c.changes.is_empty())
        .collect())
}
