//! Transactions from a spreadsheet (CSV). The whole file is checked first;
//! a file with any bad row imports nothing and every problem is reported
//! with its line and column.

use crate::i18n::td_string;
use std::collections::HashMap;
use std::str::FromStr;

use chrono::NaiveDate;
use entities::activity;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait};

use crate::types::{Currency, NewTransaction, SystemOverrides, TransactionKind};
use crate::{AppError, FieldError};

use crate::services::accounts::audit::{self, Author, Change};
use crate::services::funding::activities::{
    CountryFacts, check_transaction, insert_transaction, transaction_to_wire, writable,
};

/// The columns of an import file, in order.
pub const COLUMNS: [&str; 9] = [
    "activity",
    "type",
    "date",
    "value_date",
    "amount",
    "currency",
    "provider",
    "receiver",
    "description",
];

/// A file to start from: the header and one example row.
pub fn template() -> String {
    format!(
        "{}\nXM-EXAMPLE-1,disbursement,2026-09-30,,250000.00,EUR,,Ministry of Finance,First tranche\n",
        COLUMNS.join(",")
    )
}

/// A transaction type by its IATI code or its name, in English (as the
/// template writes it) or in the language of the one importing.
fn kind(text: &str) -> Option<TransactionKind> {
    let text = text.trim().to_lowercase();
    let languages = [crate::language::Locale::en, crate::language::current()];
    TransactionKind::from_code(&text).or_else(|| {
        TransactionKind::ALL.iter().copied().find(|k| {
            languages
                .iter()
                .any(|&locale| k.label_in(locale).to_lowercase() == text)
        })
    })
}

/// Imports the transactions of `text` for the activities of
/// `organisation_id` (or of any partner when `None`). Returns how many
/// were imported.
#[tracing::instrument(skip(db, text))]
pub async fn import(
    db: &impl TransactionTrait,
    author: &Author,
    country_id: i32,
    organisation_id: Option<i32>,
    text: &str,
) -> Result<usize, AppError> {
    let txn = crate::services::locks::begin(db).await?;
    let facts = CountryFacts::load(&txn, country_id).await?;
    let mut activities =
        activity::Entity::find().filter(activity::Column::CountryId.eq(country_id));
    if let Some(id) = organisation_id {
        activities = activities.filter(activity::Column::ReportingOrgId.eq(id));
    }
    let activities = activities.all(&txn).await?;
    let mut by_reference: HashMap<String, &activity::Model> = HashMap::new();
    for a in &activities {
        by_reference.insert(a.id.to_string(), a);
        // A waiting change carries its activity's identifier, which names
        // the activity.
        if let Some(identifier) = a
            .iati_identifier
            .as_ref()
            .filter(|_| a.pending_for.is_none())
        {
            by_reference.insert(identifier.clone(), a);
        }
    }
    let organisations: HashMap<String, i32> = organisation_names(&txn, country_id).await?;
    let rows = parse(text, &facts, &by_reference, &organisations)?;
    let count = rows.len();
    // Where the author's entries wait for validation, the rows go to each
    // activity's waiting change.
    let mut targets: HashMap<i32, activity::Model> = HashMap::new();
    for (activity, new) in rows {
        let target = match targets.get(&activity.id) {
            Some(target) => target,
            None => {
                let target = writable(&txn, author, activity.clone()).await?;
                targets.entry(activity.id).or_insert(target)
            }
        };
        let model = insert_transaction(&txn, &facts, target, new).await?;
        let added = transaction_to_wire(&facts, model)?;
        audit::record(
            &txn,
            author,
            Some(country_id),
            "transaction",
            added.id,
            Change::Create,
            None,
            Some(&added),
        )
        .await?;
    }
    let written: Vec<i32> = targets.values().map(|t| t.id).collect();
    crate::services::funding::cells::refresh(&txn, country_id, &written).await?;
    txn.commit().await?;
    metrics::counter!("imports_total", "kind" => "transactions_csv", "outcome" => "imported")
        .increment(1);
    Ok(count)
}

