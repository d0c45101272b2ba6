use sea_orm::entity::prelude::*;

/// One funding flow of an activity: a pledge, commitment, disbursement,
/// expenditure or incoming funds, in its own currency.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transactions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub activity_id: i32,
    /// IATI TransactionType code.
    pub kind: i16,
    pub transaction_date: Date,
    /// The date whose exchange rate converts the amount.
    pub value_date: Date,
    /// Integer minor units (hundredths) of `currency`.
    pub amount_minor: i64,
    pub currency: String,
    /// Start year of the country fiscal year holding `transaction_date`.
    pub fiscal_year: i32,
    pub provider_org_id: Option<i32>,
    pub receiver_org_id: Option<i32>,
    /// The provider's activity, for money passed on through a pooled fund.
    pub provider_activity_id: Option<i32>,
    pub description: String,
    /// Overrides of the activity's country-systems flags; `None` follows the activity.
    pub on_budget: Option<bool>,
    pub on_treasury: Option<bool>,
    pub on_procurement: Option<bool>,
    pub on_accounting: Option<bool>,
    pub on_audit: Option<bool>,
    pub on_report: Option<bool>,
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
