//! The demo country's transition plan: the UN mission's ten functions,
//! handed over across three fiscal years.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::{
    FunctionKind, NewDrawdownPhase, NewFunction, NewTransitionPlan, Organisation, Readiness,
};

use super::audit::Author;
use super::{drawdown, transition};

/// `(kind, name, new owner's acronym, handover, readiness, mission cost, cost after, secured)`,
/// yearly amounts in whole dollars.
type DemoFunction = (
    FunctionKind,
    &'static str,
    &'static str,
    Ymd,
    Readiness,
    i64,
    i64,
    i64,
);

const FUNCTIONS: &[DemoFunction] = &[
    (
        FunctionKind::PoliceSupport,
        "Patrols in the capital",
        "MoIPS",
        (2026, 10, 1),
        Readiness::HandedOver,
        6_000_000,
        2_500_000,
        2_000_000,
    ),
    (
        FunctionKind::PublicInformation,
        "UN radio becomes public radio",
        "MoPD",
        (2026, 12, 31),
        Readiness::InProgress,
        1_200_000,
        450_000,
        450_000,
    ),
    (
        FunctionKind::ElectoralAssistance,
        "Logistics for the 2027 elections",
        "NEC",
        (2027, 3, 1),
        Readiness::InProgress,
        4_000_000,
        2_200_000,
        1_500_000,
    ),
    (
        FunctionKind::MineAction,
        "Clearance in the eastern districts",
        "MoIPS",
        (2027, 6, 30),
        Readiness::Planning,
        2_500_000,
        1_100_000,
        300_000,
    ),
    (
        FunctionKind::JusticeCorrections,
        "Prison management support",
        "MoJ",
        (2027, 9, 1),
        Readiness::Planning,
        1_800_000,
        900_000,
        400_000,
    ),
    (
        FunctionKind::PoliceSupport,
        "Patrols in the border districts",
        "MoIPS",
        (2027, 12, 1),
        Readiness::Planning,
        7_500_000,
        3_200_000,
        800_000,
    ),
    (
        FunctionKind::HumanRights,
        "Human rights monitoring",
        "UNDP",
        (2028, 1, 31),
        Readiness::NotStarted,
        900_000,
        600_000,
        600_000,
    ),
    (
        FunctionKind::ProtectionOfCivilians,
        "Early warning in returnee areas",
        "KWPN",
        (2028, 3, 31),
        Readiness::NotStarted,
        1_500_000,
        400_000,
        0,
    ),
    (
        FunctionKind::JusticeCorrections,
        "Mobile court logistics",
        "MoJ",
        (2028, 9, 1),
        Readiness::NotStarted,
        700_000,
        350_000,
        0,
    ),
    (
        FunctionKind::Other,
        "Child protection in former camps",
        "UNICEF",
        (2028, 12, 1),
        Readiness::NotStarted,
        600_000,
        300_000,
        150_000,
    ),
];

/// A calendar date as `(year, month, day)`.
type Ymd = (i32, u32, u32);

/// `(name, start, end)` of the drawdown's phases.
const PHASES: &[(&str, Ymd, Ymd)] = &[
    ("Handover of the capital", (2026, 7, 1), (2027, 6, 30)),
    (
        "Withdrawal from the eastern and border districts",
        (2027, 7, 1),
        (2028, 6, 30),
    ),
    ("Closure of the mission", (2028, 7, 1), (2029, 6, 30)),
];

/// The strategy priority each function serves, by function name.
const PRIORITY_OF: &[(&str, &str)] = &[
    ("Patrols in the capital", "2.1"),
    ("UN radio becomes public radio", "5.4"),
    ("Logistics for the 2027 elections", "1.2"),
    ("Clearance in the eastern districts", "2.3"),
    ("Prison management support", "3.2"),
    ("Patrols in the border districts", "2.1"),
    ("Early warning in returnee areas", "1.3"),
    ("Mobile court logistics", "3.1"),
    ("Child protection in former camps", "5.3"),
];

pub(super) async fn seed(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    organisations: &[Organisation],
) -> Result<(), AppError> {
    if transition::load(txn, country_id).await?.is_some() {
        return Ok(());
    }
    let date = |(y, m, d): Ymd| {
        NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| AppError::internal(format!("demo date {y}-{m}-{d}")))
    };
    let plan = NewTransitionPlan {
        mission_name: "UN Integrated Mission in Kalinda (demo)".into(),
        mandate_end: date((2029, 6, 30))?,
        drawdown_start: date((2026, 7, 1))?,
        drawdown_end: date((2029, 6, 30))?,
    };
    transition::set_plan(txn, author, country_id, plan).await?;
    for (name, starts, ends) in PHASES {
        let phase = NewDrawdownPhase {
            name: (*name).into(),
            starts_on: date(*starts)?,
            ends_on: date(*ends)?,
        };
        drawdown::add_phase(txn, author, country_id, phase).await?;
    }
    for &(kind, name, owner, handover, readiness, mission, after, secured) in FUNCTIONS {
        let future_owner_id = organisations
            .iter()
            .find(|o| o.acronym.as_deref() == Some(owner))
            .map(|o| o.id)
            .ok_or_else(|| AppError::internal(format!("demo organisation {owner}")))?;
        let function = NewFunction {
            kind,
            name: name.into(),
            current_provider: "UN mission".into(),
            future_owner_id,
            target_handover: date(handover)?,
            readiness,
            mission_cost: Decimal::new(mission, 0),
            after_cost: Decimal::new(after, 0),
            secured: Decimal::new(secured, 0),
            priority_code: PRIORITY_OF
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, code)| (*code).to_string()),
        };
        transition::add_function(txn, author, country_id, function).await?;
    }
    Ok(())
}
