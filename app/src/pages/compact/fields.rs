//! The fields of a commitment and of a progress report, shared by the forms
//! that add and change them.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::types::{
    Commitment, CommitmentCategory, CommitmentKind, CommitmentStatus, Kept, NewCommitment, Party,
};

/// Every agreed field of a commitment, named as the fields of
/// [`CommitmentForm`](crate::server_fns::CommitmentForm) (`commitment[text]`);
/// `prefix` keeps the ids of several forms on one page apart; `kept` is
/// what the server refused, shown in place of `current`.
#[component]
pub fn CommitmentFields(
    prefix: String,
    parties: Vec<Party>,
    kinds: Vec<CommitmentKind>,
    priorities: Vec<(String, String)>,
    current: Option<NewCommitment>,
    #[prop(optional)] kept: Kept,
) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}-{field}");
    let party_id = current.as_ref().map(|c| c.party_id);
    let kind = current.as_ref().map(|c| c.kind);
    let category = current.as_ref().map(|c| c.category);
    let code = current.as_ref().map(|c| c.priority_code.clone());
    let text = kept.text(
        "commitment[text]",
        current.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
    );
    let indicator = kept.text(
        "commitment[indicator]",
        current
            .as_ref()
            .and_then(|c| c.indicator.clone())
            .unwrap_or_default(),
    );
    let due = kept.text(
        "commitment[due_on]",
        current
            .as_ref()
            .map(|c| c.due_on.to_string())
            .unwrap_or_default(),
    );
    let office = kept.text(
        "commitment[responsible_office]",
        current
            .as_ref()
            .map(|c| c.responsible_office.clone())
            .unwrap_or_default(),
    );
    let locale = crate::language::current();
    view! {
        <label for=id("party")>{td_string!(locale, compact.party)}</label>
        <select id=id("party") name="commitment[party_id]">
            {parties
                .into_iter()
                .map(|p| view! { <option value=p.id selected=kept.chosen("commitment[party_id]", p.id, Some(p.id) == party_id)>{p.name}</option> })
                .collect_view()}
        </select>
        <label for=id("kind")>{td_string!(locale, compact.kind)}</label>
        <select id=id("kind") name="commitment[kind]">
            {kinds
                .into_iter()
                .map(|k| view! { <option value=k.code() selected=kept.chosen("commitment[kind]", k.code(), Some(k) == kind)>{k.label()}</option> })
                .collect_view()}
        </select>
        <label for=id("category")>{td_string!(locale, compact.category)}</label>
        <select id=id("category") name="commitment[category]">
            {CommitmentCategory::ALL
                .iter()
                .map(|c| view! { <option value=c.code() selected=kept.chosen("commitment[category]", c.code(), Some(*c) == category)>{c.label()}</option> })
                .collect_view()}
        </select>
        <label for=id("text")>{td_string!(locale, compact.commitment)}</label>
        <textarea id=id("text") name="commitment[text]" rows="3" required=true>{text}</textarea>
        <label for=id("priority")>{td_string!(locale, compact.priority_served)}</label>
        <select id=id("priority") name="commitment[priority_code]">
            {priorities
                .into_iter()
                .map(|(c, title)| {
                    let selected =
                        kept.chosen("commitment[priority_code]", &c, code.as_deref() == Some(c.as_str()));
                    view! { <option value=c.clone() selected=selected>{format!("{c} {title}")}</option> }
                })
                .collect_view()}
        </select>
        <label for=id("indicator")>{td_string!(locale, compact.indicator_optional)}</label>
        <input id=id("indicator") name="commitment[indicator]" maxlength="300" value=indicator />
        <label for=id("due")>{td_string!(locale, compact.due_date)}</label>
        <input id=id("due") name="commitment[due_on]" type="date" required=true value=due />
        <label for=id("office")>{td_string!(locale, compact.responsible_office)}</label>
        <input id=id("office") name="commitment[responsible_office]" maxlength="200" value=office />
    }
}

/// What a progress report asks: the date, what happened, the evidence, and
/// the status it leaves the commitment in.
#[component]
pub fn ProgressFields(commitment: Commitment, today: chrono::NaiveDate) -> impl IntoView {
    let id = move |field: &str| format!("progress-{}-{field}", commitment.id);
    let locale = crate::language::current();
    view! {
        <input type="hidden" name="commitment_id" value=commitment.id />
        <label for=id("date")>{td_string!(locale, compact.date)}</label>
        <input id=id("date") name="progress[on_date]" type="date" required=true value=today.to_string() />
        <label for=id("text")>{td_string!(locale, compact.what_happened)}</label>
        <textarea id=id("text") name="progress[progress_text]" rows="2" required=true></textarea>
        <label for=id("evidence")>{td_string!(locale, compact.evidence_optional)}</label>
        <input id=id("evidence") name="progress[evidence_url]" type="url" />
        <label for=id("status")>{td_string!(locale, compact.status)}</label>
        <select id=id("status") name="progress[status]">
            {CommitmentStatus::ALL
                .iter()
                .map(|s| view! { <option value=s.code() selected=*s == commitment.status>{s.label()}</option> })
                .collect_view()}
        </select>
        <label for=id("reason")>{td_string!(locale, compact.reason)}</label>
        <input id=id("reason") name="progress[status_reason]" maxlength="500" />
    }
}
