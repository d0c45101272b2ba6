use sea_orm::entity::prelude::*;

/// A priority's estimated cost in one fiscal year, in the country's
/// reporting currency, as integer minor units (cents) so that sums in SQL
/// are exact on every database.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "priority_costs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub priority_id: i32,
    /// Start year of the country fiscal year.
    pub fiscal_year: i32,
    pub amount_minor: i64,
    /// ISO 4217.
    pub currency: String,
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
}

impl Related<super::priority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Priority.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
