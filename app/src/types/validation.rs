//! The government's validation of partners' funding data: the queue, and
//! what a waiting change would alter (an activity's state, `Validation`,
//! is with the activity).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::money::display;
use super::{Activity, PlannedDisbursement, Transaction};
use crate::i18n::td_string;
use crate::language::Locale;

/// The longest reason a planner may give for returning an activity.
pub const MAX_REASON: usize = 2000;

/// One thing a waiting change alters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    pub what: String,
    /// Empty for something the change adds.
    pub before: String,
    /// Empty for something the change removes.
    pub after: String,
}

/// An activity waiting in the validation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    /// The activity as it would be once validated.
    pub proposed: Activity,
    /// True for an activity never validated; false for a change to one.
    pub new: bool,
    pub since: DateTime<Utc>,
    pub differences: Vec<Difference>,
}

/// The validation queue of a country: the oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationQueue {
    pub waiting: Vec<Waiting>,
    /// How many wait in all (the page shows the oldest ones).
    pub total: u64,
    pub validation_required: bool,
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn flag(locale: Locale, on: bool) -> String {
    if on {
        td_string!(locale, labels.yes)
    } else {
        td_string!(locale, labels.no)
    }
    .to_string()
}

fn transaction_text(locale: Locale, t: &Transaction) -> String {
    let mut text = format!(
        "{} {} {} {}",
        t.transaction_date,
        t.kind.label().to_lowercase(),
        t.currency,
        display(t.amount)
    );
    if let Some(r) = &t.receiver {
        text = td_string!(
            locale,
            labels.transaction_to,
            transaction = text,
            receiver = &r.name
        )
        .to_string();
    }
    if !t.description.is_empty() {
        text.push_str(&format!(" ({})", t.description));
    }
    text
}

fn planned_text(locale: Locale, p: &PlannedDisbursement) -> String {
    td_string!(
        locale,
        labels.planned_period,
        start = p.period_start,
        end = p.period_end,
        currency = &p.currency,
        amount = display(p.amount)
    )
    .to_string()
}

fn lines<T>(items: &[T], text: impl Fn(&T) -> String) -> String {
    items.iter().map(text).collect::<Vec<_>>().join("; ")
}

/// Compares two renderings of the same row, keyed by the id it has in the
/// validated activity (`replaces` on the changed side).
fn rows<T>(
    out: &mut Vec<Difference>,
    what: &str,
    before: &[T],
    after: &[T],
    id: impl Fn(&T) -> i32,
    replaces: impl Fn(&T) -> Option<i32>,
    text: impl Fn(&T) -> String,
) {
    for old in before {
        let new = after.iter().find(|n| replaces(n) == Some(id(old)));
        let (old_text, new_text) = (text(old), new.map(&text).unwrap_or_default());
        if old_text != new_text {
            out.push(Difference {
                what: what.to_string(),
                before: old_text,
                after: new_text,
            });
        }
    }
    for new in after
        .iter()
        .filter(|n| replaces(n).is_none_or(|r| !before.iter().any(|old| id(old) == r)))
    {
        out.push(Difference {
            what: what.to_string(),
            before: String::new(),
            after: text(new),
        });
    }
}

/// What `after` changes of `before`; with no `before` (a new activity),
/// everything it reports.
pub fn differences(before: Option<&Activity>, after: &Activity) -> Vec<Difference> {
    let locale = crate::language::current();
    let flag = |on: bool| flag(locale, on);
    let fields = |a: &Activity| -> Vec<(&'static str, String)> {
        let s = a.systems;
        vec![
            (td_string!(locale, labels.field_title), a.title.clone()),
            (
                td_string!(locale, labels.field_description),
                a.description.clone(),
            ),
            (
                td_string!(locale, labels.field_iati_identifier),
                a.iati_identifier.clone().unwrap_or_default(),
            ),
            (
                td_string!(locale, labels.field_status),
                a.status.label().to_string(),
            ),
            (
                td_string!(locale, labels.field_published),
                flag(a.published),
            ),
            (
                td_string!(locale, labels.field_planned_start),
                date(a.planned_start),
            ),
            (
                td_string!(locale, labels.field_planned_end),
                date(a.planned_end),
            ),
            (
                td_string!(locale, labels.field_actual_start),
                date(a.actual_start),
            ),
            (
                td_string!(locale, labels.field_actual_end),
                date(a.actual_end),
            ),
            (
                td_string!(locale, labels.field_money_type),
                a.money_type.label().to_string(),
            ),
            (
                td_string!(locale, labels.field_channel),
                a.channel.label().to_string(),
            ),
            (
                td_string!(locale, labels.field_aid_type),
                a.aid_type.clone().unwrap_or_default(),
            ),
            (
                td_string!(locale, labels.field_finance_type),
                a.finance_type.clone().unwrap_or_default(),
            ),
            (
                td_string!(locale, labels.field_earmarking),
                a.earmarking.clone().unwrap_or_default(),
            ),
            (
                td_string!(locale, labels.field_currency),
                a.default_currency.to_string(),
            ),
            (td_string!(locale, labels.system_on_plan), flag(s.on_plan)),
            (
                td_string!(locale, labels.system_on_budget),
                flag(s.on_budget),
            ),
            (
                td_string!(locale, labels.system_on_treasury),
                flag(s.on_treasury),
            ),
            (
                td_string!(locale, labels.system_on_parliament),
                flag(s.on_parliament),
            ),
            (
                td_string!(locale, labels.field_procurement),
                flag(s.on_procurement),
            ),
            (
                td_string!(locale, labels.field_accounting),
                flag(s.on_accounting),
            ),
            (td_string!(locale, labels.field_audit), flag(s.on_audit)),
            (
                td_string!(locale, labels.field_reporting),
                flag(s.on_report),
            ),
            (
                td_string!(locale, labels.field_participants),
                lines(&a.participants, |(o, r)| {
                    format!("{} ({})", o.name, r.label())
                }),
            ),
            (
                td_string!(locale, labels.field_sectors),
                lines(&a.sectors, |s| format!("{} {}%", s.code, s.percent)),
            ),
            (
                td_string!(locale, labels.field_priorities),
                lines(&a.priorities, |s| format!("{} {}%", s.code, s.percent)),
            ),
            (
                td_string!(locale, labels.field_budget_lines),
                lines(&a.budget_lines, |(code, _, p)| format!("{code} {p}%")),
            ),
        ]
    };
    let mut out = Vec::new();
    let old_fields = before.map(fields).unwrap_or_default();
    for (what, new) in fields(after) {
        let old = old_fields
            .iter()
            .find(|(w, _)| *w == what)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        if old != new {
            out.push(Difference {
                what: what.to_string(),
                before: old,
                after: new,
            });
        }
    }
    let none_t: &[Transaction] = &[];
    let none_p: &[PlannedDisbursement] = &[];
    rows(
        &mut out,
        td_string!(locale, labels.field_transaction),
        before.map_or(none_t, |b| &b.transactions),
        &after.transactions,
        |t| t.id,
        |t| t.replaces,
        |t| transaction_text(locale, t),
    );
    rows(
        &mut out,
        td_string!(locale, labels.field_planned_disbursement),
        before.map_or(none_p, |b| &b.planned_disbursements),
        &after.planned_disbursements,
        |p| p.id,
        |p| p.replaces,
        |p| planned_text(locale, p),
    );
    out
}
