use sea_orm::entity::prelude::*;

/// An indicator of mutual accountability: entered by its owner, or
/// computed by `formula` from the country's data.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "indicators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub code: String,
    pub name: String,
    pub definition: String,
    /// `share`, `money` or `number`.
    pub unit: String,
    /// `higher` or `lower`: which way is better.
    pub direction: String,
    /// The computed formula's code; `None` for an entered indicator.
    pub formula: Option<String>,
    /// The strategy pillar the indicator belongs to, by number.
    pub pillar_number: Option<i32>,
    /// The organisation that enters the measurements.
    pub owner_id: Option<i32>,
    /// Decimals written out in full.
    pub baseline_value: Option<String>,
    pub baseline_date: Option<Date>,
    /// Counts the definition's corrections, from 1.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
