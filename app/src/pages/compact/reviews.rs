//! Joint review rounds: a compact's rounds with the form that opens one, and
//! a round's report, which prints cleanly and where each side assesses while
//! the round is open.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{CsrfField, ErrorPanel, FormErrors, OnceField, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{AssessCommitment, CloseReview, OpenReview, ReviewView, load_review};
use crate::types::{
    Assessment, CommitmentStatus, Outcome, OutcomeCounts, ReviewRound, ReviewedCommitment, Side,
};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let code = country_code_param();
    let params = use_params_map();
    let round = Memo::new(move |_| {
        params
            .read()
            .get("round")
            .and_then(|r| r.parse::<i32>().ok())
            .unwrap_or(0)
    });
    let assess = ServerAction::<AssessCommitment>::new();
    let close = ServerAction::<CloseReview>::new();
    let data = Resource::new(
        move || {
            (
                code.get(),
                round.get(),
                assess.version().get() + close.version().get(),
            )
        },
        |(code, round, _)| load_review(code, round),
    );
    let assess_error = form_error(assess.value());
    let close_error = form_error(close.value());
    view! {
        <Title text="Joint review" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(view) => view! {
                        <ReviewBody view code=code.get_untracked() assess close assess_error close_error />
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewBody(
    view: ReviewView,
    code: String,
    assess: ServerAction<AssessCommitment>,
    close: ServerAction<CloseReview>,
    assess_error: Signal<Option<crate::AppError>>,
    close_error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let report = view.report.clone();
    let round = report.round.clone();
    let state = match round.closed_on {
        Some(day) => format!("closed on {day}"),
        None => format!("open since {}", round.opened_on),
    };
    let overdue: Vec<ReviewedCommitment> =
        report.overdue(view.today).into_iter().cloned().collect();
    view! {
        <p><a href=format!("/countries/{code}/compact?version={}", round.compact_version)>"Back to the compact"</a></p>
        <h1>{round.title.clone()}</h1>
        <p class="status-line">{format!("{}, version {} · {state}", report.compact_title, round.compact_version)}</p>
        <FormErrors error=close_error />
        {(view.can_manage && round.closed_on.is_none()).then(|| view! {
            <ActionForm action=close attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="round_id" value=round.id />
                <button type="submit">"Close the round"</button>
            </ActionForm>
        })}
        <h2>"Outcomes"</h2>
        <CountsTable caption="All commitments" rows=vec![report.by_outcome()] />
        <CountsTable caption="By party" rows=report.by_party() />
        <CountsTable caption="By category" rows=report.by_category() />
        <h2>"Overdue"</h2>
        {if overdue.is_empty() {
            view! { <p>"No commitment is past its due date unmet."</p> }.into_any()
        } else {
            view! {
                <ul>
                    {overdue
                        .into_iter()
                        .map(|i| view! {
                            <li>{format!("{}: {} (due {})", i.commitment.party, i.commitment.text, i.commitment.due_on)}</li>
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h2>"Assessments"</h2>
        <FormErrors error=assess_error />
        <ol class="commitments">
            {report
                .items
                .into_iter()
                .map(|item| {
                    let mine: Vec<Side> = view
                        .assessable
                        .iter()
                        .filter(|(id, _)| *id == item.commitment.id)
                        .map(|(_, side)| *side)
                        .collect();
                    let own = view.own_organisation.unwrap_or_default();
                    view! { <ReviewItem item round_id=round.id mine own assess /> }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn CountsTable(caption: &'static str, rows: Vec<OutcomeCounts>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="counts">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">""</th>
                        {Outcome::ALL.iter().map(|o| view! { <th scope="col" class="num">{o.label()}</th> }).collect_view()}
                        <th scope="col" class="num">"Total"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| view! {
                            <tr>
                                <th scope="row">{row.label}</th>
                                {row.counts.iter().map(|n| view! { <td class="num">{*n}</td> }).collect_view()}
                                <td class="num"><strong>{row.total}</strong></td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn assessment_text(a: Option<&Assessment>) -> String {
    match a {
        Some(a) => {
            let comment = if a.comment.is_empty() {
                String::new()
            } else {
                format!(": {}", a.comment)
            };
            format!(
                "{}, rated {}/4 by {}{comment}",
                a.status.label(),
                a.rating,
                a.author
            )
        }
        None => "not assessed yet".into(),
    }
}

#[component]
fn ReviewItem(
    item: ReviewedCommitment,
    round_id: i32,
    mine: Vec<Side>,
    /// The reader's organisation.
    own: i32,
    assess: ServerAction<AssessCommitment>,
) -> impl IntoView {
    let c = item.commitment.clone();
    view! {
        <li class="commitment">
            <p>
                <strong>{format!("{} ({})", c.party, c.kind.label().to_lowercase())}</strong>
                {format!(" · {} · due {}", c.category.label(), c.due_on)}
            </p>
            <p>{c.text.clone()}</p>
            <dl class="facts">
                <dt>"Government"</dt>
                <dd>{assessment_text(item.government.as_ref())}</dd>
                {if item.partners.is_empty() {
                    view! {
                        <dt>"Partners"</dt>
                        <dd>{assessment_text(None)}</dd>
                    }
                        .into_any()
                } else {
                    item.partners
                        .iter()
                        .map(|a| view! {
                            <dt>{a.organisation.clone()}</dt>
                            <dd>{assessment_text(Some(a))}</dd>
                        })
                        .collect_view()
                        .into_any()
                }}
                <dt>"Outcome"</dt>
                <dd>{item.outcome().label()}</dd>
            </dl>
            {mine
                .into_iter()
                .map(|side| {
                    let id = format!("assess-{}-{}", c.id, side.code());
                    let shown = item.assessment_by(side, own);
                    let current = shown.map(|a| a.status).unwrap_or(c.status);
                    let revision = shown.map(|a| view! { <input type="hidden" name="assessment_id" value=a.id /> });
                    view! {
                        <details class="edit">
                            <summary>{format!("Assess for the {} side", side.label().to_lowercase())}</summary>
                            <ActionForm action=assess attr:class="stack narrow">
                                <CsrfField />
                                <input type="hidden" name="round_id" value=round_id />
                                <input type="hidden" name="commitment_id" value=c.id />
                                <input type="hidden" name="side" value=side.code() />
                                {revision}
                                <label for=format!("{id}-status")>"Status"</label>
                                <select id=format!("{id}-status") name="assessment[status]">
                                    {CommitmentStatus::ALL
                                        .iter()
                                        .map(|s| view! { <option value=s.code() selected=*s == current>{s.label()}</option> })
                                        .collect_view()}
                                </select>
                                <label for=format!("{id}-rating")>"Rating, 1 (far off) to 4 (fully met)"</label>
                                <input id=format!("{id}-rating") name="assessment[rating]" type="number" min="1" max="4" required=true />
                                <label for=format!("{id}-comment")>"Comment"</label>
                                <textarea id=format!("{id}-comment") name="assessment[comment]" rows="2"></textarea>
                                <button type="submit">"Save assessment"</button>
                            </ActionForm>
                        </details>
                    }
                })
                .collect_view()}
        </li>
    }
}

/// The joint review rounds, and (for planners, on a signed version) the
/// form that opens one.
#[component]
pub(super) fn Reviews(
    code: String,
    rounds: Vec<ReviewRound>,
    compact_id: i32,
    can_open: bool,
    action: ServerAction<OpenReview>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    view! {
        <h2>"Joint reviews"</h2>
        {if rounds.is_empty() {
            view! { <p class="muted">"No review round yet."</p> }.into_any()
        } else {
            view! {
                <ul>
                    {rounds
                        .into_iter()
                        .map(|r| {
                            let state = match r.closed_on {
                                Some(day) => format!("closed {day}"),
                                None => format!("open since {}", r.opened_on),
                            };
                            view! {
                                <li>
                                    <a href=format!("/countries/{code}/compact/reviews/{}", r.id)>{r.title}</a>
                                    {format!(" (version {}, {state})", r.compact_version)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {can_open.then(|| view! {
            <details class="edit">
                <summary>"Open a review round"</summary>
                <ActionForm action attr:class="stack narrow">
                    <CsrfField />
                    <OnceField fresh=Signal::derive(move || action.version().get()) />
                    <input type="hidden" name="compact_id" value=compact_id />
                    <label for="round_title">"Title"</label>
                    <input id="round_title" name="round_title" required=true maxlength="200" />
                    <label for="opened_on">"Opens on"</label>
                    <input id="opened_on" name="opened_on" type="date" required=true value=today.to_string() />
                    <button type="submit">"Open the round"</button>
                </ActionForm>
            </details>
        })}
    }
}
