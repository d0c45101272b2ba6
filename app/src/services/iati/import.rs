//! One file's import: each activity is added, updated or skipped, and the
//! report says which and why.

use std::collections::{BTreeMap, HashMap};

use entities::{activity, budget_line, country};
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde::Serialize;

use crate::AppError;
use crate::services::accounts::audit::{self, Author, Change};
use crate::services::funding::activities::{self, CountryFacts};
use crate::services::funding::rates::RateTable;
use crate::types::money::from_minor;
use crate::types::{
    ActivityOutcome, ImportOutcome, ImportProblem, ImportReport, NewActivity,
    NewPlannedDisbursement, NewTransaction, Validation,
};

use super::fields::{Fields, NAMES};
use super::flows;
use super::map::{self, Context};
use super::orgs::OrgIndex;
use super::parse::{IatiActivity, OrgRef};
use super::store;

pub(super) const VERSION: &str = "version";
pub(super) const TRANSACTIONS: &str = "transactions";
pub(super) const PLANNED: &str = "planned_disbursements";

/// Why an activity was not written.
pub(super) enum Skip {
    /// The file is wrong or the activity may not be imported.
    Error(String),
    /// Not for this country: money the report must name.
    Warning(String),
    /// Nothing new since the last import.
    Quiet(String),
}

/// What the audit trail keeps of an imported activity.
#[derive(Serialize)]
struct Imported<'a> {
    iati_identifier: &'a str,
    title: &'a str,
    transactions: usize,
    planned_disbursements: usize,
}

pub struct Importer<'a> {
    pub(super) txn: &'a DatabaseTransaction,
    pub(super) author: &'a Author,
    /// The organisation a partner reporter imports for; `None` for an admin.
    pub(super) organisation_id: Option<i32>,
    pub(super) country_code: String,
    pub(super) country_currency: String,
    pub(super) facts: CountryFacts,
    pub(super) orgs: OrgIndex,
    /// Budget line id by code, and code by id.
    pub(super) lines: HashMap<String, i32>,
    pub(super) line_codes: HashMap<i32, String>,
    pub(super) activities: HashMap<String, i32>,
    pub(super) amounts: BTreeMap<String, Decimal>,
    /// The state the activities this import adds start in.
    pub(super) new_state: Validation,
    /// The country's rates, which convert the amounts as they are read.
    pub(super) rates: RateTable,
    /// The activities written, whose funding cells follow at the end.
    pub(super) written: Vec<i32>,
    pub report: ImportReport,
}

impl<'a> Importer<'a> {
    pub async fn new(
        txn: &'a DatabaseTransaction,
        author: &'a Author,
        country_id: i32,
        organisation_id: Option<i32>,
        file: &str,
    ) -> Result<Self, AppError> {
        let country = country::Entity::find_by_id(country_id)
            .one(txn)
            .await?
            .ok_or_else(|| AppError::NotFound(say!(what_country, id = country_id)))?;
        let facts = CountryFacts::load(txn, country_id).await?;
        let orgs =
            OrgIndex::load(txn, country_id, &country.code, organisation_id.is_none()).await?;
        let mut lines = HashMap::new();
        let mut line_codes = HashMap::new();
        for l in budget_line::Entity::find()
            .filter(budget_line::Column::CountryId.eq(country_id))
            .all(txn)
            .await?
        {
            lines.insert(l.code.clone(), l.id);
            line_codes.insert(l.id, l.code);
        }
        let activities = activity::Entity::find()
            .filter(activity::Column::CountryId.eq(country_id))
            .filter(activity::Column::PendingFor.is_null())
            .all(txn)
            .await?
            .into_iter()
            .filter_map(|a| Some((a.iati_identifier?, a.id)))
            .collect();
        let rates = RateTable::load(txn, country_id, &country.currency).await?;
        Ok(Self {
            txn,
            author,
            organisation_id,
            country_code: country.code,
            country_currency: country.currency,
            facts,
            orgs,
            lines,
            line_codes,
            activities,
            amounts: BTreeMap::new(),
            new_state: activities::initial_state(txn, author, country_id).await?,
            rates,
            written: Vec::new(),
            report: ImportReport {
                file: file.to_string(),
                ..ImportReport::default()
            },
        })
    }

