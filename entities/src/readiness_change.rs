use sea_orm::entity::prelude::*;

/// One step in a transition function's readiness for handover: the
/// readiness it reached, when, and who recorded it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "readiness_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub function_id: i32,
    /// One of `app::types::Readiness`'s codes.
    pub readiness: String,
    pub at: DateTimeUtc,
    /// The user's email, or who acted outside the web app.
    pub actor: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::transition_function::Entity",
        from = "Column::FunctionId",
        to = "super::transition_function::Column::Id",
        on_delete = "Cascade"
    )]
    Function,
}

impl ActiveModelBehavior for ActiveModel {}
