use sea_orm::entity::prelude::*;

/// One version of a country's compact of mutual commitments.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "compacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub version: i32,
    /// One of `app::types::CompactStatus`'s codes.
    pub status: String,
    pub title: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub principles: String,
    /// The endorsed strategy version whose priorities the commitments serve.
    pub strategy_id: i32,
    pub based_on_id: Option<i32>,
    /// SHA-256 of the canonical JSON, fixed when the version is frozen for
    /// signature.
    pub sha256: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
