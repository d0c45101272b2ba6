//! The indicators page: definitions, baselines and targets, with the forms
//! that define an indicator and set a target.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::shown;
use crate::components::{CsrfField, ErrorPanel, FormErrors, OnceField, form_error, successes};
use crate::i18n::td_string;
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
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.area_indicators) />
        <h1>{td_string!(locale, common.area_indicators)}</h1>
        <p class="lead">{td_string!(locale, indicators.indicators_lead)}</p>
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(IndicatorsView { indicators, can_edit, organisations, undefined_formulas, pillars }) => {
                        let code = code.get_untracked();
                        let codes: Vec<(String, String)> = indicators.iter().map(|i| (i.code.clone(), i.name.clone())).collect();
                        view! {
                            <p>
                                <a href=format!("/countries/{code}/dashboard")>{td_string!(locale, indicators.dashboard_link)}</a>
                                {td_string!(locale, indicators.dashboard_link_rest)}
                            </p>
                            <div class="table-wrap">
                                <table>
                                    <caption>{td_string!(locale, indicators.indicator_count, count = indicators.len()).to_string()}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{td_string!(locale, indicators.code)}</th>
                                            <th scope="col">{td_string!(locale, indicators.indicator)}</th>
                                            <th scope="col">{td_string!(locale, indicators.kind)}</th>
                                            <th scope="col">{td_string!(locale, indicators.pillar)}</th>
                                            <th scope="col">{td_string!(locale, indicators.owner)}</th>
                                            <th scope="col">{td_string!(locale, indicators.baseline)}</th>
                                            <th scope="col">{td_string!(locale, indicators.targets)}</th>
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
    let locale = crate::language::current();
    let unit = indicator.unit;
    // Money is in the country's reporting currency; the code stands in.
    let show = move |v| shown(Some(v), unit, "");
    let kind = match indicator.formula {
        Some(_) => td_string!(locale, indicators.computed),
        None => td_string!(locale, indicators.entered),
    };
    let baseline = indicator.baseline.as_ref().map(|b| {
        let (value, date) = (show(b.value), crate::language::date(locale, b.date));
        td_string!(locale, indicators.baseline_with_date, value, date).to_string()
    });
    let targets = indicator
        .targets
        .iter()
        .map(|t| {
            let (year, value) = (&t.fiscal_year_label, show(t.value));
            td_string!(locale, indicators.year_value, year, value).to_string()
        })
        .collect::<Vec<_>>()
        .join(td_string!(locale, indicators.list_separator));
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
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, indicators.set_a_target)}</summary>
            <p class="muted">{td_string!(locale, indicators.set_a_target_help)}</p>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="target_indicator">{td_string!(locale, indicators.indicator)}</label>
                <select id="target_indicator" name="indicator" required=true>
                    {indicators
                        .into_iter()
                        .map(|(code, name)| view! { <option value=code>{name}</option> })
                        .collect_view()}
                </select>
                <label for="target_fiscal_year">{td_string!(locale, indicators.fiscal_year_starts)}</label>
                <input id="target_fiscal_year" name="target_fiscal_year" inputmode="numeric" required=true />
                <label for="target_value">{td_string!(locale, indicators.target_share_help)}</label>
                <input id="target_value" name="target_value" inputmode="decimal" required=true />
                <button type="submit">{td_string!(locale, indicators.set_the_target)}</button>
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
    let locale = crate::language::current();
    view! {
        <details class="edit">
            <summary>{td_string!(locale, indicators.define_an_indicator)}</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <OnceField fresh=Signal::derive(move || action.version().get()) />
                <input type="hidden" name="country" value=code />
                <label for="formula">{td_string!(locale, indicators.computed_by)}</label>
                <select id="formula" name="indicator[formula]">
                    <option value="">{td_string!(locale, indicators.entered_by_owner)}</option>
                    {undefined_formulas
                        .into_iter()
                        .map(|f| view! { <option value=f.code()>{f.label()}</option> })
                        .collect_view()}
                </select>
                <label for="code">{td_string!(locale, indicators.code_help)}</label>
                <input id="code" name="indicator[code]" maxlength="40" />
                <label for="name">{td_string!(locale, indicators.name)}</label>
                <input id="name" name="indicator[name]" required=true maxlength="200" />
                <label for="definition">{td_string!(locale, indicators.definition)}</label>
                <textarea id="definition" name="indicator[definition]" rows="3" required=true maxlength="2000"></textarea>
                <label for="unit">{td_string!(locale, indicators.unit_entered)}</label>
                <select id="unit" name="indicator[unit]">
                    {Unit::ALL.iter().map(|u| view! { <option value=u.code()>{u.label()}</option> }).collect_view()}
                </select>
                <label for="direction">{td_string!(locale, indicators.direction_entered)}</label>
                <select id="direction" name="indicator[direction]">
                    {Direction::ALL.iter().map(|d| view! { <option value=d.code()>{d.label()}</option> }).collect_view()}
                </select>
                <label for="pillar">{td_string!(locale, indicators.pillar)}</label>
                <select id="pillar" name="indicator[pillar]">
                    <option value="">{td_string!(locale, indicators.cross_cutting)}</option>
                    {pillars.into_iter().map(|(n, title)| view! { <option value=n>{format!("{n}. {title}")}</option> }).collect_view()}
                </select>
                <label for="owner">{td_string!(locale, indicators.owner_who_enters)}</label>
                <select id="owner" name="indicator[owner]">
                    <option value="">{td_string!(locale, indicators.government_planners)}</option>
                    {organisations.into_iter().map(|o| view! { <option value=o.id>{o.name}</option> }).collect_view()}
                </select>
                <label for="baseline_value">{td_string!(locale, indicators.baseline_value)}</label>
                <input id="baseline_value" name="indicator[baseline_value]" inputmode="decimal" />
                <label for="baseline_date">{td_string!(locale, indicators.baseline_date)}</label>
                <input id="baseline_date" name="indicator[baseline_date]" type="date" />
                <button type="submit">{td_string!(locale, indicators.define_the_indicator)}</button>
            </ActionForm>
        </details>
    }
}
