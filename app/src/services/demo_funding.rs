//! The demo country's funding: sixty activities of eight partners with their
//! flows from FY 2023/24 to FY 2026/27 in USD, EUR and GBP, a pooled fund
//! with its contributors and windows, a g7+ peer's support in kind, monthly
//! exchange rates, the national budget's lines, and two reporting rounds.
//!
//! The flows are worked out from the tables below; their amounts and dates
//! vary by a fixed-seed generator, so every load gives the same figures.
//! The demo's "now" is November 2026, as in the compact's reviews: partners
//! have reported their flows up to the end of October 2026, and plan the
//! rest.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::policy::Actor;
use crate::types::{
    ActivityStatus, BudgetAmounts, Channel, CountrySystems, ExchangeRate, FiscalYear, MoneyType,
    NewActivity, NewBudgetLine, NewPlannedDisbursement, NewReportingRound, NewTransaction,
    Organisation, ParticipantRole, ResponseStatus, Share, SystemOverrides, TransactionKind,
};

use super::activities::{self, CountryFacts};
use super::audit::Author;
use super::{budget, rates, reporting, users};

/// The country's fiscal year starts in July (see `demo::seed`).
const START_MONTH: u32 = 7;
/// The first fiscal year with flows, FY 2023/24.
const FIRST_YEAR: i32 = 2023;
/// The fiscal year under way, FY 2026/27.
const CURRENT_YEAR: i32 = 2026;
/// The last fiscal year a partner with forward plans plans for.
const LAST_PLANNED_YEAR: i32 = 2029;
/// Partners have reported their flows up to this day.
const REPORTED_TO: (i32, u32, u32) = (2026, 10, 31);
/// The partnership conference, where the first activities were pledged.
const CONFERENCE: (i32, u32, u32) = (2023, 8, 10);
/// The compact round table, where activities not yet started were pledged.
const ROUND_TABLE: (i32, u32, u32) = (2026, 9, 22);
/// The seed of the generator that varies amounts and days.
const SEED: u64 = 20_260_701;

/// How a partner plans: by the country's fiscal year or its own calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlanYear {
    Country,
    Calendar,
}

/// How often a partner disburses to an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tranches {
    Yearly,
    HalfYearly,
}

impl Tranches {
    fn per_year(self) -> i64 {
        match self {
            Self::Yearly => 1,
            Self::HalfYearly => 2,
        }
    }

    /// How the year's disbursements are described, in order.
    fn names(self) -> &'static [&'static str] {
        match self {
            Self::Yearly => &["Annual disbursement,"],
            Self::HalfYearly => &["First tranche,", "Second tranche,"],
        }
    }
}

/// How a partner reports.
struct DemoPartner {
    acronym: &'static str,
    currency: &'static str,
    plan_year: PlanYear,
    /// Plans beyond the fiscal year under way.
    forward_plans: bool,
    pledges: bool,
    /// Commits by annual work plans (UN agencies) rather than agreements.
    work_plans: bool,
    tranches: Tranches,
    /// Reports what was spent in each finished fiscal year.
    reports_spending: bool,
}

const PARTNERS: &[DemoPartner] = &[
    DemoPartner {
        acronym: "Norad",
        currency: "USD",
        plan_year: PlanYear::Calendar,
        forward_plans: true,
        pledges: true,
        work_plans: false,
        tranches: Tranches::Yearly,
        reports_spending: false,
    },
    DemoPartner {
        acronym: "FCDO",
        currency: "GBP",
        plan_year: PlanYear::Country,
        forward_plans: false,
        pledges: true,
        work_plans: false,
        tranches: Tranches::Yearly,
        reports_spending: false,
    },
    DemoPartner {
        acronym: "EU",
        currency: "EUR",
        plan_year: PlanYear::Calendar,
        forward_plans: true,
        pledges: true,
        work_plans: false,
        tranches: Tranches::Yearly,
        reports_spending: false,
    },
    DemoPartner {
        acronym: "UNDP",
        currency: "USD",
        plan_year: PlanYear::Calendar,
        forward_plans: false,
        pledges: false,
        work_plans: true,
        tranches: Tranches::HalfYearly,
        reports_spending: true,
    },
    DemoPartner {
        acronym: "WB",
        currency: "USD",
        plan_year: PlanYear::Country,
        forward_plans: true,
        pledges: false,
        work_plans: false,
        tranches: Tranches::Yearly,
        reports_spending: false,
    },
    DemoPartner {
        acronym: "UNICEF",
        currency: "USD",
        plan_year: PlanYear::Calendar,
        forward_plans: false,
        pledges: false,
        work_plans: true,
        tranches: Tranches::Yearly,
        reports_spending: true,
    },
    DemoPartner {
        acronym: "KTF",
        currency: "USD",
        plan_year: PlanYear::Country,
        forward_plans: true,
        pledges: false,
        work_plans: false,
        tranches: Tranches::HalfYearly,
        reports_spending: false,
    },
    DemoPartner {
        acronym: "TL-g7+",
        currency: "USD",
        plan_year: PlanYear::Country,
        forward_plans: false,
        pledges: false,
        work_plans: false,
        tranches: Tranches::Yearly,
        reports_spending: false,
    },
];

const OFF: CountrySystems = CountrySystems {
    on_plan: false,
    on_budget: false,
    on_treasury: false,
    on_parliament: false,
    on_procurement: false,
    on_accounting: false,
    on_audit: false,
    on_report: false,
};
const ON_PLAN: CountrySystems = CountrySystems {
    on_plan: true,
    on_report: true,
    ..OFF
};
const ON_BUDGET: CountrySystems = CountrySystems {
    on_budget: true,
    on_parliament: true,
    ..ON_PLAN
};
const ON_TREASURY: CountrySystems = CountrySystems {
    on_treasury: true,
    on_procurement: true,
    on_accounting: true,
    on_audit: true,
    ..ON_BUDGET
};

/// `(code, percent)`: DAC sectors, strategy priorities or budget lines.
type Shares = &'static [(&'static str, u8)];

/// One of a partner's activities.
struct DemoActivity {
    partner: &'static str,
    /// The number in its IATI identifier, `{partner's IATI id}-XD-{number:03}`.
    number: Option<u16>,
    title: &'static str,
    description: &'static str,
    implementer: &'static str,
    money: MoneyType,
    channel: Channel,
    aid_type: &'static str,
    finance_type: &'static str,
    earmarking: Option<&'static str>,
    systems: CountrySystems,
    sectors: Shares,
    priorities: Shares,
    /// Budget line codes, for activities on budget.
    lines: Shares,
    /// Whole units of the partner's currency planned for a year.
    yearly: i64,
    /// The first and last fiscal years it runs, by start year.
    years: (i32, i32),
    /// Support in kind: its amounts are estimated values.
    in_kind: bool,
    published: bool,
}

const fn project(
    partner: &'static str,
    title: &'static str,
    implementer: &'static str,
    sectors: Shares,
    priorities: Shares,
    yearly: i64,
    years: (i32, i32),
) -> DemoActivity {
    DemoActivity {
        partner,
        number: None,
        title,
        description: "",
        implementer,
        money: MoneyType::Development,
        channel: Channel::ThirdParty,
        aid_type: "C01",
        finance_type: "110",
        earmarking: None,
        systems: OFF,
        sectors,
        priorities,
        lines: &[],
        yearly,
        years,
        in_kind: false,
        published: true,
    }
}

