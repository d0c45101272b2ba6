//! The funding cells: a country's counted flows summed by everything a
//! funding view or an indicator groups or filters on, kept in step by
//! every write, so that figures are read from a few thousand cells rather
//! than summed from every transaction.
//!
//! Each activity's part is stored beside the country's sums (`parts`).
//! A write to activities calls [`refresh`] in its database transaction:
//! their amounts are converted again where a rate changed, their parts
//! computed afresh from their rows, and the country's sums moved by the
//! difference. A change that reaches every activity (an organisation's
//! kind, a merge, the reporting currency) calls [`rebuild`].

mod contributions;
pub(crate) mod convert;
mod parts;
pub(crate) mod reads;

use crate::i18n::td_string;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use entities::{activity, country, funding_cell, transaction};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::AppError;
use crate::services::funding::rates::RateTable;
use crate::services::funding::sums::{Facet, pooled_funds};
use contributions::Context;
pub(crate) use contributions::{Cells, Place, Sums};
use convert::{Which, reconvert};

/// Activities per query: well inside every database's limit on parameters.
const CHUNK: usize = 500;

/// The activity of a country's sums: none.
const COUNTRY: i32 = 0;

/// Amounts are stored as two 64-bit integers, `high * 2^32 + low`, so that
/// neither a cell nor a sum of cells read back in SQL can overflow.
const SPLIT: i128 = 1 << 32;

async fn context(db: &impl ConnectionTrait, country_id: i32) -> Result<Context, AppError> {
    let country = country::Entity::find_by_id(country_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_country,
                    id = country_id
                )
                .to_string(),
            )
        })?;
    Ok(Context {
        country_id,
        rates: RateTable::load(db, country_id, &country.currency).await?,
        funds: pooled_funds(db, country_id).await?.into_iter().collect(),
    })
}

/// Brings the cells of `activity_ids` (of `country_id`) in step with their
/// rows, converting their amounts again first.
pub async fn refresh(
    db: &impl ConnectionTrait,
    country_id: i32,
    activity_ids: &[i32],
) -> Result<(), AppError> {
    let context = context(db, country_id).await?;
    for ids in activity_ids.chunks(CHUNK) {
        reconvert(db, &context.rates, Which::Activities(ids)).await?;
        refresh_converted(db, &context, ids).await?;
    }
    Ok(())
}

/// Converts the country's flows in `currency` again after a change to its
/// rates, and refreshes the activities whose amounts moved.
pub async fn rates_changed(
    db: &impl ConnectionTrait,
    country_id: i32,
    currency: &str,
) -> Result<(), AppError> {
    let context = context(db, country_id).await?;
    let moved: Vec<i32> = reconvert(db, &context.rates, Which::Currency(currency))
        .await?
        .into_iter()
        .collect();
    for ids in moved.chunks(CHUNK) {
        refresh_converted(db, &context, ids).await?;
    }
    Ok(())
}

async fn refresh_converted(
    db: &impl ConnectionTrait,
    context: &Context,
    ids: &[i32],
) -> Result<(), AppError> {
    let fresh = contributions::of_activities(db, context, ids).await?;
    let stored = parts::read(db, context.country_id, Some(ids)).await?;
    if fresh == stored {
        return Ok(());
    }
    let mut moves: BTreeMap<Place, Sums> = BTreeMap::new();
    for (place, sums) in &stored {
        moves
            .entry(country_place(place))
            .or_default()
            .add(*sums, -1)?;
    }
    for (place, sums) in &fresh {
        moves
            .entry(country_place(place))
            .or_default()
            .add(*sums, 1)?;
    }
    parts::replace(db, context.country_id, ids, &fresh).await?;
    moves.retain(|_, sums| *sums != Sums::default());
    add_to(db, context.country_id, &moves).await?;
    if moves.values().any(|sums| sums.rows < 0) {
        funding_cell::Entity::delete_many()
            .filter(funding_cell::Column::CountryId.eq(context.country_id))
            .filter(funding_cell::Column::Rows.eq(0))
            .exec(db)
            .await?;
    }
    Ok(())
}

