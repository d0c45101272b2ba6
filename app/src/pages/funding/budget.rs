//! The national budget page: each line's figures beside the external money
//! mapped to it, and the forms that set a line's amounts and keep the chart
//! of accounts.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::chart::{ChartActions, ChartForms};
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error, successes};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{BudgetPageView, SetBudgetAmounts, load_budget};
use crate::types::money::display as money;
use crate::types::{BudgetRow, BudgetView};

/// The national budget line by line, with the external money beside it.
#[component]
pub fn BudgetPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let fiscal_year = move || {
        query
            .read()
            .get("fiscal_year")
            .and_then(|y| y.trim().parse::<i32>().ok())
    };
    let chart = ChartActions::new();
    let set = ServerAction::<SetBudgetAmounts>::new();
    let (chart_done, set_done) = (chart.done(), successes(set));
    let data = Resource::new(
        move || (code.get(), fiscal_year(), chart_done.get() + set_done.get()),
        |(code, fiscal_year, _)| load_budget(code, fiscal_year),
    );
    let set_error = form_error(set.value());
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, funding.national_budget) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(BudgetPageView { budget, can_edit }) => {
                        let code = code.get_untracked();
                        let year = budget.fiscal_year;
                        let chart_lines: Vec<_> = budget.rows.iter().map(|r| r.line.clone()).collect();
                        view! {
                            <h1>
                                {td_string!(locale, funding.national_budget_year, year = budget.fiscal_year_label.clone())
                                    .to_string()}
                            </h1>
                            <form method="get" class="filters">
                                <label for="fiscal_year">{td_string!(locale, funding.fiscal_year_start)}</label>
                                <input id="fiscal_year" name="fiscal_year" inputmode="numeric" value=year />
                                <button type="submit">{td_string!(locale, funding.show)}</button>
                            </form>
                            <p>
                                <a href=format!("/countries/{code}/budget?fiscal_year={}", year - 1)>{td_string!(locale, funding.previous_year)}</a>
                                " · "
                                <a href=format!("/countries/{code}/budget?fiscal_year={}", year + 1)>{td_string!(locale, funding.next_year)}</a>
                            </p>
                            {can_edit.then(|| view! { <FormErrors error=set_error /> })}
                            <BudgetTable budget edit=can_edit.then(|| (code.clone(), set)) />
                            {can_edit.then(|| view! {
                                <ChartForms code=code.clone() lines=chart_lines.clone() actions=chart />
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The country's code and the action that sets a line's figures, for those
/// who may change them.
type FiguresEdit = Option<(String, ServerAction<SetBudgetAmounts>)>;

#[component]
fn BudgetTable(budget: BudgetView, edit: FiguresEdit) -> impl IntoView {
    let year = budget.fiscal_year;
    let editing = edit.is_some();
    let locale = crate::language::current();
    let caption = td_string!(
        locale,
        funding.budget_caption,
        year = budget.fiscal_year_label.clone(),
        currency = budget.currency.to_string(),
    )
    .to_string();
    view! {
        <div class="table-wrap">
            <table class="budget">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, funding.line)}</th>
                        <th scope="col">{td_string!(locale, funding.held_by)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.domestic_appropriation)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.expected_external)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.executed)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.on_budget_external_committed)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.on_budget_external_disbursed)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.off_budget_disbursed_same_sector)}</th>
                        {editing.then(|| view! { <th scope="col">{td_string!(locale, funding.figures)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {budget
                        .rows
                        .into_iter()
                        .map(|row| view! { <Line row year edit=edit.clone() /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Line(row: BudgetRow, year: i32, edit: FiguresEdit) -> impl IntoView {
    let BudgetRow {
        line,
        amounts,
        amounts_version,
        on_budget_committed,
        on_budget_disbursed,
        off_budget_disbursed,
        unconverted,
    } = row;
    let locale = crate::language::current();
    let depth = if line.parent_code.is_some() {
        "child"
    } else {
        ""
    };
    let form = edit.map(|(code, action)| {
        let figures = LineFigures {
            line_id: line.id,
            label: format!("{} {}", line.code, line.name),
            year,
            amounts,
            version: amounts_version,
        };
        view! { <td><FiguresForm code figures action /></td> }
    });
    view! {
        <tr class=depth>
            <th scope="row">
                {format!("{} {}", line.code, line.name)}
                {line.security.then(|| view! { <span class="badge">{td_string!(locale, funding.security)}</span> })}
                <div class="muted">{line.function_name}</div>
            </th>
            <td>{line.admin_unit}</td>
            <td class="num">{money(amounts.appropriation)}</td>
            <td class="num">{money(amounts.expected_external)}</td>
            <td class="num">{money(amounts.execution)}</td>
            <td class="num">{money(on_budget_committed)}</td>
            <td class="num">{money(on_budget_disbursed)}</td>
            <td class="num">
                {money(off_budget_disbursed)}
                {(unconverted > 0).then(|| view! { <div class="flag">
                        {td_string!(locale, funding.count_not_converted, count = unconverted).to_string()}
                    </div> })}
            </td>
            {form}
        </tr>
    }
}

/// A line's figures for the year shown, as the form opens them.
struct LineFigures {
    line_id: i32,
    label: String,
    year: i32,
    amounts: crate::types::BudgetAmounts,
    version: Option<i32>,
}

/// Sets a line's figures for the year shown, starting from those it has.
#[component]
fn FiguresForm(
    code: String,
    figures: LineFigures,
    action: ServerAction<SetBudgetAmounts>,
) -> impl IntoView {
    let LineFigures {
        line_id,
        label,
        year,
        amounts,
        version,
    } = figures;
    let id = move |field: &str| format!("figures-{line_id}-{field}");
    let locale = crate::language::current();
    let verb = if version.is_some() {
        td_string!(locale, funding.change)
    } else {
        td_string!(locale, funding.enter)
    };
    view! {
        <details class="edit">
            <summary>
                {verb}
                <span class="visually-hidden">
                    {td_string!(locale, funding.the_figures_of, line = label).to_string()}
                </span>
            </summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="figures[line_id]" value=line_id />
                <input type="hidden" name="figures[fiscal_year]" value=year />
                {version.map(|v| view! { <input type="hidden" name="figures[version]" value=v /> })}
                <label for=id("appropriation")>{td_string!(locale, funding.domestic_appropriation)}</label>
                <input id=id("appropriation") name="figures[appropriation]" inputmode="decimal" value=money(amounts.appropriation) />
                <label for=id("expected")>{td_string!(locale, funding.expected_external_financing)}</label>
                <input id=id("expected") name="figures[expected_external]" inputmode="decimal" value=money(amounts.expected_external) />
                <label for=id("execution")>{td_string!(locale, funding.executed)}</label>
                <input id=id("execution") name="figures[execution]" inputmode="decimal" value=money(amounts.execution) />
                <button type="submit">{td_string!(locale, funding.save_figures)}</button>
            </ActionForm>
        </details>
    }
}
