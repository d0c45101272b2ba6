//! The demo's indicators: the computed ones with baselines and targets,
//! and entered ones measured by the ministries and two partners over four
//! fiscal years, so that the dashboard tells a story on first run.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::{Baseline, NewIndicator, NewMeasurement, Organisation};

use crate::services::accounts::audit::Author;
use crate::services::accounts::users;
use crate::services::indicators::{comments, definitions};

use super::data::indicators::{COMMENTS, COMPUTED, ENTERED, YEARS};

fn decimal(text: &str) -> Result<Decimal, AppError> {
    Decimal::from_str(text).map_err(|e| AppError::internal(format!("demo figure {text:?}: {e}")))
}

fn baseline(text: &str) -> Result<Option<Baseline>, AppError> {
    if text.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::from_ymd_opt(2023, 6, 30)
        .ok_or_else(|| AppError::internal("demo baseline date"))?;
    Ok(Some(Baseline {
        value: decimal(text)?,
        date,
    }))
}

async fn targets(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    code: &str,
    targets: &[&str; 4],
) -> Result<(), AppError> {
    for (year, target) in YEARS.iter().zip(targets) {
        if !target.is_empty() {
            let year = (*year, None);
            definitions::set_target(txn, author, country_id, code, year, decimal(target)?).await?;
        }
    }
    Ok(())
}

/// Loads the demo indicators, unless the country has some already.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    organisations: &[Organisation],
) -> Result<(), AppError> {
    if definitions::any(txn, country_id).await? {
        return Ok(());
    }
    for (formula, base, goals) in COMPUTED {
        let new = NewIndicator {
            code: formula.code().to_string(),
            name: formula.label().to_string(),
            definition: formula.definition().to_string(),
            unit: formula.unit(),
            direction: formula.direction(),
            formula: Some(*formula),
            pillar: None,
            owner_id: None,
            baseline: baseline(base)?,
        };
        definitions::define(txn, author, country_id, new).await?;
        targets(txn, author, country_id, formula.code(), goals).await?;
    }
    for e in ENTERED {
        let owner = organisations
            .iter()
            .find(|o| o.acronym.as_deref() == Some(e.owner))
            .ok_or_else(|| AppError::internal(format!("demo organisation {}", e.owner)))?;
        let new = NewIndicator {
            code: e.code.to_string(),
            name: e.name.to_string(),
            definition: e.definition.to_string(),
            unit: e.unit,
            direction: e.direction,
            formula: None,
            pillar: e.pillar,
            owner_id: Some(owner.id),
            baseline: baseline(e.baseline)?,
        };
        definitions::define(txn, author, country_id, new).await?;
        targets(txn, author, country_id, e.code, &e.targets).await?;
        let enterer = users::find_by_email(txn, e.enterer)
            .await?
            .ok_or_else(|| AppError::internal(format!("demo account {}", e.enterer)))?;
        let by = Author {
            user_id: Some(enterer.id),
            label: e.enterer.to_string(),
        };
        for (year, value) in YEARS.iter().zip(e.measured) {
            if value.is_empty() {
                continue;
            }
            let measurement = NewMeasurement {
                fiscal_year: *year,
                value: decimal(value)?,
                source: e.source.to_string(),
                note: String::new(),
            };
            let key = (country_id, e.code);
            definitions::record_measurement(txn, &by, key, measurement, None).await?;
        }
    }
    let reviewer = "reviewer@kalinda.example";
    let user = users::find_by_email(txn, reviewer)
        .await?
        .ok_or_else(|| AppError::internal(format!("demo account {reviewer}")))?;
    let by = Author {
        user_id: Some(user.id),
        label: reviewer.to_string(),
    };
    for (code, year, body) in COMMENTS {
        comments::comment(txn, &by, country_id, code, *year, body).await?;
    }
    Ok(())
}
