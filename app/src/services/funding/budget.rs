//! The national budget: lines of the chart of accounts, their figures per
//! fiscal year, and the external flows mapped to them.

use std::collections::HashMap;

use entities::{
    activity, activity_budget_line, activity_sector, budget_amount, budget_line, transaction,
};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Set, TransactionSession, TransactionTrait,
};

use crate::types::money::{from_minor, to_minor};
use crate::types::{
    BudgetAmounts, BudgetLine, BudgetRow, BudgetView, FiscalYear, NewBudgetLine, TransactionKind,
};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::funding::rates::RateTable;
use crate::services::funding::sums::{Scope, Side, Tally, a, base, groups, pooled_funds, t};

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

/// Adds a line to the country's chart of accounts.
#[tracing::instrument(skip(db))]
pub async fn add_line(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    new: NewBudgetLine,
) -> Result<BudgetLine, AppError> {
    let txn = db.begin().await?;
    let existing = lines(&txn, country_id).await?;
    let code = new.code.trim().to_string();
    let name = new.name.trim().to_string();
    let parent_code = new
        .parent_code
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    let sector_code = new
        .sector_code
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty());
    let mut errors = Vec::new();
    if code.is_empty() || code.chars().count() > 40 || code.contains(char::is_whitespace) {
        errors.push(FieldError::new(
            "line_code",
            "must be 1 to 40 characters without spaces",
        ));
    } else if existing.iter().any(|l| l.code == code) {
        errors.push(FieldError::new(
            "line_code",
            format!("the chart of accounts already has a line {code}"),
        ));
    }
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new("line_name", "must be 1 to 200 characters"));
    }
    for (field, value) in [
        ("admin_unit", &new.admin_unit),
        ("function_name", &new.function_name),
    ] {
        if value.trim().chars().count() > 200 {
            errors.push(FieldError::new(field, "must be at most 200 characters"));
        }
    }
    if sector_code
        .as_ref()
        .is_some_and(|c| c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_digit()))
    {
        errors.push(FieldError::new(
            "sector_code",
            "must be a DAC 3-digit sector category such as 152",
        ));
    }
    let parent = parent_code
        .as_ref()
        .map(|code| existing.iter().find(|l| &l.code == code).map(|l| l.id));
    if parent == Some(None) {
        errors.push(FieldError::new(
            "parent_code",
            "must be the code of a line already in the chart of accounts",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let model = budget_line::ActiveModel {
        country_id: Set(country_id),
        code: Set(code),
        name: Set(name),
        admin_unit: Set(new.admin_unit.trim().to_string()),
        function_name: Set(new.function_name.trim().to_string()),
        security: Set(new.security),
        sector_code: Set(sector_code),
        parent_id: Set(parent.flatten()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let codes: HashMap<i32, String> = existing.iter().map(|l| (l.id, l.code.clone())).collect();
    let added = to_wire(model, &codes);
    audit::record(
        &txn,
        author,
        Some(country_id),
        "budget_line",
        added.id,
        Change::Create,
        None,
        Some(&added),
    )
    .await?;
    txn.commit().await?;
    Ok(added)
}

/// The country a budget line belongs to.
pub async fn country_of_line(db: &impl ConnectionTrait, line_id: i32) -> Result<i32, AppError> {
    budget_line::Entity::find_by_id(line_id)
        .one(db)
        .await?
        .map(|l| l.country_id)
        .ok_or_else(|| AppError::NotFound(format!("budget line {line_id}")))
}

/// Sets a line's figures for a fiscal year, replacing earlier ones.
#[tracing::instrument(skip(db))]
pub async fn set_amounts(
    db: &impl TransactionTrait,
    author: &Author,
    line_id: i32,
    fiscal_year: i32,
    amounts: BudgetAmounts,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let line = budget_line::Entity::find_by_id(line_id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("budget line {line_id}")))?;
    let mut errors = Vec::new();
    let mut minor = |field: &str, amount: Decimal| match to_minor(amount) {
        Some(m) if m >= 0 => m,
        _ => {
            errors.push(FieldError::new(
                field,
                "must be zero or more, with two decimals at most",
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
            "must be a year such as 2026",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    budget_amount::Entity::insert(budget_amount::ActiveModel {
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
        .update_columns([
            budget_amount::Column::AppropriationMinor,
            budget_amount::Column::ExpectedExternalMinor,
            budget_amount::Column::ExecutionMinor,
        ])
        .to_owned(),
    )
    .exec(&txn)
    .await?;
    audit::record(
        &txn,
        author,
        Some(line.country_id),
        "budget_amounts",
        line.id,
        Change::Update,
        None,
        Some(&(fiscal_year, amounts)),
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
    let country = crate::services::accounts::countries::get_by_id(db, country_id).await?;
    let rates = RateTable::load(db, &country.currency).await?;
    let funds = pooled_funds(db, country_id).await?;
    let scope = Scope {
        country_id,
        fiscal_year: Some(fiscal_year),
    };
    let on_budget = Expr::expr(Func::coalesce([
        t(transaction::Column::OnBudget),
        a(activity::Column::OnBudget),
    ]));
    let line_key = Func::cast_as(
        Expr::col((
            activity_budget_line::Entity,
            activity_budget_line::Column::BudgetLineId,
        )),
        sea_orm::sea_query::Alias::new("TEXT"),
    );
    let mapped = base(scope, Side::Use, &funds)
        .join_rev(
            JoinType::InnerJoin,
            activity_budget_line::Relation::Activity.def(),
        )
        .filter(on_budget.clone());
    let mut on: HashMap<String, Tally> = HashMap::new();
    for group in groups(
        db,
        mapped,
        line_key.into(),
        Some(Expr::col((
            activity_budget_line::Entity,
            activity_budget_line::Column::ShareBp,
        ))),
        &rates,
    )
    .await?
    {
        on.entry(group.key.clone())
            .or_default()
            .add(&group, &rates, Decimal::ONE)?;
    }
    let category = Func::cust("SUBSTR").args([
        Expr::col((activity_sector::Entity, activity_sector::Column::SectorCode)),
        Expr::cust("1"),
        Expr::cust("3"),
    ]);
    let off_budget = base(scope, Side::Use, &funds)
        .join_rev(
            JoinType::InnerJoin,
            activity_sector::Relation::Activity.def(),
        )
        .filter(on_budget.not())
        .filter(transaction::Column::Kind.eq(TransactionKind::Disbursement.number()));
    let mut off: HashMap<String, Tally> = HashMap::new();
    for group in groups(
        db,
        off_budget,
        category.into(),
        Some(Expr::col((
            activity_sector::Entity,
            activity_sector::Column::ShareBp,
        ))),
        &rates,
    )
    .await?
    {
        off.entry(group.key.clone())
            .or_default()
            .add(&group, &rates, Decimal::ONE)?;
    }
    let lines = lines(db, country_id).await?;
    let amounts: HashMap<i32, BudgetAmounts> = budget_amount::Entity::find()
        .filter(budget_amount::Column::BudgetLineId.is_in(lines.iter().map(|l| l.id)))
        .filter(budget_amount::Column::FiscalYear.eq(fiscal_year))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.budget_line_id,
                BudgetAmounts {
                    appropriation: from_minor(m.appropriation_minor),
                    expected_external: from_minor(m.expected_external_minor),
                    execution: from_minor(m.execution_minor),
                },
            )
        })
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
                amounts: amounts.get(&line.id).copied().unwrap_or_default(),
                on_budget_committed: mapped.totals.committed.round_dp(2),
                on_budget_disbursed: mapped.totals.disbursed.round_dp(2),
                off_budget_disbursed: beside.totals.disbursed.round_dp(2),
                unconverted: mapped.unconverted + beside.unconverted,
                line,
            }
        })
        .collect();
    Ok(BudgetView {
        currency: country.currency,
        fiscal_year,
        fiscal_year_label: FiscalYear {
            start_year: fiscal_year,
            start_month: country.fiscal_year_start_month,
        }
        .label(),
        rows,
    })
}
