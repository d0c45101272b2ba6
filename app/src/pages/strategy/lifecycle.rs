//! A strategy's versions and lifecycle: the links between versions, the
//! forms that send a draft to consultation, endorse it or start a new draft,
//! the form that changes a draft's title, vision and period, and the form
//! that creates the first draft.

use leptos::prelude::*;

use crate::components::CsrfField;
use crate::i18n::td_string;
use crate::server_fns::{
    CreateStrategy, EndorseStrategy, RedraftStrategy, ReviseStrategy, SendStrategyToConsultation,
    VersionSummary,
};
use crate::types::{Strategy, StrategyStatus};

#[component]
pub(super) fn VersionNav(code: String, versions: Vec<VersionSummary>, shown: i32) -> impl IntoView {
    let options = versions.clone();
    let locale = crate::language::current();
    view! {
        <nav class="versions" aria-label=td_string!(locale, strategy.versions)>
            <span>{td_string!(locale, strategy.versions_list)}</span>
            {versions
                .into_iter()
                .map(|v| {
                    let label = format!("{} ({})", v.version, v.status.label().to_lowercase());
                    if v.version == shown {
                        view! { <strong aria-current="page">{label}</strong> }.into_any()
                    } else {
                        view! { <a href=format!("/countries/{code}/strategy?version={}", v.version)>{label}</a> }.into_any()
                    }
                })
                .collect_view()}
        </nav>
        {(options.len() > 1).then(|| view! {
            <form method="get" action=format!("/countries/{code}/strategy/compare") class="filters">
                <label for="from">{td_string!(locale, strategy.compare_version)}</label>
                <select id="from" name="from">
                    {options.iter().map(|v| view! { <option value=v.version>{v.version}</option> }).collect_view()}
                </select>
                <label for="to">{td_string!(locale, strategy.with_version)}</label>
                <select id="to" name="to">
                    {options
                        .iter()
                        .map(|v| view! { <option value=v.version selected=v.version == shown>{v.version}</option> })
                        .collect_view()}
                </select>
                <button type="submit">{td_string!(locale, strategy.compare)}</button>
            </form>
        })}
    }
}

#[component]
pub(super) fn Lifecycle(
    strategy_id: i32,
    status: StrategyStatus,
    open_draft: bool,
    consult: ServerAction<SendStrategyToConsultation>,
    endorse: ServerAction<EndorseStrategy>,
    redraft: ServerAction<RedraftStrategy>,
) -> impl IntoView {
    let locale = crate::language::current();
    let step = |label: &'static str, form: AnyView| {
        view! {
            <div class="lifecycle">
                {form}
                <span class="muted">{label}</span>
            </div>
        }
    };
    match status {
        StrategyStatus::Draft => step(
            td_string!(locale, strategy.consultation_note),
            view! {
                <ActionForm action=consult attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <button type="submit">{td_string!(locale, strategy.send_to_consultation)}</button>
                </ActionForm>
            }
            .into_any(),
        )
        .into_any(),
        StrategyStatus::Consultation => step(
            td_string!(locale, strategy.endorse_note),
            view! {
                <ActionForm action=endorse attr:class="stack narrow">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <label for="endorsed_by">{td_string!(locale, strategy.endorsed_by_label)}</label>
                    <input id="endorsed_by" name="endorsed_by" required=true maxlength="200" />
                    <label for="endorsed_on">{td_string!(locale, strategy.endorsed_on_label)}</label>
                    <input id="endorsed_on" name="endorsed_on" type="date" required=true />
                    <label for="endorsement_url">{td_string!(locale, strategy.record_link_optional)}</label>
                    <input id="endorsement_url" name="endorsement_url" type="url" maxlength="500" />
                    <button type="submit">{td_string!(locale, strategy.endorse)}</button>
                </ActionForm>
            }
            .into_any(),
        )
        .into_any(),
        StrategyStatus::Endorsed if !open_draft => step(
            td_string!(locale, strategy.redraft_note),
            view! {
                <ActionForm action=redraft attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="strategy_id" value=strategy_id />
                    <button type="submit">{td_string!(locale, strategy.start_new_draft)}</button>
                </ActionForm>
            }
            .into_any(),
        )
        .into_any(),
        StrategyStatus::Endorsed => ().into_any(),
    }
}

#[component]
pub(super) fn NewStrategyForm(code: String, action: ServerAction<CreateStrategy>) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <h2>{td_string!(locale, strategy.start_strategy)}</h2>
        <ActionForm action attr:class="stack narrow">
            <CsrfField />
            <input type="hidden" name="country" value=code />
            <label for="title">{td_string!(locale, strategy.title)}</label>
            <input id="title" name="title" required=true maxlength="300" />
            <label for="first_fiscal_year">{td_string!(locale, strategy.first_fiscal_year)}</label>
            <input id="first_fiscal_year" name="first_fiscal_year" type="number" min="2000" max="2100" required=true />
            <label for="last_fiscal_year">{td_string!(locale, strategy.last_fiscal_year)}</label>
            <input id="last_fiscal_year" name="last_fiscal_year" type="number" min="2000" max="2100" required=true />
            <label for="vision">{td_string!(locale, strategy.vision)}</label>
            <textarea id="vision" name="vision" rows="3"></textarea>
            <button type="submit">{td_string!(locale, strategy.create_draft)}</button>
        </ActionForm>
    }
}

/// Changes a draft's title, vision and period, as they were when the page
/// opened (its revision).
#[component]
pub(super) fn ReviseForm(
    strategy: Strategy,
    action: ServerAction<ReviseStrategy>,
) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, strategy.change_title_vision_period)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="strategy_id" value=strategy.id />
                <input type="hidden" name="revision" value=strategy.revision />
                <label for="revise-title">{td_string!(locale, strategy.title)}</label>
                <input id="revise-title" name="title" required=true maxlength="300" value=strategy.title />
                <label for="revise-first">{td_string!(locale, strategy.first_fiscal_year)}</label>
                <input id="revise-first" name="first_fiscal_year" type="number" min="2000" max="2100" required=true value=strategy.first_fiscal_year />
                <label for="revise-last">{td_string!(locale, strategy.last_fiscal_year)}</label>
                <input id="revise-last" name="last_fiscal_year" type="number" min="2000" max="2100" required=true value=strategy.last_fiscal_year />
                <label for="revise-vision">{td_string!(locale, strategy.vision)}</label>
                <textarea id="revise-vision" name="vision" rows="3">{strategy.vision}</textarea>
                <button type="submit">{td_string!(locale, strategy.save_strategy)}</button>
            </ActionForm>
        </details>
    }
}
