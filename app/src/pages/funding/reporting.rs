//! Reporting rounds: each round with who has answered, the forms a partner
//! answers with and a planner closes it with, and the form that opens one.

use leptos::prelude::*;

use crate::components::{CsrfField, OnceField};
use crate::i18n::td_string;
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
    let locale = crate::language::current();
    let (answered, expected) = round.answered();
    let is_open = round.closed_on.is_none();
    let state = match round.closed_on {
        Some(closed) => td_string!(locale, activities.round_closed, date = closed).to_string(),
        None => td_string!(locale, activities.round_open, date = round.due_on).to_string(),
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
            <p>
                {td_string!(
                    locale,
                    activities.round_summary,
                    year = round.fiscal_year_label.clone(),
                    state,
                    answered,
                    expected,
                )
                    .to_string()}
            </p>
            {own.map(|(org, (current, version))| {
                let code = code.clone();
                view! {
                    <div class="respond">
                        <p>
                            {td_string!(
                                locale,
                                activities.has_answered,
                                name = org.name.clone(),
                                answer = current.map_or(td_string!(locale, activities.not_yet_lower), ResponseStatus::label),
                            )
                                .to_string()}
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
                                    <button type="submit">{td_string!(locale, activities.mark_as, status = status.label().to_lowercase()).to_string()}</button>
                                </ActionForm>
                            }})
                            .collect_view()}
                    </div>
                }
            })}
            <div class="table-wrap">
                <table class="compliance">
                    <caption>{td_string!(locale, activities.who_has_answered, title = round.title.clone()).to_string()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, activities.partner)}</th>
                            <th scope="col">{td_string!(locale, activities.answer)}</th>
                            <th scope="col">{td_string!(locale, activities.when_utc)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {round
                            .compliance
                            .into_iter()
                            .map(|c| view! {
                                <tr class=if c.status.is_some() { "answered" } else { "missing" }>
                                    <th scope="row">{c.organisation.name}</th>
                                    <td>{c.status.map_or(td_string!(locale, activities.not_yet), ResponseStatus::label)}</td>
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
                    <button type="submit">{td_string!(locale, activities.close_round)}</button>
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
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, activities.open_round_heading)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <label for="round_title">{td_string!(locale, activities.title_field)}</label>
                <input id="round_title" name="round_title" required=true maxlength="200" />
                <label for="round_fiscal_year">{td_string!(locale, activities.fiscal_year_it_starts)}</label>
                <input id="round_fiscal_year" name="round_fiscal_year" inputmode="numeric" required=true />
                <label for="due_on">{td_string!(locale, activities.answers_due_by)}</label>
                <input id="due_on" name="due_on" type="date" required=true />
                <button type="submit">{td_string!(locale, activities.open_round)}</button>
            </ActionForm>
        </details>
    }
}
