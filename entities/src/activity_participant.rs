use sea_orm::entity::prelude::*;

/// An organisation's part in an activity.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_participants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub activity_id: i32,
    pub organisation_id: i32,
    /// IATI OrganisationRole code: 1 funding, 2 accountable, 3 extending, 4 implementing.
    pub role: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
