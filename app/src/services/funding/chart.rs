//! The chart of accounts: the lines of the national budget, added,
//! corrected and removed (not while flows map to them or lines sit under
//! them); [`super::chart_import`] loads a whole chart from a file.

use crate::i18n::td_string;
use std::collections::HashMap;

use entities::{activity, activity_budget_line, budget_amount, budget_line};
use sea_orm::ActiveValue::Unchanged;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};
use serde::Serialize;

use crate::types::money::from_minor;
use crate::types::{BudgetLine, NewBudgetLine};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::funding::budget::lines;
use crate::services::versions;

const LINE: &str = "budget_line";

/// A line's fields, trimmed and checked on their own.
struct Checked {
    code: String,
    name: String,
    admin_unit: String,
    function_name: String,
    security: bool,
    sector_code: Option<String>,
    parent_code: Option<String>,
}

fn blank_is_none(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// Checks what a line says by itself; field names start with `prefix`
/// (`""` on the form, `"line 3: "` in a file).
fn check(new: NewBudgetLine, prefix: &str) -> Result<Checked, Vec<FieldError>> {
    let field = |name: &str| format!("{prefix}{name}");
    let code = new.code.trim().to_string();
    let name = new.name.trim().to_string();
    let sector_code = blank_is_none(new.sector_code);
    let mut errors = Vec::new();
    if code.is_empty() || code.chars().count() > 40 || code.contains(char::is_whitespace) {
        errors.push(FieldError::new(
            field("line_code"),
            td_string!(crate::language::current(), rules.line_code_format),
        ));
    }
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new(
            field("line_name"),
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 200
            )
            .to_string(),
        ));
    }
    for (name, value) in [
        ("admin_unit", &new.admin_unit),
        ("function_name", &new.function_name),
    ] {
        if value.trim().chars().count() > 200 {
            errors.push(FieldError::new(
                field(name),
                td_string!(crate::language::current(), rules.too_long, max = 200).to_string(),
            ));
        }
    }
    if sector_code
        .as_ref()
        .is_some_and(|c| c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_digit()))
    {
        errors.push(FieldError::new(
            field("sector_code"),
            td_string!(crate::language::current(), rules.dac3_sector),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Checked {
        code,
        name,
        admin_unit: new.admin_unit.trim().to_string(),
        function_name: new.function_name.trim().to_string(),
        security: new.security,
        sector_code,
        parent_code: blank_is_none(new.parent_code),
    })
}

/// The id of the parent named by `checked`, among the codes known
/// (`code -> id`); refused when it is unknown, or is `line_id` itself or a
/// line under it.
fn parent_of(
    checked: &Checked,
    known: &HashMap<String, i32>,
    parents: &HashMap<i32, Option<i32>>,
    line_id: Option<i32>,
    prefix: &str,
) -> Result<Option<i32>, FieldError> {
    let field = format!("{prefix}parent_code");
    let Some(code) = &checked.parent_code else {
        return Ok(None);
    };
    let Some(&parent) = known.get(code) else {
        return Err(FieldError::new(
            field,
            td_string!(crate::language::current(), rules.not_a_chart_line, code).to_string(),
        ));
    };
    // Up from the parent, never reaching the line itself.
    let mut at = Some(parent);
    let mut steps = 0usize;
    while let Some(id) = at {
        if Some(id) == line_id || steps > parents.len() {
            return Err(FieldError::new(
                field,
                td_string!(crate::language::current(), rules.parent_not_self),
            ));
        }
        at = parents.get(&id).copied().flatten();
        steps = steps.saturating_add(1);
    }
    Ok(Some(parent))
}

fn known_codes(existing: &[BudgetLine]) -> HashMap<String, i32> {
    existing.iter().map(|l| (l.code.clone(), l.id)).collect()
}

async fn parents(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<HashMap<i32, Option<i32>>, AppError> {
    Ok(budget_line::Entity::find()
        .filter(budget_line::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.id, l.parent_id))
        .collect())
}

fn active(checked: Checked, parent_id: Option<i32>) -> budget_line::ActiveModel {
    budget_line::ActiveModel {
        code: Set(checked.code),
        name: Set(checked.name),
        admin_unit: Set(checked.admin_unit),
        function_name: Set(checked.function_name),
        security: Set(checked.security),
        sector_code: Set(checked.sector_code),
        parent_id: Set(parent_id),
        ..Default::default()
    }
}

async fn one(db: &impl ConnectionTrait, country_id: i32, id: i32) -> Result<BudgetLine, AppError> {
    lines(db, country_id)
        .await?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(crate::language::current(), rules.what_budget_line, id).to_string(),
            )
        })
}

