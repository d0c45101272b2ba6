use sea_orm::entity::prelude::*;

/// One create, update or delete of a domain row, written in the same
/// transaction as the change.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    /// `None` for the command line and the demo loader.
    pub user_id: Option<i32>,
    /// The user's email, or `command line`, kept even if the user goes.
    pub actor_label: String,
    pub country_id: Option<i32>,
    pub object_type: String,
    pub object_id: i32,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// JSON of the row before the change.
    pub before: Option<String>,
    /// JSON of the row after the change.
    pub after: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
