use sea_orm::entity::prelude::*;

/// A fragility assessment round of a country: who took part, how it was
/// run, and where it is in its life (draft, validated, published).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fragility_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    /// The year of the assessment, one round a year.
    pub year: i32,
    /// One of `app::types::RoundStatus`'s codes.
    pub status: String,
    pub government_participants: String,
    pub civil_society_participants: String,
    pub partner_participants: String,
    pub method_notes: String,
    pub created_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
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
    #[sea_orm(has_many = "super::fragility_stage::Entity")]
    Stages,
}

impl Related<super::fragility_stage::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Stages.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
