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
        return Err(say!(iati_no_value, what));
    };
    let currency = value
        .currency
        .as_deref()
        .map(str::to_uppercase)
        .or_else(|| default_currency.map(str::to_string));
    let written = format!(
        "{} {}",
        currency
            .clone()
            .unwrap_or_else(|| say!(iati_no_currency_written)),
        value.text
    );
    let Ok(amount) = Decimal::from_str(value.text.trim()) else {
        return Err(say!(
            iati_value_not_number,
            what,
            value = format!("{:?}", value.text)
        ));
    };
    let Some(currency) = currency else {
        return Err(say!(iati_missing_currency, what, value = &value.text));
    };
    if !CURRENCIES.is_active(&currency) {
        return Err(say!(
            iati_unknown_currency,
            what,
            code = format!("{currency:?}"),
            written
        ));
    }
    if amount <= Decimal::ZERO {
        return Err(say!(iati_not_above_zero, what, written));
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
        let what = say!(iati_transaction_n, n = i + 1);
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
                    .map(str::to_string)
                    .unwrap_or_else(|| say!(iati_no_currency_written)),
                v.text
            )
        })
        .unwrap_or_else(|| say!(iati_no_value_written));
    let mut problems = Vec::new();
    let kind = match t.type_code.as_deref() {
        Some(code) => match TransactionKind::from_code(code) {
            Some(kind) => Some(kind),
            None => {
                problems.push(match TRANSACTION_TYPES.get(code) {
                    Some(item) => say!(iati_type_not_recorded, code, name = item.label()),
                    None => say!(iati_unknown_transaction_type, code = format!("{code:?}")),
                });
                None
            }
        },
        None => {
            problems.push(say!(iati_no_transaction_type));
            None
        }
    };
    let mut share = share;
    if let Some(country) = t.recipient_country.as_deref() {
        if country.eq_ignore_ascii_case(cx.country_code) {
            share = Decimal::ONE;
        } else {
            problems.push(say!(iati_other_country, country, ours = cx.country_code));
        }
    }
    let value_date = t.value.as_ref().and_then(|v| v.value_date.as_deref());
    let transaction_date = match t.date.as_deref() {
        Some(text) => match date(text) {
            Some(d) => Some(d),
            None => {
                problems.push(say!(
                    iati_transaction_date_format,
                    value = format!("{text:?}")
                ));
                None
            }
        },
        None => match value_date.and_then(date) {
            Some(d) => {
                warnings.push(say!(iati_value_date_stands_in, what, date = d));
                Some(d)
            }
            None => {
                problems.push(say!(iati_no_transaction_date));
                None
            }
        },
    };
    let value_date = match value_date {
        Some(text) => match date(text) {
            Some(d) => Some(d),
            None => {
                warnings.push(say!(
                    iati_value_date_format,
                    what,
                    value = format!("{text:?}")
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
        (Err(w), false) => {
            return Err(say!(iati_also, problem = w, others = problems.join("; ")));
        }
        (Ok(_), false) => {
            return Err(say!(
                iati_problems_not_imported,
                what,
                problems = problems.join("; "),
                written
            ));
        }
        (Ok(m), true) => m,
    };
    let (Some(kind), Some(transaction_date)) = (kind, transaction_date) else {
        return Err(say!(iati_not_imported, what, written));
    };
    let mut org = |o: &Option<OrgRef>, role: &str| {
        let o = o.as_ref()?;
        let found = cx.orgs.find(o);
        if found.is_none() {
            let name = o.name.clone().or(o.reference.clone()).unwrap_or_default();
            if !name.is_empty() {
                warnings.push(say!(
                    iati_org_left_out,
                    what,
                    role,
                    name = format!("{name:?}"),
                    country = cx.country_code
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
                warnings.push(say!(
                    iati_provider_activity_left_out,
                    what,
                    id,
                    country = cx.country_code
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
    let (periods, budgets): (&[Period], bool) = if a.planned.is_empty() {
        if !a.budgets.is_empty() {
            warnings.push(say!(iati_budgets_as_planned));
        }
        (&a.budgets, true)
    } else {
        for (i, b) in a.budgets.iter().enumerate() {
            let written = b.value.as_ref().map(|v| v.text.clone()).unwrap_or_default();
            let currency = b
                .value
                .as_ref()
                .and_then(|v| v.currency.as_deref())
                .or(default_currency.as_deref())
                .unwrap_or("");
            warnings.push(say!(
                iati_budget_not_recorded,
                n = i + 1,
                written = format!("{currency} {written}")
            ));
        }
        (&a.planned, false)
    };
    let mut out = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        let what = if budgets {
            say!(iati_budget_n, n = i + 1)
        } else {
            say!(iati_planned_n, n = i + 1)
        };
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
            (Ok((amount, currency)), _, _) => warnings.push(say!(
                iati_bad_period,
                what,
                start = p.start.as_deref().unwrap_or("?"),
                end = p.end.as_deref().unwrap_or("?"),
                written = format!("{currency} {amount}")
            )),
        }
    }
    out
}
