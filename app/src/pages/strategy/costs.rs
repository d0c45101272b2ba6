//! Each pillar's priorities with their yearly costs, the totals by fiscal
//! year, and the form that changes a cost.

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::CsrfField;
use crate::i18n::td_string;
use crate::server_fns::SetPriorityCost;
use crate::types::money::display as money;
use crate::types::{FiscalYear, Priority, Strategy};

/// The label of fiscal year `year` of `strategy`.
pub(super) fn year_label(strategy: &Strategy, year: i32) -> String {
    FiscalYear {
        start_year: year,
        start_month: strategy.fiscal_year_start_month,
    }
    .label()
}

#[component]
pub(super) fn PriorityTable(
    strategy: Strategy,
    rows: Vec<Priority>,
    years: Vec<i32>,
    editable: bool,
    cost: ServerAction<SetPriorityCost>,
) -> impl IntoView {
    let locale = crate::language::current();
    let headers = years.clone();
    let labels = strategy.clone();
    view! {
        <div class="table-wrap">
            <table class="priorities">
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, strategy.code)}</th>
                        <th scope="col">{td_string!(locale, strategy.priority)}</th>
                        <th scope="col">{td_string!(locale, strategy.lead)}</th>
                        <th scope="col">{td_string!(locale, strategy.phase)}</th>
                        {headers.iter().map(|y| view! { <th scope="col" class="num">{year_label(&labels, *y)}</th> }).collect_view()}
                        <th scope="col" class="num">{td_string!(locale, strategy.total)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|p| {
                            let years = years.clone();
                            let strategy = strategy.clone();
                            view! {
                                <tr>
                                    <th scope="row">{p.code.clone()}</th>
                                    <td>
                                        <a href=format!(
                                            "/countries/{}/strategy/priorities/{}?version={}",
                                            strategy.country_code,
                                            p.code,
                                            strategy.version,
                                        )>{p.title.clone()}</a>
                                        <div class="muted">{p.thematic_area.label()}</div>
                                        {editable.then(|| view! {
                                            <CostForm strategy=strategy.clone() priority=p.clone() action=cost />
                                        })}
                                    </td>
                                    <td>{p.lead_organisation.clone()}</td>
                                    <td>{p.phase.label()}</td>
                                    {years.iter().map(|y| view! { <td class="num">{money(p.cost_in(*y))}</td> }).collect_view()}
                                    <td class="num"><strong>{money(p.total_cost())}</strong></td>
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
pub(super) fn Totals(strategy: Strategy, years: Vec<i32>) -> impl IntoView {
    let by_year: Vec<(String, Decimal)> = years
        .iter()
        .map(|y| {
            (
                year_label(&strategy, *y),
                strategy.priorities().map(|p| p.cost_in(*y)).sum(),
            )
        })
        .collect();
    let total: Decimal = strategy.priorities().map(|p| p.total_cost()).sum();
    let locale = crate::language::current();
    view! {
        <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">{td_string!(locale, strategy.cost_by_fiscal_year)}</h2>
            <dl class="facts">
                {by_year
                    .into_iter()
                    .map(|(label, amount)| view! { <dt>{label}</dt><dd class="num">{money(amount)}</dd> })
                    .collect_view()}
                <dt>{td_string!(locale, strategy.all_years)}</dt>
                <dd class="num"><strong>{format!("{} {}", money(total), strategy.currency)}</strong></dd>
            </dl>
        </section>
    }
}

#[component]
fn CostForm(
    strategy: Strategy,
    priority: Priority,
    action: ServerAction<SetPriorityCost>,
) -> impl IntoView {
    let id = priority.id;
    let locale = crate::language::current();
    view! {
        <details class="cost-edit">
            <summary>{td_string!(locale, strategy.change_cost_of, code = priority.code.clone()).to_string()}</summary>
            <ActionForm action attr:class="filters">
                <CsrfField />
                <input type="hidden" name="strategy_id" value=strategy.id />
                <input type="hidden" name="priority_id" value=id />
                <input type="hidden" name="version" value=priority.version />
                <label for=format!("year-{id}")>{td_string!(locale, strategy.fiscal_year)}</label>
                <select id=format!("year-{id}") name="fiscal_year">
                    {strategy
                        .fiscal_years()
                        .map(|y| view! { <option value=y>{year_label(&strategy, y)}</option> })
                        .collect_view()}
                </select>
                <label for=format!("amount-{id}")>{td_string!(locale, strategy.amount_in, currency = strategy.currency.clone()).to_string()}</label>
                <input id=format!("amount-{id}") name="amount" inputmode="decimal" required=true />
                <button type="submit">{td_string!(locale, strategy.save_cost)}</button>
            </ActionForm>
        </details>
    }
}