/// Adds a line to the country's chart of accounts.
#[tracing::instrument(skip(db))]
pub async fn add_line(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewBudgetLine,
) -> Result<BudgetLine, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let mut chart = Chart::load(&txn, country_id).await?;
    let added = insert(&txn, author, (country_id, &mut chart), new, "").await?;
    txn.commit().await?;
    Ok(added)
}

/// What a form or a file adds, checked against the lines already there
/// (`known` codes and their `parents`, kept up to date as lines are added).
pub(super) struct Chart {
    known: HashMap<String, i32>,
    parents: HashMap<i32, Option<i32>>,
}

impl Chart {
    pub(super) async fn load(db: &impl ConnectionTrait, country_id: i32) -> Result<Self, AppError> {
        Ok(Self {
            known: known_codes(&lines(db, country_id).await?),
            parents: parents(db, country_id).await?,
        })
    }
}

pub(super) async fn insert(
    db: &impl ConnectionTrait,
    author: &Author,
    (country_id, chart): (i32, &mut Chart),
    new: NewBudgetLine,
    prefix: &str,
) -> Result<BudgetLine, AppError> {
    let checked = check(new, prefix).map_err(AppError::Invalid)?;
    if chart.known.contains_key(&checked.code) {
        return Err(AppError::invalid(
            format!("{prefix}line_code"),
            td_string!(
                crate::language::current(),
                rules.chart_has_line,
                code = checked.code
            )
            .to_string(),
        ));
    }
    let parent = parent_of(&checked, &chart.known, &chart.parents, None, prefix)
        .map_err(|e| AppError::Invalid(vec![e]))?;
    let parent_code = checked.parent_code.clone();
    let model = budget_line::ActiveModel {
        country_id: Set(country_id),
        ..active(checked, parent)
    }
    .insert(db)
    .await?;
    chart.known.insert(model.code.clone(), model.id);
    chart.parents.insert(model.id, model.parent_id);
    let added = BudgetLine {
        id: model.id,
        parent_code,
        code: model.code,
        name: model.name,
        admin_unit: model.admin_unit,
        function_name: model.function_name,
        security: model.security,
        sector_code: model.sector_code,
        version: model.version,
    };
    audit::record(
        db,
        author,
        Some(country_id),
        LINE,
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    Ok(added)
}

/// The line `line_id` moved on to its next version (which locks it),
/// refused unless it was at `version`: what it was, and its country.
async fn to_change(
    db: &impl ConnectionTrait,
    line_id: i32,
    version: i32,
) -> Result<(BudgetLine, i32), AppError> {
    let columns = (budget_line::Column::Id, budget_line::Column::Version);
    versions::advance::<budget_line::Entity>(
        db,
        td_string!(crate::language::current(), rules.the_budget_line),
        (LINE, line_id),
        columns,
        version,
    )
    .await?;
    let country_id = crate::services::funding::budget::country_of_line(db, line_id).await?;
    Ok((one(db, country_id, line_id).await?, country_id))
}

/// Corrects every field of a line, which was at `version` when the form
/// opened.
#[tracing::instrument(skip(db))]
pub async fn update_line(
    db: &impl TransactionTrait,
    author: &Author,
    line_id: i32,
    version: i32,
    new: NewBudgetLine,
) -> Result<BudgetLine, AppError> {
    let checked = check(new, "").map_err(AppError::Invalid)?;
    let txn = crate::services::locks::begin(db).await?;
    let (before, country_id) = to_change(&txn, line_id, version).await?;
    let before = BudgetLine { version, ..before };
    let existing = lines(&txn, country_id).await?;
    let known = known_codes(&existing);
    if known.get(&checked.code).is_some_and(|&id| id != line_id) {
        return Err(AppError::invalid(
            "line_code",
            td_string!(
                crate::language::current(),
                rules.chart_has_line,
                code = checked.code
            )
            .to_string(),
        ));
    }
    let parents = parents(&txn, country_id).await?;
    let parent = parent_of(&checked, &known, &parents, Some(line_id), "")
        .map_err(|e| AppError::Invalid(vec![e]))?;
    budget_line::ActiveModel {
        id: Unchanged(line_id),
        ..active(checked, parent)
    }
    .update(&txn)
    .await?;
    let after = one(&txn, country_id, line_id).await?;
    audit::record(
        &txn,
        author,
        Some(country_id),
        LINE,
        line_id,
        Change::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// A removed line as the audit keeps it: the line and its figures.
#[derive(Serialize)]
struct RemovedLine {
    line: BudgetLine,
    /// Fiscal year, appropriation, expected external financing, execution.
    figures: Vec<(i32, String, String, String)>,
}

/// Removes a line, with its figures; refused while flows map to it or
/// lines sit under it, naming them.
#[tracing::instrument(skip(db))]
pub async fn remove_line(
    db: &impl TransactionTrait,
    author: &Author,
    line_id: i32,
    version: i32,
) -> Result<(), AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let (line, country_id) = to_change(&txn, line_id, version).await?;
    let mapped: Vec<i32> = activity_budget_line::Entity::find()
        .filter(activity_budget_line::Column::BudgetLineId.eq(line_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.activity_id)
        .collect();
    if !mapped.is_empty() {
        let titles: Vec<String> = activity::Entity::find()
            .filter(activity::Column::Id.is_in(mapped.clone()))
            .order_by_asc(activity::Column::Title)
            .all(&txn)
            .await?
            .into_iter()
            .take(3)
            .map(|a| format!("“{}”", a.title))
            .collect();
        let more = mapped.len().saturating_sub(titles.len());
        let titles = if more > 0 {
            td_string!(
                crate::language::current(),
                rules.and_more,
                items = titles.join(", "),
                count = more
            )
            .to_string()
        } else {
            titles.join(", ")
        };
        return Err(AppError::invalid(
            "line_id",
            td_string!(
                crate::language::current(),
                rules.flows_mapped_to_line,
                titles,
                code = line.code
            )
            .to_string(),
        ));
    }
    let children: Vec<String> = lines(&txn, country_id)
        .await?
        .into_iter()
        .filter(|l| l.parent_code.as_deref() == Some(line.code.as_str()))
        .map(|l| l.code)
        .collect();
    if !children.is_empty() {
        return Err(AppError::invalid(
            "line_id",
            td_string!(
                crate::language::current(),
                rules.lines_under_line,
                codes = children.join(", "),
                code = line.code
            )
            .to_string(),
        ));
    }
    let figures = budget_amount::Entity::find()
        .filter(budget_amount::Column::BudgetLineId.eq(line_id))
        .order_by_asc(budget_amount::Column::FiscalYear)
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| {
            (
                a.fiscal_year,
                from_minor(a.appropriation_minor).to_string(),
                from_minor(a.expected_external_minor).to_string(),
                from_minor(a.execution_minor).to_string(),
            )
        })
        .collect();
    budget_amount::Entity::delete_many()
        .filter(budget_amount::Column::BudgetLineId.eq(line_id))
        .exec(&txn)
        .await?;
    budget_line::Entity::delete_by_id(line_id)
        .exec(&txn)
        .await?;
    let before = RemovedLine {
        line: BudgetLine { version, ..line },
        figures,
    };
    audit::record(
        &txn,
        author,
        Some(country_id),
        LINE,
        line_id,
        Change::Delete,
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
