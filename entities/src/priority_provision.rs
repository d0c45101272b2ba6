use sea_orm::entity::prelude::*;

/// A peace-agreement provision a priority implements.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "priority_provisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub priority_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub provision_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::priority::Entity",
        from = "Column::PriorityId",
        to = "super::priority::Column::Id",
        on_delete = "Cascade"
    )]
    Priority,
    #[sea_orm(
        belongs_to = "super::provision::Entity",
        from = "Column::ProvisionId",
        to = "super::provision::Column::Id",
        on_delete = "Cascade"
    )]
    Provision,
}

impl Related<super::priority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Priority.def()
    }
}

impl Related<super::provision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Provision.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
