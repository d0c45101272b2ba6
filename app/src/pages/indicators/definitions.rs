//! The indicators page: definitions, baselines and targets, with the forms
//! that define an indicator and set a target.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::shown;
use crate::components::{CsrfField, ErrorPanel, FormErrors, OnceField, form_error, successes};
use crate::pages::params::country_code_param;
use crate::server_fns::{DefineIndicator, IndicatorsView, SetIndicatorTarget, load_indicators};
use crate::types::{Direction, Formula, Indicator, OrganisationRef, Unit};

/// The country's indicators: definitions, baselines and targets, with the
/// planners' forms to define more and set targets.
#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let code = country_code_param();
    let define = ServerAction::<DefineIndicator>::new();
    let target = ServerAction::<SetIndicatorTarget>::new();
    // Read again after a success only: a refused form keeps what was typed.
    let (defined, targeted) = (successes(define), successes(target));
    let data = Resource::new(
        move || (code.get(), defined.get() + targeted.get()),
        |(code, _)| load_indicators(code),
    );
    let define_error = form_error(define.value());
    let target_error = form_error(target.value());
    view! {
        <Title text="Indicators" />
        <h1>"Indicators"</h1>
        <p class="lead">
            "What the government and its partners measure each other by: each indicator's definition, baseline and targets by fiscal year. Computed indicators come from the data; entered ones are measured by the organisation that owns them. An indicator's own page lists the corrections of its definition, where planners correct it and remove targets."
        </p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(IndicatorsView { indicators, can_edit, organisations, undefined_formulas, pillars }) => {
                        let code = code.get_untracked();
                        let codes: Vec<(String, String)> = indicators.iter().map(|i| (i.code.clone(), i.name.clone())).collect();
                        view! {
                            <p><a href=format!("/countries/{code}/dashboard")>"The dashboard"</a>" shows this year's values against the targets."</p>
                            <div class="table-wrap">
                                <table>
                                    <caption>{format!("{} indicators", indicators.len())}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Code"</th>
                                            <th scope="col">"Indicator"</th>
                                            <th scope="col">"Kind"</th>
                                            <th scope="col">"Pillar"</th>
                                            <th scope="col">"Owner"</th>
                                            <th scope="col">"Baseline"</th>
                                            <th scope="col">"Targets"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {indicators.into_iter().map(|i| view! { <Row indicator=i code=code.clone() /> }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {can_edit.then(|| view! {
                                <FormErrors error=target_error />
                                <TargetForm code=code.clone() indicators=codes action=target />
                                <FormErrors error=define_error />
                                <DefineForm code=code.clone() organisations undefined_formulas pillars action=define />
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
fn Row(indicator: Indicator, code: String) -> impl IntoView {
    let unit = indicator.unit;
    // Money is in the country's reporting currency; the code stands in.
    let show = move |v| shown(Some(v), unit, "");
    let kind = match indicator.formula {
        Some(_) => "Computed",
        None => "Entered",
    };
    let baseline = indicator
        .baseline
        .as_ref()
        .map(|b| format!("{} ({})", show(b.value), b.date));
    let targets = indicator
        .targets
        .iter()
        .map(|t| format!("{}: {}", t.fiscal_year_label, show(t.value)))
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <tr>
            <td><code>{indicator.code.clone()}</code></td>
            <th scope="row">
                <a href=format!("/countries/{code}/dashboard/{}", indicator.code) rel="external">{indicator.name.clone()}</a>
                <br />
                <span class="muted">{indicator.definition.clone()}</span>
            </th>
            <td>{kind}</td>
            <td>{indicator.pillar.map(|p| p.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td>{indicator.owner.map(|o| o.name).unwrap_or_else(|| "—".into())}</td>
            <td>{baseline.unwrap_or_else(|| "—".into())}</td>
            <td>{if targets.is_empty() { "—".to_string() } else { targets }}</td>
        </tr>
    }
}

#[component]
fn TargetForm(
    code: String,
    indicators: Vec<(String, String)>,
    action: ServerAction<SetIndicatorTarget>,
) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Set a target"</summary>
            <p class="muted">"For a year without one; an indicator's page changes or removes the targets it has."</p>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="target_indicator">"Indicator"</label>
                <select id="target_indicator" name="indicator" required=true>
                    {indicators
                        .into_iter()
                        .map(|(code, name)| view! { <option value=code>{name}</option> })
                        .collect_view()}
                </select>
                <label for="target_fiscal_year">"Fiscal year (the year it starts)"</label>
                <input id="target_fiscal_year" name="target_fiscal_year" inputmode="numeric" required=true />
                <label for="target_value">"Target (a share as 0.45 for 45%)"</label>
                <input id="target_value" name="target_value" inputmode="decimal" required=true />
                <button type="submit">"Set the target"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn DefineForm(
    code: String,
    organisations: Vec<OrganisationRef>,
    undefined_formulas: Vec<Formula>,
    pillars: Vec<(i32, String)>,
    action: ServerAction<DefineIndicator>,
) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Define an indicator"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <label for="formula">"Computed from the data by"</label>
                <select id="formula" name="indicator[formula]">
                    <option value="">"Nothing: it is entered by its owner"</option>
                    {undefined_formulas
                        .into_iter()
                        .map(|f| view! { <option value=f.code()>{f.label()}</option> })
                        .collect_view()}
                </select>
                <label for="code">"Code (letters, digits, . _ -; a computed one takes its formula's)"</label>
                <input id="code" name="indicator[code]" maxlength="40" />
                <label for="name">"Name"</label>
                <input id="name" name="indicator[name]" required=true maxlength="200" />
                <label for="definition">"Definition"</label>
                <textarea id="definition" name="indicator[definition]" rows="3" required=true maxlength="2000"></textarea>
                <label for="unit">"Unit (an entered indicator's)"</label>
                <select id="unit" name="indicator[unit]">
                    {Unit::ALL.iter().map(|u| view! { <option value=u.code()>{u.label()}</option> }).collect_view()}
                </select>
                <label for="direction">"Direction (an entered indicator's)"</label>
                <select id="direction" name="indicator[direction]">
                    {Direction::ALL.iter().map(|d| view! { <option value=d.code()>{d.label()}</option> }).collect_view()}
                </select>
                <label for="pillar">"Pillar"</label>
                <select id="pillar" name="indicator[pillar]">
                    <option value="">"Cross-cutting"</option>
                    {pillars.into_iter().map(|(n, title)| view! { <option value=n>{format!("{n}. {title}")}</option> }).collect_view()}
                </select>
                <label for="owner">"Owner (who enters the measurements)"</label>
                <select id="owner" name="indicator[owner]">
                    <option value="">"The government's planners"</option>
                    {organisations.into_iter().map(|o| view! { <option value=o.id>{o.name}</option> }).collect_view()}
                </select>
                <label for="baseline_value">"Baseline value"</label>
                <input id="baseline_value" name="indicator[baseline_value]" inputmode="decimal" />
                <label for="baseline_date">"Baseline date"</label>
                <input id="baseline_date" name="indicator[baseline_date]" type="date" />
                <button type="submit">"Define the indicator"</button>
            </ActionForm>
        </details>
    }
}
