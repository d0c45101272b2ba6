use sea_orm::entity::prelude::*;

/// A line of the country's chart of accounts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "budget_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub code: String,
    pub name: String,
    /// The ministry or agency that holds the line.
    pub admin_unit: String,
    /// The functional classification, e.g. "Public order and safety".
    pub function_name: String,
    pub security: bool,
    /// DAC 3-digit sector category, to set off-budget flows beside the line.
    pub sector_code: Option<String>,
    pub parent_id: Option<i32>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
