//! The plan as everyone reads it: the mission, its drawdown phases, the
//! financing cliff and the functions to hand over with their readiness.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::Actions;
use super::forms::{FunctionEditForm, PhaseEditForm};
use crate::components::CliffChart;
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
    view! {
        <h1>{format!("Transition from the {mission_name}")}</h1>
        <dl class="facts">
            <dt>"Mandate ends"</dt>
            <dd>{mandate_end.to_string()}</dd>
            <dt>"Drawdown"</dt>
            <dd>{format!("{drawdown_start} to {drawdown_end}")}</dd>
            <dt>"Amounts"</dt>
            <dd>{format!("{currency} a year")}</dd>
        </dl>
        {(!phases.is_empty()).then(|| view! {
            <h2>"Drawdown phases"</h2>
            <ol class="phases">
                {phases
                    .into_iter()
                    .map(|p| {
                        let edit = editing.as_ref().map(|(actions, _, _)| view! {
                            <PhaseEditForm code=plan_country.clone() phase=p.clone() actions=*actions />
                        });
                        view! {
                            <li>
                                {format!("{}: {} to {}", p.name, p.starts_on, p.ends_on)}
                                {edit}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        })}
        <h2>"Financing cliff"</h2>
        {if cliff.is_empty() {
            view! { <p>"No function has a handover date yet."</p> }.into_any()
        } else {
            view! {
                <div class="chart-and-table">
                    <CliffChart years=cliff.clone() currency=String::from(currency.clone()) />
                    <div class="table-wrap">
                        <table>
                            <caption>"By fiscal year, for the functions handed over by its end"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Fiscal year"</th>
                                    <th scope="col" class="num">"Mission spending ended"</th>
                                    <th scope="col" class="num">"Cost after handover"</th>
                                    <th scope="col" class="num">"Secured"</th>
                                    <th scope="col" class="num">"Gap"</th>
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
        <h2>"Functions to hand over"</h2>
        <div class="table-wrap">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Function"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"To"</th>
                        <th scope="col">"Handover"</th>
                        <th scope="col">"Readiness"</th>
                        <th scope="col">"Serves priority"</th>
                        <th scope="col" class="num">"Mission cost"</th>
                        <th scope="col" class="num">"Cost after"</th>
                        <th scope="col" class="num">"Secured"</th>
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
                <h2 id="correct-functions-heading">"Correct a function"</h2>
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
    (steps.len() > 1).then(|| {
        let text = steps
            .iter()
            .map(|s| format!("{} on {}", s.readiness.label(), s.on))
            .collect::<Vec<_>>()
            .join(", then ");
        view! { <div class="muted">{format!("History: {text}")}</div> }
    })
}
