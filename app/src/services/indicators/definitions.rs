//! A country's indicator definitions: baselines, targets by fiscal year,
//! the measurements owners enter and the comments reviewers leave.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{indicator, indicator_measurement, indicator_target, organisation, user};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionSession,
    TransactionTrait,
};

use crate::AppError;
use crate::types::{
    FiscalYear, Formula, Indicator, Measurement, NewIndicator, OrganisationRef, Target,
};

use crate::services::accounts::audit::{self, Author, Change};

use super::checks::{baseline_of, check_owner, direction_of};
pub(super) use super::checks::{check_year, decimal, unit_of};
pub use super::checks::{get_model, validate};
pub use super::edits::{changes, update};
pub use super::measurements::record_measurement;
pub use super::targets::{remove_target, set_target};

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
    let txn = crate::services::locks::begin(db).await?;
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
            td_string!(crate::language::current(), rules.used_by_other_indicator),
        ));
    }
    check_owner(&txn, country_id, new.owner_id).await?;
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
            id: t.id,
            version: t.version,
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
                version: m.version,
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
            let direction = direction_of(&m)?;
            let baseline = baseline_of(&m)?;
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
                version: m.version,
            })
        })
        .collect()
}
