//! The demo country's peacebuilding strategy: version 1 endorsed, version 2
//! a draft with a changed cost and a new priority.

use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::{NewPriority, NewStrategy, Organisation, Phase, ThematicArea, YearCost};

use super::audit::Author;
use super::{comments, strategies, users};

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
    let lead = |acronym: &str| {
        organisations
            .iter()
            .find(|o| o.acronym.as_deref() == Some(acronym))
            .map(|o| o.id)
            .ok_or_else(|| AppError::internal(format!("demo ministry {acronym}")))
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
    for &(code, pillar, title, ministry, phase, area, total) in PRIORITIES {
        let pillar_id = first
            .pillars
            .get(pillar - 1)
            .map(|p| p.id)
            .ok_or_else(|| AppError::internal(format!("demo pillar {pillar}")))?;
        strategies::add_priority(
            txn,
            author,
            first.id,
            NewPriority {
                pillar_id,
                code: code.into(),
                title: title.into(),
                objective: format!("{title}, on the way set by the peace agreement."),
                lead_organisation_id: lead(ministry)?,
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
    strategies::set_cost(
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
    strategies::add_priority(
        txn,
        author,
        draft.id,
        NewPriority {
            pillar_id: draft.pillars[1].id,
            code: "2.4".into(),
            title: "Border police posts".into(),
            objective: "Police posts on the northern border once UN patrols end.".into(),
            lead_organisation_id: lead("MoIPS")?,
            phase: Phase::MediumTerm,
            thematic_area: ThematicArea::SecurityTransition,
            costs: costs(1_600_000, Phase::MediumTerm),
        },
    )
    .await?;
    Ok(())
}
