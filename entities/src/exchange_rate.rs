use sea_orm::entity::prelude::*;

/// How many units of `quote_currency` (a reporting currency) one unit of
/// `currency` bought on `rate_date`, and where that figure comes from.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exchange_rates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub currency: String,
    pub quote_currency: String,
    pub rate_date: Date,
    /// The rate as a decimal written out in full, so that it is kept exactly.
    pub rate: String,
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
