//! The commitments of a compact version: the ways of reading them, each
//! commitment with its progress and comments, and the forms that add,
//! change, comment on and report progress on one.

use leptos::prelude::*;

use super::fields::{CommitmentFields, ProgressFields};
use crate::components::{CsrfField, OnceField};
use crate::i18n::td_string;
use crate::server_fns::{
    AddCommitment, CommentOnCommitment, CompactView, RemoveCommitment, ReportProgress,
    UpdateCommitment,
};
use crate::types::{Commitment, CommitmentKind, Compact, CompactStatus, Kept, Party};

/// How the commitments are shown: all in the signed order, overdue first,
/// grouped by strategy priority, or one party's only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lens {
    All,
    Overdue,
    ByPriority,
    Party(i32),
}

impl Lens {
    /// The commitments to show, each with its number in the version.
    pub(super) fn apply(
        self,
        compact: &Compact,
        today: chrono::NaiveDate,
    ) -> Vec<(usize, Commitment)> {
        let mut shown: Vec<(usize, Commitment)> = compact
            .commitments
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, c)| (i + 1, c))
            .filter(|(_, c)| match self {
                Lens::Party(id) => c.party_id == id,
                _ => true,
            })
            .collect();
        match self {
            Lens::Overdue => shown.sort_by_key(|(_, c)| !c.overdue(today)),
            Lens::ByPriority => {
                shown.sort_by(|(_, a), (_, b)| a.priority_code.cmp(&b.priority_code))
            }
            Lens::All | Lens::Party(_) => {}
        }
        shown
    }
}

/// Links to the ways of reading the commitments.
#[component]
pub(super) fn LensNav(code: String, compact: Compact, lens: Lens) -> impl IntoView {
    let locale = crate::language::current();
    let base = format!("/countries/{code}/compact?version={}", compact.version);
    let link = move |href: String, label: String, current: bool| {
        if current {
            view! { <strong aria-current="page">{label}</strong> }.into_any()
        } else {
            view! { <a href=href>{label}</a> }.into_any()
        }
    };
    view! {
        <nav class="versions" aria-label=td_string!(locale, compact.ways_to_read)>
            {link(base.clone(), td_string!(locale, compact.all).into(), lens == Lens::All)}
            " · "
            {link(
                format!("{base}&view=overdue"),
                td_string!(locale, compact.overdue_first).into(),
                lens == Lens::Overdue,
            )}
            " · "
            {link(
                format!("{base}&view=priority"),
                td_string!(locale, compact.by_priority).into(),
                lens == Lens::ByPriority,
            )}
            " · "
            <a href=format!("/countries/{code}/compact.csv")>{td_string!(locale, compact.csv_signed)}</a>
            <br />
            <span>{format!("{} ", td_string!(locale, compact.by_party_label))}</span>
            {compact
                .parties
                .iter()
                .map(|p| {
                    let current = lens == Lens::Party(p.id);
                    view! { {link(format!("{base}&party={}", p.id), p.name.clone(), current)} " " }
                })
                .collect_view()}
        </nav>
    }
}

