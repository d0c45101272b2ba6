//! The funding cells proven against the rows: every funding view, the
//! budget page and the indicators computed from the cells and again from
//! the rows themselves must agree exactly, and the stored cells must equal
//! cells built afresh. `compact-tracker check-totals` and the differential
//! test run it.

use std::collections::BTreeSet;

use entities::transaction;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;

use crate::AppError;
use crate::services::funding::basis::Basis;
use crate::services::funding::sums::Source;
use crate::services::funding::{budget, cells, report};
use crate::services::indicators::computation;
use crate::types::GroupBy;

/// How far a check goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Country-wide figures and each partner's flows by year.
    Country,
    /// Also each partner's indicators in every year (slow on a large
    /// country: the rows are summed once per partner and year).
    Partners,
}

/// Every difference found, described; empty when the cells are right.
pub async fn totals(
    db: &impl ConnectionTrait,
    country_id: i32,
    depth: Depth,
) -> Result<Vec<String>, AppError> {
    let mut found = cells::differences(db, country_id).await?;
    let from_cells = Basis::load_from(db, country_id, Source::Cells).await?;
    let from_rows = Basis::load_from(db, country_id, Source::Rows).await?;
    let mut years: BTreeSet<i32> = transaction::Entity::find()
        .select_only()
        .column(transaction::Column::FiscalYear)
        .filter(transaction::Column::CountryId.eq(country_id))
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    years.extend(report::fiscal_years(db, country_id).await?);
    let mut compare = |what: String, cells: serde_json::Value, rows: serde_json::Value| {
        if cells != rows {
            found.push(format!(
                "{what}: from the cells {cells}, from the rows {rows}"
            ));
        }
    };
    for fiscal_year in years.iter().copied().map(Some).chain([None]) {
        for group_by in GroupBy::ALL {
            let (a, b) = (
                report::build_on(db, &from_cells, *group_by, fiscal_year).await?,
                report::build_on(db, &from_rows, *group_by, fiscal_year).await?,
            );
            compare(
                format!("funding by {group_by:?}, {fiscal_year:?}"),
                json(&a)?,
                json(&b)?,
            );
        }
    }
    let partners: Vec<i32> = from_cells.names.keys().copied().collect();
    for partner in &partners {
        let (a, b) = (
            report::by_year_of(db, &from_cells, *partner).await?,
            report::by_year_of(db, &from_rows, *partner).await?,
        );
        compare(format!("flows of {partner} by year"), json(&a)?, json(&b)?);
    }
    // Indicators compare a year with the one before.
    let indicator_years: BTreeSet<i32> = years.iter().flat_map(|y| [*y, y + 1]).collect();
    for fiscal_year in indicator_years {
        let (a, b) = (
            budget::view_on(db, &from_cells, fiscal_year).await?,
            budget::view_on(db, &from_rows, fiscal_year).await?,
        );
        compare(format!("budget, {fiscal_year}"), json(&a)?, json(&b)?);
        let who = match depth {
            Depth::Country => vec![None],
            Depth::Partners => [None]
                .into_iter()
                .chain(partners.iter().copied().map(Some))
                .collect(),
        };
        for partner in who {
            let (a, b) = (
                computation::compute_on(db, &from_cells, fiscal_year, partner).await?,
                computation::compute_on(db, &from_rows, fiscal_year, partner).await?,
            );
            compare(
                format!("indicators, {fiscal_year}, partner {partner:?}"),
                json(&a)?,
                json(&b)?,
            );
        }
    }
    Ok(found)
}

fn json(value: &impl Serialize) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(value).map_err(|e| AppError::internal(format!("serialising figures: {e}")))
}
