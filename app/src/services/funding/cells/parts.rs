//! Each activity's part of its country's funding cells, one row per
//! activity holding its cells as JSON: read back when the activity is
//! written, to move the country's sums by the difference.

use entities::funding_part;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use super::{CHUNK, Cells, Place, Sums};
use crate::AppError;
use crate::services::funding::sums::Facet;

/// One cell of a part, as stored: the place but its activity, then the
/// sums (the amount as a decimal string: it may pass 64 bits).
#[derive(Serialize, Deserialize)]
struct Stored(
    i16,
    String,
    i32,
    i32,
    i16,
    bool,
    bool,
    String,
    String,
    bool,
    [bool; 4],
    String,
    i64,
    i64,
);

fn broken(activity_id: i32) -> AppError {
    AppError::internal(format!(
        "the funding part of activity {activity_id} does not read"
    ))
}

/// The stored parts of the country's `activities`, or of all of them.
pub(super) async fn read(
    db: &impl ConnectionTrait,
    country_id: i32,
    activities: Option<&[i32]>,
) -> Result<Cells, AppError> {
    let mut query =
        funding_part::Entity::find().filter(funding_part::Column::CountryId.eq(country_id));
    if let Some(ids) = activities {
        query = query.filter(funding_part::Column::ActivityId.is_in(ids.iter().copied()));
    }
    let mut cells = Cells::new();
    for part in query.all(db).await? {
        let stored: Vec<Stored> =
            serde_json::from_str(&part.cells).map_err(|_| broken(part.activity_id))?;
        for Stored(
            facet,
            key,
            year,
            reporter,
            kind,
            to_fund,
            on_budget,
            channel,
            money,
            gov,
            systems,
            scaled,
            rows,
            unconverted,
        ) in stored
        {
            let place = Place {
                activity_id: part.activity_id,
                facet: Facet::from_code(facet).ok_or_else(|| broken(part.activity_id))?,
                facet_key: key,
                fiscal_year: year,
                reporter_id: reporter,
                kind,
                to_fund,
                on_budget,
                channel,
                money_type: money,
                government: gov,
                systems,
            };
            let sums = Sums {
                scaled: scaled.parse().map_err(|_| broken(part.activity_id))?,
                rows,
                unconverted,
            };
            cells.insert(place, sums);
        }
    }
    Ok(cells)
}

/// Replaces the parts of `ids` with those in `cells` (an activity with no
/// cell keeps no part).
pub(super) async fn replace(
    db: &impl ConnectionTrait,
    country_id: i32,
    ids: &[i32],
    cells: &Cells,
) -> Result<(), AppError> {
    funding_part::Entity::delete_many()
        .filter(funding_part::Column::CountryId.eq(country_id))
        .filter(funding_part::Column::ActivityId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    insert(db, country_id, cells).await
}

/// Stores the parts of the activities in `cells`.
pub(super) async fn insert(
    db: &impl ConnectionTrait,
    country_id: i32,
    cells: &Cells,
) -> Result<(), AppError> {
    let mut by_activity: std::collections::BTreeMap<i32, Vec<Stored>> = Default::default();
    for (place, sums) in cells {
        by_activity
            .entry(place.activity_id)
            .or_default()
            .push(Stored(
                place.facet.code(),
                place.facet_key.clone(),
                place.fiscal_year,
                place.reporter_id,
                place.kind,
                place.to_fund,
                place.on_budget,
                place.channel.clone(),
                place.money_type.clone(),
                place.government,
                place.systems,
                sums.scaled.to_string(),
                sums.rows,
                sums.unconverted,
            ));
    }
    let rows = by_activity
        .into_iter()
        .map(|(activity_id, stored)| {
            let cells = serde_json::to_string(&stored)
                .map_err(|e| AppError::internal(format!("writing a funding part: {e}")))?;
            Ok(funding_part::ActiveModel {
                activity_id: Set(activity_id),
                country_id: Set(country_id),
                cells: Set(cells),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    for chunk in rows.chunks(CHUNK) {
        funding_part::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Removes every part of a country's activities.
pub(super) async fn clear(db: &impl ConnectionTrait, country_id: i32) -> Result<(), AppError> {
    funding_part::Entity::delete_many()
        .filter(funding_part::Column::CountryId.eq(country_id))
        .exec(db)
        .await?;
    Ok(())
}
