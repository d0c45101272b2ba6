//! An activity's money: its transactions and planned disbursements. Every
//! amount left out is named in a warning with its value.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::codelists::{CURRENCIES, TRANSACTION_TYPES};
use crate::types::input;
use crate::types::{NewPlannedDisbursement, NewTransaction, SystemOverrides, TransactionKind};

use super::map::{Context, clip, date, round};
use super::parse::{IatiActivity, OrgRef, Period, Transaction, Value};

/// An amount with its currency, or a warning naming what was left out.
fn money(
    value: Option<&Value>,
    default_currency: Option<&str>,
    share: Decimal,
    what: &str,
) -> Result<(Decimal, String), String> {
    let Some(value) = value else {
        return Err(format!("{what} has no value: not imported"));
    };
    let currency = value
        .currency
        .as_deref()
        .map(str::to_uppercase)
        .or_else(|| default_currency.map(str::to_string));
    let written = format!(
        "{} {}",
        currency.as_deref().unwrap_or("(no currency)"),
        value.text
    );
    let Ok(amount) = Decimal::from_str(value.text.trim()) else {
        return Err(format!(
            "{what}: value {:?} is not a number: not imported",
            value.text
        ));
    };
    let Some(currency) = currency else {
        return Err(format!(
            "{what}: missing currency (neither the value nor the activity's default-currency names one): {} not imported",
            value.text
        ));
    };
    if !CURRENCIES.is_active(&currency) {
        return Err(format!(
            "{what}: unknown currency code {currency:?}: {written} not imported"
        ));
    }
    if amount <= Decimal::ZERO {
        return Err(format!(
            "{what}: value {written} is not above zero: not imported"
        ));
    }
    Ok((round(amount * share), currency))
}

