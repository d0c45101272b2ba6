use sea_orm::entity::prelude::*;

/// A partner's answer to a reporting round.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub organisation_id: i32,
    /// `submitted` or `nothing_to_report`.
    pub status: String,
    pub user_id: i32,
    pub at: DateTimeUtc,
    /// Counts the row's versions: 1 when recorded, one more at each change.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
