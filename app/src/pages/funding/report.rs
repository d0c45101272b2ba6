//! The funding page: who funds what in the reporting currency, by the
//! grouping and fiscal year chosen, with the conversions behind the figures
//! and the reporting rounds.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use rust_decimal::Decimal;

use super::reporting::{OpenRoundForm, Round};
use crate::components::{ErrorPanel, FormErrors, form_error};
use crate::i18n::td_string;
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
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.area_funding) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match view_data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(FundingView { report, fiscal_years, rounds, can_manage_rounds, respondent, records_activities, validates }) => {
                        let code = code.get_untracked();
                        view! {
                            <h1>{td_string!(locale, common.area_funding)}</h1>
                            <nav class="page-links" aria-label=td_string!(locale, funding.funding_pages)>
                                {records_activities.then(|| view! {
                                    <a href=format!("/countries/{code}/funding/activities")>{td_string!(locale, funding.my_activities)}</a>
                                })}
                                {validates.then(|| view! {
                                    <a href=format!("/countries/{code}/funding/validation")>{td_string!(locale, funding.validation_queue)}</a>
                                    <a href=format!("/countries/{code}/funding/activities?organisation=all")>{td_string!(locale, funding.partners_activities)}</a>
                                })}
                                <a href=format!("/countries/{code}/activities")>{td_string!(locale, funding.projects)}</a>
                                <a href=format!("/countries/{code}/funding/rates")>{td_string!(locale, funding.exchange_rates)}</a>
                                <a href=format!("/countries/{code}/budget")>{td_string!(locale, funding.national_budget)}</a>
                                <a href=format!("/api/v1/countries/{code}/funding?group_by={}", report.group_by.code())>{td_string!(locale, funding.view_as_json)}</a>
                            </nav>
                            <Filters fiscal_years />
                            <Headline report=report.clone() />
                            <Totals report=report.clone() />
                            <Conversions report code=code.clone() />
                            <h2>{td_string!(locale, funding.reporting_rounds)}</h2>
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
    let locale = crate::language::current();
    view! {
        <form method="get" class="filters">
            <label for="group_by">{td_string!(locale, funding.totals_by)}</label>
            <select id="group_by" name="group_by">
                {GroupBy::ALL
                    .iter()
                    .map(|g| view! { <option value=g.code() selected=*g == chosen>{g.label()}</option> })
                    .collect_view()}
            </select>
            <label for="fiscal_year">{td_string!(locale, funding.fiscal_year)}</label>
            <select id="fiscal_year" name="fiscal_year">
                <option value="">{td_string!(locale, funding.all_years)}</option>
                {fiscal_years
                    .into_iter()
                    .map(|(start, label)| {
                        let selected = year.as_deref() == Some(start.to_string().as_str());
                        view! { <option value=start selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
            <button type="submit">{td_string!(locale, funding.show)}</button>
        </form>
    }
}

#[component]
fn Headline(report: FundingReport) -> impl IntoView {
    let locale = crate::language::current();
    let currency = report.currency.clone();
    let amount = move |d: Decimal| crate::language::amount_with_currency(locale, d, &currency);
    view! {
        <dl class="facts">
            <dt>{td_string!(locale, funding.committed)}</dt>
            <dd>{amount(report.total.committed)}</dd>
            <dt>{td_string!(locale, funding.disbursed)}</dt>
            <dd>{amount(report.total.disbursed)}</dd>
            <dt>{td_string!(locale, funding.disbursed_on_budget)}</dt>
            <dd>
                {report
                    .on_budget_share
                    .map_or_else(|| td_string!(locale, funding.not_applicable).to_string(), percent)}
            </dd>
            <dt>{td_string!(locale, funding.disbursed_outside_government)}</dt>
            <dd>{amount(report.outside_government_disbursed)}</dd>
        </dl>
    }
}

#[component]
fn Totals(report: FundingReport) -> impl IntoView {
    let with_costs = matches!(report.group_by, GroupBy::Priority | GroupBy::Pillar);
    let locale = crate::language::current();
    let group = report.group_by.label().to_lowercase();
    let currency = report.currency.to_string();
    let caption = match report.fiscal_year {
        Some(year) => td_string!(
            locale,
            funding.totals_caption_year,
            group = group,
            currency = currency,
            year = year,
        )
        .to_string(),
        None => td_string!(
            locale,
            funding.totals_caption,
            group = group,
            currency = currency
        )
        .to_string(),
    };
    let total = report.total;
    view! {
        <div class="table-wrap">
            <table class="funding">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{report.group_by.label()}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.pledged)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.committed)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.disbursed)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.spent)}</th>
                        <th scope="col" class="num">{td_string!(locale, funding.disbursed_on_budget)}</th>
                        {with_costs.then(|| view! {
                            <th scope="col" class="num">{td_string!(locale, funding.estimated_cost)}</th>
                            <th scope="col" class="num">{td_string!(locale, funding.funding_gap)}</th>
                        })}
                        <th scope="col">{td_string!(locale, funding.not_converted)}</th>
                    </tr>
                </thead>
                <tbody>
                    {report.rows.into_iter().map(|row| view! { <Row row with_costs /> }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{td_string!(locale, funding.total_each_dollar_once)}</th>
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
    let locale = crate::language::current();
    match count {
        0 => String::new(),
        1 => td_string!(locale, funding.one_amount_left_out).to_string(),
        n => td_string!(locale, funding.amounts_left_out, count = n).to_string(),
    }
}

/// The heading over the amounts no rate converts.
fn unconverted_heading(count: u32) -> String {
    let locale = crate::language::current();
    match count {
        1 => td_string!(locale, funding.one_amount_left_out_of_totals).to_string(),
        n => td_string!(locale, funding.amounts_left_out_of_totals, count = n).to_string(),
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
    let locale = crate::language::current();
    let currency = report.currency.to_string();
    view! {
        {(!report.unconverted.is_empty()).then(|| view! {
            <section class="warning" aria-labelledby="unconverted-heading">
                <h2 id="unconverted-heading">
                    {unconverted_heading(report.unconverted_count)}
                </h2>
                <p>
                    {td_string!(locale, funding.no_rate_converts)}
                    <a href=format!("/countries/{code}/funding/rates")>{td_string!(locale, funding.add_the_rates)}</a>
                    {td_string!(locale, funding.to_count_them)}
                </p>
                <ul>
                    {report
                        .unconverted
                        .into_iter()
                        .map(|u| view! {
                            <li>
                                {td_string!(
                                    locale,
                                    funding.unconverted_item,
                                    amount = crate::language::amount_with_currency(locale, u.amount, u.currency.as_str()),
                                    date = u.value_date.to_string(),
                                    count = u.transactions,
                                )
                                    .to_string()}
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
        })}
        {(!report.rates_used.is_empty()).then(|| view! {
            <div class="table-wrap">
                <table>
                    <caption>{td_string!(locale, funding.rates_used_caption, currency = currency.clone()).to_string()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{td_string!(locale, funding.currency)}</th>
                            <th scope="col">{td_string!(locale, funding.rate_dated)}</th>
                            <th scope="col" class="num">{td_string!(locale, funding.per_unit, currency = currency).to_string()}</th>
                            <th scope="col">{td_string!(locale, funding.source)}</th>
                            <th scope="col" class="num">{td_string!(locale, funding.amounts_converted)}</th>
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
                                    <td class="num">{rate_text(locale, u.rate.rate)}</td>
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

/// A rate with all its digits and the decimal mark of `locale` (`655.957`,
/// `655,957`).
fn rate_text(locale: crate::i18n::Locale, rate: Decimal) -> String {
    let mark = crate::language::numbers::Marks::of(locale).decimal;
    rate.normalize().to_string().replace('.', &mark.to_string())
}
