//! The funding page: who funds what in the reporting currency, by the
//! grouping and fiscal year chosen, with the conversions behind the figures
//! and the reporting rounds.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use rust_decimal::Decimal;

use super::reporting::{OpenRoundForm, Round};
use crate::components::{ErrorPanel, FormErrors, form_error};
use crate::pages::params::country_code_param;
use crate::server_fns::{
    CloseReportingRound, FundingView, OpenReportingRound, RespondToRound, group_by_param,
    load_funding,
};
use crate::types::money::{display as money, percent};
use crate::types::{FundingReport, FundingRow, GroupBy};

/// Who funds what, in the reporting currency, and who has reported.
#[component]
pub fn FundingPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let group_by = move || Some(group_by_param(query.read().get("group_by").as_deref()));
    let fiscal_year = move || {
        query
            .read()
            .get("fiscal_year")
            .and_then(|y| y.parse::<i32>().ok())
    };
    let open = ServerAction::<OpenReportingRound>::new();
    let close = ServerAction::<CloseReportingRound>::new();
    let respond = ServerAction::<RespondToRound>::new();
    let view_data = Resource::new(
        move || {
            let changes = open.version().get() + close.version().get() + respond.version().get();
            (code.get(), group_by(), fiscal_year(), changes)
        },
        |(code, group_by, fiscal_year, _)| load_funding(code, group_by, fiscal_year),
    );
    let open_error = form_error(open.value());
    let respond_error = form_error(respond.value());
    view! {
        <Title text="Funding" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(FundingView { report, fiscal_years, rounds, can_manage_rounds, respondent, records_activities, validates }) => {
                        let code = code.get_untracked();
                        view! {
                            <h1>"Funding"</h1>
                            <nav class="page-links" aria-label="Funding pages">
                                {records_activities.then(|| view! {
                                    <a href=format!("/countries/{code}/funding/activities")>"My organisation's activities"</a>
                                })}
                                {validates.then(|| view! {
                                    <a href=format!("/countries/{code}/funding/validation")>"Validation queue"</a>
                                    <a href=format!("/countries/{code}/funding/activities?organisation=all")>"Partners' activities"</a>
                                })}
                                <a href=format!("/countries/{code}/activities")>"Projects"</a>
                                <a href=format!("/countries/{code}/funding/rates")>"Exchange rates"</a>
                                <a href=format!("/countries/{code}/budget")>"National budget"</a>
                                <a href=format!("/api/v1/countries/{code}/funding?group_by={}", report.group_by.code())>"This view as JSON"</a>
                            </nav>
                            <Filters fiscal_years />
                            <Headline report=report.clone() />
                            <Totals report=report.clone() />
                            <Conversions report code=code.clone() />
                            <h2>"Reporting rounds"</h2>
                            <FormErrors error=respond_error />
                            {rounds
                                .into_iter()
                                .map(|round| view! {
                                    <Round
                                        round
                                        code=code.clone()
                                        respondent=respondent.clone()
                                        can_manage=can_manage_rounds
                                        close
                                        respond
                                    />
                                })
                                .collect_view()}
                            {can_manage_rounds.then(|| view! {
                                <FormErrors error=open_error />
                                <OpenRoundForm code=code.clone() action=open />
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The grouping and the fiscal year, as a GET form: a view is a link.
#[component]
fn Filters(fiscal_years: Vec<(i32, String)>) -> impl IntoView {
    let query = use_query_map();
    let chosen = group_by_param(query.read_untracked().get("group_by").as_deref());
    let year = query.read_untracked().get("fiscal_year");
    view! {
        <form method="get" class="filters">
            <label for="group_by">"Totals by"</label>
            <select id="group_by" name="group_by">
                {GroupBy::ALL
                    .iter()
                    .map(|g| view! { <option value=g.code() selected=*g == chosen>{g.label()}</option> })
                    .collect_view()}
            </select>
            <label for="fiscal_year">"Fiscal year"</label>
            <select id="fiscal_year" name="fiscal_year">
                <option value="">"All years"</option>
                {fiscal_years
                    .into_iter()
                    .map(|(start, label)| {
                        let selected = year.as_deref() == Some(start.to_string().as_str());
                        view! { <option value=start selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="submit">"Show"</button>
        </form>
    }
}

#[component]
fn Headline(report: FundingReport) -> impl IntoView {
    let currency = report.currency.clone();
    let amount = move |d: Decimal| format!("{currency} {}", money(d));
    view! {
        <dl class="facts">
            <dt>"Committed"</dt>
            <dd>{amount(report.total.committed)}</dd>
            <dt>"Disbursed"</dt>
            <dd>{amount(report.total.disbursed)}</dd>
            <dt>"Disbursed on budget"</dt>
            <dd>
                {report.on_budget_share.map_or_else(|| "not applicable".to_string(), percent)}
            </dd>
            <dt>"Disbursed outside government channels"</dt>
            <dd>{amount(report.outside_government_disbursed)}</dd>
        </dl>
    }
}

#[component]
fn Totals(report: FundingReport) -> impl IntoView {
    let with_costs = matches!(report.group_by, GroupBy::Priority | GroupBy::Pillar);
    let caption = format!(
        "By {}, in {}{}",
        report.group_by.label().to_lowercase(),
        report.currency,
        report
            .fiscal_year
            .map(|y| format!(", fiscal year starting {y}"))
            .unwrap_or_default()
    );
    let total = report.total;
    view! {
        <div class="table-wrap">
            <table class="funding">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{report.group_by.label()}</th>
                        <th scope="col" class="num">"Pledged"</th>
                        <th scope="col" class="num">"Committed"</th>
                        <th scope="col" class="num">"Disbursed"</th>
                        <th scope="col" class="num">"Spent"</th>
                        <th scope="col" class="num">"Disbursed on budget"</th>
                        {with_costs.then(|| view! {
                            <th scope="col" class="num">"Estimated cost"</th>
                            <th scope="col" class="num">"Funding gap"</th>
                        })}
                        <th scope="col">"Not converted"</th>
                    </tr>
                </thead>
                <tbody>
                    {report.rows.into_iter().map(|row| view! { <Row row with_costs /> }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Total, each dollar once"</th>
                        <td class="num">{money(total.pledged)}</td>
                        <td class="num">{money(total.committed)}</td>
                        <td class="num">{money(total.disbursed)}</td>
                        <td class="num">{money(total.spent)}</td>
                        <td class="num">{money(report.on_budget_disbursed)}</td>
                        {with_costs.then(|| view! { <td></td><td></td> })}
                        <td>{unconverted_note(report.unconverted_count)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

fn unconverted_note(count: u32) -> String {
    match count {
        0 => String::new(),
        1 => "1 amount left out".to_string(),
        n => format!("{n} amounts left out"),
    }
}

#[component]
fn Row(row: FundingRow, with_costs: bool) -> impl IntoView {
    let t = row.totals;
    let class = if row.key == crate::types::POOLED_UNALLOCATED {
        "pooled"
    } else {
        ""
    };
    view! {
        <tr class=class>
            <th scope="row">{row.label}</th>
            <td class="num">{money(t.pledged)}</td>
            <td class="num">{money(t.committed)}</td>
            <td class="num">{money(t.disbursed)}</td>
            <td class="num">{money(t.spent)}</td>
            <td class="num">{money(row.on_budget_disbursed)}</td>
            {with_costs.then(|| view! {
                <td class="num">{row.estimated_cost.map(money)}</td>
                <td class="num">{row.funding_gap.map(money)}</td>
            })}
            <td class="flag">{unconverted_note(row.unconverted)}</td>
        </tr>
    }
}

/// The rates every converted figure used, and what could not be converted.
#[component]
fn Conversions(report: FundingReport, code: String) -> impl IntoView {
    let currency = report.currency.clone();
    view! {
        {(!report.unconverted.is_empty()).then(|| view! {
            <section class="warning" aria-labelledby="unconverted-heading">
                <h2 id="unconverted-heading">
                    {format!("{} left out of the totals", unconverted_note(report.unconverted_count).replace(" left out", ""))}
                </h2>
                <p>
                    "No exchange rate on or before their value date converts these amounts. "
                    <a href=format!("/countries/{code}/funding/rates")>"Add the rates"</a>
                    " to count them."
                </p>
                <ul>
                    {report
                        .unconverted
                        .into_iter()
                        .map(|u| view! {
                            <li>{format!("{} {} dated {} ({} transactions)", u.currency, money(u.amount), u.value_date, u.transactions)}</li>
                        })
                        .collect_view()}
                </ul>
            </section>
        })}
        {(!report.rates_used.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table>
                    <caption>{format!("Exchange rates used to convert to {currency}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Currency"</th>
                            <th scope="col">"Rate dated"</th>
                            <th scope="col" class="num">{format!("{currency} per unit")}</th>
                            <th scope="col">"Source"</th>
                            <th scope="col" class="num">"Amounts converted"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report
                            .rates_used
                            .into_iter()
                            .map(|u| view! {
                                <tr>
                                    <th scope="row">{u.rate.currency.to_string()}</th>
                                    <td>{u.rate.rate_date.to_string()}</td>
                                    <td class="num">{u.rate.rate.normalize().to_string()}</td>
                                    <td>{u.rate.source}</td>
                                    <td class="num">{u.transactions}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}
