use sea_orm::entity::prelude::*;

/// A country's counted flows summed by everything a funding view or an
/// indicator groups or filters on (each activity's part: `funding_part`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "funding_cells")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    /// What the row sums: flows, their shares by priority, budget line or
    /// sector, the rates they converted with, or planned disbursements.
    pub facet: i16,
    /// The priority code, budget line, sector category or currency and day
    /// the facet is by; empty for flows.
    pub facet_key: String,
    pub fiscal_year: i32,
    pub reporter_id: i32,
    /// IATI TransactionType code; 0 for planned disbursements.
    pub kind: i16,
    /// Paid into a pooled fund.
    pub to_fund: bool,
    pub on_budget: bool,
    pub channel: String,
    pub money_type: String,
    /// A government ministry or agency takes part in the activity.
    pub government: bool,
    pub on_treasury: bool,
    pub on_report: bool,
    pub on_audit: bool,
    pub on_procurement: bool,
    /// The sum in hundredths of the reporting currency times each flow's
    /// share (10 000 = all of it), as `amount_high * 2^32 + amount_low`.
    pub amount_high: i64,
    pub amount_low: i64,
    pub rows: i64,
    /// Rows with no rate to convert them.
    pub unconverted: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