use Channel::{NotDisbursed, SeparateAccount, Treasury};
use MoneyType::{Humanitarian, Peacebuilding, Security};

const ACTIVITIES: &[DemoActivity] = &[
    DemoActivity {
        number: Some(1),
        money: Peacebuilding,
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("05-100", 100)],
        ..project(
            "Norad",
            "Protection desk for women candidates at the electoral commission",
            "NEC",
            &[("15151", 70), ("15170", 30)],
            &[("1.2", 100)],
            110_000,
            (2026, 2027),
        )
    },
    DemoActivity {
        number: Some(2),
        money: Peacebuilding,
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "Norad",
            "National dialogue secretariat",
            "MoPD",
            &[("15220", 100)],
            &[("1.1", 100)],
            170_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(3),
        money: Peacebuilding,
        ..project(
            "Norad",
            "Local peace committees in the border districts",
            "KWPN",
            &[("15220", 60), ("15170", 40)],
            &[("1.3", 100)],
            100_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(4),
        channel: Treasury,
        systems: ON_TREASURY,
        lines: &[("04-100", 100)],
        ..project(
            "Norad",
            "Revenue management for oil, mining and forestry",
            "MoF",
            &[("15114", 100)],
            &[("4.2", 50), ("5.1", 50)],
            250_000,
            (2024, 2029),
        )
    },
    DemoActivity {
        number: Some(5),
        money: Peacebuilding,
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("01-300", 100)],
        ..project(
            "Norad",
            "Support to the National Mine Action Authority",
            "MoIPS",
            &[("15250", 100)],
            &[("2.3", 100)],
            200_000,
            (2024, 2027),
        )
    },
    DemoActivity {
        number: Some(6),
        ..project(
            "Norad",
            "Customary land dispute resolution",
            "NRC",
            &[("15130", 60), ("43040", 40)],
            &[("3.3", 100)],
            80_000,
            (2023, 2026),
        )
    },
    DemoActivity {
        number: Some(7),
        channel: SeparateAccount,
        aid_type: "D02",
        systems: ON_PLAN,
        ..project(
            "Norad",
            "Public radio: handover of the mission's station",
            "MoPD",
            &[("15153", 100)],
            &[("5.4", 100)],
            70_000,
            (2025, 2026),
        )
    },
    DemoActivity {
        number: Some(8),
        money: Peacebuilding,
        ..project(
            "Norad",
            "Women in the peace process",
            "KWPN",
            &[("15170", 100)],
            &[("1.1", 100)],
            60_000,
            (2024, 2026),
        )
    },
    DemoActivity {
        number: Some(9),
        description: "Draft: awaiting approval in Oslo. Budget support to publish the whole budget, security spending included.",
        channel: Treasury,
        aid_type: "A02",
        systems: ON_TREASURY,
        lines: &[("04-200", 100)],
        published: false,
        ..project(
            "Norad",
            "A transparent budget, security spending included",
            "MoF",
            &[("15111", 100)],
            &[("5.2", 100)],
            140_000,
            (2027, 2029),
        )
    },
    DemoActivity {
        number: Some(1),
        money: Security,
        channel: NotDisbursed,
        ..project(
            "FCDO",
            "Police command, control and community policing",
            "MoIPS",
            &[("15210", 100)],
            &[("2.1", 100)],
            340_000,
            (2023, 2026),
        )
    },
    DemoActivity {
        number: Some(2),
        channel: NotDisbursed,
        aid_type: "D01",
        systems: ON_PLAN,
        ..project(
            "FCDO",
            "Public finance advisers to the revenue authority",
            "MoF",
            &[("15114", 60), ("15111", 40)],
            &[("5.1", 100)],
            130_000,
            (2024, 2026),
        )
    },
    DemoActivity {
        number: Some(3),
        ..project(
            "FCDO",
            "Justice for all: legal aid in the provinces",
            "NRC",
            &[("15130", 100)],
            &[("3.1", 100)],
            220_000,
            (2023, 2026),
        )
    },
    DemoActivity {
        number: Some(4),
        channel: Treasury,
        aid_type: "A02",
        systems: ON_TREASURY,
        lines: &[("04-200", 100)],
        ..project(
            "FCDO",
            "Public financial management reform",
            "MoF",
            &[("15111", 100)],
            &[("5.2", 100)],
            170_000,
            (2025, 2027),
        )
    },
    DemoActivity {
        number: Some(5),
        money: Peacebuilding,
        ..project(
            "FCDO",
            "Community security and small arms control",
            "KWPN",
            &[("15240", 100)],
            &[("2.2", 60), ("1.3", 40)],
            140_000,
            (2024, 2025),
        )
    },
    DemoActivity {
        number: Some(6),
        money: Humanitarian,
        ..project(
            "FCDO",
            "Water and sanitation in returnee settlements",
            "NRC",
            &[("14030", 100)],
            &[("5.3", 100)],
            100_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(7),
        money: Peacebuilding,
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "FCDO",
            "Voter registration",
            "NEC",
            &[("15151", 100)],
            &[("1.2", 100)],
            200_000,
            (2025, 2026),
        )
    },
    DemoActivity {
        number: Some(8),
        money: Peacebuilding,
        channel: NotDisbursed,
        aid_type: "D02",
        ..project(
            "FCDO",
            "Peace process support",
            "MoPD",
            &[("15220", 100)],
            &[("1.1", 100)],
            70_000,
            (2023, 2024),
        )
    },
    DemoActivity {
        number: Some(1),
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("03-200", 100)],
        ..project(
            "EU",
            "Corrections service reform programme",
            "MoJ",
            &[("15130", 100)],
            &[("3.2", 100)],
            420_000,
            (2024, 2029),
        )
    },
    DemoActivity {
        number: Some(2),
        channel: Treasury,
        aid_type: "A01",
        systems: ON_TREASURY,
        lines: &[("04-200", 60), ("04-100", 40)],
        ..project(
            "EU",
            "State and resilience building contract",
            "MoF",
            &[("15111", 60), ("15114", 40)],
            &[("5.2", 50), ("5.1", 50)],
            1_000_000,
            (2023, 2027),
        )
    },
    DemoActivity {
        number: Some(3),
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "EU",
            "Feeder roads in the returnee districts",
            "MoPD",
            &[("21020", 100)],
            &[("4.3", 100)],
            700_000,
            (2024, 2028),
        )
    },
    DemoActivity {
        number: Some(4),
        money: Peacebuilding,
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "EU",
            "Support to the 2027 general elections",
            "NEC",
            &[("15151", 100)],
            &[("1.2", 100)],
            900_000,
            (2025, 2027),
        )
    },
    DemoActivity {
        number: Some(5),
        money: Peacebuilding,
        ..project(
            "EU",
            "Civil society for peace: small grants",
            "KWPN",
            &[("15150", 70), ("15170", 30)],
            &[("1.1", 100)],
            110_000,
            (2023, 2026),
        )
    },
    DemoActivity {
        number: Some(6),
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "EU",
            "Mobile courts in the provinces",
            "MoJ",
            &[("15130", 100)],
            &[("3.1", 100)],
            200_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(7),
        money: Humanitarian,
        ..project(
            "EU",
            "Nutrition and health care for returnee families",
            "NRC",
            &[("12240", 60), ("72010", 40)],
            &[("5.3", 100)],
            250_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(8),
        systems: ON_PLAN,
        ..project(
            "EU",
            "Youth employment in agricultural value chains",
            "MoPD",
            &[("31120", 70), ("32130", 30)],
            &[("4.1", 100)],
            280_000,
            (2025, 2028),
        )
    },
    DemoActivity {
        number: Some(9),
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "EU",
            "Customs modernisation",
            "MoF",
            &[("33120", 100)],
            &[("5.1", 100)],
            220_000,
            (2025, 2028),
        )
    },
    DemoActivity {
        number: Some(1),
        money: Security,
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("01-100", 70), ("01-110", 30)],
        ..project(
            "UNDP",
            "Rule of law and police transition",
            "MoIPS",
            &[("15210", 80), ("15130", 20)],
            &[("2.1", 80), ("3.1", 20)],
            390_000,
            (2023, 2027),
        )
    },
    DemoActivity {
        number: Some(2),
        money: Peacebuilding,
        channel: NotDisbursed,
        systems: ON_PLAN,
        ..project(
            "UNDP",
            "Electoral cycle support project",
            "NEC",
            &[("15151", 100)],
            &[("1.2", 100)],
            500_000,
            (2024, 2027),
        )
    },
    DemoActivity {
        number: Some(3),
        money: Peacebuilding,
        channel: SeparateAccount,
        ..project(
            "UNDP",
            "Reintegration of former combatants",
            "MoIPS",
            &[("15240", 100)],
            &[("2.2", 100)],
            250_000,
            (2023, 2026),
        )
    },
    DemoActivity {
        number: Some(4),
        channel: NotDisbursed,
        aid_type: "D02",
        systems: ON_PLAN,
        ..project(
            "UNDP",
            "Radio Kalinda: from mission station to public broadcaster",
            "MoPD",
            &[("15153", 100)],
            &[("5.4", 100)],
            80_000,
            (2025, 2026),
        )
    },
    DemoActivity {
        number: Some(5),
        channel: SeparateAccount,
        ..project(
            "UNDP",
            "Access to justice and legal aid",
            "MoJ",
            &[("15130", 100)],
            &[("3.1", 100)],
            140_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(6),
        channel: SeparateAccount,
        aid_type: "D02",
        systems: ON_PLAN,
        ..project(
            "UNDP",
            "Aid coordination and strategy monitoring",
            "MoPD",
            &[("15110", 100)],
            &[("5.2", 100)],
            70_000,
            (2023, 2026),
        )
    },
    DemoActivity {
        number: Some(7),
        channel: SeparateAccount,
        ..project(
            "UNDP",
            "Local governance in the border districts",
            "MoPD",
            &[("15112", 100)],
            &[("1.3", 100)],
            130_000,
            (2024, 2025),
        )
    },
    DemoActivity {
        number: Some(8),
        money: Peacebuilding,
        ..project(
            "UNDP",
            "Women's political participation",
            "KWPN",
            &[("15170", 100)],
            &[("1.2", 50), ("1.1", 50)],
            80_000,
            (2024, 2026),
        )
    },
    DemoActivity {
        number: Some(1),
        channel: SeparateAccount,
        finance_type: "421",
        systems: ON_BUDGET,
        lines: &[("07-100", 100)],
        ..project(
            "WB",
            "Rural roads and market access project",
            "MoPD",
            &[("21020", 80), ("31120", 20)],
            &[("4.3", 100)],
            840_000,
            (2023, 2028),
        )
    },
    DemoActivity {
        number: Some(2),
        channel: Treasury,
        systems: ON_TREASURY,
        lines: &[("04-100", 50), ("04-200", 50)],
        ..project(
            "WB",
            "Public financial management and revenue project",
            "MoF",
            &[("15111", 60), ("15114", 40)],
            &[("5.1", 60), ("5.2", 40)],
            500_000,
            (2023, 2027),
        )
    },
    DemoActivity {
        number: Some(3),
        money: Peacebuilding,
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("01-200", 100)],
        ..project(
            "WB",
            "Demobilisation and reintegration programme",
            "MoIPS",
            &[("15240", 100)],
            &[("2.2", 100)],
            560_000,
            (2024, 2027),
        )
    },
    DemoActivity {
        number: Some(4),
        channel: SeparateAccount,
        finance_type: "421",
        systems: ON_BUDGET,
        lines: &[("08-100", 100)],
        ..project(
            "WB",
            "Youth employment and skills project",
            "MoPD",
            &[("31120", 50), ("16020", 50)],
            &[("4.1", 100)],
            420_000,
            (2025, 2029),
        )
    },
    DemoActivity {
        number: Some(5),
        channel: NotDisbursed,
        aid_type: "D02",
        systems: ON_PLAN,
        ..project(
            "WB",
            "Extractive industries transparency",
            "MoF",
            &[("15114", 100)],
            &[("4.2", 100)],
            110_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(6),
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("06-100", 100)],
        ..project(
            "WB",
            "Health systems for returnee areas",
            "MoPD",
            &[("12220", 100)],
            &[("5.3", 100)],
            620_000,
            (2024, 2028),
        )
    },
    DemoActivity {
        number: Some(7),
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "WB",
            "Community-driven development in the border districts",
            "MoPD",
            &[("43040", 100)],
            &[("4.3", 70), ("1.3", 30)],
            280_000,
            (2024, 2027),
        )
    },
    DemoActivity {
        number: Some(8),
        description: "Draft: in preparation, to go to the Bank's board in 2027.",
        channel: SeparateAccount,
        finance_type: "421",
        published: false,
        ..project(
            "WB",
            "Land administration project",
            "MoJ",
            &[("31130", 60), ("15130", 40)],
            &[("3.3", 100)],
            340_000,
            (2027, 2030),
        )
    },
    DemoActivity {
        number: Some(1),
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "UNICEF",
            "Primary health care in returnee areas",
            "MoPD",
            &[("12220", 100)],
            &[("5.3", 100)],
            360_000,
            (2023, 2027),
        )
    },
    DemoActivity {
        number: Some(2),
        money: Humanitarian,
        ..project(
            "UNICEF",
            "Child protection in the former camps",
            "KWPN",
            &[("16010", 100)],
            &[("5.3", 100)],
            170_000,
            (2023, 2026),
        )
    },
    DemoActivity {
        number: Some(3),
        money: Peacebuilding,
        channel: NotDisbursed,
        ..project(
            "UNICEF",
            "Release and reintegration of children associated with armed groups",
            "MoIPS",
            &[("15261", 100)],
            &[("2.2", 100)],
            130_000,
            (2023, 2025),
        )
    },
    DemoActivity {
        number: Some(4),
        money: Humanitarian,
        ..project(
            "UNICEF",
            "Water, sanitation and hygiene in returnee schools",
            "NRC",
            &[("14030", 70), ("11220", 30)],
            &[("5.3", 100)],
            200_000,
            (2024, 2026),
        )
    },
    DemoActivity {
        number: Some(5),
        money: Humanitarian,
        channel: NotDisbursed,
        ..project(
            "UNICEF",
            "Emergency supplies for returnee families",
            "NRC",
            &[("72010", 100)],
            &[("5.3", 100)],
            140_000,
            (2023, 2024),
        )
    },
    DemoActivity {
        number: Some(6),
        channel: SeparateAccount,
        systems: ON_PLAN,
        ..project(
            "UNICEF",
            "Birth registration and civil documentation",
            "MoJ",
            &[("15130", 100)],
            &[("3.1", 100)],
            60_000,
            (2025, 2026),
        )
    },
    DemoActivity {
        description: "Support in kind from a fellow g7+ country: two advisers from Timor-Leste's aid effectiveness directorate. The amounts are estimated values of their time and travel, not money transferred.",
        aid_type: "D01",
        in_kind: true,
        ..project(
            "TL-g7+",
            "Peer advisers to the aid coordination unit (in kind)",
            "MoPD",
            &[("15110", 100)],
            &[("5.2", 100)],
            30_000,
            (2024, 2026),
        )
    },
    DemoActivity {
        description: "Support in kind from a fellow g7+ country: courses for customs and revenue officers at Timor-Leste's customs academy. The amounts are estimated values of the courses, travel and board, not money transferred.",
        aid_type: "E01",
        in_kind: true,
        ..project(
            "TL-g7+",
            "Training of customs and revenue officers in Dili (in kind)",
            "MoF",
            &[("15114", 100)],
            &[("5.1", 100)],
            30_000,
            (2025, 2026),
        )
    },
];

