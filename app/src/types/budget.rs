//! The national budget: lines of the chart of accounts and their figures by
//! fiscal year, beside the external flows mapped to them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Currency;

/// What a planner submits to add a budget line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBudgetLine {
    pub code: String,
    pub name: String,
    pub admin_unit: String,
    pub function_name: String,
    pub security: bool,
    /// DAC 3-digit sector category.
    pub sector_code: Option<String>,
    /// The parent line's code.
    pub parent_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub admin_unit: String,
    pub function_name: String,
    pub security: bool,
    pub sector_code: Option<String>,
    pub parent_code: Option<String>,
    /// Moves on with every change; an edit form carries it.
    pub version: i32,
}

/// A line's figures for one fiscal year, in the reporting currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetAmounts {
    pub appropriation: Decimal,
    pub expected_external: Decimal,
    pub execution: Decimal,
}

/// One row of the budget view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub line: BudgetLine,
    pub amounts: BudgetAmounts,
    /// The version of the year's figures; `None` while the line has none.
    pub amounts_version: Option<i32>,
    /// On-budget external flows mapped to the line (their budget-line share).
    pub on_budget_committed: Decimal,
    pub on_budget_disbursed: Decimal,
    /// Off-budget disbursements in the line's sector category.
    pub off_budget_disbursed: Decimal,
    pub unconverted: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetView {
    pub currency: Currency,
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    pub rows: Vec<BudgetRow>,
}

/// The form that sets a line's figures for a fiscal year:
/// `figures[line_id]` and so on. Blank amounts are zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetFiguresForm {
    pub line_id: i32,
    pub fiscal_year: i32,
    /// The version of the figures the form showed; absent when it showed
    /// none.
    #[serde(default)]
    pub version: Option<i32>,
    pub appropriation: String,
    pub expected_external: String,
    pub execution: String,
}
