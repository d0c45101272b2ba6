use sea_orm::entity::prelude::*;

/// A party's signature of a compact version, by its signatory.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "compact_signatures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub compact_id: i32,
    pub organisation_id: i32,
    pub user_id: i32,
    /// The SHA-256 of the canonical JSON the signatory signed.
    pub sha256: String,
    pub signed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    Signatory,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Signatory.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
