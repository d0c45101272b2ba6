//! The forms of the transition plan: the mission and its drawdown, its
//! phases, and the functions it hands over, each to add and to correct.
//! Every correction carries the version it was opened at.

use leptos::prelude::*;

use super::Actions;
use crate::components::{CsrfField, OnceField};
use crate::i18n::td_string;
use crate::server_fns::{AddDrawdownPhase, AddTransitionFunction, SetTransitionPlan};
use crate::types::{
    DrawdownPhase, FunctionKind, Kept, Organisation, Readiness, TransitionFunction, TransitionPlan,
};

#[component]
pub(super) fn PlanForm(
    code: String,
    plan: Option<TransitionPlan>,
    action: ServerAction<SetTransitionPlan>,
) -> impl IntoView {
    let value = |f: fn(&TransitionPlan) -> String| plan.as_ref().map(f).unwrap_or_default();
    let mission = value(|p| p.mission_name.clone());
    let mandate_end = value(|p| p.mandate_end.to_string());
    let drawdown_start = value(|p| p.drawdown_start.to_string());
    let drawdown_end = value(|p| p.drawdown_end.to_string());
    let open = plan.is_none();
    let version = plan.as_ref().map(|p| p.version);
    let locale = crate::language::current();
    view! {
        <details class="edit" open=open>
            <summary>{td_string!(locale, transition.mission_and_drawdown)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
                <label for="mission_name">{td_string!(locale, transition.mission)}</label>
                <input id="mission_name" name="mission_name" required=true maxlength="200" value=mission />
                <label for="mandate_end">{td_string!(locale, transition.mandate_ends)}</label>
                <input id="mandate_end" name="mandate_end" type="date" required=true value=mandate_end />
                <label for="drawdown_start">{td_string!(locale, transition.drawdown_starts)}</label>
                <input id="drawdown_start" name="drawdown_start" type="date" required=true value=drawdown_start />
                <label for="drawdown_end">{td_string!(locale, transition.drawdown_ends)}</label>
                <input id="drawdown_end" name="drawdown_end" type="date" required=true value=drawdown_end />
                <button type="submit">{td_string!(locale, transition.save_mission)}</button>
            </ActionForm>
        </details>
    }
}

/// The inputs of a function, blank or as `value` has them, or as `kept`
/// has them when the server refused them. Their ids start with `prefix`,
/// so several forms can share a page.
#[component]
fn FunctionFields(
    prefix: String,
    organisations: Vec<Organisation>,
    priorities: Vec<(String, String)>,
    value: Option<TransitionFunction>,
    #[prop(optional)] kept: Kept,
) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}{field}");
    let v = value.as_ref();
    let kind = v.map(|f| f.kind);
    let readiness = v.map(|f| f.readiness);
    let owner = v.map(|f| f.future_owner_id);
    let served = v.and_then(|f| f.priority_code.clone());
    let amount = |name: &str, f: fn(&TransitionFunction) -> rust_decimal::Decimal| {
        kept.text(
            name,
            v.map(|x| f(x).normalize().to_string()).unwrap_or_default(),
        )
    };
    let text = |name: &str, f: fn(&TransitionFunction) -> String, blank: &str| {
        kept.text(name, v.map_or_else(|| blank.to_string(), f))
    };
    let locale = crate::language::current();
    view! {
        <label for=id("kind")>{td_string!(locale, transition.kind)}</label>
        <select id=id("kind") name="function[kind]">
            {FunctionKind::ALL
                .iter()
                .map(|k| view! { <option value=k.code() selected=kept.chosen("function[kind]", k.code(), kind == Some(*k))>{k.label()}</option> })
                .collect_view()}
        </select>
        <label for=id("function-name")>{td_string!(locale, transition.function)}</label>
        <input
            id=id("function-name")
            name="function[name]"
            required=true
            maxlength="200"
            value=text("function[name]", |f| f.name.clone(), "")
        />
        <label for=id("current_provider")>{td_string!(locale, transition.provided_today_by)}</label>
        <input
            id=id("current_provider")
            name="function[current_provider]"
            maxlength="200"
            value=text(
                "function[current_provider]",
                |f| f.current_provider.clone(),
                td_string!(locale, transition.default_provider),
            )
        />
        <label for=id("future_owner_id")>{td_string!(locale, transition.taken_over_by)}</label>
        <select id=id("future_owner_id") name="function[future_owner_id]">
            {organisations
                .into_iter()
                .filter(|o| o.active || owner == Some(o.id))
                .map(|o| view! { <option value=o.id selected=kept.chosen("function[future_owner_id]", o.id, owner == Some(o.id))>{o.name}</option> })
                .collect_view()}
        </select>
        <label for=id("target_handover")>{td_string!(locale, transition.target_handover)}</label>
        <input
            id=id("target_handover")
            name="function[target_handover]"
            type="date"
            required=true
            value=text("function[target_handover]", |f| f.target_handover.to_string(), "")
        />
        <label for=id("readiness")>{td_string!(locale, transition.readiness)}</label>
        <select id=id("readiness") name="function[readiness]">
            {Readiness::ALL
                .iter()
                .map(|r| view! { <option value=r.code() selected=kept.chosen("function[readiness]", r.code(), readiness == Some(*r))>{r.label()}</option> })
                .collect_view()}
        </select>
        <label for=id("priority_code")>{td_string!(locale, transition.serves_strategy_priority)}</label>
        <select id=id("priority_code") name="function[priority_code]">
            <option value="">{td_string!(locale, transition.none)}</option>
            {priorities
                .into_iter()
                .map(|(code, title)| {
                    let chosen = kept.chosen(
                        "function[priority_code]",
                        &code,
                        served.as_deref() == Some(code.as_str()),
                    );
                    view! { <option value=code.clone() selected=chosen>{format!("{code} {title}")}</option> }
                })
                .collect_view()}
        </select>
        <label for=id("mission_cost")>{td_string!(locale, transition.yearly_mission_cost)}</label>
        <input id=id("mission_cost") name="function[mission_cost]" inputmode="decimal" value=amount("function[mission_cost]", |f| f.mission_cost) />
        <label for=id("after_cost")>{td_string!(locale, transition.yearly_after_cost)}</label>
        <input id=id("after_cost") name="function[after_cost]" inputmode="decimal" value=amount("function[after_cost]", |f| f.after_cost) />
        <label for=id("secured")>{td_string!(locale, transition.yearly_secured)}</label>
        <input id=id("secured") name="function[secured]" inputmode="decimal" value=amount("function[secured]", |f| f.secured) />
    }
}

