//! The demo country's funding tables: the partners and how they report,
//! their sixty activities, the pooled fund's windows and contributions, the
//! national budget's lines, the exchange rate series and the reporting
//! rounds, with the dates that frame them. The demo's "now" is November
//! 2026: partners have reported their flows up to the end of October 2026.

use crate::types::{Channel, CountrySystems, MoneyType};

/// The country's fiscal year starts in July (see `demo::seed`).
pub const START_MONTH: u32 = 7;
/// The first fiscal year with flows, FY 2023/24.
pub const FIRST_YEAR: i32 = 2023;
/// The fiscal year under way, FY 2026/27.
pub const CURRENT_YEAR: i32 = 2026;
/// The last fiscal year a partner with forward plans plans for.
pub const LAST_PLANNED_YEAR: i32 = 2029;
/// Partners have reported their flows up to this day.
pub const REPORTED_TO: (i32, u32, u32) = (2026, 10, 31);
/// The partnership conference, where the first activities were pledged.
pub const CONFERENCE: (i32, u32, u32) = (2023, 8, 10);
/// The compact round table, where activities not yet started were pledged.
pub const ROUND_TABLE: (i32, u32, u32) = (2026, 9, 22);

/// How a partner plans: by the country's fiscal year or its own calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanYear {
    Country,
    Calendar,
}

/// How often a partner disburses to an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tranches {
    Yearly,
    HalfYearly,
}

impl Tranches {
    pub fn per_year(self) -> i64 {
        match self {
            Self::Yearly => 1,
            Self::HalfYearly => 2,
        }
    }

    /// How the year's disbursements are described, in order.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Self::Yearly => &["Annual disbursement,"],
            Self::HalfYearly => &["First tranche,", "Second tranche,"],
        }
    }
}

/// How a partner reports.
pub struct DemoPartner {
    pub acronym: &'static str,
    pub currency: &'static str,
    pub plan_year: PlanYear,
    /// Plans beyond the fiscal year under way.
    pub forward_plans: bool,
    pub pledges: bool,
    /// Commits by annual work plans (UN agencies) rather than agreements.
    pub work_plans: bool,
    pub tranches: Tranches,
    /// Reports what was spent in each finished fiscal year.
    pub reports_spending: bool,
}

pub const PARTNERS: &[DemoPartner] = &[
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

pub const OFF: CountrySystems = CountrySystems {
    on_plan: false,
    on_budget: false,
    on_treasury: false,
    on_parliament: false,
    on_procurement: false,
    on_accounting: false,
    on_audit: false,
    on_report: false,
};
pub const ON_PLAN: CountrySystems = CountrySystems {
    on_plan: true,
    on_report: true,
    ..OFF
};
pub const ON_BUDGET: CountrySystems = CountrySystems {
    on_budget: true,
    on_parliament: true,
    ..ON_PLAN
};
pub const ON_TREASURY: CountrySystems = CountrySystems {
    on_treasury: true,
    on_procurement: true,
    on_accounting: true,
    on_audit: true,
    ..ON_BUDGET
};

/// `(code, percent)`: DAC sectors, strategy priorities or budget lines.
pub type Shares = &'static [(&'static str, u8)];

/// One of a partner's activities.
pub struct DemoActivity {
    pub partner: &'static str,
    /// The number in its IATI identifier, `{partner's IATI id}-XD-{number:03}`.
    pub number: Option<u16>,
    pub title: &'static str,
    pub description: &'static str,
    pub implementer: &'static str,
    pub money: MoneyType,
    pub channel: Channel,
    pub aid_type: &'static str,
    pub finance_type: &'static str,
    pub earmarking: Option<&'static str>,
    pub systems: CountrySystems,
    pub sectors: Shares,
    pub priorities: Shares,
    /// Budget line codes, for activities on budget.
    pub lines: Shares,
    /// Whole units of the partner's currency planned for a year.
    pub yearly: i64,
    /// The first and last fiscal years it runs, by start year.
    pub years: (i32, i32),
    /// Support in kind: its amounts are estimated values.
    pub in_kind: bool,
    pub published: bool,
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

pub const ACTIVITIES: &[DemoActivity] = &[
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
pub const WINDOWS: &[DemoActivity] = &[
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
pub struct DemoContribution {
    pub contributor: &'static str,
    pub number: u16,
    pub title: &'static str,
    /// Index in [`WINDOWS`].
    pub window: usize,
    /// Whole units of the contributor's currency a year.
    pub yearly: i64,
    pub years: (i32, i32),
}

impl DemoContribution {
    /// The contributor's activity, softly earmarked to window `w`.
    pub const fn activity(&self, w: &DemoActivity) -> DemoActivity {
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

pub const CONTRIBUTIONS: &[DemoContribution] = &[
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
pub fn prudent_us_cents(currency: &str) -> i64 {
    match currency {
        "GBP" => 120,
        "EUR" => 104,
        _ => 100,
    }
}

/// The one amount the demo cannot convert: an advance paid before the
/// first GBP rate. `(partner, activity number, date, whole pounds)`.
pub const EARLY_ADVANCE: (&str, u16, (i32, u32, u32), i64) = ("FCDO", 1, (2023, 7, 20), 15_000);

/// A line of the chart of accounts with its FY 2023/24 figures in whole
/// dollars; later years grow from them.
pub struct DemoLine {
    pub code: &'static str,
    pub name: &'static str,
    pub admin_unit: &'static str,
    pub function_name: &'static str,
    pub security: bool,
    pub sector: &'static str,
    pub parent: Option<&'static str>,
    pub appropriation: i64,
    pub expected_external: i64,
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
pub const LINES: &[DemoLine] = &[
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
pub const EXECUTION: [i64; 4] = [86, 91, 88, 29];

/// A monthly series of rates to the US dollar, in ten-thousandths.
pub struct RateSeries {
    pub currency: &'static str,
    /// Months after July 2023 of the first rate.
    pub first_month: u32,
    pub base: i64,
    /// Added each year.
    pub drift: i64,
    /// Months by which the seasonal swing is shifted.
    pub phase: usize,
}

pub const RATE_SOURCE: &str = "Central Bank of Kalinda, monthly reference rate";
/// July 2023 to June 2027.
pub const RATE_MONTHS: u32 = 48;
/// The seasonal swing around the trend, in ten-thousandths.
pub const SWING: [i64; 12] = [0, 60, 110, 150, 120, 70, 20, -40, -90, -120, -80, -30];
/// GBP starts a month late (see [`EARLY_ADVANCE`]).
pub const RATE_SERIES: [RateSeries; 2] = [
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
pub struct DemoRound {
    pub title: &'static str,
    pub fiscal_year: i32,
    pub opened: (i32, u32, u32),
    pub due: (i32, u32, u32),
    pub closed: Option<(i32, u32, u32)>,
    /// Reporters' emails.
    pub answers: &'static [&'static str],
}

pub const ROUNDS: &[DemoRound] = &[
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
