//! The government's validation of partners' funding data: the queue, and
//! what a waiting change would alter (an activity's state, `Validation`,
//! is with the activity).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::money::display;
use super::{Activity, PlannedDisbursement, Transaction};

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

fn flag(on: bool) -> String {
    if on { "yes" } else { "no" }.to_string()
}

fn transaction_text(t: &Transaction) -> String {
    let mut text = format!(
        "{} {} {} {}",
        t.transaction_date,
        t.kind.label().to_lowercase(),
        t.currency,
        display(t.amount)
    );
    if let Some(r) = &t.receiver {
        text.push_str(&format!(" to {}", r.name));
    }
    if !t.description.is_empty() {
        text.push_str(&format!(" ({})", t.description));
    }
    text
}

fn planned_text(p: &PlannedDisbursement) -> String {
    format!(
        "{} to {}: {} {}",
        p.period_start,
        p.period_end,
        p.currency,
        display(p.amount)
    )
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
    let fields = |a: &Activity| -> Vec<(&'static str, String)> {
        let s = a.systems;
        vec![
            ("Title", a.title.clone()),
            ("Description", a.description.clone()),
            (
                "IATI identifier",
                a.iati_identifier.clone().unwrap_or_default(),
            ),
            ("Status", a.status.label().to_string()),
            ("Published", flag(a.published)),
            ("Planned start", date(a.planned_start)),
            ("Planned end", date(a.planned_end)),
            ("Actual start", date(a.actual_start)),
            ("Actual end", date(a.actual_end)),
            ("Type of money", a.money_type.label().to_string()),
            ("Channel", a.channel.label().to_string()),
            ("Aid type", a.aid_type.clone().unwrap_or_default()),
            ("Finance type", a.finance_type.clone().unwrap_or_default()),
            ("Earmarking", a.earmarking.clone().unwrap_or_default()),
            ("Currency", a.default_currency.to_string()),
            ("On plan", flag(s.on_plan)),
            ("On budget", flag(s.on_budget)),
            ("On treasury", flag(s.on_treasury)),
            ("On parliament", flag(s.on_parliament)),
            ("Procurement", flag(s.on_procurement)),
            ("Accounting", flag(s.on_accounting)),
            ("Audit", flag(s.on_audit)),
            ("Reporting", flag(s.on_report)),
            (
                "Participants",
                lines(&a.participants, |(o, r)| {
                    format!("{} ({})", o.name, r.label())
                }),
            ),
            (
                "Sectors",
                lines(&a.sectors, |s| format!("{} {}%", s.code, s.percent)),
            ),
            (
                "Priorities",
                lines(&a.priorities, |s| format!("{} {}%", s.code, s.percent)),
            ),
            (
                "Budget lines",
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
        "Transaction",
        before.map_or(none_t, |b| &b.transactions),
        &after.transactions,
        |t| t.id,
        |t| t.replaces,
        transaction_text,
    );
    rows(
        &mut out,
        "Planned disbursement",
        before.map_or(none_p, |b| &b.planned_disbursements),
        &after.planned_disbursements,
        |p| p.id,
        |p| p.replaces,
        planned_text,
    );
    out
}