/// The pooled fund's windows: its own activities, through which it
/// allocates what its contributors pay in.
const WINDOWS: &[DemoActivity] = &[
    DemoActivity {
        money: Peacebuilding,
        ..project(
            "KTF",
            "Window 1: National dialogue and local peace committees",
            "KWPN",
            &[("15220", 100)],
            &[("1.1", 60), ("1.3", 40)],
            250_000,
            (2023, 2027),
        )
    },
    DemoActivity {
        money: Security,
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("01-100", 100)],
        ..project(
            "KTF",
            "Window 2: National police in the handed-over districts",
            "MoIPS",
            &[("15210", 100)],
            &[("2.1", 100)],
            390_000,
            (2023, 2027),
        )
    },
    DemoActivity {
        money: Peacebuilding,
        ..project(
            "KTF",
            "Window 3: Reintegration of former combatants",
            "NRC",
            &[("15240", 100)],
            &[("2.2", 100)],
            200_000,
            (2024, 2027),
        )
    },
    DemoActivity {
        money: Peacebuilding,
        channel: Treasury,
        systems: ON_TREASURY,
        lines: &[("03-110", 60), ("03-200", 40)],
        ..project(
            "KTF",
            "Window 4: Justice and corrections",
            "MoJ",
            &[("15130", 100)],
            &[("3.1", 60), ("3.2", 40)],
            390_000,
            (2024, 2027),
        )
    },
    DemoActivity {
        money: Peacebuilding,
        channel: SeparateAccount,
        systems: ON_BUDGET,
        lines: &[("01-300", 100)],
        ..project(
            "KTF",
            "Window 5: Mine action handover",
            "MoIPS",
            &[("15250", 100)],
            &[("2.3", 100)],
            150_000,
            (2025, 2027),
        )
    },
];

