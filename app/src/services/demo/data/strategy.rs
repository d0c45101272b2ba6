//! The demo country's strategy tables: its priorities by pillar with their
//! lead ministries and costs, the peace agreement's provisions, the links
//! between them and the partners supporting each priority.

use crate::types::{Phase, ThematicArea};

/// First fiscal year of the demo strategy (FY 2026/27 with a July start).
pub const FIRST_YEAR: i32 = 2026;

/// `(code, pillar number, title, lead ministry acronym, phase, area, whole dollars over four years)`.
pub type DemoPriority = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    Phase,
    ThematicArea,
    i64,
);

pub const PRIORITIES: &[DemoPriority] = &[
    (
        "1.1",
        1,
        "National dialogue and constitutional review",
        "MoPD",
        Phase::Immediate,
        ThematicArea::Reconciliation,
        1_200_000,
    ),
    (
        "1.2",
        1,
        "Credible 2027 general elections",
        "NEC",
        Phase::Immediate,
        ThematicArea::Elections,
        6_000_000,
    ),
    (
        "1.3",
        1,
        "Local peace committees in border districts",
        "MoIPS",
        Phase::MediumTerm,
        ThematicArea::Reconciliation,
        900_000,
    ),
    (
        "2.1",
        2,
        "National police take over UN-patrolled districts",
        "MoIPS",
        Phase::Immediate,
        ThematicArea::SecurityTransition,
        8_500_000,
    ),
    (
        "2.2",
        2,
        "Disarmament, demobilisation and reintegration",
        "MoIPS",
        Phase::MediumTerm,
        ThematicArea::SecurityTransition,
        4_000_000,
    ),
    (
        "2.3",
        2,
        "National mine action authority takes over clearance",
        "MoIPS",
        Phase::MediumTerm,
        ThematicArea::SecurityTransition,
        2_000_000,
    ),
    (
        "3.1",
        3,
        "Mobile courts and legal aid in the provinces",
        "MoJ",
        Phase::Immediate,
        ThematicArea::Justice,
        1_800_000,
    ),
    (
        "3.2",
        3,
        "A national corrections service",
        "MoJ",
        Phase::MediumTerm,
        ThematicArea::Justice,
        2_400_000,
    ),
    (
        "3.3",
        3,
        "Customary land dispute resolution",
        "MoJ",
        Phase::MediumTerm,
        ThematicArea::NaturalResources,
        900_000,
    ),
    (
        "4.1",
        4,
        "Youth employment in agriculture",
        "MoPD",
        Phase::MediumTerm,
        ThematicArea::Other,
        3_000_000,
    ),
    (
        "4.2",
        4,
        "Transparent mining and forestry revenues",
        "MoF",
        Phase::MediumTerm,
        ThematicArea::NaturalResources,
        700_000,
    ),
    (
        "4.3",
        4,
        "Feeder roads to markets",
        "MoPD",
        Phase::MediumTerm,
        ThematicArea::ServiceDelivery,
        5_500_000,
    ),
    (
        "5.1",
        5,
        "Revenue authority and customs modernisation",
        "MoF",
        Phase::Immediate,
        ThematicArea::PublicFinance,
        1_500_000,
    ),
    (
        "5.2",
        5,
        "A transparent budget, security spending included",
        "MoF",
        Phase::Immediate,
        ThematicArea::PublicFinance,
        600_000,
    ),
    (
        "5.3",
        5,
        "Primary health care in returnee areas",
        "MoPD",
        Phase::MediumTerm,
        ThematicArea::ServiceDelivery,
        4_200_000,
    ),
    (
        "5.4",
        5,
        "Public radio takes over the UN mission's station",
        "MoPD",
        Phase::Immediate,
        ThematicArea::Other,
        800_000,
    ),
];

/// The peace agreement the demo strategy builds on.
pub const AGREEMENT: &str = "Comprehensive Peace Agreement for Kalinda (demo)";

/// `(article, text)` of the agreement's provisions.
pub const PROVISIONS: &[(&str, &str)] = &[
    (
        "2.1",
        "A national dialogue leads to a reviewed constitution within two years.",
    ),
    (
        "2.4",
        "General elections are held under an independent electoral commission.",
    ),
    (
        "3.1",
        "Local peace committees settle disputes in the border districts.",
    ),
    (
        "5.1",
        "Former combatants are disarmed, demobilised and reintegrated into civilian life.",
    ),
    (
        "5.3",
        "The national police take over public order as the UN mission withdraws.",
    ),
    (
        "5.6",
        "A national authority clears land mines and unexploded ordnance.",
    ),
    (
        "6.2",
        "Justice reaches every province, and prisons come under a civilian corrections service.",
    ),
    ("7.1", "Customary and statutory land claims are reconciled."),
    (
        "8.2",
        "Revenues from natural resources and customs are published and shared fairly.",
    ),
    (
        "9.1",
        "Basic services reach returnee and conflict-affected areas first.",
    ),
];

/// `(priority code, articles it implements, supporting partners' acronyms)`.
pub const LINKS: &[(&str, &[&str], &[&str])] = &[
    ("1.1", &["2.1"], &["KWPN", "PBF"]),
    ("1.2", &["2.4"], &["UNDP", "EU", "Norad"]),
    ("1.3", &["3.1"], &["KWPN", "PBF"]),
    ("2.1", &["5.3"], &["UNDP", "FCDO"]),
    ("2.2", &["5.1"], &["WB", "UNDP"]),
    ("2.3", &["5.6"], &["PBF"]),
    ("3.1", &["6.2"], &["UNDP", "NRC"]),
    ("3.2", &["6.2"], &["EU"]),
    ("3.3", &["7.1"], &["NRC"]),
    ("4.1", &["5.1"], &["WB"]),
    ("4.2", &["8.2"], &["WB"]),
    ("4.3", &["9.1"], &["WB", "EU"]),
    ("5.1", &["8.2"], &["WB", "FCDO"]),
    ("5.2", &["8.2"], &["WB"]),
    ("5.3", &["9.1"], &["UNICEF"]),
    ("5.4", &[], &["UNDP"]),
];

/// Shares of the total cost per fiscal year, in percent: immediate work is
/// front-loaded.
pub fn shares(phase: Phase) -> [i64; 4] {
    match phase {
        Phase::Immediate => [40, 30, 20, 10],
        Phase::MediumTerm => [10, 25, 35, 30],
    }
}
