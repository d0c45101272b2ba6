//! The activities list of the signed-in pages: partners' activities as
//! their reporters work on them (a change waiting for validation in place
//! of its activity), filtered and fifty a page.

use crate::i18n::td_string;
use entities::{activity, planned_disbursement, transaction};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::AppError;
use crate::types::{ActivityFilter, ActivityList};

use super::browse::{MAX_SEARCH, PAGE_SIZE, matching};
use super::checks::CountryFacts;
use super::reads::load_many;

/// Page `filter.page` of the country's activities that match `filter`, by
/// partner and title.
pub async fn worklist(
    db: &impl ConnectionTrait,
    country_id: i32,
    filter: &ActivityFilter,
) -> Result<ActivityList, AppError> {
    let search = filter.search.trim();
    if search.chars().count() > MAX_SEARCH {
        return Err(AppError::invalid(
            "q",
            td_string!(crate::language::current(), rules.too_long, max = MAX_SEARCH).to_string(),
        ));
    }
    let changed = Query::select()
        .column(activity::Column::PendingFor)
        .from(activity::Entity)
        .and_where(activity::Column::PendingFor.is_not_null())
        .and_where(activity::Column::CountryId.eq(country_id))
        .to_owned();
    let mut query = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(activity::Column::Id.not_in_subquery(changed));
    if let Some(id) = filter.organisation_id {
        query = query.filter(activity::Column::ReportingOrgId.eq(id));
    }
    if !search.is_empty() {
        query = query.filter(matching(search));
    }
    if let Some(status) = filter.status {
        query = query.filter(activity::Column::Status.eq(status.number()));
    }
    if let Some(state) = filter.validation {
        query = query.filter(activity::Column::Validation.eq(state.code()));
    }
    if let Some(year) = filter.fiscal_year {
        let with_transactions = Query::select()
            .column(transaction::Column::ActivityId)
            .from(transaction::Entity)
            .and_where(transaction::Column::FiscalYear.eq(year))
            .to_owned();
        let with_plans = Query::select()
            .column(planned_disbursement::Column::ActivityId)
            .from(planned_disbursement::Entity)
            .and_where(planned_disbursement::Column::FiscalYear.eq(year))
            .to_owned();
        query = query.filter(
            Condition::any()
                .add(activity::Column::Id.in_subquery(with_transactions))
                .add(activity::Column::Id.in_subquery(with_plans)),
        );
    }
    let total = query.clone().count(db).await?;
    let pages = Ord::max(total.div_ceil(PAGE_SIZE), 1);
    let page = filter.page.clamp(1, pages);
    let rows = query
        .order_by_asc(activity::Column::ReportingOrgId)
        .order_by_asc(activity::Column::Title)
        .order_by_asc(activity::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let facts = CountryFacts::load(db, country_id).await?;
    Ok(ActivityList {
        activities: load_many(db, &facts, rows).await?,
        total,
        page,
        pages,
    })
}
