//! The demo country's peacebuilding strategy: version 1 endorsed, version 2
//! a draft with a changed cost and a new priority.

use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::{
    NewAgreement, NewPriority, NewProvision, NewStrategy, Organisation, Phase, ThematicArea,
    YearCost,
};

use super::audit::Author;
use super::{agreements, comments, priorities, strategies, users};

/// First fiscal year of the demo strategy (FY 2026/27 with a July start).
const FIRST_YEAR: i32 = 2026;

/// `(code, pillar number, title, lead ministry acronym, phase, area, whole dollars over four years)`.
type DemoPriority = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    Phase,
    ThematicArea,
    i64,
);

const PRIORITIES: &[DemoPriority] = &[
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
const AGREEMENT: &str = "Comprehensive Peace Agreement for Kalinda (demo)";

/// `(article, text)` of the agreement's provisions.
const PROVISIONS: &[(&str, &str)] = &[
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
const LINKS: &[(&str, &[&str], &[&str])] = &[
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
fn shares(phase: Phase) -> [i64; 4] {
    match phase {
        Phase::Immediate => [40, 30, 20, 10],
        Phase::MediumTerm => [10, 25, 35, 30],
    }
}

fn costs(total_dollars: i64, phase: Phase) -> Vec<YearCost> {
    (FIRST_YEAR..)
        .zip(shares(phase))
        .map(|(fiscal_year, share)| YearCost {
            fiscal_year,
            amount: Decimal::new(total_dollars * share, 2),
        })
        .collect()
}

/// Comments from civil society and a partner on version 1, one resolved.
async fn consult(
    txn: &DatabaseTransaction,
    author: &Author,
    strategy: &crate::types::Strategy,
) -> Result<(), AppError> {
    let actor = |email: &'static str| async move {
        let id = users::find_by_email(txn, email)
            .await?
            .ok_or_else(|| AppError::internal(format!("demo account {email}")))?
            .id;
        users::actor(txn, id)
            .await?
            .ok_or_else(|| AppError::internal(format!("demo account {email}")))
    };
    let priority = |code: &str| {
        strategy
            .priorities()
            .find(|p| p.code == code)
            .map(|p| p.id)
            .ok_or_else(|| AppError::internal(format!("demo priority {code}")))
    };
    let reviewer = actor("reviewer@kalinda.example").await?;
    let norad = actor("norad@kalinda.example").await?;
    let elections = comments::add(
        txn,
        &reviewer,
        priority("1.2")?,
        None,
        "Women candidates need protection during the campaign: who pays for it?".into(),
    )
    .await?;
    comments::add(
        txn,
        &norad,
        priority("1.2")?,
        Some(elections.id),
        "Norway can fund a protection desk at the electoral commission.".into(),
    )
    .await?;
    comments::resolve(txn, author, elections.id).await?;
    comments::add(
        txn,
        &norad,
        priority("2.1")?,
        None,
        "The cost for FY 2027/28 looks low once UN police leave the districts.".into(),
    )
    .await?;
    Ok(())
}

pub(super) async fn seed(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    organisations: &[Organisation],
) -> Result<(), AppError> {
    if !strategies::versions(txn, country_id).await?.is_empty() {
        return Ok(());
    }
    let org = |acronym: &str| {
        organisations
            .iter()
            .find(|o| o.acronym.as_deref() == Some(acronym))
            .map(|o| o.id)
            .ok_or_else(|| AppError::internal(format!("demo organisation {acronym}")))
    };
    let first = strategies::create(
        txn,
        author,
        country_id,
        NewStrategy {
            title: "Kalinda Peace and Transition Compact Strategy (demo)".into(),
            first_fiscal_year: FIRST_YEAR,
            last_fiscal_year: FIRST_YEAR + 3,
            vision: "A Kalinda at peace, whose institutions serve every citizen once the UN mission has left."
                .into(),
        },
    )
    .await?;
    let agreement = agreements::add(
        txn,
        author,
        first.id,
        NewAgreement {
            title: AGREEMENT.into(),
            signed_on: chrono::NaiveDate::from_ymd_opt(2024, 3, 14),
        },
    )
    .await?;
    let mut provisions = Vec::new();
    for &(number, text) in PROVISIONS {
        provisions = agreements::add_provision(
            txn,
            author,
            agreement.id,
            NewProvision {
                number: number.into(),
                text: text.into(),
            },
        )
        .await?
        .provisions;
    }
    let article = |number: &str| {
        provisions
            .iter()
            .find(|p| p.number == number)
            .map(|p| p.id)
            .ok_or_else(|| AppError::internal(format!("demo provision {number}")))
    };
    for &(code, pillar, title, ministry, phase, area, total) in PRIORITIES {
        let (articles, partners) = LINKS
            .iter()
            .find(|(c, _, _)| *c == code)
            .map_or((&[][..], &[][..]), |(_, a, p)| (*a, *p));
        let pillar_id = first
            .pillars
            .get(pillar - 1)
            .map(|p| p.id)
            .ok_or_else(|| AppError::internal(format!("demo pillar {pillar}")))?;
        priorities::add(
            txn,
            author,
            first.id,
            NewPriority {
                pillar_id,
                code: code.into(),
                title: title.into(),
                objective: format!("{title}, on the way set by the peace agreement."),
                lead_organisation_id: org(ministry)?,
                partner_ids: partners.iter().map(|a| org(a)).collect::<Result<_, _>>()?,
                provision_ids: articles
                    .iter()
                    .map(|a| article(a))
                    .collect::<Result<_, _>>()?,
                phase,
                thematic_area: area,
                costs: costs(total, phase),
            },
        )
        .await?;
    }
    strategies::send_to_consultation(txn, author, first.id).await?;
    consult(txn, author, &strategies::load(txn, first.id).await?).await?;
    strategies::endorse(txn, author, first.id).await?;

    let draft = strategies::new_draft_from(txn, author, first.id).await?;
    let police = draft
        .priorities()
        .find(|p| p.code == "2.1")
        .map(|p| p.id)
        .ok_or_else(|| AppError::internal("demo priority 2.1"))?;
    priorities::set_cost(
        txn,
        author,
        draft.id,
        police,
        YearCost {
            fiscal_year: FIRST_YEAR + 1,
            amount: Decimal::new(3_100_000, 0),
        },
    )
    .await?;
    priorities::add(
        txn,
        author,
        draft.id,
        NewPriority {
            pillar_id: draft.pillars[1].id,
            code: "2.4".into(),
            title: "Border police posts".into(),
            objective: "Police posts on the northern border once UN patrols end.".into(),
            lead_organisation_id: org("MoIPS")?,
            partner_ids: vec![org("EU")?],
            provision_ids: draft
                .agreements
                .iter()
                .flat_map(|a| &a.provisions)
                .filter(|p| p.number == "5.3")
                .map(|p| p.id)
                .collect(),
            phase: Phase::MediumTerm,
            thematic_area: ThematicArea::SecurityTransition,
            costs: costs(1_600_000, Phase::MediumTerm),
        },
    )
    .await?;
    Ok(())
}
