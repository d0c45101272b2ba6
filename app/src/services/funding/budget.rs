//! The national budget: lines of the chart of accounts, their figures per
//! fiscal year, and the external flows mapped to them.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{budget_amount, budget_line};
use rust_decimal::Decimal;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use crate::types::money::{from_minor, to_minor};
use crate::types::{BudgetAmounts, BudgetLine, BudgetRow, BudgetView, FiscalYear, TransactionKind};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::funding::basis::Basis;
use crate::services::funding::groups::groups;
use crate::services::funding::sums::{Facet, Flows, Key, Side, Tally, Years};
use crate::services::versions;

fn to_wire(model: budget_line::Model, codes: &HashMap<i32, String>) -> BudgetLine {
    BudgetLine {
        id: model.id,
        parent_code: model.parent_id.and_then(|id| codes.get(&id).cloned()),
        code: model.code,
        name: model.name,
        admin_unit: model.admin_unit,
        function_name: model.function_name,
        security: model.security,
        sector_code: model.sector_code,
        version: model.version,
    }
}

/// A country's budget lines in code order.
pub async fn lines(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<BudgetLine>, AppError> {
    let models = budget_line::Entity::find()
        .filter(budget_line::Column::CountryId.eq(country_id))
        .order_by_asc(budget_line::Column::Code)
        .all(db)
        .await?;
    let codes: HashMap<i32, String> = models.iter().map(|m| (m.id, m.code.clone())).collect();
    Ok(models.into_iter().map(|m| to_wire(m, &codes)).collect())
}

/// The country a budget line belongs to.
pub async fn country_of_line(db: &impl ConnectionTrait, line_id: i32) -> Result<i32, AppError> {
    budget_line::Entity::find_by_id(line_id)
        .one(db)
        .await?
        .map(|l| l.country_id)
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_budget_line,
                    id = line_id
                )
                .to_string(),
            )
        })
}

const FIGURES: &str = "budget_amount";

/// A line's figures for a year as the audit keeps them.
#[derive(Debug, serde::Serialize)]
struct Figures<'a> {
    line: &'a str,
    fiscal_year: i32,
    amounts: BudgetAmounts,
    version: i32,
}

fn figures<'a>(line: &'a str, row: &budget_amount::Model) -> Figures<'a> {
    Figures {
        line,
        fiscal_year: row.fiscal_year,
        amounts: BudgetAmounts {
            appropriation: from_minor(row.appropriation_minor),
            expected_external: from_minor(row.expected_external_minor),
            execution: from_minor(row.execution_minor),
        },
        version: row.version,
    }
}

