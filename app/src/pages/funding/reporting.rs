//! Reporting rounds: each round with who has answered, the forms a partner
//! answers with and a planner closes it with, and the form that opens one.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::server_fns::{CloseReportingRound, OpenReportingRound, RespondToRound};
use crate::types::{OrganisationRef, ReportingRound, ResponseStatus};

/// One reporting round: its state, who has answered, and the forms of the
/// reader's organisation and of planners.
#[component]
pub(super) fn Round(
    round: ReportingRound,
    code: String,
    respondent: Option<OrganisationRef>,
    can_manage: bool,
    close: ServerAction<CloseReportingRound>,
    respond: ServerAction<RespondToRound>,
) -> impl IntoView {
    let (answered, expected) = round.answered();
    let is_open = round.closed_on.is_none();
    let state = match round.closed_on {
        Some(closed) => format!("closed {closed}"),
        None => format!("open, due {}", round.due_on),
    };
    let own = respondent.filter(|_| is_open).map(|org| {
        let current = round
            .compliance
            .iter()
            .find(|c| c.organisation.id == org.id)
            .map(|c| (c.status, c.version))
            .unwrap_or_default();
        (org, current)
    });
    let round_id = round.id;
    view! {
        <section class="round" aria-label=round.title.clone()>
            <h3>{round.title.clone()}</h3>
            <p>{format!("{}: {state}; {answered} of {expected} partners answered.", round.fiscal_year_label)}</p>
            {own.map(|(org, (current, version))| {
                let code = code.clone();
                view! {
                    <div class="respond">
                        <p>
                            {format!("{} has answered: {}.", org.name, current.map_or("not yet", ResponseStatus::label))}
                        </p>
                        {ResponseStatus::ALL
                            .iter()
                            .map(|status| {
                                let code = code.clone();
                                view! {
                                <ActionForm action=respond attr:class="inline-form">
                                    <CsrfField />
                                    <input type="hidden" name="country" value=code />
                                    <input type="hidden" name="round_id" value=round_id />
                                    <input type="hidden" name="organisation_id" value=org.id />
                                    <input type="hidden" name="status" value=status.code() />
                                    {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
                                    <button type="submit">{format!("Mark: {}", status.label().to_lowercase())}</button>
                                </ActionForm>
                            }})
                            .collect_view()}
                    </div>
                }
            })}
            <div class="table-wrap">
                <table class="compliance">
                    <caption>{format!("Who has answered {}", round.title)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Partner"</th>
                            <th scope="col">"Answer"</th>
                            <th scope="col">"When (UTC)"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {round
                            .compliance
                            .into_iter()
                            .map(|c| view! {
                                <tr class=if c.status.is_some() { "answered" } else { "missing" }>
                                    <th scope="row">{c.organisation.name}</th>
                                    <td>{c.status.map_or("Not yet", ResponseStatus::label)}</td>
                                    <td>{c.at.map(|at| at.format("%Y-%m-%d %H:%M").to_string())}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {(can_manage && is_open).then(|| view! {
                <ActionForm action=close attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="country" value=code.clone() />
                    <input type="hidden" name="round_id" value=round_id />
                    <button type="submit">"Close this round"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
pub(super) fn OpenRoundForm(
    code: String,
    action: ServerAction<OpenReportingRound>,
) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Open a reporting round"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <label for="round_title">"Title"</label>
                <input id="round_title" name="round_title" required=true maxlength="200" />
                <label for="round_fiscal_year">"Fiscal year (the year it starts)"</label>
                <input id="round_fiscal_year" name="round_fiscal_year" inputmode="numeric" required=true />
                <label for="due_on">"Answers due by"</label>
                <input id="due_on" name="due_on" type="date" required=true />
                <button type="submit">"Open the round"</button>
            </ActionForm>
        </details>
    }
}
