//! Funding flows: activities, their transactions and planned disbursements,
//! exchange rates, and the totals the funding views show.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Currency;

use super::{CountrySystems, OrganisationRef, SystemOverrides};

coded_enum! {
    /// IATI TransactionType codes the product records.
    TransactionKind {
        IncomingFunds => ("1", transaction_incoming_funds),
        Commitment => ("2", transaction_commitment),
        Disbursement => ("3", transaction_disbursement),
        Expenditure => ("4", transaction_expenditure),
        IncomingCommitment => ("11", transaction_incoming_commitment),
        Pledge => ("12", transaction_pledge),
        IncomingPledge => ("13", transaction_incoming_pledge),
    }
}

/// Numeric IATI codes, stored as small integers.
macro_rules! numeric_codes {
    ($($name:ident),+) => {$(
        impl $name {
            /// The IATI code as stored.
            pub fn number(self) -> i16 {
                self.code().parse().unwrap_or_default()
            }

            pub fn from_number(number: i16) -> Option<Self> {
                Self::from_code(&number.to_string())
            }
        }
    )+};
}

numeric_codes!(TransactionKind, ActivityStatus, ParticipantRole);

impl TransactionKind {
    /// The measure a transaction of this kind counts towards; incoming
    /// flows mirror another organisation's outgoing ones and count nowhere.
    pub fn measure(self) -> Option<Measure> {
        match self {
            Self::Pledge => Some(Measure::Pledged),
            Self::Commitment => Some(Measure::Committed),
            Self::Disbursement => Some(Measure::Disbursed),
            Self::Expenditure => Some(Measure::Spent),
            Self::IncomingFunds | Self::IncomingCommitment | Self::IncomingPledge => None,
        }
    }
}

/// The four stages of a partner's money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Pledged,
    Committed,
    Disbursed,
    Spent,
}

coded_enum! {
    /// What kind of money an activity is.
    MoneyType {
        Development => ("development", money_type_development),
        Humanitarian => ("humanitarian", money_type_humanitarian),
        Peacebuilding => ("peacebuilding", money_type_peacebuilding),
        Security => ("security", money_type_security),
    }
}

coded_enum! {
    /// IATI DisbursementChannel: how the money reaches the country.
    Channel {
        Treasury => ("1", channel_treasury),
        SeparateAccount => ("2", channel_separate_account),
        ThirdParty => ("3", channel_third_party),
        NotDisbursed => ("4", channel_not_disbursed),
    }
}

impl Channel {
    /// Whether the money passes through government systems.
    pub fn is_government(self) -> bool {
        self == Self::Treasury
    }
}

coded_enum! {
    /// Where an activity stands with the government: only validated
    /// activities count in totals, indicators, public pages and exports.
    Validation {
        Validated => ("validated", validation_validated),
        Awaiting => ("awaiting", validation_awaiting),
        Returned => ("returned", validation_returned),
    }
}

coded_enum! {
    /// IATI ActivityStatus.
    ActivityStatus {
        Pipeline => ("1", activity_status_pipeline),
        Implementation => ("2", activity_status_implementation),
        Finalisation => ("3", activity_status_finalisation),
        Closed => ("4", activity_status_closed),
        Cancelled => ("5", activity_status_cancelled),
        Suspended => ("6", activity_status_suspended),
    }
}

coded_enum! {
    /// IATI OrganisationRole in an activity.
    ParticipantRole {
        Funding => ("1", participant_role_funding),
        Accountable => ("2", participant_role_accountable),
        Extending => ("3", participant_role_extending),
        Implementing => ("4", participant_role_implementing),
    }
}

/// A percentage share of an activity given to a code (a sector, a priority).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub code: String,
    pub percent: Decimal,
}

/// What a partner submits to record an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewActivity {
    pub reporting_org_id: i32,
    pub iati_identifier: Option<String>,
    pub title: String,
    pub description: String,
    pub status: ActivityStatus,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub money_type: MoneyType,
    pub aid_type: Option<String>,
    pub finance_type: Option<String>,
    pub earmarking: Option<String>,
    pub channel: Channel,
    pub default_currency: String,
    pub systems: CountrySystems,
    pub published: bool,
    /// `(organisation id, role)`; the reporting organisation need not be listed.
    pub participants: Vec<(i32, ParticipantRole)>,
    pub sectors: Vec<Share>,
    pub priorities: Vec<Share>,
    /// `(budget line id, percent)`; when given, the percentages sum to 100.
    pub budget_lines: Vec<(i32, Decimal)>,
}

