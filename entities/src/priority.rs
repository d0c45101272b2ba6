use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "priorities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub strategy_id: i32,
    pub pillar_id: i32,
    /// e.g. `2.3`, unique within a strategy version.
    pub code: String,
    pub title: String,
    pub objective: String,
    /// A government ministry or agency.
    pub lead_organisation_id: i32,
    /// `immediate` (0-12 months) or `medium_term`.
    pub phase: String,
    /// One of `app::types::ThematicArea`'s codes.
    pub thematic_area: String,
    /// Counts the row's versions: 1 when recorded, one more at each edit.
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
    #[sea_orm(has_many = "super::priority_cost::Entity")]
    PriorityCost,
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::LeadOrganisationId",
        to = "super::organisation::Column::Id"
    )]
    LeadOrganisation,
}

impl Related<super::strategy::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Strategy.def()
    }
}

impl Related<super::priority_cost::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PriorityCost.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::LeadOrganisation.def()
    }
}
