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
                        let lines: Vec<(i32, String)> = budget
                            .rows
                            .iter()
                            .map(|r| (r.line.id, format!("{} {}", r.line.code, r.line.name)))
                            .collect();
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
                            <BudgetTable budget />
                            {can_edit.then(|| view! {
                                <FormErrors error=set_error />
                                <AmountsForm code=code.clone() year lines=lines.clone() action=set />
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

#[component]
fn BudgetTable(budget: BudgetView) -> impl IntoView {
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
                    </tr>
                </thead>
                <tbody>
                    {budget.rows.into_iter().map(|row| view! { <Line row /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Line(row: BudgetRow) -> impl IntoView {
    let BudgetRow {
        line,
        amounts,
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
        </tr>
    }
}

#[component]
fn AmountsForm(
    code: String,
    year: i32,
    lines: Vec<(i32, String)>,
    action: ServerAction<SetBudgetAmounts>,
) -> impl IntoView {
    view! {
        <details class="edit">
            <summary>"Enter a line's figures"</summary>
            <ActionForm action attr:class="stack narrow">
                <CsrfField />
                <input type="hidden" name="country" value=code />
                <label for="line_id">"Line"</label>
                <select id="line_id" name="line_id">
                    {lines.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
                <label for="amounts_year">"Fiscal year (the year it starts)"</label>
                <input id="amounts_year" name="fiscal_year" inputmode="numeric" value=year required=true />
                <label for="appropriation">"Domestic appropriation"</label>
                <input id="appropriation" name="appropriation" inputmode="decimal" />
                <label for="expected_external">"Expected external financing"</label>
                <input id="expected_external" name="expected_external" inputmode="decimal" />
                <label for="execution">"Executed"</label>
                <input id="execution" name="execution" inputmode="decimal" />
                <button type="submit">"Save figures"</button>
            </ActionForm>
        </details>
    }
}
