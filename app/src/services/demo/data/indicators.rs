//! The demo country's indicator tables: baselines and targets of the
//! computed indicators, the entered indicators with the values measured by
//! the ministries and two partners, and the reviewer's comments.

use crate::types::{Direction, Formula, Unit};

/// Fiscal years (start years) of the demo's targets and measurements.
pub const YEARS: [i32; 4] = [2023, 2024, 2025, 2026];

/// `(formula, baseline, targets for YEARS)`; a blank target is none.
pub const COMPUTED: &[(Formula, &str, [&str; 4])] = &[
    (Formula::AidOnBudget, "0.25", ["0.3", "0.35", "0.4", "0.45"]),
    (
        Formula::AnnualPredictability,
        "0.7",
        ["0.75", "0.8", "0.85", "0.85"],
    ),
    (
        Formula::MediumTermPredictability,
        "0.3",
        ["0.4", "0.5", "0.6", "0.7"],
    ),
    (
        Formula::CountrySystems,
        "0.2",
        ["0.25", "0.3", "0.35", "0.4"],
    ),
    (
        Formula::PooledShare,
        "0.15",
        ["0.18", "0.2", "0.22", "0.25"],
    ),
    (Formula::ExecutionRate, "0.6", ["0.7", "0.75", "0.8", "0.8"]),
    (Formula::UndisbursedBalance, "", ["", "", "", ""]),
    (Formula::PledgeGap, "", ["", "", "", ""]),
    (Formula::FundingGap, "", ["", "", "", ""]),
    (
        Formula::GovernmentDelivery,
        "0.5",
        ["0.6", "0.7", "0.75", "0.8"],
    ),
    (
        Formula::PartnerDelivery,
        "0.5",
        ["0.6", "0.7", "0.75", "0.8"],
    ),
    (
        Formula::ReportingCompliance,
        "0.6",
        ["0.7", "0.8", "0.9", "1"],
    ),
];

