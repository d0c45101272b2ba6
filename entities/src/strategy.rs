use sea_orm::entity::prelude::*;

/// One version of a country's integrated peacebuilding strategy. A version
/// moves draft -> consultation -> endorsed; an endorsed version never changes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "strategies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    /// 1, 2, ... per country.
    pub version: i32,
    /// `draft`, `consultation` or `endorsed`.
    pub status: String,
    pub title: String,
    /// Start years of the country's first and last fiscal years covered.
    pub first_fiscal_year: i32,
    pub last_fiscal_year: i32,
    pub vision: String,
    /// The endorsed version this draft started from.
    pub based_on_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub endorsed_at: Option<DateTimeUtc>,
    /// Counts the changes to a draft's title, vision and period.
    pub revision: i32,
    /// The body that endorsed the version, e.g. the joint steering committee.
    pub endorsed_by: Option<String>,
    /// The day of the endorsement, as its record gives it.
    pub endorsed_on: Option<Date>,
    /// Where the record of the endorsement is published.
    pub endorsement_url: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::pillar::Entity")]
    Pillar,
    #[sea_orm(has_many = "super::priority::Entity")]
    Priority,
}

impl Related<super::pillar::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Pillar.def()
    }
}

impl Related<super::priority::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Priority.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
