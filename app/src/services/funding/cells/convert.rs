//! Amounts converted when written: each transaction and planned
//! disbursement keeps its amount in the country's reporting currency and
//! the date of the rate that converted it (see `sums` for the rule). A
//! flow no rate covers keeps neither, and counts as unconverted.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entities::{activity, planned_disbursement, transaction};
use sea_orm::sea_query::{CaseStatement, Expr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait,
};

use crate::AppError;
use crate::services::funding::rates::RateTable;

/// Which flows to convert again.
pub(crate) enum Which<'a> {
    /// Those of these activities.
    Activities(&'a [i32]),
    /// Those of the country in this currency.
    Currency(&'a str),
    /// All the country's.
    Country,
}

/// A flow as conversion sees it.
type Flow = (
    i32,
    i32,
    String,
    NaiveDate,
    i64,
    Option<i64>,
    Option<NaiveDate>,
);

/// Converts `which` flows of the rates' country again, writing those whose
/// converted amount or rate changed; answers the activities they belong to.
pub(crate) async fn reconvert(
    db: &impl ConnectionTrait,
    rates: &RateTable,
    which: Which<'_>,
) -> Result<BTreeSet<i32>, AppError> {
    let mut changed = BTreeSet::new();
    let mut transactions = transaction::Entity::find()
        .select_only()
        .columns([
            transaction::Column::Id,
            transaction::Column::ActivityId,
            transaction::Column::Currency,
            transaction::Column::ValueDate,
            transaction::Column::AmountMinor,
            transaction::Column::ConvertedMinor,
            transaction::Column::RateDate,
        ])
        .filter(transaction::Column::CountryId.eq(rates.country_id()));
    let mut planned = planned_disbursement::Entity::find()
        .select_only()
        .columns([
            planned_disbursement::Column::Id,
            planned_disbursement::Column::ActivityId,
            planned_disbursement::Column::Currency,
            planned_disbursement::Column::PeriodStart,
            planned_disbursement::Column::AmountMinor,
            planned_disbursement::Column::ConvertedMinor,
            planned_disbursement::Column::RateDate,
        ])
        .join(
            JoinType::InnerJoin,
            planned_disbursement::Relation::Activity.def(),
        )
        .filter(activity::Column::CountryId.eq(rates.country_id()));
    match which {
        Which::Activities(ids) => {
            transactions =
                transactions.filter(transaction::Column::ActivityId.is_in(ids.iter().copied()));
            planned =
                planned.filter(planned_disbursement::Column::ActivityId.is_in(ids.iter().copied()));
        }
        Which::Currency(currency) => {
            transactions = transactions.filter(transaction::Column::Currency.eq(currency));
            planned = planned.filter(planned_disbursement::Column::Currency.eq(currency));
        }
        Which::Country => {}
    }
    let flows = transactions.into_tuple::<Flow>().all(db).await?;
    let moved = converted_again(rates, flows, &mut changed)?;
    write::<transaction::Entity>(
        db,
        &moved,
        [
            transaction::Column::Id,
            transaction::Column::ConvertedMinor,
            transaction::Column::RateDate,
        ],
    )
    .await?;
    let flows = planned.into_tuple::<Flow>().all(db).await?;
    let moved = converted_again(rates, flows, &mut changed)?;
    write::<planned_disbursement::Entity>(
        db,
        &moved,
        [
            planned_disbursement::Column::Id,
            planned_disbursement::Column::ConvertedMinor,
            planned_disbursement::Column::RateDate,
        ],
    )
    .await?;
    Ok(changed)
}

type Conversion = Option<(i64, NaiveDate)>;

/// The flows whose conversion differs from the one stored, with the new
/// one; their activities are added to `changed`.
fn converted_again(
    rates: &RateTable,
    flows: Vec<Flow>,
    changed: &mut BTreeSet<i32>,
) -> Result<Vec<(i32, Conversion)>, AppError> {
    let mut moved = Vec::new();
    for (id, activity_id, currency, day, amount, stored, stored_day) in flows {
        let converted = rates.convert(&currency, day, amount)?;
        if converted != stored.zip(stored_day) {
            moved.push((id, converted));
            changed.insert(activity_id);
        }
    }
    Ok(moved)
}

/// Rows per UPDATE: three parameters each, well inside every database's
/// limit.
const BATCH: usize = 500;

/// Writes conversions, a batch of rows per statement (`CASE id WHEN ...`).
async fn write<E: EntityTrait>(
    db: &impl ConnectionTrait,
    moved: &[(i32, Conversion)],
    [id, converted, rate_date]: [E::Column; 3],
) -> Result<(), AppError> {
    for batch in moved.chunks(BATCH) {
        let mut amounts = CaseStatement::new();
        let mut days = CaseStatement::new();
        for (row, conversion) in batch {
            amounts = amounts.case(id.eq(*row), Expr::value(conversion.map(|(c, _)| c)));
            days = days.case(id.eq(*row), Expr::value(conversion.map(|(_, d)| d)));
        }
        E::update_many()
            .col_expr(converted, amounts.into())
            .col_expr(rate_date, days.into())
            .filter(id.is_in(batch.iter().map(|(row, _)| *row)))
            .exec(db)
            .await?;
    }
    Ok(())
}
