//! An indicator's corrections on its page: the definition's changes as the
//! audit keeps them, its targets with the planners' change and removal
//! forms, and the form that corrects the definition. Each form names the
//! version it was opened at.

use leptos::prelude::*;

use crate::components::{CsrfField, FormErrors, shown};
use crate::i18n::td_string;
use crate::server_fns::{RemoveIndicatorTarget, SetIndicatorTarget, UpdateIndicator};
use crate::types::{DefinitionChange, Direction, Indicator, Kept, OrganisationRef, Unit};

/// The definition's corrections, newest first. Past readings are shown
/// under the definition as it stands now; this list says what changed.
#[component]
pub(super) fn DefinitionChanges(changes: Vec<DefinitionChange>) -> impl IntoView {
    let locale = crate::language::current();
    (!changes.is_empty()).then(|| {
        view! {
            <section aria-labelledby="changes-heading">
                <h2 id="changes-heading">{td_string!(locale, indicators.changes_heading)}</h2>
                <p>{td_string!(locale, indicators.changes_intro)}</p>
                <ul>
                    {changes
                        .into_iter()
                        .map(|c| view! { <li>{c.sentence()}</li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// The indicator's targets; a planner may change or remove each.
#[component]
pub(super) fn Targets(
    code: String,
    indicator: Indicator,
    currency: String,
    can_edit: bool,
    actions: (
        ServerAction<SetIndicatorTarget>,
        ServerAction<RemoveIndicatorTarget>,
    ),
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let locale = crate::language::current();
    if indicator.targets.is_empty() {
        return view! { <p>{td_string!(locale, indicators.no_targets)}</p> }.into_any();
    }
    let (change, remove) = actions;
    let unit = indicator.unit;
    let rows = indicator
        .targets
        .into_iter()
        .map(|t| {
            let (country, key) = (code.clone(), indicator.code.clone());
            let (change_country, change_key) = (country.clone(), key.clone());
            let year = &t.fiscal_year_label;
            let label = td_string!(locale, indicators.remove_target_of, year).to_string();
            let field = format!("target-{}-value", t.fiscal_year);
            let change_label = td_string!(locale, indicators.new_target_for, year).to_string();
            let value = super::form_value(locale, t.value);
            let forms = can_edit.then(|| {
                view! {
                    <td>
                        <ActionForm action=change attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="country" value=change_country />
                            <input type="hidden" name="indicator" value=change_key />
                            <input type="hidden" name="target_fiscal_year" value=t.fiscal_year />
                            <input type="hidden" name="target_version" value=t.version />
                            <label for=field.clone()>{change_label}</label>
                            <input id=field name="target_value" inputmode="decimal" required=true value=value />
                            <button type="submit">{td_string!(locale, indicators.change)}</button>
                        </ActionForm>
                    </td>
                    <td>
                        <ActionForm action=remove attr:class="inline-form">
                            <CsrfField />
                            <input type="hidden" name="country" value=country />
                            <input type="hidden" name="indicator" value=key />
                            <input type="hidden" name="fiscal_year" value=t.fiscal_year />
                            <input type="hidden" name="version" value=t.version />
                            <button type="submit" class="danger">{label}</button>
                        </ActionForm>
                    </td>
                }
            });
            view! {
                <tr>
                    <th scope="row">{t.fiscal_year_label.clone()}</th>
                    <td class="num">{shown(Some(t.value), unit, &currency)}</td>
                    {forms}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="targets-heading">
            <h2 id="targets-heading">{td_string!(locale, indicators.targets)}</h2>
            {can_edit.then(|| view! { <FormErrors error /> })}
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, indicators.fiscal_year)}</th>
                            <th scope="col" class="num">{td_string!(locale, indicators.target)}</th>
                            {can_edit.then(|| view! {
                                <th scope="col">{td_string!(locale, indicators.change)}</th>
                                <th scope="col">{td_string!(locale, indicators.remove)}</th>
                            })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// A planner's correction of the definition, as it was when the page
/// opened, or as the planner typed it when the server refused it.
#[component]
pub(super) fn DefinitionForm(
    code: String,
    indicator: Indicator,
    organisations: Vec<OrganisationRef>,
    pillars: Vec<(i32, String)>,
    action: ServerAction<UpdateIndicator>,
    error: Signal<Option<crate::AppError>>,
    kept: Kept,
) -> impl IntoView {
    let locale = crate::language::current();
    let reopen = kept.is_kept();
    let owner = indicator.owner.as_ref().map(|o| o.id);
    let (unit, direction, pillar) = (indicator.unit, indicator.direction, indicator.pillar);
    let baseline = indicator.baseline.clone();
    let name = kept.text("indicator[name]", indicator.name.clone());
    let definition = kept.text("indicator[definition]", indicator.definition.clone());
    let baseline_value = kept.text(
        "indicator[baseline_value]",
        baseline
            .as_ref()
            .map(|b| super::form_value(locale, b.value))
            .unwrap_or_default(),
    );
    let baseline_date = kept.text(
        "indicator[baseline_date]",
        baseline
            .as_ref()
            .map(|b| b.date.to_string())
            .unwrap_or_default(),
    );
    let no_pillar = kept.chosen("indicator[pillar]", "", pillar.is_none());
    let no_owner = kept.chosen("indicator[owner]", "", owner.is_none());
    let entered = indicator.formula.is_none().then(|| {
        view! {
            <label for="edit-unit">{td_string!(locale, indicators.unit)}</label>
            <select id="edit-unit" name="indicator[unit]">
                {Unit::ALL
                    .iter()
                    .map(|u| {
                        let chosen = kept.chosen("indicator[unit]", u.code(), *u == unit);
                        view! { <option value=u.code() selected=chosen>{u.label()}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="edit-direction">{td_string!(locale, indicators.direction)}</label>
            <select id="edit-direction" name="indicator[direction]">
                {Direction::ALL
                    .iter()
                    .map(|d| {
                        let chosen = kept.chosen("indicator[direction]", d.code(), *d == direction);
                        view! { <option value=d.code() selected=chosen>{d.label()}</option> }
                    })
                    .collect_view()}
            </select>
        }
    });
    let pillar_options = pillars
        .into_iter()
        .map(|(n, title)| {
            let chosen = kept.chosen("indicator[pillar]", n, pillar == Some(n));
            view! { <option value=n selected=chosen>{format!("{n}. {title}")}</option> }
        })
        .collect_view();
    let owner_options = organisations
        .into_iter()
        .map(|o| {
            let chosen = kept.chosen("indicator[owner]", o.id, owner == Some(o.id));
            view! { <option value=o.id selected=chosen>{o.name}</option> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="correct-heading">
            <h2 id="correct-heading">{td_string!(locale, indicators.correct_the_definition)}</h2>
            <FormErrors error />
            <details class="edit" open=reopen>
                <summary>{td_string!(locale, indicators.correct_name, name = &indicator.name).to_string()}</summary>
                <ActionForm action attr:class="stack narrow">
                    <CsrfField />
                    <input type="hidden" name="country" value=code />
                    <input type="hidden" name="indicator_id" value=indicator.id />
                    <input type="hidden" name="version" value=indicator.version />
                    <label for="edit-name">{td_string!(locale, indicators.name)}</label>
                    <input id="edit-name" name="indicator[name]" required=true maxlength="200" value=name />
                    <label for="edit-definition">{td_string!(locale, indicators.definition)}</label>
                    <textarea id="edit-definition" name="indicator[definition]" rows="3" required=true maxlength="2000">{definition}</textarea>
                    {entered}
                    <label for="edit-pillar">{td_string!(locale, indicators.pillar)}</label>
                    <select id="edit-pillar" name="indicator[pillar]">
                        <option value="" selected=no_pillar>{td_string!(locale, indicators.cross_cutting)}</option>
                        {pillar_options}
                    </select>
                    <label for="edit-owner">{td_string!(locale, indicators.owner_who_enters)}</label>
                    <select id="edit-owner" name="indicator[owner]">
                        <option value="" selected=no_owner>{td_string!(locale, indicators.government_planners)}</option>
                        {owner_options}
                    </select>
                    <label for="edit-baseline-value">{td_string!(locale, indicators.baseline_value)}</label>
                    <input id="edit-baseline-value" name="indicator[baseline_value]" inputmode="decimal" value=baseline_value />
                    <label for="edit-baseline-date">{td_string!(locale, indicators.baseline_date)}</label>
                    <input id="edit-baseline-date" name="indicator[baseline_date]" type="date" value=baseline_date />
                    <button type="submit">{td_string!(locale, indicators.save_the_definition)}</button>
                </ActionForm>
            </details>
        </section>
    }
}
