//! The demo country's peacebuilding strategy: version 1 endorsed, version 2
//! a draft with a changed cost and a new priority.

use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::{
    Endorsement, NewAgreement, NewPriority, NewProvision, NewStrategy, Organisation, Phase,
    ThematicArea, YearCost,
};

use crate::services::accounts::audit::Author;
use crate::services::accounts::users;
use crate::services::strategy::{
    agreements, comments, lifecycle, priorities, provisions, strategies,
};

use super::data::strategy::{AGREEMENT, FIRST_YEAR, LINKS, PRIORITIES, PROVISIONS, shares};

/// A priority's yearly costs: its total in whole dollars spread by its
/// phase's shares.
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

/// Loads the demo strategy, unless the country has one already.
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
    let first = lifecycle::create(
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
    let mut articles = Vec::new();
    for &(number, text) in PROVISIONS {
        articles = provisions::add(
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
        articles
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
    lifecycle::send_to_consultation(txn, author, first.id).await?;
    consult(txn, author, &strategies::load(txn, first.id).await?).await?;
    let endorsement = Endorsement {
        by: "Joint Steering Committee".into(),
        on: chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
            .ok_or_else(|| AppError::internal("demo endorsement date"))?,
        url: Some("https://planning.kalinda.example/jsc/2025-06-30-decision".into()),
    };
    lifecycle::endorse(txn, author, first.id, endorsement).await?;

    let draft = lifecycle::new_draft_from(txn, author, first.id).await?;
    let police = draft
        .priorities()
        .find(|p| p.code == "2.1")
        .ok_or_else(|| AppError::internal("demo priority 2.1"))?;
    priorities::set_cost(
        txn,
        author,
        (draft.id, police.id),
        police.version,
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