/// A partner's contribution to a window of the pooled fund, paid once a
/// fiscal year.
struct DemoContribution {
    contributor: &'static str,
    number: u16,
    title: &'static str,
    /// Index in [`WINDOWS`].
    window: usize,
    /// Whole units of the contributor's currency a year.
    yearly: i64,
    years: (i32, i32),
}

impl DemoContribution {
    /// The contributor's activity, softly earmarked to window `w`.
    const fn activity(&self, w: &DemoActivity) -> DemoActivity {
        DemoActivity {
            number: Some(self.number),
            money: w.money,
            aid_type: "B031",
            earmarking: Some("2"),
            ..project(
                self.contributor,
                self.title,
                "KTF",
                w.sectors,
                w.priorities,
                self.yearly,
                self.years,
            )
        }
    }
}

const CONTRIBUTIONS: &[DemoContribution] = &[
    DemoContribution {
        contributor: "Norad",
        number: 10,
        title: "Contribution to the Kalinda Transition Multi-Partner Trust Fund: dialogue and peace committees",
        window: 0,
        yearly: 280_000,
        years: (2023, 2026),
    },
    DemoContribution {
        contributor: "Norad",
        number: 11,
        title: "Contribution to the Kalinda Transition Multi-Partner Trust Fund: reintegration",
        window: 2,
        yearly: 220_000,
        years: (2024, 2026),
    },
    DemoContribution {
        contributor: "FCDO",
        number: 9,
        title: "Contribution to the Kalinda Transition Multi-Partner Trust Fund: police transition",
        window: 1,
        yearly: 340_000,
        years: (2023, 2026),
    },
    DemoContribution {
        contributor: "EU",
        number: 10,
        title: "Contribution to the Kalinda Transition Multi-Partner Trust Fund: justice and corrections",
        window: 3,
        yearly: 420_000,
        years: (2024, 2026),
    },
    DemoContribution {
        contributor: "EU",
        number: 11,
        title: "Contribution to the Kalinda Transition Multi-Partner Trust Fund: mine action",
        window: 4,
        yearly: 170_000,
        years: (2025, 2026),
    },
];

/// What the fund counts on per unit of a contribution's currency, in US
/// cents: below the lowest rate, so that it never allocates more than it holds.
fn prudent_us_cents(currency: &str) -> i64 {
    match currency {
        "GBP" => 120,
        "EUR" => 104,
        _ => 100,
    }
}

/// The one amount the demo cannot convert: an advance paid before the
/// first GBP rate. `(partner, activity number, date, whole pounds)`.
const EARLY_ADVANCE: (&str, u16, (i32, u32, u32), i64) = ("FCDO", 1, (2023, 7, 20), 15_000);

/// A line of the chart of accounts with its FY 2023/24 figures in whole
/// dollars; later years grow from them.
struct DemoLine {
    code: &'static str,
    name: &'static str,
    admin_unit: &'static str,
    function_name: &'static str,
    security: bool,
    sector: &'static str,
    parent: Option<&'static str>,
    appropriation: i64,
    expected_external: i64,
}

const fn line(
    code: &'static str,
    name: &'static str,
    admin_unit: &'static str,
    function_name: &'static str,
    sector: &'static str,
    appropriation: i64,
    expected_external: i64,
) -> DemoLine {
    DemoLine {
        code,
        name,
        admin_unit,
        function_name,
        security: false,
        sector,
        parent: None,
        appropriation,
        expected_external,
    }
}

const MOIPS: &str = "Ministry of Interior and Public Security";
const MOJ: &str = "Ministry of Justice";
const MOF: &str = "Ministry of Finance";
const ORDER: &str = "Public order and safety";