#[component]
pub(super) fn CommitmentItem(
    /// Its number in the version (the signed text's numbering).
    number: usize,
    commitment: Commitment,
    view: CompactView,
    parties: Vec<Party>,
    kinds: Vec<CommitmentKind>,
    /// What the server refused when this commitment's change was saved.
    kept: Kept,
    update: ServerAction<UpdateCommitment>,
    remove: ServerAction<RemoveCommitment>,
    comment: ServerAction<CommentOnCommitment>,
    progress: ServerAction<ReportProgress>,
) -> impl IntoView {
    let c = commitment.clone();
    let (id, current, today, version) = (c.id, c.as_new(), view.today, c.version);
    let draft = view
        .compact
        .as_ref()
        .is_some_and(|v| v.status == CompactStatus::Draft);
    let reopen = kept.is_kept();
    let priorities = view.priorities.clone();
    let overdue = c.overdue(view.today);
    let editable = view.editable.contains(&c.id);
    let reportable = view.reportable.contains(&c.id);
    let locale = crate::language::current();
    view! {
        <li class="commitment" class:overdue=overdue>
            <p>
                <strong>{format!("{number}. {} ({})", c.party, c.kind.label().to_lowercase())}</strong>
                {format!(
                    " · {}",
                    td_string!(
                        locale,
                        compact.serves_line,
                        category = c.category.label(),
                        code = c.priority_code.clone(),
                        title = c.priority_title.clone(),
                    ),
                )}
            </p>
            <p>{c.text.clone()}</p>
            <p class="muted">
                {td_string!(locale, compact.due, date = c.due_on).to_string()}
                {(!c.responsible_office.is_empty()).then(|| format!(" · {}", c.responsible_office))}
                {c
                    .indicator
                    .clone()
                    .map(|indicator| format!(" · {}", td_string!(locale, compact.indicator_value, indicator)))}
                " · "
                <span class=format!("status status-{}", c.status.code())>{c.status.label()}</span>
                {c.status_reason.clone().map(|r| format!(" ({r})"))}
                {overdue.then(|| format!(" · {}", td_string!(locale, compact.overdue)))}
            </p>
            {(!c.progress.is_empty()).then(|| view! {
                <ul class="progress">
                    {c.progress
                        .iter()
                        .map(|p| view! {
                            <li>
                                {td_string!(
                                    locale,
                                    compact.progress_entry,
                                    date = p.on_date,
                                    author = p.author.clone(),
                                    text = p.text.clone(),
                                )
                                    .to_string()}
                                {p.evidence_url.clone().map(|url| view! { " " <a href=url rel="noopener">{td_string!(locale, compact.evidence)}</a> })}
                            </li>
                        })
                        .collect_view()}
                </ul>
            })}
            {editable.then(|| view! {
                <details class="edit" open=reopen>
                    <summary>{td_string!(locale, compact.change_commitment)}</summary>
                    <ActionForm action=update attr:class="stack narrow">
                        <CsrfField />
                        <input type="hidden" name="commitment_id" value=id />
                        <input type="hidden" name="version" value=version />
                        <CommitmentFields
                            prefix=format!("commitment-{id}")
                            parties
                            kinds
                            priorities
                            current=Some(current)
                            kept
                        />
                        <button type="submit">{td_string!(locale, compact.save_commitment)}</button>
                    </ActionForm>
                    {draft.then(|| view! {
                        <ActionForm action=remove attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="commitment_id" value=id />
                            <input type="hidden" name="version" value=version />
                            <button type="submit" class="danger">{td_string!(locale, compact.remove_from_draft)}</button>
                        </ActionForm>
                    })}
                </details>
            })}
            {(!c.comments.is_empty()).then(|| view! {
                <ul class="comments">
                    {c.comments
                        .iter()
                        .map(|m| view! {
                            <li class="comment">
                                <p class="muted">{format!("{}, {}", m.author, m.at.format("%Y-%m-%d %H:%M UTC"))}</p>
                                <p>{m.body.clone()}</p>
                            </li>
                        })
                        .collect_view()}
                </ul>
            })}
            {view.can_comment.then(|| {
                let field = format!("comment-{id}");
                view! {
                    <details class="reply">
                        <summary>{td_string!(locale, compact.comment_action)}</summary>
                        <ActionForm action=comment attr:class="stack narrow">
                            <CsrfField />
                            <OnceField fresh=Signal::derive(move || comment.version().get()) />
                            <input type="hidden" name="commitment_id" value=id />
                            <label for=field.clone()>{td_string!(locale, compact.your_comment)}</label>
                            <textarea id=field name="body" rows="2" required=true></textarea>
                            <button type="submit">{td_string!(locale, compact.post_comment)}</button>
                        </ActionForm>
                    </details>
                }
            })}
            {reportable.then(|| view! {
                <details class="edit">
                    <summary>{td_string!(locale, compact.report_progress)}</summary>
                    <ActionForm action=progress attr:class="stack narrow">
                        <CsrfField />
                        <OnceField fresh=Signal::derive(move || progress.version().get()) />
                        <ProgressFields commitment today />
                        <button type="submit">{td_string!(locale, compact.save_progress)}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

/// The form that adds a commitment to a draft.
#[component]
pub(super) fn AddCommitmentForm(
    compact_id: i32,
    parties: Vec<Party>,
    kinds: Vec<CommitmentKind>,
    priorities: Vec<(String, String)>,
    action: ServerAction<AddCommitment>,
) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="add-commitment-heading">
            <h2 id="add-commitment-heading">{td_string!(locale, compact.add_a_commitment)}</h2>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="compact_id" value=compact_id />
                <CommitmentFields
                    prefix="new".into()
                    parties
                    kinds
                    priorities
                    current=None
                />
                <button type="submit">{td_string!(locale, compact.add_commitment)}</button>
            </ActionForm>
        </section>
    }
}
