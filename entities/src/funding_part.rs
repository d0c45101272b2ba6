use sea_orm::entity::prelude::*;

/// One activity's part of its country's funding cells, as JSON: kept so
/// that a write to the activity can move the country's sums by the
/// difference. It names the activity without a foreign key, since it
/// outlives a deleted activity until that difference is taken.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "funding_parts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub activity_id: i32,
    pub country_id: i32,
    pub cells: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