/// An indicator entered by hand, with its targets and measured values.
pub struct Entered {
    pub code: &'static str,
    pub name: &'static str,
    pub definition: &'static str,
    pub unit: Unit,
    pub direction: Direction,
    pub pillar: Option<i32>,
    /// The owner's acronym, and the demo account that enters its values.
    pub owner: &'static str,
    pub enterer: &'static str,
    pub source: &'static str,
    pub baseline: &'static str,
    pub targets: [&'static str; 4],
    /// Blank: not measured yet.
    pub measured: [&'static str; 4],
}

const PLANNER: &str = "planner@kalinda.example";

pub const ENTERED: &[Entered] = &[
    Entered {
        code: "revenue-gdp",
        name: "Domestic revenue as a share of GDP",
        definition: "Tax and non-tax revenue collected by the treasury in the fiscal year, over nominal GDP.",
        unit: Unit::Share,
        direction: Direction::HigherIsBetter,
        pillar: Some(5),
        owner: "MoF",
        enterer: PLANNER,
        source: "Ministry of Finance, fiscal outturn report",
        baseline: "0.071",
        targets: ["0.075", "0.08", "0.085", "0.09"],
        measured: ["0.074", "0.078", "0.083", ""],
    },
    Entered {
        code: "capital-execution",
        name: "Execution of the capital budget",
        definition: "Capital spending executed over the capital appropriation of the fiscal year.",
        unit: Unit::Share,
        direction: Direction::HigherIsBetter,
        pillar: Some(5),
        owner: "MoF",
        enterer: PLANNER,
        source: "Integrated financial management system, year-end report",
        baseline: "0.52",
        targets: ["0.6", "0.65", "0.7", "0.75"],
        measured: ["0.55", "0.63", "0.61", ""],
    },
    Entered {
        code: "budget-publication",
        name: "Days from budget approval to its publication",
        definition: "Calendar days between parliament's approval of the budget and the publication of the full budget documents online.",
        unit: Unit::Number,
        direction: Direction::LowerIsBetter,
        pillar: Some(5),
        owner: "MoF",
        enterer: PLANNER,
        source: "Ministry of Finance website, publication log",
        baseline: "90",
        targets: ["60", "45", "30", "30"],
        measured: ["75", "40", "28", "21"],
    },
    Entered {
        code: "security-payroll",
        name: "Security personnel paid through the treasury payroll",
        definition: "Police and armed forces personnel paid through the treasury's payroll, over all security personnel on the nominal roll.",
        unit: Unit::Share,
        direction: Direction::HigherIsBetter,
        pillar: Some(2),
        owner: "MoIPS",
        enterer: PLANNER,
        source: "Ministry of Interior payroll verification",
        baseline: "0.4",
        targets: ["0.5", "0.6", "0.7", "0.8"],
        measured: ["0.48", "0.62", "0.71", "0.74"],
    },
    Entered {
        code: "reintegrated",
        name: "Former combatants reintegrated (cumulative)",
        definition: "Former combatants who completed a reintegration programme since the peace agreement.",
        unit: Unit::Number,
        direction: Direction::HigherIsBetter,
        pillar: Some(2),
        owner: "MoIPS",
        enterer: PLANNER,
        source: "Demobilisation and Reintegration Commission registry",
        baseline: "1200",
        targets: ["2500", "4000", "5500", "7000"],
        measured: ["2100", "3900", "5200", "5650"],
    },
    Entered {
        code: "case-backlog",
        name: "Criminal cases pending more than a year",
        definition: "Criminal cases before the courts at the end of the fiscal year that were filed more than a year earlier.",
        unit: Unit::Number,
        direction: Direction::LowerIsBetter,
        pillar: Some(3),
        owner: "MoJ",
        enterer: PLANNER,
        source: "Judicial case management system",
        baseline: "4200",
        targets: ["3800", "3300", "2800", "2400"],
        measured: ["4050", "3500", "3100", ""],
    },
    Entered {
        code: "voter-registration",
        name: "Eligible voters registered",
        definition: "Registered voters over the estimated voting-age population.",
        unit: Unit::Share,
        direction: Direction::HigherIsBetter,
        pillar: Some(1),
        owner: "NEC",
        enterer: PLANNER,
        source: "National Electoral Commission, voter register audit",
        baseline: "0.61",
        targets: ["0.65", "0.7", "0.75", "0.8"],
        measured: ["0.64", "0.69", "0.77", "0.79"],
    },
    Entered {
        code: "women-peace-committees",
        name: "Women among local peace committee members",
        definition: "Women over all members of the district peace committees.",
        unit: Unit::Share,
        direction: Direction::HigherIsBetter,
        pillar: Some(1),
        owner: "MoPD",
        enterer: PLANNER,
        source: "Ministry of Planning survey of district peace committees",
        baseline: "0.18",
        targets: ["0.22", "0.26", "0.3", "0.33"],
        measured: ["0.2", "0.23", "0.25", ""],
    },
    Entered {
        code: "norad-evaluations",
        name: "Norad: evaluations published",
        definition: "Completed evaluations of Norad's programmes in the country published within six months, over all completed.",
        unit: Unit::Share,
        direction: Direction::HigherIsBetter,
        pillar: None,
        owner: "Norad",
        enterer: "norad@kalinda.example",
        source: "Norad evaluation portal",
        baseline: "0.5",
        targets: ["0.6", "0.7", "0.8", "0.9"],
        measured: ["0.6", "0.75", "0.8", "0.85"],
    },
    Entered {
        code: "undp-national-procurement",
        name: "UNDP: procurement through national systems",
        definition: "Value of UNDP's procurement in the country done through the national procurement system, over all its procurement.",
        unit: Unit::Share,
        direction: Direction::HigherIsBetter,
        pillar: None,
        owner: "UNDP",
        enterer: "undp@kalinda.example",
        source: "UNDP country office procurement report",
        baseline: "0.2",
        targets: ["0.25", "0.3", "0.35", "0.4"],
        measured: ["0.22", "0.27", "0.26", ""],
    },
];

/// `(indicator, fiscal year, comment)`, by the demo's reviewer.
pub const COMMENTS: &[(&str, i32, &str)] = &[
    (
        "capital-execution",
        2025,
        "Execution fell back this year after two years of progress: which projects slipped, and why?",
    ),
    (
        "aid_on_budget",
        2025,
        "Several partners report their security support off budget although it is in the budget's security lines.",
    ),
    (
        "women-peace-committees",
        2025,
        "The survey covered 9 of the 14 districts; the value may not hold for the rest.",
    ),
];