fn country_place(place: &Place) -> Place {
    Place {
        activity_id: COUNTRY,
        ..place.clone()
    }
}

/// Converts all of a country's flows again and builds its cells afresh.
pub async fn rebuild(db: &impl ConnectionTrait, country_id: i32) -> Result<(), AppError> {
    let context = context(db, country_id).await?;
    reconvert(db, &context.rates, Which::Country).await?;
    funding_cell::Entity::delete_many()
        .filter(funding_cell::Column::CountryId.eq(country_id))
        .exec(db)
        .await?;
    parts::clear(db, country_id).await?;
    let fresh = from_rows(db, &context).await?;
    parts::insert(db, country_id, &fresh).await?;
    insert(db, country_id, &summed(&fresh)?).await
}

/// The country's sums of activities' parts.
fn summed(parts: &Cells) -> Result<Cells, AppError> {
    let mut country = Cells::new();
    for (place, sums) in parts {
        country
            .entry(country_place(place))
            .or_default()
            .add(*sums, 1)?;
    }
    Ok(country)
}

/// Every counted activity's part of the country's cells, from the rows.
async fn from_rows(db: &impl ConnectionTrait, context: &Context) -> Result<Cells, AppError> {
    let ids: Vec<i32> = activity::Entity::find()
        .select_only()
        .column(activity::Column::Id)
        .filter(activity::Column::CountryId.eq(context.country_id))
        .filter(crate::services::funding::activities::counted())
        .order_by_asc(activity::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut cells = Cells::new();
    for ids in ids.chunks(CHUNK) {
        cells.extend(contributions::of_activities(db, context, ids).await?);
    }
    Ok(cells)
}

/// The differences between a country's stored cells and cells computed
/// afresh from its rows (their amounts as stored): none when every write
/// kept them in step.
pub async fn differences(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<String>, AppError> {
    let context = context(db, country_id).await?;
    let fresh = from_rows(db, &context).await?;
    let country = summed(&fresh)?;
    let mut expected = fresh;
    expected.extend(country);
    let mut stored = parts::read(db, country_id, None).await?;
    stored.extend(read(db, country_id).await?);
    let places: BTreeSet<&Place> = expected.keys().chain(stored.keys()).collect();
    Ok(places
        .into_iter()
        .filter_map(|place| {
            let (want, have) = (expected.get(place), stored.get(place));
            (want != have).then(|| format!("{place:?}: expected {want:?}, stored {have:?}"))
        })
        .collect())
}

/// Builds the cells of every country that has flows and no cells yet: a
/// database from before the cells, or restored from elsewhere.
pub async fn build_missing(db: &impl ConnectionTrait) -> Result<Vec<i32>, AppError> {
    let with_cells: HashSet<i32> = funding_cell::Entity::find()
        .select_only()
        .column(funding_cell::Column::CountryId)
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let with_flows: Vec<i32> = transaction::Entity::find()
        .select_only()
        .column(transaction::Column::CountryId)
        .distinct()
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let mut built = Vec::new();
    for country_id in with_flows {
        if !with_cells.contains(&country_id) {
            rebuild(db, country_id).await?;
            built.push(country_id);
        }
    }
    Ok(built)
}

/// The stored sums of a country.
async fn read(db: &impl ConnectionTrait, country_id: i32) -> Result<Cells, AppError> {
    let query = funding_cell::Entity::find().filter(funding_cell::Column::CountryId.eq(country_id));
    let mut cells = Cells::new();
    for row in query.all(db).await? {
        let Some(facet) = Facet::from_code(row.facet) else {
            return Err(AppError::internal(format!(
                "funding cell facet {}",
                row.facet
            )));
        };
        let place = Place {
            activity_id: COUNTRY,
            facet,
            facet_key: row.facet_key,
            fiscal_year: row.fiscal_year,
            reporter_id: row.reporter_id,
            kind: row.kind,
            to_fund: row.to_fund,
            on_budget: row.on_budget,
            channel: row.channel,
            money_type: row.money_type,
            government: row.government,
            systems: [
                row.on_treasury,
                row.on_report,
                row.on_audit,
                row.on_procurement,
            ],
        };
        let sums = Sums {
            scaled: i128::from(row.amount_high) * SPLIT + i128::from(row.amount_low),
            rows: row.rows,
            unconverted: row.unconverted,
        };
        cells.entry(place).or_default().add(sums, 1)?;
    }
    Ok(cells)
}

fn model(
    country_id: i32,
    place: &Place,
    sums: &Sums,
) -> Result<funding_cell::ActiveModel, AppError> {
    let high = i64::try_from(sums.scaled.div_euclid(SPLIT)).map_err(|_| {
        AppError::OutOfRange(
            td_string!(crate::language::current(), rules.what_funding_sum).to_string(),
        )
    })?;
    let low = i64::try_from(sums.scaled.rem_euclid(SPLIT)).map_err(|_| {
        AppError::OutOfRange(
            td_string!(crate::language::current(), rules.what_funding_sum).to_string(),
        )
    })?;
    Ok(funding_cell::ActiveModel {
        country_id: Set(country_id),
        facet: Set(place.facet.code()),
        facet_key: Set(place.facet_key.clone()),
        fiscal_year: Set(place.fiscal_year),
        reporter_id: Set(place.reporter_id),
        kind: Set(place.kind),
        to_fund: Set(place.to_fund),
        on_budget: Set(place.on_budget),
        channel: Set(place.channel.clone()),
        money_type: Set(place.money_type.clone()),
        government: Set(place.government),
        on_treasury: Set(place.systems[0]),
        on_report: Set(place.systems[1]),
        on_audit: Set(place.systems[2]),
        on_procurement: Set(place.systems[3]),
        amount_high: Set(high),
        amount_low: Set(low),
        rows: Set(sums.rows),
        unconverted: Set(sums.unconverted),
        ..Default::default()
    })
}

async fn insert(db: &impl ConnectionTrait, country_id: i32, cells: &Cells) -> Result<(), AppError> {
    let models = cells
        .iter()
        .map(|(place, sums)| model(country_id, place, sums))
        .collect::<Result<Vec<_>, _>>()?;
    for chunk in models.chunks(CHUNK / 4) {
        funding_cell::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Adds `moves` to the country's sums, creating the cells that are new.
async fn add_to(db: &impl ConnectionTrait, country_id: i32, moves: &Cells) -> Result<(), AppError> {
    use funding_cell::Column as C;
    let models = moves
        .iter()
        .map(|(place, sums)| model(country_id, place, sums))
        .collect::<Result<Vec<_>, _>>()?;
    let mut on_conflict = OnConflict::columns([
        C::CountryId,
        C::Facet,
        C::FiscalYear,
        C::FacetKey,
        C::ReporterId,
        C::Kind,
        C::ToFund,
        C::OnBudget,
        C::Channel,
        C::MoneyType,
        C::Government,
        C::OnTreasury,
        C::OnReport,
        C::OnAudit,
        C::OnProcurement,
    ]);
    for (column, name) in [
        (C::AmountHigh, "amount_high"),
        (C::AmountLow, "amount_low"),
        (C::Rows, "rows"),
        (C::Unconverted, "unconverted"),
    ] {
        on_conflict.value(
            column,
            Expr::cust(format!(
                "\"funding_cells\".\"{name}\" + \"excluded\".\"{name}\""
            )),
        );
    }
    for chunk in models.chunks(CHUNK / 4) {
        funding_cell::Entity::insert_many(chunk.to_vec())
            .on_conflict(on_conflict.clone())
            .exec(db)
            .await?;
    }
    Ok(())
}
