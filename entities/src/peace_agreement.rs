use sea_orm::entity::prelude::*;

/// A peace agreement a strategy version builds on. Each version keeps its
/// own copy, so an endorsed version never changes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "peace_agreements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub strategy_id: i32,
    pub title: String,
    pub signed_on: Option<Date>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::strategy::Entity",
        from = "Column::StrategyId",
        to = "super::strategy::Column::Id",
        on_delete = "Cascade"
    )]
    Strategy,
    #[sea_orm(has_many = "super::provision::Entity")]
    Provision,
}

impl Related<super::provision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Provision.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
