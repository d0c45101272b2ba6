use sea_orm::entity::prelude::*;

/// The UN mission a country plans the handover from: one per country.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub country_id: i32,
    pub mission_name: String,
    pub mandate_end: Date,
    /// The mission's drawdown: handovers fall between these dates.
    pub drawdown_start: Date,
    pub drawdown_end: Date,
    /// Counts the row's versions: 1 when recorded, one more at each change.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
