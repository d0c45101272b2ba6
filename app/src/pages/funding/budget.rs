//! The national budget page: each line's figures beside the external money
//! mapped to it, and the forms that set a line's amounts and keep the chart
//! of accounts.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::chart::{ChartActions, ChartForms};
use crate::components::{CsrfField, ErrorPanel, FormErrors, form_error, successes};
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
    view! {
        <Title text="National budget" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(BudgetPageView { budget, can_edit }) => {
                        let code = code.get_untracked();
                        let year = budget.fiscal_year;
                        let chart_lines: Vec<_> = budget.rows.iter().map(|r| r.line.clone()).collect();
                        view! {
                            <h1>{format!("National budget, {}", budget.fiscal_year_label)}</h1>
                            <form method="get" class="filters">
                                <label for="fiscal_year">"Fiscal year (the year it starts)"</label>
                                <input id="fiscal_year" name="fiscal_year" inputmode="numeric" value=year />
                                <button type="submit">"Show"</button>
                            </form>
                            <p>
                                <a href=format!("/countries/{code}/budget?fiscal_year={}", year - 1)>"Previous year"</a>
                                " · "
                                <a href=format!("/countries/{code}/budget?fiscal_year={}", year + 1)>"Next year"</a>
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
    let caption = format!(
        "Budget lines, {} in {}: domestic figures beside external flows",
        budget.fiscal_year_label, budget.currency
    );
    view! {
        <div class="table-wrap">
            <table class="budget">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Line"</th>
                        <th scope="col">"Held by"</th>
                        <th scope="col" class="num">"Domestic appropriation"</th>
                        <th scope="col" class="num">"Expected external"</th>
                        <th scope="col" class="num">"Executed"</th>
                        <th scope="col" class="num">"On-budget external committed"</th>
                        <th scope="col" class="num">"On-budget external disbursed"</th>
                        <th scope="col" class="num">"Off-budget disbursed, same sector"</th>
                        {editing.then(|| view! { <th scope="col">"Figures"</th> })}
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
                {line.security.then(|| view! { <span class="badge">"Security"</span> })}
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
                {(unconverted > 0).then(|| view! { <div class="flag">{format!("{unconverted} not converted")}</div> })}
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
    let shown = |amount: rust_decimal::Decimal| amount.normalize().to_string();
    view! {
        <details class="edit">
            <summary>{if version.is_some() { "Change" } else { "Enter" }}<span class="visually-hidden">{format!(" the figures of {label}")}</span></summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <input type="hidden" name="figures[line_id]" value=line_id />
                <input type="hidden" name="figures[fiscal_year]" value=year />
                {version.map(|v| view! { <input type="hidden" name="figures[version]" value=v /> })}
                <label for=id("appropriation")>"Domestic appropriation"</label>
                <input id=id("appropriation") name="figures[appropriation]" inputmode="decimal" value=shown(amounts.appropriation) />
                <label for=id("expected")>"Expected external financing"</label>
                <input id=id("expected") name="figures[expected_external]" inputmode="decimal" value=shown(amounts.expected_external) />
                <label for=id("execution")>"Executed"</label>
                <input id=id("execution") name="figures[execution]" inputmode="decimal" value=shown(amounts.execution) />
                <button type="submit">"Save figures"</button>
            </ActionForm>
        </details>
    }
}
