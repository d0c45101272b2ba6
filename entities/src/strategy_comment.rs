use sea_orm::entity::prelude::*;

/// A comment on a priority during consultation; a reply names its parent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "strategy_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub priority_id: i32,
    pub parent_id: Option<i32>,
    pub author_id: i32,
    pub body: String,
    pub created_at: DateTimeUtc,
    /// Set when a planner marks the thread resolved.
    pub resolved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::AuthorId",
        to = "super::user::Column::Id"
    )]
    Author,
    #[sea_orm(
        belongs_to = "super::priority::Entity",
        from = "Column::PriorityId",
        to = "super::priority::Column::Id",
        on_delete = "Cascade"
    )]
    Priority,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Author.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::priority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Priority.def()
    }
}
