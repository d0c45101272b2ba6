use sea_orm::entity::prelude::*;

/// One side's assessment of a commitment in a review round, by one
/// organisation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub commitment_id: i32,
    /// `government` or `partner`.
    pub side: String,
    /// One of `app::types::CommitmentStatus`'s codes.
    pub status: String,
    /// 1 (far off) to 4 (fully met).
    pub rating: i16,
    pub comment: String,
    pub author_id: i32,
    /// The organisation the assessment speaks for: the government's
    /// assessment is one (any planner may revise it); each partner's is its
    /// own.
    pub organisation_id: i32,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::AuthorId",
        to = "super::user::Column::Id"
    )]
    Author,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Author.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
