use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "countries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// ISO 3166-1 alpha-2.
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    /// ISO 4217 reporting currency.
    pub currency: String,
    /// 1-12: the month the country's fiscal year starts.
    pub fiscal_year_start_month: i16,
    pub created_at: DateTimeUtc,
    /// Partners' funding data counts only once a planner validates it.
    pub validation_required: bool,
    /// The interface language for a visitor whose browser asks for none
    /// the site offers: `en`, `fr` or `pt`.
    pub language: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::organisation::Entity")]
    Organisation,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