    /// Imports one activity of the file and adds it to the report.
    pub async fn activity(&mut self, a: IatiActivity) -> Result<(), AppError> {
        let label = a
            .identifier
            .clone()
            .unwrap_or_else(|| say!(iati_activity_on_line, line = a.line));
        let mut warnings = Vec::new();
        let step = match self.step(&a, &mut warnings).await? {
            Err(Skip::Error(reason)) => Err(Skip::Error(reason + &flows_note(&a))),
            Err(Skip::Warning(reason)) => Err(Skip::Warning(reason + &flows_note(&a))),
            other => other,
        };
        let r = &mut self.report;
        r.warnings
            .extend(warnings.into_iter().map(|message| ImportProblem {
                activity: Some(label.clone()),
                message,
            }));
        let (outcome, note, transactions) = match step {
            Ok((outcome, note, transactions)) => (outcome, note, transactions),
            Err(Skip::Error(reason)) => {
                r.errors.push(ImportProblem {
                    activity: Some(label.clone()),
                    message: reason.clone(),
                });
                (ImportOutcome::Skipped, reason, 0)
            }
            Err(Skip::Warning(reason)) => {
                r.warnings.push(ImportProblem {
                    activity: Some(label.clone()),
                    message: reason.clone(),
                });
                (ImportOutcome::Skipped, reason, 0)
            }
            Err(Skip::Quiet(reason)) => (ImportOutcome::Skipped, reason, 0),
        };
        match outcome {
            ImportOutcome::Imported => r.totals.activities_imported += 1,
            ImportOutcome::Updated => r.totals.activities_updated += 1,
            ImportOutcome::Skipped => r.totals.activities_skipped += 1,
        }
        r.totals.transactions_imported += transactions;
        r.activities.push(ActivityOutcome {
            identifier: label,
            outcome,
            note,
            transactions_imported: transactions,
        });
        Ok(())
    }

    /// The report, with the amounts imported by currency.
    /// Brings the funding cells in step with what was written, and
    /// answers the report.
    pub async fn finish(mut self) -> Result<ImportReport, AppError> {
        crate::services::funding::cells::refresh(self.txn, self.facts.country_id, &self.written)
            .await?;
        self.report.totals.amounts = self.amounts.into_iter().collect();
        Ok(self.report)
    }

    async fn reporting_org(&mut self, a: &IatiActivity) -> Result<Result<i32, Skip>, AppError> {
        let Some(reporting) = &a.reporting_org else {
            return Ok(Err(Skip::Error(say!(iati_no_reporting_org))));
        };
        let name = reporting
            .name
            .clone()
            .or(reporting.reference.clone())
            .unwrap_or_default();
        if let Some(own) = self.organisation_id {
            let matches_own = self.orgs.find(reporting) == Some(own)
                || reporting
                    .reference
                    .as_ref()
                    .is_some_and(|r| self.orgs.refs.get(&own) == Some(r));
            return Ok(if matches_own {
                Ok(own)
            } else {
                Err(Skip::Error(say!(
                    iati_not_your_organisation,
                    name = format!("{name:?}")
                )))
            });
        }
        let (id, added) = self
            .orgs
            .resolve(self.txn, self.author, reporting, true)
            .await?;
        if added && let Some(id) = id {
            self.note_added(id).await?;
        }
        Ok(id.ok_or_else(|| Skip::Error(say!(iati_reporting_org_unnamed))))
    }

    async fn note_added(&mut self, id: i32) -> Result<(), AppError> {
        let (_, org) = crate::services::accounts::organisations::get(self.txn, id).await?;
        self.report.warnings.push(ImportProblem {
            activity: None,
            message: say!(
                iati_org_added,
                name = format!("{:?}", org.name),
                id = org
                    .iati_id
                    .clone()
                    .unwrap_or_else(|| say!(iati_no_identifier_written)),
                country = &self.country_code,
                kind = org.kind.label()
            ),
        });
        self.facts.organisations.insert(id, (org.name, org.kind));
        Ok(())
    }