/// The activity's transactions this import records; the others are named
/// in warnings with their value.
pub fn transactions(
    a: &IatiActivity,
    share: Decimal,
    cx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Vec<(usize, NewTransaction)> {
    let default_currency = a
        .default_currency
        .as_deref()
        .map(str::to_uppercase)
        .filter(|c| CURRENCIES.is_active(c));
    let mut out = Vec::new();
    for (i, t) in a.transactions.iter().enumerate() {
        let what = format!("transaction {}", i + 1);
        match transaction(t, &what, default_currency.as_deref(), share, cx, warnings) {
            Ok(new) => out.push((i, new)),
            Err(w) => warnings.push(w),
        }
    }
    out
}

fn transaction(
    t: &Transaction,
    what: &str,
    default_currency: Option<&str>,
    share: Decimal,
    cx: &Context<'_>,
    warnings: &mut Vec<String>,
) -> Result<NewTransaction, String> {
    let written = t
        .value
        .as_ref()
        .map(|v| {
            format!(
                "{} {}",
                v.currency
                    .as_deref()
                    .or(default_currency)
                    .unwrap_or("(no currency)"),
                v.text
            )
        })
        .unwrap_or_else(|| "(no value)".into());
    let mut problems = Vec::new();
    let kind = match t.type_code.as_deref() {
        Some(code) => match TransactionKind::from_code(code) {
            Some(kind) => Some(kind),
            None => {
                problems.push(match TRANSACTION_TYPES.get(code) {
                    Some(item) => format!("transaction type {code} ({}) is not recorded", item.name),
                    None => format!("unknown transaction type code {code:?} (not in the IATI TransactionType codelist)"),
                });
                None
            }
        },
        None => {
            problems.push("no transaction-type".into());
            None
        }
    };
    let mut share = share;
    if let Some(country) = t.recipient_country.as_deref() {
        if country.eq_ignore_ascii_case(cx.country_code) {
            share = Decimal::ONE;
        } else {
            problems.push(format!(
                "transaction for another country ({country}, not {})",
                cx.country_code
            ));
        }
    }
    let value_date = t.value.as_ref().and_then(|v| v.value_date.as_deref());
    let transaction_date = match t.date.as_deref() {
        Some(text) => match date(text) {
            Some(d) => Some(d),
            None => {
                problems.push(format!(
                    "transaction-date {text:?} is not a date (YYYY-MM-DD)"
                ));
                None
            }
        },
        None => match value_date.and_then(date) {
            Some(d) => {
                warnings.push(format!(
                    "{what}: missing transaction-date: its value-date {d} stands in"
                ));
                Some(d)
            }
            None => {
                problems.push("missing transaction-date".into());
                None
            }
        },
    };
    let value_date = match value_date {
        Some(text) => match date(text) {
            Some(d) => Some(d),
            None => {
                warnings.push(format!(
                    "{what}: value-date {text:?} is not a date: the transaction date stands in"
                ));
                None
            }
        },
        None => None,
    };
    let (amount, currency) = match (
        money(t.value.as_ref(), default_currency, share, what),
        problems.is_empty(),
    ) {
        (Err(w), true) => return Err(w),
        (Err(w), false) => return Err(format!("{w} (also: {})", problems.join("; "))),
        (Ok(_), false) => {
            return Err(format!(
                "{what}: {}: {written} not imported",
                problems.join("; ")
            ));
        }
        (Ok(m), true) => m,
    };
    let (Some(kind), Some(transaction_date)) = (kind, transaction_date) else {
        return Err(format!("{what}: {written} not imported"));
    };
    let mut org = |o: &Option<OrgRef>, role: &str| {
        let o = o.as_ref()?;
        let found = cx.orgs.find(o);
        if found.is_none() {
            let name = o.name.clone().or(o.reference.clone()).unwrap_or_default();
            if !name.is_empty() {
                warnings.push(format!(
                    "{what}: {role} {name:?} is not an organisation of {}: left out",
                    cx.country_code
                ));
            }
        }
        found
    };
    let provider_org_id = org(&t.provider, "provider-org");
    let receiver_org_id = org(&t.receiver, "receiver-org");
    let provider_activity_id = t
        .provider_activity_id
        .as_deref()
        .filter(|id| !id.is_empty())
        .and_then(|id| {
            let found = cx.activities.get(id).copied();
            if found.is_none() {
                warnings.push(format!(
                    "{what}: provider-activity-id {id} is not an activity in {}: link left out",
                    cx.country_code
                ));
            }
            found
        });
    Ok(NewTransaction {
        kind,
        transaction_date,
        value_date,
        amount,
        currency: Some(currency),
        provider_org_id,
        receiver_org_id,
        provider_activity_id,
        description: clip(t.description.as_deref().unwrap_or(""), 300),
        overrides: SystemOverrides::default(),
    })
}

/// The activity's planned disbursements; when it has none, its budgets
/// stand in for them.
pub fn planned(
    a: &IatiActivity,
    share: Decimal,
    warnings: &mut Vec<String>,
) -> Vec<NewPlannedDisbursement> {
    let default_currency = a
        .default_currency
        .as_deref()
        .map(str::to_uppercase)
        .filter(|c| CURRENCIES.is_active(c));
    let (periods, what): (&[Period], &str) = if a.planned.is_empty() {
        if !a.budgets.is_empty() {
            warnings.push(
                "no planned-disbursement: the budgets are recorded as planned disbursements".into(),
            );
        }
        (&a.budgets, "budget")
    } else {
        for (i, b) in a.budgets.iter().enumerate() {
            let written = b.value.as_ref().map(|v| v.text.clone()).unwrap_or_default();
            warnings.push(format!(
                "budget {} ({} {written}) not recorded: the planned disbursements are",
                i + 1,
                b.value
                    .as_ref()
                    .and_then(|v| v.currency.as_deref())
                    .or(default_currency.as_deref())
                    .unwrap_or("")
            ));
        }
        (&a.planned, "planned-disbursement")
    };
    let mut out = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        let what = format!("{what} {}", i + 1);
        let start = p.start.as_deref().and_then(date);
        let end = p.end.as_deref().and_then(date);
        match (
            money(p.value.as_ref(), default_currency.as_deref(), share, &what),
            start,
            end,
        ) {
            (Err(w), _, _) => warnings.push(w),
            (Ok((amount, currency)), Some(period_start), Some(period_end))
                if input::check_planned_period(period_start, period_end).is_ok() =>
            {
                out.push(NewPlannedDisbursement {
                    period_start,
                    period_end,
                    amount,
                    currency: Some(currency),
                })
            }
            (Ok((amount, currency)), _, _) => warnings.push(format!(
                "{what}: missing or impossible period ({} to {}; at most five years): {currency} {amount} not imported",
                p.start.as_deref().unwrap_or("?"),
                p.end.as_deref().unwrap_or("?")
            )),
        }
    }
    out
}
