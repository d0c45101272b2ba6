use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lower-cased.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub organisation_id: i32,
    /// Argon2id PHC string. Never leaves the server.
    pub password_hash: String,
    /// Set for a new account or after a reset: the one-time password must be replaced.
    pub must_change_password: bool,
    /// May sign a compact for the organisation.
    pub is_signatory: bool,
    pub created_at: DateTimeUtc,
    /// Moves on at every password change or reset; a session started in an
    /// earlier epoch is over.
    pub session_epoch: i32,
    /// Set when an administrator disables the account: it cannot sign in,
    /// and its open sessions end.
    pub disabled_at: Option<DateTimeUtc>,
    /// Counts the row's versions: 1 when recorded, one more at each change.
    pub version: i32,
    /// The interface language the user chose (`en`, `fr`, `pt`), if any.
    pub language: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
    #[sea_orm(has_many = "super::membership::Entity")]
    Membership,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::membership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Membership.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
