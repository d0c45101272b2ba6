//! The plan as everyone reads it: the mission, its drawdown phases, the
//! financing cliff and the functions to hand over with their readiness.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::Actions;
use super::forms::{FunctionEditForm, PhaseEditForm};
use crate::components::CliffChart;
use crate::i18n::td_string;
use crate::server_fns::UpdateTransitionFunction;
use crate::types::money::display as money;
use crate::types::{KeptInput, Organisation, ReadinessStep, TransitionPlan};

#[component]
pub(super) fn Plan(
    plan: TransitionPlan,
    priorities: Vec<(String, String)>,
    /// The page's actions, the organisations a function can pass to, and
    /// what the server refused, for a reader who may correct the plan.
    editing: Option<(Actions, Vec<Organisation>, Option<KeptInput>)>,
) -> impl IntoView {
    let TransitionPlan {
        country_code: plan_country,
        mission_name,
        mandate_end,
        drawdown_start,
        drawdown_end,
        phases,
        currency,
        functions,
        cliff,
        version: _,
    } = plan;
    let locale = crate::language::current();
    view! {
        <h1>{td_string!(locale, transition.plan_heading, mission = mission_name).to_string()}</h1>
        <dl class="facts">
            <dt>{td_string!(locale, transition.mandate_ends)}</dt>
            <dd>{mandate_end.to_string()}</dd>
            <dt>{td_string!(locale, transition.drawdown)}</dt>
            <dd>{td_string!(locale, transition.date_range, start = drawdown_start, end = drawdown_end).to_string()}</dd>
            <dt>{td_string!(locale, transition.amounts)}</dt>
            <dd>{td_string!(locale, transition.per_year, currency = currency.clone()).to_string()}</dd>
        </dl>
        {(!phases.is_empty()).then(|| view! {
            <h2>{td_string!(locale, transition.drawdown_phases)}</h2>
            <ol class="phases">
                {phases
                    .into_iter()
                    .map(|p| {
                        let edit = editing.as_ref().map(|(actions, _, _)| view! {
                            <PhaseEditForm code=plan_country.clone() phase=p.clone() actions=*actions />
                        });
                        view! {
                            <li>
                                {td_string!(locale, transition.phase_dates, name = p.name.clone(), start = p.starts_on, end = p.ends_on).to_string()}
                                {edit}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        })}
        <h2>{td_string!(locale, transition.financing_cliff)}</h2>
        {if cliff.is_empty() {
            view! { <p>{td_string!(locale, transition.no_handover_date)}</p> }.into_any()
        } else {
            view! {
                <div class="chart-and-table">
                    <CliffChart years=cliff.clone() currency=String::from(currency.clone()) />
                    <div class="table-wrap">
                        <table>
                            <caption>{td_string!(locale, transition.cliff_caption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{td_string!(locale, transition.fiscal_year)}</th>
                                    <th scope="col" class="num">{td_string!(locale, transition.mission_spending_ended)}</th>
                                    <th scope="col" class="num">{td_string!(locale, transition.cost_after_handover)}</th>
                                    <th scope="col" class="num">{td_string!(locale, transition.secured)}</th>
                                    <th scope="col" class="num">{td_string!(locale, transition.gap)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {cliff
                                    .into_iter()
                                    .map(|y| view! {
                                        <tr>
                                            <th scope="row">{y.label}</th>
                                            <td class="num">{money(y.mission_cost_ended)}</td>
                                            <td class="num">{money(y.replacement_cost)}</td>
                                            <td class="num">{money(y.secured)}</td>
                                            <td class="num"><strong>{money(y.gap)}</strong></td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            }
                .into_any()
        }}
        <h2>{td_string!(locale, transition.functions_to_hand_over)}</h2>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, transition.function)}</th>
                        <th scope="col">{td_string!(locale, transition.from)}</th>
                        <th scope="col">{td_string!(locale, transition.to)}</th>
                        <th scope="col">{td_string!(locale, transition.handover)}</th>
                        <th scope="col">{td_string!(locale, transition.readiness)}</th>
                        <th scope="col">{td_string!(locale, transition.serves_priority)}</th>
                        <th scope="col" class="num">{td_string!(locale, transition.mission_cost)}</th>
                        <th scope="col" class="num">{td_string!(locale, transition.cost_after)}</th>
                        <th scope="col" class="num">{td_string!(locale, transition.secured)}</th>
                    </tr>
                </thead>
                <tbody>
                    {functions
                        .iter()
                        .cloned()
                        .map(|f| {
                            let served = f.priority_code.clone().map(|code| {
                                let title = priorities
                                    .iter()
                                    .find(|(c, _)| *c == code)
                                    .map(|(_, t)| format!(" {t}"))
                                    .unwrap_or_default();
                                let href = format!(
                                    "/countries/{}/strategy/priorities/{code}",
                                    plan_country
                                );
                                view! { <a href=href>{format!("{code}{title}")}</a> }
                            });
                            view! {
                            <tr>
                                <th scope="row">
                                    {f.name}
                                    <div class="muted">{f.kind.label()}</div>
                                </th>
                                <td>{f.current_provider}</td>
                                <td>{f.future_owner}</td>
                                <td>{f.target_handover.to_string()}</td>
                                <td>
                                    {f.readiness.label()}
                                    <ReadinessHistory steps=f.history />
                                </td>
                                <td>{served}</td>
                                <td class="num">{money(f.mission_cost)}</td>
                                <td class="num">{money(f.after_cost)}</td>
                                <td class="num">{money(f.secured)}</td>
                            </tr>
                        }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {editing.map(|(actions, organisations, kept)| view! {
            <section aria-labelledby="correct-functions-heading">
                <h2 id="correct-functions-heading">{td_string!(locale, transition.correct_a_function)}</h2>
                {functions
                    .into_iter()
                    .map(|function| view! {
                        <FunctionEditForm
                            code=plan_country.clone()
                            kept=KeptInput::of(kept.as_ref(), UpdateTransitionFunction::PATH, "function_id", function.id)
                            function
                            organisations=organisations.clone()
                            priorities=priorities.clone()
                            actions
                        />
                    })
                    .collect_view()}
            </section>
        })}
    }
}

/// How a function's readiness moved, oldest first, when it has moved.
#[component]
fn ReadinessHistory(steps: Vec<ReadinessStep>) -> impl IntoView {
    let locale = crate::language::current();
    (steps.len() > 1).then(|| {
        let text = steps
            .iter()
            .map(|s| {
                td_string!(locale, transition.readiness_on, readiness = s.readiness.label(), date = s.on)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(td_string!(locale, transition.then));
        view! { <div class="muted">{td_string!(locale, transition.history, steps = text).to_string()}</div> }
    })
}
