//! The fields of a priority, shared by the form that adds one and the form
//! that changes one.

use leptos::prelude::*;

use crate::i18n::td_string;
use crate::types::{FiscalYear, Kept, NewPriority, Organisation, Phase, Strategy, ThematicArea};

/// Every field of a priority of `strategy`, filled from `current` when a
/// priority is being changed, or from `kept` when the server refused what
/// was entered; named as the fields of
/// [`PriorityForm`](crate::server_fns::PriorityForm), `priority[title]`.
#[component]
pub fn PriorityFields(
    strategy: Strategy,
    ministries: Vec<Organisation>,
    /// The possible supporting partners.
    organisations: Vec<Organisation>,
    current: Option<NewPriority>,
    #[prop(optional)] kept: Kept,
) -> impl IntoView {
    let locale = crate::language::current();
    let current = current.unwrap_or_else(|| NewPriority {
        pillar_id: 0,
        code: String::new(),
        title: String::new(),
        objective: String::new(),
        lead_organisation_id: 0,
        partner_ids: Vec::new(),
        provision_ids: Vec::new(),
        phase: Phase::Immediate,
        thematic_area: ThematicArea::Other,
        costs: Vec::new(),
    });
    let year_label = |year: i32| {
        FiscalYear {
            start_year: year,
            start_month: strategy.fiscal_year_start_month,
        }
        .label()
    };
    let cost_in = |i: usize, year: i32| {
        let stored = current
            .costs
            .iter()
            .find(|c| c.fiscal_year == year)
            .map(|c| c.amount.to_string())
            .unwrap_or_default();
        kept.text(&format!("priority[costs][{i}][amount]"), stored)
    };
    let provisions: Vec<_> = strategy
        .agreements
        .iter()
        .flat_map(|a| {
            a.provisions
                .iter()
                .map(move |p| (a.title.clone(), p.clone()))
        })
        .collect();
    view! {
        <label for="pillar_id">{td_string!(locale, strategy.pillar)}</label>
        <select id="pillar_id" name="priority[pillar_id]">
            {strategy
                .pillars
                .iter()
                .map(|p| view! {
                    <option value=p.id selected=kept.chosen("priority[pillar_id]", p.id, p.id == current.pillar_id)>
                        {format!("{}. {}", p.number, p.title)}
                    </option>
                })
                .collect_view()}
        </select>
        <label for="code">{td_string!(locale, strategy.code_example)}</label>
        <input id="code" name="priority[code]" required=true maxlength="16" value=kept.text("priority[code]", current.code.clone()) />
        <label for="priority-title">{td_string!(locale, strategy.title)}</label>
        <input id="priority-title" name="priority[title]" required=true maxlength="300" value=kept.text("priority[title]", current.title.clone()) />
        <label for="objective">{td_string!(locale, strategy.objective)}</label>
        <textarea id="objective" name="priority[objective]" rows="2">{kept.text("priority[objective]", current.objective.clone())}</textarea>
        <label for="lead_organisation_id">{td_string!(locale, strategy.lead_ministry)}</label>
        <select id="lead_organisation_id" name="priority[lead_organisation_id]">
            {ministries
                .into_iter()
                .filter(|o| o.active || o.id == current.lead_organisation_id)
                .map(|o| view! {
                    <option value=o.id selected=kept.chosen("priority[lead_organisation_id]", o.id, o.id == current.lead_organisation_id)>{o.name}</option>
                })
                .collect_view()}
        </select>
        <fieldset class="choices">
            <legend>{td_string!(locale, strategy.supporting_partners)}</legend>
            {organisations
                .into_iter()
                .filter(|o| o.active || current.partner_ids.contains(&o.id))
                .enumerate()
                .map(|(i, o)| {
                    let id = format!("partner-{}", o.id);
                    let name = format!("priority[partner_ids][{i}]");
                    let checked = kept.chosen(&name, o.id, current.partner_ids.contains(&o.id));
                    view! {
                        <span class="choice">
                            <input type="checkbox" id=id.clone() name=name value=o.id checked=checked />
                            <label for=id>{o.name}</label>
                        </span>
                    }
                })
                .collect_view()}
        </fieldset>
        <fieldset class="choices">
            <legend>{td_string!(locale, strategy.provisions_implemented)}</legend>
            {provisions.is_empty().then(|| view! {
                <p class="muted">{td_string!(locale, strategy.no_agreement_yet)}</p>
            })}
            {provisions
                .into_iter()
                .enumerate()
                .map(|(i, (agreement, p))| {
                    let id = format!("provision-{}", p.id);
                    let name = format!("priority[provision_ids][{i}]");
                    let checked = kept.chosen(&name, p.id, current.provision_ids.contains(&p.id));
                    view! {
                        <span class="choice">
                            <input type="checkbox" id=id.clone() name=name value=p.id checked=checked />
                            <label for=id title=p.text.clone()>
                                {td_string!(locale, strategy.provision_citation, agreement, number = p.number.clone()).to_string()}
                            </label>
                        </span>
                    }
                })
                .collect_view()}
        </fieldset>
        <label for="phase">{td_string!(locale, strategy.phase)}</label>
        <select id="phase" name="priority[phase]">
            {Phase::ALL
                .iter()
                .map(|p| view! { <option value=p.code() selected=kept.chosen("priority[phase]", p.code(), *p == current.phase)>{p.label()}</option> })
                .collect_view()}
        </select>
        <label for="thematic_area">{td_string!(locale, strategy.thematic_area)}</label>
        <select id="thematic_area" name="priority[thematic_area]">
            {ThematicArea::ALL
                .iter()
                .map(|a| view! {
                    <option value=a.code() selected=kept.chosen("priority[thematic_area]", a.code(), *a == current.thematic_area)>{a.label()}</option>
                })
                .collect_view()}
        </select>
        <fieldset>
            <legend>{td_string!(locale, strategy.cost_by_fiscal_year_in, currency = strategy.currency.clone()).to_string()}</legend>
            {strategy
                .fiscal_years()
                .enumerate()
                .map(|(i, y)| view! {
                    <input type="hidden" name=format!("priority[costs][{i}][fiscal_year]") value=y />
                    <label for=format!("cost-{y}")>{year_label(y)}</label>
                    <input id=format!("cost-{y}") name=format!("priority[costs][{i}][amount]") inputmode="decimal" value=cost_in(i, y) />
                })
                .collect_view()}
        </fieldset>
    }
}