    /// Adds the organisations the activity names that the country lacks,
    /// when this import may.
    async fn other_orgs(&mut self, a: &IatiActivity) -> Result<(), AppError> {
        let mut named: Vec<&OrgRef> = a.participants.iter().map(|p| &p.org).collect();
        for t in &a.transactions {
            named.extend(t.provider.iter().chain(t.receiver.iter()));
        }
        for org in named {
            let (id, added) = self.orgs.resolve(self.txn, self.author, org, false).await?;
            if added && let Some(id) = id {
                self.note_added(id).await?;
            }
        }
        Ok(())
    }

    async fn step(
        &mut self,
        a: &IatiActivity,
        warnings: &mut Vec<String>,
    ) -> Result<Result<(ImportOutcome, String, u32), Skip>, AppError> {
        let identifier = match a.identifier.as_deref() {
            None => return Ok(Err(Skip::Error(say!(iati_no_identifier)))),
            Some(id) if id.chars().count() > 200 || id.contains(char::is_whitespace) => {
                return Ok(Err(Skip::Error(say!(
                    iati_identifier_format,
                    id = format!("{id:?}")
                ))));
            }
            Some(id) => id.to_string(),
        };
        if let Some(version) = a.version.as_deref()
            && !matches!(version, "2.01" | "2.02" | "2.03")
        {
            warnings.push(say!(iati_version_read_as, version));
        }
        let share = match map::country_share(a, &self.country_code, warnings) {
            Ok(share) => share,
            Err(reason) => return Ok(Err(Skip::Warning(reason))),
        };
        let reporting_org_id = match self.reporting_org(a).await? {
            Ok(id) => id,
            Err(skip) => return Ok(Err(skip)),
        };
        self.other_orgs(a).await?;
        let cx = Context {
            country_code: &self.country_code,
            country_currency: &self.country_currency,
            budget_lines: &self.lines,
            activities: &self.activities,
            orgs: &self.orgs,
        };
        let mut fields = map::map(a, &identifier, &cx, warnings);
        let (systems, inferred) = map::systems(a, &fields);
        fields.systems = systems;
        self.report
            .inferences
            .extend(inferred.into_iter().map(|message| ImportProblem {
                activity: Some(identifier.clone()),
                message,
            }));
        let transactions = flows::transactions(a, share, &cx, warnings);
        let planned = flows::planned(a, share, warnings);
        if let Err(err) = activities::validate(
            &self.facts,
            new_activity(&fields, reporting_org_id, &identifier),
        ) {
            return Ok(Err(Skip::Error(say!(iati_cannot_be_recorded, error = err))));
        }
        match self.activities.get(&identifier).copied() {
            None => self
                .insert(
                    &identifier,
                    a,
                    reporting_org_id,
                    fields,
                    transactions,
                    planned,
                )
                .await
                .map(Ok),
            Some(id) => {
                self.update(id, &identifier, a, fields, transactions, planned)
                    .await
            }
        }
    }

    pub(super) fn count(&mut self, rows: &[(usize, entities::transaction::Model)]) -> u32 {
        for (_, t) in rows {
            *self.amounts.entry(t.currency.clone()).or_default() += from_minor(t.amount_minor);
        }
        u32::try_from(rows.len()).unwrap_or(u32::MAX)
    }

