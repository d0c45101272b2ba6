//! Writes the demo country's funding: the national budget's lines, sixty
//! activities of eight partners with their flows from FY 2023/24 to FY
//! 2026/27 in USD, EUR and GBP, a pooled fund with its contributors and
//! windows, a g7+ peer's support in kind, monthly exchange rates, and two
//! reporting rounds. The rows come from `data::funding`, their flows and
//! plans from `flows`.

use std::collections::HashMap;

use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::Actor;
use crate::types::{
    ActivityStatus, BudgetAmounts, NewActivity, NewBudgetLine, NewReportingRound, NewTransaction,
    Organisation, ParticipantRole, ResponseStatus, TransactionKind,
};

use crate::services::accounts::audit::Author;
use crate::services::funding::activities::{self, CountryFacts};
use crate::services::{
    accounts::users, funding::budget, funding::chart, funding::rates, funding::reporting,
};

use super::data::funding::{
    ACTIVITIES, CONTRIBUTIONS, DemoActivity, DemoPartner, EARLY_ADVANCE, EXECUTION, FIRST_YEAR,
    LINES, ROUNDS, WINDOWS,
};
use super::flows::{
    Lcg, SEED, allocations, contribution_flows, date, exchange_rates, first_day, flow, flows,
    last_day, partner, plans, round_down, shares, status, units, window,
};

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
        let flows = flows
            .into_iter()
            .map(|new| {
                let outgoing = matches!(
                    new.kind,
                    TransactionKind::Commitment | TransactionKind::Disbursement
                );
                NewTransaction {
                    receiver_org_id: outgoing.then_some(receiver),
                    ..new
                }
            })
            .collect();
        activities::add_transactions(self.txn, self.author, activity_id, flows).await?;
        Ok(())
    }

    async fn plans(
        &self,
        activity_id: i32,
        years: (i32, i32),
        yearly: i64,
        p: &DemoPartner,
    ) -> Result<(), AppError> {
        let plans = plans(years, yearly, p)?;
        activities::add_planned_disbursements(self.txn, self.author, activity_id, plans).await?;
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
            let id = chart::add_line(self.txn, self.author, self.country_id, new)
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
                budget::set_amounts(self.txn, self.author, id, (year, None), amounts).await?;
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
                    (round.id, reporter.organisation_id),
                    ResponseStatus::Submitted,
                    None,
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

impl Seeder<'_> {
    /// Partners' entries waiting for the government's validation, so the
    /// queue has content: the EU's correction of a disbursement (its
    /// validated figure counts until then) and UNDP's new activity.
    async fn waiting(&self) -> Result<(), AppError> {
        let eu = reporter(self.txn, "eu@kalinda.example").await?;
        let corrected = activities::of_organisation(self.txn, self.country_id, eu.organisation_id)
            .await?
            .into_iter()
            .filter(|a| a.published)
            .flat_map(|a| a.transactions)
            .find(|t| t.kind == TransactionKind::Disbursement)
            .ok_or_else(|| AppError::internal("the demo's EU has no disbursement"))?;
        let new = NewTransaction {
            amount: corrected
                .amount
                .checked_mul(Decimal::new(11, 1))
                .ok_or_else(|| AppError::internal("the demo's correction overflows"))?
                .round_dp(0),
            description: "Corrected: the second tranche was paid with the first".into(),
            ..corrected.as_new()
        };
        activities::update_transaction(
            self.txn,
            &Author::user(&eu),
            corrected.id,
            corrected.version,
            new,
        )
        .await?;
        let undp = reporter(self.txn, "undp@kalinda.example").await?;
        let template = ACTIVITIES
            .iter()
            .find(|a| a.partner == "UNDP" && a.published)
            .ok_or_else(|| AppError::internal("the demo's UNDP has no activity"))?;
        let new = NewActivity {
            iati_identifier: None,
            title: "Voter registration in the northern districts".into(),
            description: "Mobile registration teams for the next elections.".into(),
            ..new_activity(
                template,
                &self.orgs,
                &self.lines,
                vec![(undp.organisation_id, ParticipantRole::Funding)],
            )?
        };
        activities::create(self.txn, &Author::user(&undp), self.country_id, new).await?;
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
    rates::store(txn, author, country_id, exchange_rates()?).await?;
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
    seeder.rounds().await?;
    seeder.waiting().await
}
