use sea_orm::entity::prelude::*;

/// What a partner scheduled to disburse for a period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "planned_disbursements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub activity_id: i32,
    pub period_start: Date,
    pub period_end: Date,
    pub amount_minor: i64,
    pub currency: String,
    /// Start year of the country fiscal year holding `period_start`.
    pub fiscal_year: i32,
    /// The amount in hundredths of the country's reporting currency,
    /// converted when written; `None` while no rate covers it.
    pub converted_minor: Option<i64>,
    /// The date of the rate that converted it.
    pub rate_date: Option<Date>,
    /// Counts the row's versions: 1 when recorded, one more at each edit.
    pub version: i32,
    /// On a change waiting for validation: the row of the validated
    /// activity this one replaces (none for a row the change adds).
    pub replaces_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::activity::Entity",
        from = "Column::ActivityId",
        to = "super::activity::Column::Id",
        on_delete = "Cascade"
    )]
    Activity,
}

impl Related<super::activity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Activity.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
