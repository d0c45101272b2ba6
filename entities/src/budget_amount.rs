use sea_orm::entity::prelude::*;

/// A budget line's figures for one country fiscal year, in the country's
/// reporting currency, as integer minor units.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_amounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub budget_line_id: i32,
    /// Start year of the country fiscal year.
    pub fiscal_year: i32,
    /// Appropriated from domestic revenue.
    pub appropriation_minor: i64,
    /// External financing the budget expects.
    pub expected_external_minor: i64,
    /// Executed so far.
    pub execution_minor: i64,
    /// Counts the row's versions: 1 when recorded, one more at each change.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
