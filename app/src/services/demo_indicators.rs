//! The demo's indicators: the computed ones with baselines and targets,
//! and entered ones measured by the ministries and two partners over four
//! fiscal years, so that the dashboard tells a story on first run.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::{
    Baseline, Direction, Formula, NewIndicator, NewMeasurement, Organisation, Unit,
};

use super::audit::Author;
use super::indicator_definitions as definitions;

/// Fiscal years (start years) of the demo's targets and measurements.
const YEARS: [i32; 4] = [2023, 2024, 2025, 2026];

/// `(formula, baseline, targets for YEARS)`; a blank target is none.
const COMPUTED: &[(Formula, &str, [&str; 4])] = &[
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

struct Entered {
    code: &'static str,
    name: &'static str,
    definition: &'static str,
    unit: Unit,
    direction: Direction,
    pillar: Option<i32>,
    /// The owner's acronym, and the demo account that enters its values.
    owner: &'static str,
    enterer: &'static str,
    source: &'static str,
    baseline: &'static str,
    targets: [&'static str; 4],
    /// Blank: not measured yet.
    measured: [&'static str; 4],
}

const PLANNER: &str = "planner@kalinda.example";

const ENTERED: &[Entered] = &[
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
const COMMENTS: &[(&str, i32, &str)] = &[
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

fn decimal(text: &str) -> Result<Decimal, AppError> {
    Decimal::from_str(text).map_err(|e| AppError::internal(format!("demo figure {text:?}: {e}")))
}

fn baseline(text: &str) -> Result<Option<Baseline>, AppError> {
    if text.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::from_ymd_opt(2023, 6, 30)
        .ok_or_else(|| AppError::internal("demo baseline date"))?;
    Ok(Some(Baseline {
        value: decimal(text)?,
        date,
    }))
}

async fn targets(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    code: &str,
    targets: &[&str; 4],
) -> Result<(), AppError> {
    for (year, target) in YEARS.iter().zip(targets) {
        if !target.is_empty() {
            definitions::set_target(txn, author, country_id, code, *year, decimal(target)?).await?;
        }
    }
    Ok(())
}

/// Loads the demo indicators, unless the country has some already.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    organisations: &[Organisation],
) -> Result<(), AppError> {
    if definitions::any(txn, country_id).await? {
        return Ok(());
    }
    for (formula, base, goals) in COMPUTED {
        let new = NewIndicator {
            code: formula.code().to_string(),
            name: formula.label().to_string(),
            definition: formula.definition().to_string(),
            unit: formula.unit(),
            direction: formula.direction(),
            formula: Some(*formula),
            pillar: None,
            owner_id: None,
            baseline: baseline(base)?,
        };
        definitions::define(txn, author, country_id, new).await?;
        targets(txn, author, country_id, formula.code(), goals).await?;
    }
    for e in ENTERED {
        let owner = organisations
            .iter()
            .find(|o| o.acronym.as_deref() == Some(e.owner))
            .ok_or_else(|| AppError::internal(format!("demo organisation {}", e.owner)))?;
        let new = NewIndicator {
            code: e.code.to_string(),
            name: e.name.to_string(),
            definition: e.definition.to_string(),
            unit: e.unit,
            direction: e.direction,
            formula: None,
            pillar: e.pillar,
            owner_id: Some(owner.id),
            baseline: baseline(e.baseline)?,
        };
        definitions::define(txn, author, country_id, new).await?;
        targets(txn, author, country_id, e.code, &e.targets).await?;
        let enterer = super::users::find_by_email(txn, e.enterer)
            .await?
            .ok_or_else(|| AppError::internal(format!("demo account {}", e.enterer)))?;
        let by = Author {
            user_id: Some(enterer.id),
            label: e.enterer.to_string(),
        };
        for (year, value) in YEARS.iter().zip(e.measured) {
            if value.is_empty() {
                continue;
            }
            let measurement = NewMeasurement {
                fiscal_year: *year,
                value: decimal(value)?,
                source: e.source.to_string(),
                note: String::new(),
            };
            definitions::record_measurement(txn, &by, country_id, e.code, measurement).await?;
        }
    }
    let reviewer = "reviewer@kalinda.example";
    let user = super::users::find_by_email(txn, reviewer)
        .await?
        .ok_or_else(|| AppError::internal(format!("demo account {reviewer}")))?;
    let by = Author {
        user_id: Some(user.id),
        label: reviewer.to_string(),
    };
    for (code, year, body) in COMMENTS {
        definitions::comment(txn, &by, country_id, code, *year, body).await?;
    }
    Ok(())
}