/// Parents come before their children.
const LINES: &[DemoLine] = &[
    DemoLine {
        security: true,
        ..line(
            "01-100",
            "National Police operations",
            MOIPS,
            ORDER,
            "152",
            18_000_000,
            750_000,
        )
    },
    DemoLine {
        security: true,
        parent: Some("01-100"),
        ..line(
            "01-110",
            "Police training academy",
            MOIPS,
            ORDER,
            "152",
            1_200_000,
            180_000,
        )
    },
    DemoLine {
        security: true,
        ..line(
            "01-200",
            "Demobilisation and Reintegration Commission",
            MOIPS,
            ORDER,
            "152",
            900_000,
            600_000,
        )
    },
    DemoLine {
        security: true,
        ..line(
            "01-300",
            "National Mine Action Authority",
            MOIPS,
            ORDER,
            "152",
            400_000,
            270_000,
        )
    },
    DemoLine {
        security: true,
        ..line(
            "02-100",
            "Kalinda Defence Force",
            "Ministry of Defence",
            "Defence",
            "152",
            24_000_000,
            0,
        )
    },
    DemoLine {
        security: true,
        ..line(
            "03-100",
            "Courts of justice",
            MOJ,
            "Law courts",
            "151",
            3_500_000,
            90_000,
        )
    },
    DemoLine {
        security: true,
        parent: Some("03-100"),
        ..line(
            "03-110",
            "Mobile courts and legal aid",
            MOJ,
            "Law courts",
            "151",
            600_000,
            240_000,
        )
    },
    DemoLine {
        security: true,
        ..line(
            "03-200",
            "Corrections service",
            MOJ,
            "Prisons",
            "151",
            2_800_000,
            450_000,
        )
    },
    line(
        "04-100",
        "Revenue Authority and Customs",
        MOF,
        "Financial and fiscal affairs",
        "151",
        2_200_000,
        420_000,
    ),
    line(
        "04-200",
        "Budget and Treasury",
        MOF,
        "Financial and fiscal affairs",
        "151",
        1_600_000,
        1_100_000,
    ),
    line(
        "05-100",
        "National Electoral Commission",
        "National Electoral Commission",
        "General public services",
        "151",
        1_800_000,
        660_000,
    ),
    line(
        "06-100",
        "Primary health care",
        "Ministry of Health",
        "Health",
        "122",
        9_500_000,
        600_000,
    ),
    line(
        "07-100",
        "Feeder roads",
        "Ministry of Public Works",
        "Transport",
        "210",
        4_000_000,
        1_500_000,
    ),
    line(
        "08-100",
        "Youth employment in agriculture",
        "Ministry of Agriculture",
        "Agriculture",
        "311",
        1_100_000,
        360_000,
    ),
];

/// Percent of the appropriation executed in each fiscal year from
/// [`FIRST_YEAR`]: FY 2026/27 has four months behind it.
const EXECUTION: [i64; 4] = [86, 91, 88, 29];

/// A monthly series of rates to the US dollar, in ten-thousandths.
struct RateSeries {
    currency: &'static str,
    /// Months after July 2023 of the first rate.
    first_month: u32,
    base: i64,
    /// Added each year.
    drift: i64,
    /// Months by which the seasonal swing is shifted.
    phase: usize,
}

const RATE_SOURCE: &str = "Central Bank of Kalinda, monthly reference rate";
/// July 2023 to June 2027.
const RATE_MONTHS: u32 = 48;
/// The seasonal swing around the trend, in ten-thousandths.
const SWING: [i64; 12] = [0, 60, 110, 150, 120, 70, 20, -40, -90, -120, -80, -30];
/// GBP starts a month late (see [`EARLY_ADVANCE`]).
const RATE_SERIES: [RateSeries; 2] = [
    RateSeries {
        currency: "EUR",
        first_month: 0,
        base: 10_750,
        drift: 60,
        phase: 0,
    },
    RateSeries {
        currency: "GBP",
        first_month: 1,
        base: 12_450,
        drift: 80,
        phase: 4,
    },
];

/// A data call, with the reporters who submitted their organisation's data.
struct DemoRound {
    title: &'static str,
    fiscal_year: i32,
    opened: (i32, u32, u32),
    due: (i32, u32, u32),
    closed: Option<(i32, u32, u32)>,
    /// Reporters' emails.
    answers: &'static [&'static str],
}

const ROUNDS: &[DemoRound] = &[
    DemoRound {
        title: "FY 2025/26 annual data call",
        fiscal_year: 2025,
        opened: (2026, 7, 15),
        due: (2026, 9, 30),
        closed: Some((2026, 10, 15)),
        answers: &[
            "norad@kalinda.example",
            "fcdo@kalinda.example",
            "eu@kalinda.example",
            "undp@kalinda.example",
            "worldbank@kalinda.example",
            "unicef@kalinda.example",
        ],
    },
    DemoRound {
        title: "FY 2026/27 mid-year data call",
        fiscal_year: 2026,
        opened: (2026, 11, 2),
        due: (2027, 1, 31),
        closed: None,
        answers: &[
            "norad@kalinda.example",
            "fcdo@kalinda.example",
            "unicef@kalinda.example",
        ],
    },
];

/// A fixed-seed linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    /// A number in `0..n`.
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from((self.0 >> 33) % u64::from(n.max(1))).unwrap_or_default()
    }

    /// A percentage in `low..=high`.
    fn percent(&mut self, low: u32, high: u32) -> i64 {
        i64::from(low + self.below(high - low + 1))
    }
}

fn date((y, m, d): (i32, u32, u32)) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| AppError::internal(format!("demo date {y}-{m}-{d}")))
}

fn fiscal_year(start_year: i32) -> FiscalYear {
    FiscalYear {
        start_year,
        start_month: START_MONTH,
    }
}

fn label(year: i32) -> String {
    fiscal_year(year).label()
}

fn first_day(year: i32) -> Result<NaiveDate, AppError> {
    fiscal_year(year)
        .first_day()
        .ok_or_else(|| AppError::internal(format!("demo fiscal year {year}")))
}

fn last_day(year: i32) -> Result<NaiveDate, AppError> {
    fiscal_year(year)
        .last_day()
        .ok_or_else(|| AppError::internal(format!("demo fiscal year {year}")))
}

/// The fiscal years with flows: from the first to the one under way.
fn running((first, last): (i32, i32)) -> RangeInclusive<i32> {
    first..=last.min(CURRENT_YEAR)
}

/// Whole units rounded down to a multiple of `step`.
fn round_down(whole: i64, step: i64) -> i64 {
    whole / step * step
}

fn units(whole: i64) -> Decimal {
    Decimal::new(whole, 0)
}

fn shares(list: Shares) -> Vec<Share> {
    list.iter()
        .map(|&(code, percent)| Share {
            code: code.into(),
            percent: percent.into(),
        })
        .collect()
}

fn flow(
    kind: TransactionKind,
    on: NaiveDate,
    amount: Decimal,
    description: impl Into<String>,
) -> NewTransaction {
    NewTransaction {
        kind,
        transaction_date: on,
        value_date: None,
        amount,
        currency: None,
        provider_org_id: None,
        receiver_org_id: None,
        provider_activity_id: None,
        description: description.into(),
        overrides: SystemOverrides::default(),
    }
}

fn partner(acronym: &str) -> Result<&'static DemoPartner, AppError> {
    PARTNERS
        .iter()
        .find(|p| p.acronym == acronym)
        .ok_or_else(|| AppError::internal(format!("demo partner {acronym}")))
}

fn window(index: usize) -> Result<&'static DemoActivity, AppError> {
    WINDOWS
        .get(index)
        .ok_or_else(|| AppError::internal(format!("demo window {index}")))
}

fn status((first, last): (i32, i32)) -> ActivityStatus {
    if first > CURRENT_YEAR {
        ActivityStatus::Pipeline
    } else if last < CURRENT_YEAR - 1 {
        ActivityStatus::Closed
    } else if last < CURRENT_YEAR {
        ActivityStatus::Finalisation
    } else {
        ActivityStatus::Implementation
    }
}