#[component]
pub(super) fn FunctionForm(
    code: String,
    organisations: Vec<Organisation>,
    priorities: Vec<(String, String)>,
    action: ServerAction<AddTransitionFunction>,
) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="add-function-heading">
            <h2 id="add-function-heading">{td_string!(locale, transition.add_a_function)}</h2>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <FunctionFields prefix=String::new() organisations priorities value=None />
                <button type="submit">{td_string!(locale, transition.add_function)}</button>
            </ActionForm>
        </section>
    }
}

/// Corrects or removes one function, as it was when the page opened.
#[component]
pub(super) fn FunctionEditForm(
    code: String,
    function: TransitionFunction,
    organisations: Vec<Organisation>,
    priorities: Vec<(String, String)>,
    actions: Actions,
    /// What the server refused when this function's correction was saved.
    kept: Kept,
) -> impl IntoView {
    let prefix = format!("function-{}-", function.id);
    let reopen = kept.is_kept();
    let (id, version) = (function.id, function.version);
    let locale = crate::language::current();
    let name = &function.name;
    let summary = td_string!(locale, transition.correct_named, name).to_string();
    let save = td_string!(locale, transition.save_named, name).to_string();
    let remove = td_string!(locale, transition.remove_named, name).to_string();
    let country = code.clone();
    view! {
        <details class="edit" open=reopen>
            <summary>{summary}</summary>
            <ActionForm action=actions.update attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=country />
                <input type="hidden" name="function_id" value=id />
                <input type="hidden" name="version" value=version />
                <FunctionFields prefix organisations priorities value=Some(function) kept />
                <button type="submit">{save}</button>
            </ActionForm>
            <ActionForm action=actions.remove attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="function_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{remove}</button>
            </ActionForm>
        </details>
    }
}

/// The inputs of a drawdown phase, blank or as `value` has them.
#[component]
fn PhaseFields(prefix: String, value: Option<DrawdownPhase>) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}{field}");
    let v = value.as_ref();
    let locale = crate::language::current();
    view! {
        <label for=id("phase_name")>{td_string!(locale, transition.phase)}</label>
        <input id=id("phase_name") name="phase_name" required=true maxlength="200" value=v.map(|p| p.name.clone()) />
        <label for=id("phase_start")>{td_string!(locale, transition.starts)}</label>
        <input id=id("phase_start") name="phase_start" type="date" required=true value=v.map(|p| p.starts_on.to_string()) />
        <label for=id("phase_end")>{td_string!(locale, transition.ends)}</label>
        <input id=id("phase_end") name="phase_end" type="date" required=true value=v.map(|p| p.ends_on.to_string()) />
    }
}

#[component]
pub(super) fn PhaseForm(code: String, action: ServerAction<AddDrawdownPhase>) -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, transition.add_drawdown_phase)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <PhaseFields prefix=String::new() value=None />
                <button type="submit">{td_string!(locale, transition.add_phase)}</button>
            </ActionForm>
        </details>
    }
}

/// Corrects or removes one phase, as it was when the page opened.
#[component]
pub(super) fn PhaseEditForm(code: String, phase: DrawdownPhase, actions: Actions) -> impl IntoView {
    let prefix = format!("phase-{}-", phase.id);
    let (id, version) = (phase.id, phase.version);
    let locale = crate::language::current();
    let name = &phase.name;
    let summary = td_string!(locale, transition.correct_named, name).to_string();
    let save = td_string!(locale, transition.save_named, name).to_string();
    let remove = td_string!(locale, transition.remove_named, name).to_string();
    let country = code.clone();
    view! {
        <details class="edit">
            <summary>{summary}</summary>
            <ActionForm action=actions.update_phase attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=country />
                <input type="hidden" name="phase_id" value=id />
                <input type="hidden" name="version" value=version />
                <PhaseFields prefix value=Some(phase) />
                <button type="submit">{save}</button>
            </ActionForm>
            <ActionForm action=actions.remove_phase attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="phase_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="danger">{remove}</button>
            </ActionForm>
        </details>
    }
}