/// An activity as read back, with its flows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: i32,
    pub reporting_org: OrganisationRef,
    pub iati_identifier: Option<String>,
    pub title: String,
    pub description: String,
    pub status: ActivityStatus,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub money_type: MoneyType,
    pub aid_type: Option<String>,
    pub finance_type: Option<String>,
    pub earmarking: Option<String>,
    pub channel: Channel,
    pub default_currency: Currency,
    pub systems: CountrySystems,
    pub published: bool,
    pub participants: Vec<(OrganisationRef, ParticipantRole)>,
    pub sectors: Vec<Share>,
    pub priorities: Vec<Share>,
    /// `(budget line code, name, percent)`.
    pub budget_lines: Vec<(String, String, Decimal)>,
    pub transactions: Vec<Transaction>,
    pub planned_disbursements: Vec<PlannedDisbursement>,
    /// The version an edit form was opened at.
    pub version: i32,
    pub validation: Validation,
    /// Why a planner returned it.
    pub return_reason: Option<String>,
    /// Set on a change waiting for validation: the validated activity it
    /// would replace, which counts as it was until then.
    pub change_of: Option<i32>,
}

impl Transaction {
    /// The transaction as a form would submit it again.
    pub fn as_new(&self) -> NewTransaction {
        NewTransaction {
            kind: self.kind,
            transaction_date: self.transaction_date,
            value_date: Some(self.value_date),
            amount: self.amount,
            currency: Some(self.currency.to_string()),
            provider_org_id: self.provider.as_ref().map(|o| o.id),
            receiver_org_id: self.receiver.as_ref().map(|o| o.id),
            provider_activity_id: self.provider_activity_id,
            description: self.description.clone(),
            overrides: self.overrides,
        }
    }
}

/// What a partner submits to record a transaction of one of its activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTransaction {
    pub kind: TransactionKind,
    pub transaction_date: NaiveDate,
    /// Defaults to the transaction date.
    pub value_date: Option<NaiveDate>,
    pub amount: Decimal,
    /// Defaults to the activity's currency.
    pub currency: Option<String>,
    pub provider_org_id: Option<i32>,
    pub receiver_org_id: Option<i32>,
    pub provider_activity_id: Option<i32>,
    pub description: String,
    pub overrides: SystemOverrides,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    pub id: i32,
    pub activity_id: i32,
    pub kind: TransactionKind,
    pub transaction_date: NaiveDate,
    pub value_date: NaiveDate,
    pub amount: Decimal,
    pub currency: Currency,
    /// Start year of the country fiscal year.
    pub fiscal_year: i32,
    pub provider: Option<OrganisationRef>,
    pub receiver: Option<OrganisationRef>,
    pub provider_activity_id: Option<i32>,
    pub description: String,
    pub overrides: SystemOverrides,
    /// The version an edit form was opened at.
    pub version: i32,
    /// In a change waiting for validation: the validated row it replaces.
    pub replaces: Option<i32>,
}

/// What a partner scheduled to disburse over a period, which may follow the
/// partner's own fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlannedDisbursement {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub amount: Decimal,
    pub currency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedDisbursement {
    pub id: i32,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub amount: Decimal,
    pub currency: Currency,
    /// Start year of the country fiscal year the period starts in.
    pub fiscal_year: i32,
    /// The version an edit form was opened at.
    pub version: i32,
    /// In a change waiting for validation: the validated row it replaces.
    pub replaces: Option<i32>,
}

/// One unit of `currency` is worth `rate` units of `quote_currency` from
/// `rate_date` on, according to `source`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRate {
    pub currency: Currency,
    pub quote_currency: Currency,
    pub rate_date: NaiveDate,
    pub rate: Decimal,
    pub source: String,
}

