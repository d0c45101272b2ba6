use sea_orm::entity::prelude::*;

/// How many units of `quote_currency` (the country's reporting currency)
/// one unit of `currency` bought on `rate_date`, and where that figure
/// comes from. Each country keeps its own rates.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exchange_rates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub currency: String,
    pub quote_currency: String,
    pub rate_date: Date,
    /// The rate as a decimal written out in full, so that it is kept exactly.
    pub rate: String,
    pub source: String,
    /// Counts the row's versions: 1 when recorded, one more at each change.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::country::Entity",
        from = "Column::CountryId",
        to = "super::country::Column::Id",
        on_delete = "Cascade"
    )]
    Country,
}

impl Related<super::country::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Country.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
