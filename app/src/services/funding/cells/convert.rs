//! Amounts converted when written: each transaction and planned
//! disbursement keeps its amount in the country's reporting currency and
//! the date of the rate that converted it (see `sums` for the rule). A
//! flow no rate covers keeps neither, and counts as unconverted.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use entities::{activity, planned_disbursement, transaction};
use sea_orm::sea_query::Expr;
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
    for (id, activity_id, currency, day, amount, stored, stored_day) in
        transactions.into_tuple::<Flow>().all(db).await?
    {
        let converted = rates.convert(&currency, day, amount)?;
        if converted != stored.zip(stored_day) {
            transaction::Entity::update_many()
                .col_expr(
                    transaction::Column::ConvertedMinor,
                    Expr::value(converted.map(|(c, _)| c)),
                )
                .col_expr(
                    transaction::Column::RateDate,
                    Expr::value(converted.map(|(_, d)| d)),
                )
                .filter(transaction::Column::Id.eq(id))
                .exec(db)
                .await?;
            changed.insert(activity_id);
        }
    }
    for (id, activity_id, currency, day, amount, stored, stored_day) in
        planned.into_tuple::<Flow>().all(db).await?
    {
        let converted = rates.convert(&currency, day, amount)?;
        if converted != stored.zip(stored_day) {
            planned_disbursement::Entity::update_many()
                .col_expr(
                    planned_disbursement::Column::ConvertedMinor,
                    Expr::value(converted.map(|(c, _)| c)),
                )
                .col_expr(
                    planned_disbursement::Column::RateDate,
                    Expr::value(converted.map(|(_, d)| d)),
                )
                .filter(planned_disbursement::Column::Id.eq(id))
                .exec(db)
                .await?;
            changed.insert(activity_id);
        }
    }
    Ok(changed)
}
