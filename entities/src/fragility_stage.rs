use sea_orm::entity::prelude::*;

/// Where a round places one Peacebuilding and Statebuilding Goal, or one
/// dimension of it, on the fragility spectrum, and on what evidence.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fragility_stages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    /// One of `app::types::Psg`'s codes.
    pub psg: String,
    /// The dimension the country chose; empty for the goal as a whole.
    pub dimension: String,
    /// The stage on the spectrum, 1 (crisis) to 5 (resilience).
    pub stage: i32,
    pub evidence: String,
    /// Disagreement recorded by a participant, if any.
    pub dissent: Option<String>,
    /// Counts the row's versions: 1 when recorded, one more at each edit.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::fragility_round::Entity",
        from = "Column::RoundId",
        to = "super::fragility_round::Column::Id",
        on_delete = "Cascade"
    )]
    Round,
}

impl Related<super::fragility_round::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Round.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
