use sea_orm::entity::prelude::*;

/// A joint review of a signed compact version (usually yearly).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub compact_id: i32,
    pub title: String,
    pub opened_on: Date,
    /// Set when the round is closed; its assessments then never change.
    pub closed_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
