//! Joint review rounds: a compact's rounds with the form that opens one, and
//! a round's report, which prints cleanly and where each side assesses while
//! the round is open.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{CsrfField, ErrorPanel, FormErrors, OnceField, form_error};
use crate::i18n::{Locale, td_string};
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
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, compact.joint_review) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
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
    let locale = crate::language::current();
    let state = match round.closed_on {
        Some(date) => td_string!(locale, compact.closed_on, date).to_string(),
        None => td_string!(locale, compact.open_since, date = round.opened_on).to_string(),
    };
    let overdue: Vec<ReviewedCommitment> =
        report.overdue(view.today).into_iter().cloned().collect();
    view! {
        <p><a href=format!("/countries/{code}/compact?version={}", round.compact_version)>{td_string!(locale, compact.back_to_compact)}</a></p>
        <h1>{round.title.clone()}</h1>
        <p class="status-line">
            {td_string!(
                locale,
                compact.review_status_line,
                compact = report.compact_title.clone(),
                version = round.compact_version,
                state,
            )
                .to_string()}
        </p>
        <FormErrors error=close_error />
        {(view.can_manage && round.closed_on.is_none()).then(|| view! {
            <ActionForm action=close attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="round_id" value=round.id />
                <button type="submit">{td_string!(locale, compact.close_round)}</button>
            </ActionForm>
        })}
        <h2>{td_string!(locale, compact.outcomes)}</h2>
        <CountsTable caption=td_string!(locale, compact.all_commitments) rows=vec![report.by_outcome()] />
        <CountsTable caption=td_string!(locale, compact.by_party) rows=report.by_party() />
        <CountsTable caption=td_string!(locale, compact.by_category) rows=report.by_category() />
        <h2>{td_string!(locale, compact.overdue_heading)}</h2>
        {if overdue.is_empty() {
            view! { <p>{td_string!(locale, compact.none_overdue)}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {overdue
                        .into_iter()
                        .map(|i| view! {
                            <li>
                                {td_string!(
                                    locale,
                                    compact.overdue_item,
                                    party = i.commitment.party.clone(),
                                    text = i.commitment.text.clone(),
                                    date = i.commitment.due_on,
                                )
                                    .to_string()}
                            </li>
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h2>{td_string!(locale, compact.assessments)}</h2>
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
    let locale = crate::language::current();
    view! {
        <div class="table-wrap">
            <table class="counts">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">""</th>
                        {Outcome::ALL.iter().map(|o| view! { <th scope="col" class="num">{o.label()}</th> }).collect_view()}
                        <th scope="col" class="num">{td_string!(locale, compact.total)}</th>
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

fn assessment_text(locale: Locale, a: Option<&Assessment>) -> String {
    match a {
        Some(a) if a.comment.is_empty() => td_string!(
            locale,
            compact.assessment,
            status = a.status.label(),
            rating = a.rating,
            author = a.author.clone(),
        )
        .to_string(),
        Some(a) => td_string!(
            locale,
            compact.assessment_with_comment,
            status = a.status.label(),
            rating = a.rating,
            author = a.author.clone(),
            comment = a.comment.clone(),
        )
        .to_string(),
        None => td_string!(locale, compact.not_assessed).to_string(),
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
    let locale = crate::language::current();
    view! {
        <li class="commitment">
            <p>
                <strong>{format!("{} ({})", c.party, c.kind.label().to_lowercase())}</strong>
                {format!(
                    " · {}",
                    td_string!(locale, compact.category_due, category = c.category.label(), date = c.due_on),
                )}
            </p>
            <p>{c.text.clone()}</p>
            <dl class="facts">
                <dt>{td_string!(locale, compact.government)}</dt>
                <dd>{assessment_text(locale, item.government.as_ref())}</dd>
                {if item.partners.is_empty() {
                    view! {
                        <dt>{td_string!(locale, compact.partners)}</dt>
                        <dd>{assessment_text(locale, None)}</dd>
                    }
                        .into_any()
                } else {
                    item.partners
                        .iter()
                        .map(|a| view! {
                            <dt>{a.organisation.clone()}</dt>
                            <dd>{assessment_text(locale, Some(a))}</dd>
                        })
                        .collect_view()
                        .into_any()
                }}
                <dt>{td_string!(locale, compact.outcome)}</dt>
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
                            <summary>
                                {match side {
                                    Side::Government => td_string!(locale, compact.assess_government),
                                    Side::Partner => td_string!(locale, compact.assess_partner),
                                }}
                            </summary>
                            <ActionForm action=assess attr:class="stack narrow">
                                <CsrfField />
                                <input type="hidden" name="round_id" value=round_id />
                                <input type="hidden" name="commitment_id" value=c.id />
                                <input type="hidden" name="side" value=side.code() />
                                {revision}
                                <label for=format!("{id}-status")>{td_string!(locale, compact.status)}</label>
                                <select id=format!("{id}-status") name="assessment[status]">
                                    {CommitmentStatus::ALL
                                        .iter()
                                        .map(|s| view! { <option value=s.code() selected=*s == current>{s.label()}</option> })
                                        .collect_view()}
                                </select>
                                <label for=format!("{id}-rating")>{td_string!(locale, compact.rating)}</label>
                                <input id=format!("{id}-rating") name="assessment[rating]" type="number" min="1" max="4" required=true />
                                <label for=format!("{id}-comment")>{td_string!(locale, compact.comment)}</label>
                                <textarea id=format!("{id}-comment") name="assessment[comment]" rows="2"></textarea>
                                <button type="submit">{td_string!(locale, compact.save_assessment)}</button>
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
    let locale = crate::language::current();
    view! {
        <h2>{td_string!(locale, compact.joint_reviews)}</h2>
        {if rounds.is_empty() {
            view! { <p class="muted">{td_string!(locale, compact.no_review_round)}</p> }.into_any()
        } else {
            view! {
                <ul>
                    {rounds
                        .into_iter()
                        .map(|r| {
                            let state = match r.closed_on {
                                Some(date) => td_string!(locale, compact.round_closed, date).to_string(),
                                None => td_string!(locale, compact.open_since, date = r.opened_on).to_string(),
                            };
                            view! {
                                <li>
                                    <a href=format!("/countries/{code}/compact/reviews/{}", r.id)>{r.title}</a>
                                    {format!(
                                        " {}",
                                        td_string!(locale, compact.round_version_state, version = r.compact_version, state),
                                    )}
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
                <summary>{td_string!(locale, compact.open_review_round)}</summary>
                <ActionForm action attr:class="stack narrow">
                    <CsrfField />
                    <OnceField fresh=Signal::derive(move || action.version().get()) />
                    <input type="hidden" name="compact_id" value=compact_id />
                    <label for="round_title">{td_string!(locale, compact.round_title)}</label>
                    <input id="round_title" name="round_title" required=true maxlength="200" />
                    <label for="opened_on">{td_string!(locale, compact.opens_on)}</label>
                    <input id="opened_on" name="opened_on" type="date" required=true value=today.to_string() />
                    <button type="submit">{td_string!(locale, compact.open_round)}</button>
                </ActionForm>
            </details>
        })}
    }
}