    async fn insert(
        &mut self,
        identifier: &str,
        a: &IatiActivity,
        reporting_org_id: i32,
        fields: Fields,
        transactions: Vec<(usize, NewTransaction)>,
        planned: Vec<NewPlannedDisbursement>,
    ) -> Result<(ImportOutcome, String, u32), AppError> {
        let model = store::save_activity(
            self.txn,
            self.facts.country_id,
            reporting_org_id,
            identifier,
            &fields,
            Err(self.new_state),
        )
        .await?;
        store::save_lists(self.txn, model.id, &fields, false).await?;
        self.written.push(model.id);
        let rows = store::transaction_rows(
            &self.facts,
            &self.rates,
            model.id,
            &fields.default_currency,
            &transactions,
        )?;
        let planned_rows = store::planned_rows(
            &self.facts,
            &self.rates,
            model.id,
            &fields.default_currency,
            &planned,
        )?;
        let remembered = self.remembered(a, &fields, &rows, &planned_rows);
        let count = self.count(&rows);
        let planned_count = planned_rows.len();
        store::insert_transactions(self.txn, rows.into_iter().map(|(_, t)| t).collect()).await?;
        store::insert_planned(self.txn, planned_rows).await?;
        store::remember(self.txn, model.id, remembered, false).await?;
        audit::record(
            self.txn,
            self.author,
            Some(self.facts.country_id),
            "activity",
            model.id,
            Change::Create,
            None,
            Some(&Imported {
                iati_identifier: identifier,
                title: &fields.title,
                transactions: count as usize,
                planned_disbursements: planned_count,
            }),
        )
        .await?;
        self.activities.insert(identifier.to_string(), model.id);
        self.facts.activity_ids.insert(model.id);
        Ok((
            ImportOutcome::Imported,
            say!(
                iati_imported_note,
                transactions = count,
                planned = planned_count
            ),
            count,
        ))
    }

    /// What this import writes, to compare the next one with.
    pub(super) fn remembered(
        &self,
        a: &IatiActivity,
        fields: &Fields,
        rows: &[(usize, entities::transaction::Model)],
        planned: &[entities::planned_disbursement::Model],
    ) -> Vec<(String, String)> {
        let mut values: Vec<(String, String)> = NAMES
            .iter()
            .map(|n| n.to_string())
            .zip(fields.values(&self.orgs.names, &self.line_codes))
            .collect();
        values.push((VERSION.into(), a.last_updated.clone().unwrap_or_default()));
        values.push((
            TRANSACTIONS.into(),
            rows.iter()
                .map(|(i, t)| format!("{i}#{}", store::transaction_print(t)))
                .collect::<Vec<_>>()
                .join("\n"),
        ));
        values.push((
            PLANNED.into(),
            planned
                .iter()
                .map(store::planned_print)
                .collect::<Vec<_>>()
                .join("\n"),
        ));
        values
    }
}

/// The money of a skipped activity, so that the report names it.
fn flows_note(a: &IatiActivity) -> String {
    if a.transactions.is_empty() {
        return String::new();
    }
    let default = a
        .default_currency
        .clone()
        .unwrap_or_else(|| say!(iati_no_currency_written));
    let values: Vec<String> = a
        .transactions
        .iter()
        .map(|t| match &t.value {
            Some(v) => format!("{} {}", v.currency.as_deref().unwrap_or(&default), v.text),
            None => say!(iati_no_value_written),
        })
        .collect();
    say!(
        iati_transactions_not_imported,
        count = values.len(),
        values = values.join(", ")
    )
}

fn new_activity(fields: &Fields, reporting_org_id: i32, identifier: &str) -> NewActivity {
    NewActivity {
        reporting_org_id,
        iati_identifier: Some(identifier.to_string()),
        title: fields.title.clone(),
        description: fields.description.clone(),
        status: fields.status,
        planned_start: fields.planned_start,
        planned_end: fields.planned_end,
        actual_start: fields.actual_start,
        actual_end: fields.actual_end,
        money_type: fields.money_type,
        aid_type: fields.aid_type.clone(),
        finance_type: fields.finance_type.clone(),
        earmarking: None,
        channel: fields.channel,
        default_currency: fields.default_currency.clone(),
        systems: fields.systems,
        published: true,
        participants: fields.participants.clone(),
        sectors: fields.sectors.clone(),
        priorities: Vec::new(),
        budget_lines: fields.budget_lines.clone(),
    }
}