/// The flows an activity reports up to [`REPORTED_TO`]: its pledge, then
/// for each fiscal year a commitment, one or two disbursements, and what
/// was spent once the year is over.
fn flows(
    a: &DemoActivity,
    p: &DemoPartner,
    rng: &mut Lcg,
) -> Result<Vec<NewTransaction>, AppError> {
    use TransactionKind::{Commitment, Disbursement, Expenditure, Pledge};
    let (first, last) = a.years;
    let reported_to = date(REPORTED_TO)?;
    let mut out = Vec::new();
    if p.pledges {
        let (on, text) = if first == FIRST_YEAR {
            (CONFERENCE, "Pledged at the Kalinda Partnership Conference")
        } else if first > CURRENT_YEAR {
            (ROUND_TABLE, "Pledged at the compact round table")
        } else {
            (
                (first, 7, 10 + rng.below(18)),
                "Pledged for the whole activity",
            )
        };
        let total = units(a.yearly * i64::from(last - first + 1));
        out.push(flow(Pledge, date(on)?, total, text));
    }
    for year in running(a.years) {
        let on = date((year, 8, 12 + rng.below(17)))?;
        let (amount, text) = if p.work_plans {
            let amount = round_down(a.yearly * rng.percent(95, 105) / 100, 1_000);
            (amount, format!("Annual work plan {}", label(year)))
        } else if a.in_kind {
            let text = format!(
                "Support in kind agreed for {} (estimated value)",
                label(year)
            );
            (a.yearly, text)
        } else {
            (a.yearly, format!("Commitment for {}", label(year)))
        };
        out.push(flow(Commitment, on, units(amount), text));
        let dates = [
            (year, 9 + rng.below(2), 1 + rng.below(28)),
            (year + 1, 2 + rng.below(3), 1 + rng.below(28)),
        ];
        let mut disbursed = 0;
        for (name, on) in p.tranches.names().iter().zip(dates) {
            let on = date(on)?;
            if on > reported_to {
                continue;
            }
            let planned = a.yearly / p.tranches.per_year();
            let amount = round_down(planned * rng.percent(78, 104) / 100, 100);
            disbursed += amount;
            let name = if a.in_kind {
                "Estimated value of support in kind,"
            } else {
                name
            };
            let text = format!("{name} {}", label(year));
            out.push(flow(Disbursement, on, units(amount), text));
        }
        if p.reports_spending && year < CURRENT_YEAR && disbursed > 0 {
            // Whole units times a percentage are cents.
            let spent = Decimal::new(disbursed * rng.percent(85, 98), 2);
            let text = format!("Spent in {}, as audited", label(year));
            out.push(flow(Expenditure, last_day(year)?, spent, text));
        }
    }
    Ok(out)
}

/// A contribution's flows, all to the fund: each fiscal year's agreement,
/// then its payment.
fn contribution_flows(c: &DemoContribution) -> Result<Vec<NewTransaction>, AppError> {
    let mut out = Vec::new();
    for year in running(c.years) {
        let amount = units(c.yearly);
        let text = format!("Contribution agreed for {}", label(year));
        out.push(flow(
            TransactionKind::Commitment,
            date((year, 8, 10))?,
            amount,
            text,
        ));
        let on = date((year, 8, 20 + u32::from(c.number % 8)))?;
        let text = format!("Contribution paid for {}", label(year));
        out.push(flow(TransactionKind::Disbursement, on, amount, text));
    }
    Ok(out)
}

/// What a window allocates of what it received in each fiscal year: a
/// commitment, then two transfers. The fund reports no spending: its
/// recipients do.
fn allocations(index: usize, rng: &mut Lcg) -> Result<Vec<NewTransaction>, AppError> {
    use TransactionKind::{Commitment, Disbursement};
    let reported_to = date(REPORTED_TO)?;
    let mut out = Vec::new();
    for year in running(window(index)?.years) {
        let mut received = 0;
        for c in CONTRIBUTIONS
            .iter()
            .filter(|c| c.window == index && running(c.years).contains(&year))
        {
            received += c.yearly * prudent_us_cents(partner(c.contributor)?.currency) / 100;
        }
        if received == 0 {
            continue;
        }
        let committed = round_down(received * rng.percent(85, 95) / 100, 1_000);
        let text = format!(
            "Allocation approved by the steering committee, {}",
            label(year)
        );
        out.push(flow(
            Commitment,
            date((year, 10, 15))?,
            units(committed),
            text,
        ));
        for (on, share) in [((year, 11, 10), 50), ((year + 1, 3, 10), 40)] {
            let on = date(on)?;
            if on <= reported_to {
                let amount = units(round_down(committed * share / 100, 100));
                let text = format!("Transfer to the implementing partner, {}", label(year));
                out.push(flow(Disbursement, on, amount, text));
            }
        }
    }
    Ok(out)
}

/// A plan for each fiscal year up to the one under way, or further for
/// partners with forward plans, by the country's or the partner's own year.
fn plans(
    (first, last): (i32, i32),
    yearly: i64,
    p: &DemoPartner,
) -> Result<Vec<NewPlannedDisbursement>, AppError> {
    let horizon = if p.forward_plans {
        LAST_PLANNED_YEAR
    } else {
        CURRENT_YEAR
    };
    let last = last.min(horizon);
    if last < first {
        return Ok(Vec::new());
    }
    let plan = |period_start, period_end, whole| NewPlannedDisbursement {
        period_start,
        period_end,
        amount: units(whole),
        currency: None,
    };
    match p.plan_year {
        PlanYear::Country => (first..=last)
            .map(|year| Ok(plan(first_day(year)?, last_day(year)?, yearly)))
            .collect(),
        PlanYear::Calendar => {
            let (start, end) = (first_day(first)?, last_day(last)?);
            (start.year()..=end.year())
                .map(|year| {
                    let from = date((year, 1, 1))?.max(start);
                    let to = date((year, 12, 31))?.min(end);
                    let months = i64::from(to.month() - from.month() + 1);
                    Ok(plan(from, to, yearly * months / 12))
                })
                .collect()
        }
    }
}

/// Monthly rates from the start of [`FIRST_YEAR`], each series from its
/// first month.
fn exchange_rates() -> Result<Vec<ExchangeRate>, AppError> {
    let start = first_day(FIRST_YEAR)?;
    let mut out = Vec::new();
    for series in &RATE_SERIES {
        let months = (0..RATE_MONTHS).zip(SWING.iter().cycle().skip(series.phase));
        for (month, swing) in months.skip_while(|(month, _)| *month < series.first_month) {
            let rate_date = start
                .checked_add_months(Months::new(month))
                .ok_or_else(|| AppError::internal("demo rate date"))?;
            let drift = series.drift * i64::from(month / 12);
            out.push(ExchangeRate {
                currency: series.currency.into(),
                quote_currency: "USD".into(),
                rate_date,
                rate: Decimal::new(series.base + swing + drift, 4),
                source: RATE_SOURCE.into(),
            });
        }
    }
    Ok(out)
}

/// The demo's organisations by acronym.
struct Orgs<'a>(&'a [Organisation]);

impl Orgs<'_> {
    fn get(&self, acronym: &str) -> Result<&Organisation, AppError> {
        self.0
            .iter()
            .find(|o| o.acronym.as_deref() == Some(acronym))
            .ok_or_else(|| AppError::internal(format!("demo organisation {acronym}")))
    }

    fn id(&self, acronym: &str) -> Result<i32, AppError> {
        Ok(self.get(acronym)?.id)
    }
}

/// Budget line ids by code.
type LineIds = HashMap<&'static str, i32>;

