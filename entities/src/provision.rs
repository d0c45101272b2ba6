use sea_orm::entity::prelude::*;

/// A numbered provision of a peace agreement, e.g. article `4.2`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "provisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agreement_id: i32,
    /// Unique within its agreement.
    pub number: String,
    pub text: String,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::peace_agreement::Entity",
        from = "Column::AgreementId",
        to = "super::peace_agreement::Column::Id",
        on_delete = "Cascade"
    )]
    Agreement,
}

impl Related<super::peace_agreement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agreement.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
