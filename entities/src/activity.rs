use sea_orm::entity::prelude::*;

/// A partner's project or programme in a country, shaped like an IATI
/// activity.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub reporting_org_id: i32,
    pub iati_identifier: Option<String>,
    pub title: String,
    pub description: String,
    /// IATI ActivityStatus code.
    pub status: i16,
    pub planned_start: Option<Date>,
    pub planned_end: Option<Date>,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
    /// One of `app::types::MoneyType`'s codes.
    pub money_type: String,
    /// IATI AidType code.
    pub aid_type: Option<String>,
    /// IATI FinanceType code.
    pub finance_type: Option<String>,
    /// IATI EarmarkingCategory code.
    pub earmarking: Option<String>,
    /// IATI DisbursementChannel code.
    pub channel: String,
    pub default_currency: String,
    pub on_plan: bool,
    pub on_budget: bool,
    pub on_treasury: bool,
    pub on_parliament: bool,
    pub on_procurement: bool,
    pub on_accounting: bool,
    pub on_audit: bool,
    pub on_report: bool,
    /// Counted in the funding views and served by the public API.
    pub published: bool,
    pub updated_at: DateTimeUtc,
    /// Counts the row's versions: 1 when recorded, one more at each edit.
    pub version: i32,
    /// `validated`, `awaiting` or `returned` (`app::types::Validation`):
    /// only validated activities count.
    pub validation: String,
    /// Why a planner returned the activity, for its reporter.
    pub return_reason: Option<String>,
    /// Set on a change waiting for validation: the activity it would
    /// replace, which counts as it was until the change is validated.
    pub pending_for: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