fn new_activity(
    a: &DemoActivity,
    orgs: &Orgs<'_>,
    lines: &LineIds,
    participants: Vec<(i32, ParticipantRole)>,
) -> Result<NewActivity, AppError> {
    let reporter = orgs.get(a.partner)?;
    let iati_identifier = a
        .number
        .map(|number| {
            reporter
                .iati_id
                .as_ref()
                .map(|id| format!("{id}-XD-{number:03}"))
                .ok_or_else(|| AppError::internal(format!("{} has no IATI id", a.partner)))
        })
        .transpose()?;
    let budget_lines = a
        .lines
        .iter()
        .map(|&(code, percent)| {
            lines
                .get(code)
                .map(|&id| (id, percent.into()))
                .ok_or_else(|| AppError::internal(format!("demo budget line {code}")))
        })
        .collect::<Result<_, _>>()?;
    let status = status(a.years);
    let planned_start = first_day(a.years.0)?;
    let planned_end = last_day(a.years.1)?;
    Ok(NewActivity {
        reporting_org_id: reporter.id,
        iati_identifier,
        title: a.title.into(),
        description: a.description.into(),
        status,
        planned_start: Some(planned_start),
        planned_end: Some(planned_end),
        actual_start: (status != ActivityStatus::Pipeline).then_some(planned_start),
        actual_end: (status == ActivityStatus::Closed).then_some(planned_end),
        money_type: a.money,
        aid_type: Some(a.aid_type.into()),
        finance_type: Some(a.finance_type.into()),
        earmarking: a.earmarking.map(Into::into),
        channel: a.channel,
        default_currency: partner(a.partner)?.currency.into(),
        systems: a.systems,
        published: a.published,
        participants,
        sectors: shares(a.sectors),
        priorities: shares(a.priorities),
        budget_lines,
    })
}

/// What every write of the demo needs: the database transaction, the
/// author, the country, its organisations and budget lines.
struct Seeder<'a> {
    txn: &'a DatabaseTransaction,
    author: &'a Author,
    country_id: i32,
    orgs: Orgs<'a>,
    lines: LineIds,
}

impl Seeder<'_> {
    /// Records an activity: the partner funds it and the implementer
    /// implements it, unless `participants` says otherwise.
    async fn activity(
        &self,
        a: &DemoActivity,
        participants: Option<Vec<(i32, ParticipantRole)>>,
    ) -> Result<i32, AppError> {
        let participants = match participants {
            Some(list) => list,
            None => vec![
                (self.orgs.id(a.partner)?, ParticipantRole::Funding),
                (self.orgs.id(a.implementer)?, ParticipantRole::Implementing),
            ],
        };
        let new = new_activity(a, &self.orgs, &self.lines, participants)?;
        let created = activities::create(self.txn, self.author, self.country_id, new).await?;
        Ok(created.id)
    }

    async fn transaction(&self, activity_id: i32, new: NewTransaction) -> Result<(), AppError> {
        activities::add_transaction(self.txn, self.author, activity_id, new).await?;
        Ok(())
    }

    /// Adds `flows`, the outgoing ones (not expenditures) to `receiver`.
    async fn flows(
        &self,
        activity_id: i32,
        flows: Vec<NewTransaction>,
        receiver: i32,
    ) -> Result<(), AppError> {
        for new in flows {
            let outgoing = matches!(
                new.kind,
                TransactionKind::Commitment | TransactionKind::Disbursement
            );
            let new = NewTransaction {
                receiver_org_id: outgoing.then_some(receiver),
                ..new
            };
            self.transaction(activity_id, new).await?;
        }
        Ok(())
    }

    async fn plans(
        &self,
        activity_id: i32,
        years: (i32, i32),
        yearly: i64,
        p: &DemoPartner,
    ) -> Result<(), AppError> {
        for plan in plans(years, yearly, p)? {
            activities::add_planned_disbursement(self.txn, self.author, activity_id, plan).await?;
        }
        Ok(())
    }

    /// The chart of accounts with its figures for each fiscal year.
    async fn budget(&mut self) -> Result<(), AppError> {
        for l in LINES {
            let new = NewBudgetLine {
                code: l.code.into(),
                name: l.name.into(),
                admin_unit: l.admin_unit.into(),
                function_name: l.function_name.into(),
                security: l.security,
                sector_code: Some(l.sector.into()),
                parent_code: l.parent.map(Into::into),
            };
            let id = budget::add_line(self.txn, self.author, self.country_id, new)
                .await?
                .id;
            for (year, (growth, executed)) in (FIRST_YEAR..).zip((0..).step_by(7).zip(EXECUTION)) {
                let grown = |whole: i64| round_down(whole * (100 + growth) / 100, 1_000);
                let appropriation = grown(l.appropriation);
                let amounts = BudgetAmounts {
                    appropriation: units(appropriation),
                    expected_external: units(grown(l.expected_external)),
                    execution: units(round_down(appropriation * executed / 100, 1_000)),
                };
                budget::set_amounts(self.txn, self.author, id, year, amounts).await?;
            }
            self.lines.insert(l.code, id);
        }
        Ok(())
    }

    /// The partners' own activities, with their flows and plans.
    async fn activities(&self, rng: &mut Lcg) -> Result<(), AppError> {
        let (advanced_by, advanced_number, advanced_on, pounds) = EARLY_ADVANCE;
        for a in ACTIVITIES {
            let p = partner(a.partner)?;
            let id = self.activity(a, None).await?;
            let mut flows = flows(a, p, rng)?;
            if (a.partner, a.number) == (advanced_by, Some(advanced_number)) {
                let text = "Inception advance to the contractor";
                flows.push(flow(
                    TransactionKind::Disbursement,
                    date(advanced_on)?,
                    units(pounds),
                    text,
                ));
            }
            self.flows(id, flows, self.orgs.id(a.implementer)?).await?;
            self.plans(id, a.years, a.yearly, p).await?;
        }
        Ok(())
    }

    /// The pooled fund: each contribution is an activity of its contributor,
    /// paid to the fund and mirrored as incoming funds of the window it goes
    /// to; the windows allocate to their implementers.
    async fn pooled_fund(&self, rng: &mut Lcg) -> Result<(), AppError> {
        let fund = self.orgs.id("KTF")?;
        let mut windows = Vec::new();
        for (index, w) in WINDOWS.iter().enumerate() {
            let mut participants = Vec::new();
            for c in CONTRIBUTIONS.iter().filter(|c| c.window == index) {
                let contributor = (self.orgs.id(c.contributor)?, ParticipantRole::Funding);
                if !participants.contains(&contributor) {
                    participants.push(contributor);
                }
            }
            participants.push((fund, ParticipantRole::Extending));
            participants.push((self.orgs.id(w.implementer)?, ParticipantRole::Implementing));
            windows.push(self.activity(w, Some(participants)).await?);
        }
        for c in CONTRIBUTIONS {
            let p = partner(c.contributor)?;
            let contributor = self.orgs.get(c.contributor)?;
            let window_id = *windows
                .get(c.window)
                .ok_or_else(|| AppError::internal(format!("demo window {}", c.window)))?;
            let id = self.activity(&c.activity(window(c.window)?), None).await?;
            for new in contribution_flows(c)? {
                if new.kind == TransactionKind::Disbursement {
                    let received = NewTransaction {
                        kind: TransactionKind::IncomingFunds,
                        currency: Some(p.currency.into()),
                        provider_org_id: Some(contributor.id),
                        provider_activity_id: Some(id),
                        description: format!("Received from {}", contributor.name),
                        ..new.clone()
                    };
                    self.transaction(window_id, received).await?;
                }
                let paid = NewTransaction {
                    receiver_org_id: Some(fund),
                    ..new
                };
                self.transaction(id, paid).await?;
            }
            self.plans(id, c.years, c.yearly, p).await?;
        }
        let p = partner("KTF")?;
        for ((index, w), id) in WINDOWS.iter().enumerate().zip(windows) {
            self.flows(id, allocations(index, rng)?, self.orgs.id(w.implementer)?)
                .await?;
            self.plans(id, w.years, w.yearly, p).await?;
        }
        Ok(())
    }

    /// The data calls, each answered by the partners' reporters for their
    /// own organisations. The dates are fixed, so a due date is never
    /// before the day its round opens.
    async fn rounds(&self) -> Result<(), AppError> {
        for r in ROUNDS {
            let new = NewReportingRound {
                title: r.title.into(),
                fiscal_year: r.fiscal_year,
                due_on: date(r.due)?,
            };
            let round =
                reporting::open(self.txn, self.author, self.country_id, new, date(r.opened)?)
                    .await?;
            for email in r.answers {
                let reporter = reporter(self.txn, email).await?;
                reporting::respond(
                    self.txn,
                    &Author::user(&reporter),
                    round.id,
                    reporter.organisation_id,
                    ResponseStatus::Submitted,
                )
                .await?;
            }
            if let Some(closed) = r.closed {
                reporting::close(self.txn, self.author, round.id, date(closed)?).await?;
            }
        }
        Ok(())
    }
}

