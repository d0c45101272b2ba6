//! The UN transition page: the plan with its drawdown phases, financing
//! cliff and functions to hand over, and the forms that record them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{CliffChart, CsrfField, ErrorPanel, FormErrors, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{
    AddDrawdownPhase, AddTransitionFunction, SetTransitionPlan, TransitionView, load_transition,
};
use crate::types::money::display as money;
use crate::types::{FunctionKind, Organisation, Readiness, TransitionPlan};

/// The UN transition: the functions the mission hands over and the
/// financing cliff they open.
#[component]
pub fn TransitionPage() -> impl IntoView {
    let code = country_code_param();
    let set_plan = ServerAction::<SetTransitionPlan>::new();
    let add = ServerAction::<AddTransitionFunction>::new();
    let add_phase = ServerAction::<AddDrawdownPhase>::new();
    let plan = Resource::new(
        move || {
            let changes =
                set_plan.version().get() + add.version().get() + add_phase.version().get();
            (code.get(), changes)
        },
        |(code, _)| load_transition(code),
    );
    let plan_error = form_error(set_plan.value());
    let add_error = form_error(add.value());
    let phase_error = form_error(add_phase.value());
    view! {
        <Title text="Transition" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(TransitionView { plan, can_edit, organisations, priorities }) => {
                        let code = code.get_untracked();
                        view! {
                            {match plan.clone() {
                                None => view! {
                                    <h1>"UN transition"</h1>
                                    <p>"No transition plan has been recorded for this country yet."</p>
                                }
                                    .into_any(),
                                Some(plan) => view! { <Plan plan priorities=priorities.clone() /> }.into_any(),
                            }}
                            {can_edit.then(|| view! {
                                <FormErrors error=plan_error />
                                <PlanForm code=code.clone() plan=plan.clone() action=set_plan />
                                {plan.is_some().then(|| view! {
                                    <FormErrors error=phase_error />
                                    <PhaseForm code=code.clone() action=add_phase />
                                    <FormErrors error=add_error />
                                    <FunctionForm
                                        code=code.clone()
                                        organisations=organisations.clone()
                                        priorities=priorities.clone()
                                        action=add
                                    />
                                })}
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Plan(plan: TransitionPlan, priorities: Vec<(String, String)>) -> impl IntoView {
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
                    .map(|p| view! { <li>{format!("{}: {} to {}", p.name, p.starts_on, p.ends_on)}</li> })
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
                        .into_iter()
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
                                <td>{f.readiness.label()}</td>
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
    }
}

#[component]
fn PlanForm(
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
    view! {
        <details class="edit" open=open>
            <summary>"The mission and its drawdown"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="mission_name">"Mission"</label>
                <input id="mission_name" name="mission_name" required=true maxlength="200" value=mission />
                <label for="mandate_end">"Mandate ends"</label>
                <input id="mandate_end" name="mandate_end" type="date" required=true value=mandate_end />
                <label for="drawdown_start">"Drawdown starts"</label>
                <input id="drawdown_start" name="drawdown_start" type="date" required=true value=drawdown_start />
                <label for="drawdown_end">"Drawdown ends"</label>
                <input id="drawdown_end" name="drawdown_end" type="date" required=true value=drawdown_end />
                <button type="submit">"Save the mission"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn FunctionForm(
    code: String,
    organisations: Vec<Organisation>,
    priorities: Vec<(String, String)>,
    action: ServerAction<AddTransitionFunction>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="add-function-heading">
            <h2 id="add-function-heading">"Add a function"</h2>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="kind">"Kind"</label>
                <select id="kind" name="function[kind]">
                    {FunctionKind::ALL.iter().map(|k| view! { <option value=k.code()>{k.label()}</option> }).collect_view()}
                </select>
                <label for="function-name">"Function"</label>
                <input id="function-name" name="function[name]" required=true maxlength="200" />
                <label for="current_provider">"Provided today by"</label>
                <input id="current_provider" name="function[current_provider]" value="UN mission" maxlength="200" />
                <label for="future_owner_id">"Taken over by"</label>
                <select id="future_owner_id" name="function[future_owner_id]">
                    {organisations.into_iter().map(|o| view! { <option value=o.id>{o.name}</option> }).collect_view()}
                </select>
                <label for="target_handover">"Target handover date"</label>
                <input id="target_handover" name="function[target_handover]" type="date" required=true />
                <label for="readiness">"Readiness"</label>
                <select id="readiness" name="function[readiness]">
                    {Readiness::ALL.iter().map(|r| view! { <option value=r.code()>{r.label()}</option> }).collect_view()}
                </select>
                <label for="priority_code">"Serves strategy priority"</label>
                <select id="priority_code" name="function[priority_code]">
                    <option value="">"None"</option>
                    {priorities
                        .into_iter()
                        .map(|(code, title)| view! { <option value=code.clone()>{format!("{code} {title}")}</option> })
                        .collect_view()}
                </select>
                <label for="mission_cost">"Yearly cost while the mission does it"</label>
                <input id="mission_cost" name="function[mission_cost]" inputmode="decimal" />
                <label for="after_cost">"Yearly cost after handover"</label>
                <input id="after_cost" name="function[after_cost]" inputmode="decimal" />
                <label for="secured">"Yearly funding secured after handover"</label>
                <input id="secured" name="function[secured]" inputmode="decimal" />
                <button type="submit">"Add function"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PhaseForm(code: String, action: ServerAction<AddDrawdownPhase>) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Add a drawdown phase"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="phase_name">"Phase"</label>
                <input id="phase_name" name="phase_name" required=true maxlength="200" />
                <label for="phase_start">"Starts"</label>
                <input id="phase_start" name="phase_start" type="date" required=true />
                <label for="phase_end">"Ends"</label>
                <input id="phase_end" name="phase_end" type="date" required=true />
                <button type="submit">"Add phase"</button>
            </ActionForm>
        </details>
    }
}
