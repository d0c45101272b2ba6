use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub name: String,
    pub acronym: Option<String>,
    /// One of `app::types::OrganisationKind`'s codes.
    pub kind: String,
    /// IATI organisation identifier, e.g. `GB-GOV-1`.
    pub iati_id: Option<String>,
    /// IATI OrganisationType code, e.g. `10`.
    pub iati_type_code: Option<String>,
    pub created_at: DateTimeUtc,
    /// Set when an administrator deactivates the organisation: it leaves
    /// the forms' choices; its history and flows stay and still count.
    pub deactivated_at: Option<DateTimeUtc>,
    /// Moves on at every change, so an edit opened at an older one is refused.
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
