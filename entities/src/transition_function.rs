use sea_orm::entity::prelude::*;

/// A function the mission performs today and hands over. Amounts are yearly,
/// in integer hundredths of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transition_functions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    /// One of `app::types::FunctionKind`'s codes.
    pub kind: String,
    pub name: String,
    pub current_provider: String,
    pub future_owner_id: i32,
    pub target_handover: Date,
    /// One of `app::types::Readiness`'s codes.
    pub readiness: String,
    /// What the mission spends on it a year.
    pub mission_cost_minor: i64,
    /// What it costs a year after handover.
    pub after_cost_minor: i64,
    /// Funding found for it a year after handover.
    pub secured_minor: i64,
    pub currency: String,
    /// The strategy priority the function serves, by code (codes carry over
    /// from one strategy version to the next).
    pub priority_code: Option<String>,
    /// Counts the row's versions: 1 when recorded, one more at each edit.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::FutureOwnerId",
        to = "super::organisation::Column::Id"
    )]
    FutureOwner,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FutureOwner.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
