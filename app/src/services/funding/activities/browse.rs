//! The public project browser: a country's published, validated activities, searched
//! by title or identifier, a page at a time.

use crate::i18n::td_string;
use entities::activity;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::AppError;
use crate::types::{Activity, ActivityStatus, ProjectList, ProjectRow, Validation};

use super::checks::CountryFacts;
use super::reads::{counted, load_many};

/// Activities on one page of the browser.
pub const PAGE_SIZE: u64 = 50;
/// The longest search the browser takes.
pub const MAX_SEARCH: usize = 200;

/// `text` as a LIKE pattern that matches it anywhere, its own `%`, `_` and
/// `\` taken literally.
fn pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Activities whose title or IATI identifier holds `search`, in any case.
pub(super) fn matching(search: &str) -> Condition {
    let like = |column: activity::Column| {
        Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern(search)).escape('\\'))
    };
    Condition::any()
        .add(like(activity::Column::Title))
        .add(like(activity::Column::IatiIdentifier))
}

/// Page `page` (from 1) of the country's published, validated activities whose title
/// or IATI identifier holds `search` (any case), by title.
pub async fn browse(
    db: &impl ConnectionTrait,
    country_id: i32,
    search: &str,
    page: u64,
) -> Result<ProjectList, AppError> {
    let search = search.trim();
    if search.chars().count() > MAX_SEARCH {
        return Err(AppError::invalid(
            "q",
            td_string!(crate::language::current(), rules.too_long, max = MAX_SEARCH).to_string(),
        ));
    }
    let mut query = activity::Entity::find()
        .filter(activity::Column::CountryId.eq(country_id))
        .filter(counted());
    if !search.is_empty() {
        query = query.filter(matching(search));
    }
    let total = query.clone().count(db).await?;
    let pages = Ord::max(total.div_ceil(PAGE_SIZE), 1);
    let page = page.clamp(1, pages);
    let rows = query
        .order_by_asc(activity::Column::Title)
        .order_by_asc(activity::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let facts = CountryFacts::load(db, country_id).await?;
    let activities = rows
        .into_iter()
        .map(|a| ProjectRow {
            id: a.id,
            title: a.title,
            iati_identifier: a.iati_identifier,
            partner: facts.organisation_ref(a.reporting_org_id).name,
            status: ActivityStatus::from_number(a.status),
        })
        .collect();
    Ok(ProjectList {
        activities,
        total,
        page,
        pages,
        search: search.to_string(),
    })
}

/// A published, validated activity of the country with its flows; anything else is
/// not found.
pub async fn public_activity(
    db: &impl ConnectionTrait,
    country_id: i32,
    activity_id: i32,
) -> Result<Activity, AppError> {
    let not_found = || {
        AppError::NotFound(
            td_string!(
                crate::language::current(),
                rules.what_activity,
                id = activity_id
            )
            .to_string(),
        )
    };
    let row = activity::Entity::find_by_id(activity_id)
        .one(db)
        .await?
        .filter(|a| {
            a.country_id == country_id
                && a.published
                && a.validation == Validation::Validated.code()
        })
        .ok_or_else(not_found)?;
    let facts = CountryFacts::load(db, country_id).await?;
    load_many(db, &facts, vec![row])
        .await?
        .into_iter()
        .next()
        .ok_or_else(not_found)
}