async fn reporter(txn: &DatabaseTransaction, email: &str) -> Result<Actor, AppError> {
    let id = users::find_by_email(txn, email)
        .await?
        .ok_or_else(|| AppError::internal(format!("demo account {email}")))?
        .id;
    users::actor(txn, id)
        .await?
        .ok_or_else(|| AppError::internal(format!("demo account {email}")))
}

pub(super) async fn seed(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    organisations: &[Organisation],
) -> Result<(), AppError> {
    let facts = CountryFacts::load(txn, country_id).await?;
    if !facts.activity_ids.is_empty() {
        return Ok(());
    }
    rates::store(txn, author, Some(country_id), exchange_rates()?).await?;
    let mut seeder = Seeder {
        txn,
        author,
        country_id,
        orgs: Orgs(organisations),
        lines: LineIds::new(),
    };
    seeder.budget().await?;
    let mut rng = Lcg(SEED);
    seeder.activities(&mut rng).await?;
    seeder.pooled_fund(&mut rng).await?;
    seeder.rounds().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codelists::{AID_TYPES, EARMARKING, FINANCE_TYPES, SECTORS};

    fn total(shares: Shares) -> u32 {
        shares.iter().map(|&(_, percent)| u32::from(percent)).sum()
    }

    /// What the services would refuse, and what would tell a muddled story.
    fn check(a: &DemoActivity) {
        let title = a.title;
        assert!(partner(a.partner).is_ok(), "{title}: partner");
        assert!((1..=2).contains(&a.sectors.len()), "{title}: sectors");
        assert!((1..=2).contains(&a.priorities.len()), "{title}: priorities");
        assert!(a.sectors.iter().all(|(code, _)| SECTORS.is_active(code)));
        assert_eq!(total(a.sectors), 100, "{title}: sector shares");
        assert_eq!(total(a.priorities), 100, "{title}: priority shares");
        assert!(AID_TYPES.is_active(a.aid_type), "{title}: aid type");
        assert!(
            FINANCE_TYPES.is_active(a.finance_type),
            "{title}: finance type"
        );
        assert!(a.earmarking.is_none_or(|code| EARMARKING.is_active(code)));
        assert_eq!(a.systems.on_budget, !a.lines.is_empty(), "{title}: lines");
        assert!(
            a.lines.is_empty() || total(a.lines) == 100,
            "{title}: line shares"
        );
        assert!(
            a.lines
                .iter()
                .all(|(code, _)| LINES.iter().any(|l| l.code == *code))
        );
        assert_eq!(
            a.channel == Treasury,
            a.systems.on_treasury,
            "{title}: channel"
        );
    }

    #[test]
    fn activities_are_valid() -> Result<(), AppError> {
        ACTIVITIES.iter().chain(WINDOWS).for_each(check);
        for c in CONTRIBUTIONS {
            check(&c.activity(window(c.window)?));
        }
        let mut numbers: Vec<_> = ACTIVITIES
            .iter()
            .filter_map(|a| Some((a.partner, a.number?)))
            .chain(CONTRIBUTIONS.iter().map(|c| (c.contributor, c.number)))
            .collect();
        let count = numbers.len();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), count, "IATI identifiers are unique");
        Ok(())
    }

    #[test]
    fn flows_are_reported_in_the_period_and_convert() -> Result<(), AppError> {
        let (start, end) = (first_day(FIRST_YEAR)?, date(REPORTED_TO)?);
        let first_gbp = exchange_rates()?
            .iter()
            .filter(|r| r.currency == "GBP")
            .map(|r| r.rate_date)
            .min();
        let mut rng = Lcg(SEED);
        let mut all = Vec::new();
        for a in ACTIVITIES {
            let p = partner(a.partner)?;
            all.extend(flows(a, p, &mut rng)?.into_iter().map(|f| (p.currency, f)));
        }
        for c in CONTRIBUTIONS {
            let currency = partner(c.contributor)?.currency;
            all.extend(contribution_flows(c)?.into_iter().map(|f| (currency, f)));
        }
        for index in 0..WINDOWS.len() {
            all.extend(
                allocations(index, &mut rng)?
                    .into_iter()
                    .map(|f| ("USD", f)),
            );
        }
        for (currency, f) in all {
            assert!((start..=end).contains(&f.transaction_date), "{f:?}");
            assert!(f.amount > Decimal::ZERO && f.amount.scale() <= 2, "{f:?}");
            if currency == "GBP" {
                assert!(first_gbp.is_some_and(|d| d <= f.transaction_date), "{f:?}");
            }
        }
        let advance = date(EARLY_ADVANCE.2)?;
        assert!(start <= advance && first_gbp.is_some_and(|d| advance < d));
        Ok(())
    }

    #[test]
    fn rates_are_plausible() -> Result<(), AppError> {
        for rate in exchange_rates()? {
            let range = match rate.currency.as_str() {
                "EUR" => Decimal::new(105, 2)..=Decimal::new(112, 2),
                _ => Decimal::new(122, 2)..=Decimal::new(130, 2),
            };
            assert!(range.contains(&rate.rate), "{rate:?}");
        }
        Ok(())
    }

    #[test]
    fn plans_follow_the_partners_years() -> Result<(), AppError> {
        for a in ACTIVITIES {
            let p = partner(a.partner)?;
            for plan in plans(a.years, a.yearly, p)? {
                let (from, to) = (plan.period_start, plan.period_end);
                assert!(plan.amount > Decimal::ZERO, "{}", a.title);
                match p.plan_year {
                    PlanYear::Calendar => assert_eq!(from.year(), to.year(), "{}", a.title),
                    PlanYear::Country => assert_eq!(
                        (from, to),
                        (first_day(from.year())?, last_day(from.year())?)
                    ),
                }
            }
        }
        Ok(())
    }
}
