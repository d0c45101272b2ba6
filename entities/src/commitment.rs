use sea_orm::entity::prelude::*;

/// A commitment of one party (or joint, with the government) in a compact
/// version.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "commitments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub compact_id: i32,
    /// The organisation that commits; for a joint commitment, the partner
    /// that commits together with the government.
    pub party_id: i32,
    /// One of `app::types::CommitmentKind`'s codes.
    pub kind: String,
    /// One of `app::types::CommitmentCategory`'s codes.
    pub category: String,
    pub text: String,
    /// The strategy priority it serves, by code.
    pub priority_code: String,
    pub indicator: Option<String>,
    pub due_on: Date,
    pub responsible_office: String,
    /// One of `app::types::CommitmentStatus`'s codes.
    pub status: String,
    pub status_reason: Option<String>,
    /// Counts the row's versions: 1 when recorded, one more at each edit.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::PartyId",
        to = "super::organisation::Column::Id"
    )]
    Party,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Party.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