/// Sets a line's figures for a fiscal year that has none (`opened_at` is
/// `None`), or changes the ones it has, which were at version `opened_at`
/// when the form showed them.
#[tracing::instrument(skip(db))]
pub async fn set_amounts(
    db: &impl TransactionTrait,
    author: &Author,
    line_id: i32,
    (fiscal_year, opened_at): (i32, Option<i32>),
    amounts: BudgetAmounts,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let line = budget_line::Entity::find_by_id(line_id)
        .one(&txn)
        .await?
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_budget_line,
                    id = line_id
                )
                .to_string(),
            )
        })?;
    let mut errors = Vec::new();
    let mut minor = |field: &str, amount: Decimal| match to_minor(amount) {
        Some(m) if m >= 0 => m,
        _ => {
            errors.push(FieldError::new(
                field,
                td_string!(crate::language::current(), rules.zero_or_more_two_decimals),
            ));
            0
        }
    };
    let appropriation = minor("appropriation", amounts.appropriation);
    let expected_external = minor("expected_external", amounts.expected_external);
    let execution = minor("execution", amounts.execution);
    if !(1900..=2200).contains(&fiscal_year) {
        errors.push(FieldError::new(
            "fiscal_year",
            td_string!(crate::language::current(), rules.year_such_as),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // A year without figures gets a row; an existing one (perhaps entered
    // a moment ago by someone else) is locked, then changed.
    let inserted = budget_amount::Entity::insert(budget_amount::ActiveModel {
        budget_line_id: Set(line.id),
        fiscal_year: Set(fiscal_year),
        appropriation_minor: Set(appropriation),
        expected_external_minor: Set(expected_external),
        execution_minor: Set(execution),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            budget_amount::Column::BudgetLineId,
            budget_amount::Column::FiscalYear,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let row = budget_amount::Entity::find()
        .filter(budget_amount::Column::BudgetLineId.eq(line.id))
        .filter(budget_amount::Column::FiscalYear.eq(fiscal_year))
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::internal(format!("figures of line {line_id} vanished")))?;
    let what = td_string!(
        crate::language::current(),
        rules.figures_of_line,
        code = &line.code,
        year = fiscal_year
    )
    .to_string();
    let keyed = (inserted == 1, row.version);
    versions::ensure_keyed(&txn, &what, (FIGURES, row.id), keyed, opened_at, None).await?;
    let (change, before, after) = if inserted == 1 {
        (Change::Create, None, row)
    } else {
        let mut active: budget_amount::ActiveModel = row.clone().into();
        active.appropriation_minor = Set(appropriation);
        active.expected_external_minor = Set(expected_external);
        active.execution_minor = Set(execution);
        active.version = Set(row.version.saturating_add(1));
        let after = active.update(&txn).await?;
        (Change::Update, Some(row), after)
    };
    let before = before.as_ref().map(|b| figures(&line.code, b));
    audit::record(
        &txn,
        author,
        Some(line.country_id),
        FIGURES,
        after.id,
        change,
        before.as_ref(),
        Some(&figures(&line.code, &after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Each budget line for a fiscal year: the domestic figures, the on-budget
/// external flows mapped to it, and off-budget disbursements in its sector.
#[tracing::instrument(skip(db))]
pub async fn view(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
) -> Result<BudgetView, AppError> {
    let basis = Basis::load(db, country_id).await?;
    view_on(db, &basis, fiscal_year).await
}

/// The budget page's rows for a fiscal year, on a basis already loaded.
pub async fn view_on(
    db: &impl ConnectionTrait,
    basis: &Basis,
    fiscal_year: i32,
) -> Result<BudgetView, AppError> {
    let country_id = basis.country_id;
    let years = Years::Only(fiscal_year);
    let mapped = Flows::new(years, Side::Use, Facet::BudgetLine, Key::Facet).on_budget(true);
    let mut on: HashMap<String, Tally> = HashMap::new();
    for group in groups(db, basis, &mapped).await? {
        on.entry(group.key.clone())
            .or_default()
            .add(&group, Decimal::ONE)?;
    }
    let off_budget = Flows::new(years, Side::Use, Facet::Sector, Key::Facet)
        .on_budget(false)
        .kind(TransactionKind::Disbursement);
    let mut off: HashMap<String, Tally> = HashMap::new();
    for group in groups(db, basis, &off_budget).await? {
        off.entry(group.key.clone())
            .or_default()
            .add(&group, Decimal::ONE)?;
    }
    let lines = lines(db, country_id).await?;
    let amounts: HashMap<i32, Figures> = budget_amount::Entity::find()
        .filter(budget_amount::Column::BudgetLineId.is_in(lines.iter().map(|l| l.id)))
        .filter(budget_amount::Column::FiscalYear.eq(fiscal_year))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.budget_line_id, figures("", &m)))
        .collect();
    let rows = lines
        .into_iter()
        .map(|line| {
            let mapped = on.get(&line.id.to_string()).cloned().unwrap_or_default();
            let beside = line
                .sector_code
                .as_ref()
                .and_then(|c| off.get(c))
                .cloned()
                .unwrap_or_default();
            BudgetRow {
                amounts: amounts.get(&line.id).map(|f| f.amounts).unwrap_or_default(),
                amounts_version: amounts.get(&line.id).map(|f| f.version),
                on_budget_committed: mapped.totals.committed.round_dp(2),
                on_budget_disbursed: mapped.totals.disbursed.round_dp(2),
                off_budget_disbursed: beside.totals.disbursed.round_dp(2),
                unconverted: mapped.unconverted + beside.unconverted,
                line,
            }
        })
        .collect();
    Ok(BudgetView {
        currency: basis.country.currency.clone(),
        fiscal_year,
        fiscal_year_label: FiscalYear {
            start_year: fiscal_year,
            start_month: basis.country.fiscal_year_start_month,
        }
        .label(),
        rows,
    })
}
