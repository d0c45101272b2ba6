//! The demo country's transition tables: the UN mission's functions with
//! their new owners, handover dates and costs, the drawdown's phases, and
//! the strategy priority each function serves.

use crate::types::{FunctionKind, Readiness};

/// `(kind, name, new owner's acronym, handover, readiness, mission cost, cost after, secured)`,
/// yearly amounts in whole dollars.
pub type DemoFunction = (
    FunctionKind,
    &'static str,
    &'static str,
    Ymd,
    Readiness,
    i64,
    i64,
    i64,
);

pub const FUNCTIONS: &[DemoFunction] = &[
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
pub type Ymd = (i32, u32, u32);

/// `(name, start, end)` of the drawdown's phases.
pub const PHASES: &[(&str, Ymd, Ymd)] = &[
    ("Handover of the capital", (2026, 7, 1), (2027, 6, 30)),
    (
        "Withdrawal from the eastern and border districts",
        (2027, 7, 1),
        (2028, 6, 30),
    ),
    ("Closure of the mission", (2028, 7, 1), (2029, 6, 30)),
];

/// The strategy priority each function serves, by function name.
pub const PRIORITY_OF: &[(&str, &str)] = &[
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