/// Amounts of the four measures, in one currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub pledged: Decimal,
    pub committed: Decimal,
    pub disbursed: Decimal,
    pub spent: Decimal,
}

impl Totals {
    /// Adds `amount` to `measure`; `None` when the sum would not fit.
    pub fn add(&mut self, measure: Measure, amount: Decimal) -> Option<()> {
        let slot = match measure {
            Measure::Pledged => &mut self.pledged,
            Measure::Committed => &mut self.committed,
            Measure::Disbursed => &mut self.disbursed,
            Measure::Spent => &mut self.spent,
        };
        *slot = slot.checked_add(amount)?;
        Some(())
    }

    /// The two added measure by measure; `None` when a sum would not fit.
    pub fn plus(self, other: Totals) -> Option<Totals> {
        Some(Totals {
            pledged: self.pledged.checked_add(other.pledged)?,
            committed: self.committed.checked_add(other.committed)?,
            disbursed: self.disbursed.checked_add(other.disbursed)?,
            spent: self.spent.checked_add(other.spent)?,
        })
    }

    pub fn rounded(self) -> Totals {
        let r = |d: Decimal| d.round_dp(2);
        Totals {
            pledged: r(self.pledged),
            committed: r(self.committed),
            disbursed: r(self.disbursed),
            spent: r(self.spent),
        }
    }

    /// Committed, plus what is pledged beyond it: the money a cost can count on.
    pub fn covered(&self) -> Decimal {
        self.committed + (self.pledged - self.committed).max(Decimal::ZERO)
    }
}

coded_enum! {
    /// How a funding view groups its totals.
    GroupBy {
        Partner => ("partner", group_by_partner),
        Pillar => ("pillar", group_by_pillar),
        Priority => ("priority", group_by_priority),
        FiscalYear => ("fiscal_year", group_by_fiscal_year),
        MoneyType => ("money_type", group_by_money_type),
        Channel => ("channel", group_by_channel),
    }
}

/// The row key of flows tied to no strategy priority.
pub const UNALIGNED: &str = "unaligned";
/// The row key of money pooled funds hold but have not allocated.
pub const POOLED_UNALLOCATED: &str = "pooled_unallocated";

/// One group's totals in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingRow {
    pub key: String,
    pub label: String,
    pub totals: Totals,
    /// Disbursements recorded on the national budget.
    pub on_budget_disbursed: Decimal,
    /// Amounts left out of this row for want of an exchange rate.
    pub unconverted: u32,
    /// The strategy's estimated cost, for priorities and pillars.
    pub estimated_cost: Option<Decimal>,
    /// Estimated cost less committed and pledged-not-yet-committed.
    pub funding_gap: Option<Decimal>,
}

/// Money that could not be converted: no rate on or before its value date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unconverted {
    pub currency: Currency,
    pub value_date: NaiveDate,
    pub amount: Decimal,
    pub transactions: u32,
}

/// An exchange rate a view used, and how many amounts it converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateUse {
    pub rate: ExchangeRate,
    pub transactions: u32,
}

/// A funding view: totals by one grouping, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundingReport {
    pub currency: Currency,
    pub group_by: GroupBy,
    pub fiscal_year: Option<i32>,
    pub rows: Vec<FundingRow>,
    /// Each dollar once: direct flows plus contributions to pooled funds.
    pub total: Totals,
    pub on_budget_disbursed: Decimal,
    /// On-budget disbursements over all disbursements; `None` with none.
    pub on_budget_share: Option<Decimal>,
    /// Disbursed outside government channels (not through the treasury).
    pub outside_government_disbursed: Decimal,
    pub unconverted_count: u32,
    pub unconverted: Vec<Unconverted>,
    pub rates_used: Vec<RateUse>,
}

/// An activity as the public project browser lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRow {
    pub id: i32,
    pub title: String,
    pub iati_identifier: Option<String>,
    /// The reporting organisation's name.
    pub partner: String,
    pub status: Option<ActivityStatus>,
}

/// One page of the public project browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectList {
    pub activities: Vec<ProjectRow>,
    /// Activities matching the search, on every page.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    pub pages: u64,
    pub search: String,
}