/// Reads and checks every row of `text` without touching the database:
/// the transactions to insert, each with its activity, or every problem of
/// the file with its line and column.
///
/// `activities` holds the importer's activities by the references a row
/// may use (the id as text and the IATI identifier); `organisations` holds
/// organisation ids by lower-cased name, acronym and IATI identifier.
pub fn parse<A: Copy>(
    text: &str,
    facts: &CountryFacts,
    activities: &HashMap<String, A>,
    organisations: &HashMap<String, i32>,
) -> Result<Vec<(A, NewTransaction)>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header_ok = reader
        .headers()
        .map(|h| {
            h.iter()
                .map(str::to_lowercase)
                .eq(COLUMNS.iter().map(|c| c.to_string()))
        })
        .unwrap_or(false);
    if !header_ok {
        return Err(AppError::invalid(
            "file",
            td_string!(
                crate::language::current(),
                rules.header_must_be,
                header = COLUMNS.join(",")
            )
            .to_string(),
        ));
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let at = |column: &str| format!("{}{column}", crate::services::line_prefix(line));
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(FieldError::new(
                    crate::services::at_line(line),
                    e.to_string(),
                ));
                continue;
            }
        };
        if record.len() != COLUMNS.len() {
            errors.push(FieldError::new(
                crate::services::at_line(line),
                td_string!(
                    crate::language::current(),
                    rules.column_count,
                    count = record.len(),
                    expected = COLUMNS.len()
                )
                .to_string(),
            ));
            continue;
        }
        let get = |column: &str| {
            COLUMNS
                .iter()
                .position(|c| *c == column)
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .to_string()
        };
        let before = errors.len();
        let activity = activities.get(&get("activity")).copied();
        if activity.is_none() {
            errors.push(FieldError::new(
                at("activity"),
                td_string!(
                    crate::language::current(),
                    rules.not_your_activity,
                    value = format!("{:?}", get("activity"))
                )
                .to_string(),
            ));
        }
        let kind = kind(&get("type"));
        if kind.is_none() {
            errors.push(FieldError::new(
                at("type"),
                td_string!(
                    crate::language::current(),
                    rules.not_transaction_type,
                    value = format!("{:?}", get("type"))
                )
                .to_string(),
            ));
        }
        let date = |column: &str, required: bool| {
            let text = get(column);
            if text.is_empty() && !required {
                return Ok(None);
            }
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    FieldError::new(
                        at(column),
                        td_string!(
                            crate::language::current(),
                            rules.not_iso_date,
                            value = format!("{text:?}")
                        )
                        .to_string(),
                    )
                })
        };
        let transaction_date = date("date", true).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let value_date = date("value_date", false).unwrap_or_else(|e| {
            errors.push(e);
            None
        });
        let amount = Decimal::from_str(&get("amount").replace(',', "")).ok();
        if amount.is_none() {
            errors.push(FieldError::new(
                at("amount"),
                td_string!(
                    crate::language::current(),
                    rules.not_a_number_csv,
                    value = format!("{:?}", get("amount"))
                )
                .to_string(),
            ));
        }
        let mut organisation = |column: &str| {
            let name = get(column);
            if name.is_empty() {
                return None;
            }
            let found = organisations.get(&name.to_lowercase()).copied();
            if found.is_none() {
                errors.push(FieldError::new(
                    at(column),
                    td_string!(
                        crate::language::current(),
                        rules.not_org_of_country,
                        value = format!("{name:?}")
                    )
                    .to_string(),
                ));
            }
            found
        };
        let provider_org_id = organisation("provider");
        let receiver_org_id = organisation("receiver");
        let currency = Some(get("currency")).filter(|c| !c.trim().is_empty());
        if let (Some(activity), Some(kind), Some(transaction_date), Some(amount)) =
            (activity, kind, transaction_date, amount)
        {
            let new = NewTransaction {
                kind,
                transaction_date,
                value_date,
                amount,
                currency,
                provider_org_id,
                receiver_org_id,
                provider_activity_id: None,
                description: get("description"),
                overrides: SystemOverrides::default(),
            };
            errors.extend(check_transaction(
                facts,
                &new,
                &crate::services::line_prefix(line),
            ));
            if errors.len() == before {
                rows.push((activity, new));
            }
        } else if let Some(Err(error)) = currency.map(|c| Currency::check(&at("currency"), &c)) {
            errors.push(error);
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(FieldError::new(
            "file",
            td_string!(crate::language::current(), rules.no_transactions),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(rows)
}

/// Organisation ids by lower-cased name, acronym and IATI identifier.
async fn organisation_names(
    db: &impl sea_orm::ConnectionTrait,
    country_id: i32,
) -> Result<HashMap<String, i32>, AppError> {
    let mut names = HashMap::new();
    for o in entities::organisation::Entity::find()
        .filter(entities::organisation::Column::CountryId.eq(country_id))
        .all(db)
        .await?
    {
        for name in [Some(o.name), o.acronym, o.iati_id].into_iter().flatten() {
            names.insert(name.to_lowercase(), o.id);
        }
    }
    Ok(names)
}
