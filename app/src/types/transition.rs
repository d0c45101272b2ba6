use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Currency;

coded_enum! {
    /// The functions a UN mission typically hands over.
    FunctionKind {
        PoliceSupport => ("police_support", function_police_support),
        ElectoralAssistance => ("electoral_assistance", function_electoral_assistance),
        ProtectionOfCivilians => ("protection_of_civilians", function_protection_of_civilians),
        JusticeCorrections => ("justice_corrections", function_justice_corrections),
        MineAction => ("mine_action", function_mine_action),
        PublicInformation => ("public_information", function_public_information),
        HumanRights => ("human_rights", function_human_rights),
        Other => ("other", function_other),
    }
}

coded_enum! {
    Readiness {
        NotStarted => ("not_started", readiness_not_started),
        Planning => ("planning", readiness_planning),
        InProgress => ("in_progress", readiness_in_progress),
        HandedOver => ("handed_over", readiness_handed_over),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTransitionPlan {
    pub mission_name: String,
    pub mandate_end: NaiveDate,
    pub drawdown_start: NaiveDate,
    pub drawdown_end: NaiveDate,
}

/// A phase of the mission's drawdown, e.g. "Withdrawal from the east".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawdownPhase {
    pub id: i32,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The version an edit form opens at.
    pub version: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDrawdownPhase {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFunction {
    pub kind: FunctionKind,
    pub name: String,
    pub current_provider: String,
    pub future_owner_id: i32,
    pub target_handover: NaiveDate,
    pub readiness: Readiness,
    pub mission_cost: Decimal,
    pub after_cost: Decimal,
    pub secured: Decimal,
    /// Code of the strategy priority the function serves, if any.
    pub priority_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionFunction {
    pub id: i32,
    pub kind: FunctionKind,
    pub name: String,
    pub current_provider: String,
    pub future_owner: String,
    pub target_handover: NaiveDate,
    /// Start year of the country fiscal year of the handover.
    pub handover_fiscal_year: i32,
    pub readiness: Readiness,
    pub mission_cost: Decimal,
    pub after_cost: Decimal,
    pub secured: Decimal,
    pub priority_code: Option<String>,
    pub future_owner_id: i32,
    /// The version an edit form opens at.
    pub version: i32,
    /// Each readiness the function reached, oldest first.
    pub history: Vec<ReadinessStep>,
}

/// A readiness a function reached, and the day it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadinessStep {
    pub readiness: Readiness,
    pub on: NaiveDate,
}

/// One fiscal year of the financing cliff: for the functions handed over by
/// the end of that year, what the mission no longer pays, what the new owners
/// must pay, what is secured, and the gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CliffYear {
    pub fiscal_year: i32,
    pub label: String,
    pub mission_cost_ended: Decimal,
    pub replacement_cost: Decimal,
    pub secured: Decimal,
    pub gap: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionPlan {
    pub country_code: String,
    pub mission_name: String,
    /// The version of the mission and its dates; the form carries it.
    pub version: i32,
    pub mandate_end: NaiveDate,
    pub drawdown_start: NaiveDate,
    pub drawdown_end: NaiveDate,
    pub phases: Vec<DrawdownPhase>,
    pub currency: Currency,
    pub functions: Vec<TransitionFunction>,
    pub cliff: Vec<CliffYear>,
}
