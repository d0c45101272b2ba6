use sea_orm::entity::prelude::*;

/// A phase of the mission's drawdown.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "drawdown_phases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// Counts the row's versions: 1 when recorded, one more at each edit.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::transition_plan::Entity",
        from = "Column::PlanId",
        to = "super::transition_plan::Column::Id",
        on_delete = "Cascade"
    )]
    Plan,
}

impl ActiveModelBehavior for ActiveModel {}
