//! Scorecards: one party's record for a fiscal year. A partner's shows its
//! commitments, flows, predictability, aid on budget and reporting; the
//! government's shows its commitments, its budget and the indicators its
//! ministries enter.

use crate::i18n::td_string;
use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;

use crate::AppError;
use crate::types::{
    BudgetTransparency, CommitmentKind, CommitmentStatus, FiscalYear, Formula, OrganisationKind,
    OrganisationRef, RoundAnswer, Scorecard, ScoredCommitment, StatusCount, YearFlows,
};

use crate::services::indicators::readings::{self, Filter};

/// The commitments of the latest signed compact that `ours` picks, and
/// their count by status.
async fn commitments(
    db: &impl ConnectionTrait,
    country_id: i32,
    ours: impl Fn(CommitmentKind, i32) -> bool,
) -> Result<(Vec<StatusCount>, Vec<ScoredCommitment>), AppError> {
    let list: Vec<ScoredCommitment> =
        crate::services::compact::compacts::latest_signed(db, country_id)
            .await?
            .map(|c| c.commitments)
            .unwrap_or_default()
            .into_iter()
            .filter(|c| ours(c.kind, c.party_id))
            .map(|c| ScoredCommitment {
                id: c.id,
                party: c.party,
                priority_code: c.priority_code,
                text: c.text,
                status: c.status,
                due_on: c.due_on,
            })
            .collect();
    let counts = CommitmentStatus::ALL
        .iter()
        .map(|status| StatusCount {
            status: *status,
            count: u32::try_from(list.iter().filter(|c| c.status == *status).count())
                .unwrap_or(u32::MAX),
        })
        .collect();
    Ok((counts, list))
}

/// A partner's scorecard for `fiscal_year`.
#[tracing::instrument(skip(db))]
pub async fn partner(
    db: &impl ConnectionTrait,
    country_id: i32,
    partner_id: i32,
    fiscal_year: i32,
) -> Result<Scorecard, AppError> {
    let organisation = crate::services::accounts::organisations::list(db, country_id)
        .await?
        .into_iter()
        .find(|o| {
            o.id == partner_id && crate::services::funding::reporting::reports_funding(o.kind)
        })
        .ok_or_else(|| {
            AppError::NotFound(
                td_string!(
                    crate::language::current(),
                    rules.what_partner,
                    id = partner_id
                )
                .to_string(),
            )
        })?;
    let start_month = crate::services::accounts::countries::get_by_id(db, country_id)
        .await?
        .fiscal_year_start_month;
    let filter = Filter {
        partner: Some(partner_id),
        pillar: None,
    };
    let readings = readings::of_year(db, country_id, fiscal_year, filter).await?;
    let (commitment_counts, commitments) = commitments(db, country_id, |kind, party| {
        kind == CommitmentKind::Partner && party == partner_id
    })
    .await?;
    let basis = crate::services::funding::basis::Basis::load(db, country_id).await?;
    let flows = crate::services::funding::report::by_year_of(db, &basis, partner_id)
        .await?
        .into_iter()
        .map(|(year, totals, _)| YearFlows {
            fiscal_year: year,
            fiscal_year_label: FiscalYear {
                start_year: year,
                start_month,
            }
            .label(),
            totals,
        })
        .collect();
    let rounds = crate::services::funding::reporting::of_country(db, country_id)
        .await?
        .into_iter()
        .filter_map(|round| {
            let answer = round
                .compliance
                .iter()
                .find(|c| c.organisation.id == partner_id)?
                .status
                .map(|s| s.label().to_string());
            Some(RoundAnswer {
                round: format!("{} ({})", round.title, round.fiscal_year_label),
                answer,
            })
        })
        .collect();
    Ok(Scorecard {
        partner: Some(OrganisationRef {
            id: organisation.id,
            name: organisation.name,
        }),
        readings,
        commitment_counts,
        commitments,
        flows,
        rounds,
        budget: None,
    })
}

/// The government's scorecard for `fiscal_year`.
#[tracing::instrument(skip(db))]
pub async fn government(
    db: &impl ConnectionTrait,
    country_id: i32,
    fiscal_year: i32,
) -> Result<Scorecard, AppError> {
    let ministries: Vec<i32> = crate::services::accounts::organisations::list(db, country_id)
        .await?
        .into_iter()
        .filter(|o| o.kind == OrganisationKind::GovernmentMinistry)
        .map(|o| o.id)
        .collect();
    let mut readings = readings::of_year(db, country_id, fiscal_year, Filter::default()).await?;
    let government_delivery = Formula::GovernmentDelivery.code();
    readings.readings.retain(|r| match &r.computed {
        Some(value) => {
            value.formula == Formula::GovernmentDelivery || r.code == government_delivery
        }
        None => r.owner.as_ref().is_none_or(|o| ministries.contains(&o.id)),
    });
    let (commitment_counts, commitments) =
        commitments(db, country_id, |kind, _| kind != CommitmentKind::Partner).await?;
    let view = crate::services::funding::budget::view(db, country_id, fiscal_year).await?;
    let sum = |f: &dyn Fn(&crate::types::BudgetRow) -> Decimal| -> Decimal {
        view.rows.iter().map(f).sum()
    };
    let appropriation = sum(&|r| r.amounts.appropriation);
    let executed = sum(&|r| r.amounts.execution);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let budget = BudgetTransparency {
        lines: count(view.rows.len()),
        lines_with_figures: count(
            view.rows
                .iter()
                .filter(|r| !r.amounts.appropriation.is_zero())
                .count(),
        ),
        appropriation,
        executed,
        execution_rate: crate::types::compute_indicator(
            crate::types::Unit::Share,
            executed,
            appropriation,
        ),
        expected_external: sum(&|r| r.amounts.expected_external),
        recorded_on_budget: sum(&|r| r.on_budget_disbursed).round_dp(2),
    };
    Ok(Scorecard {
        partner: None,
        readings,
        commitment_counts,
        commitments,
        flows: Vec::new(),
        rounds: Vec::new(),
        budget: Some(budget),
    })
}
