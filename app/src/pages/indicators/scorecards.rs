//! The scorecard page: one party's indicators, commitments, budget
//! transparency and flows for a fiscal year.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use rust_decimal::Decimal;

use crate::components::ReadingsTable;
use crate::components::{ErrorPanel, Series, StackedBarChart};
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{ScorecardView, load_scorecard};
use crate::types::money::{display as money, percent};
use crate::types::{BudgetTransparency, OrganisationRef, ScoredCommitment, StatusCount, YearFlows};

/// The government's scorecard, or one partner's (`?partner=`), for a
/// fiscal year (`?fiscal_year=`).
#[component]
pub fn ScorecardPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let number = move |name: &str| query.read().get(name).and_then(|v| v.parse::<i32>().ok());
    let data = Resource::new(
        move || (code.get(), number("partner"), number("fiscal_year")),
        |(code, partner, year)| load_scorecard(code, partner, year),
    );
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, indicators.scorecard) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(ScorecardView { scorecard, fiscal_years, partners }) => {
                        let code = code.get_untracked();
                        let readings = scorecard.readings.clone();
                        let party = scorecard
                            .partner
                            .as_ref()
                            .map_or_else(|| td_string!(locale, indicators.government).to_string(), |p| p.name.clone());
                        let currency = readings.currency.clone();
                        view! {
                            <h1>{td_string!(locale, indicators.scorecard_heading, party, year = &readings.fiscal_year_label).to_string()}</h1>
                            <Choose fiscal_years partners fiscal_year=readings.fiscal_year partner=scorecard.partner.clone() />
                            <p>
                                <a href=format!("/countries/{code}/dashboard?fiscal_year={}", readings.fiscal_year)>
                                    {td_string!(locale, indicators.whole_dashboard)}
                                </a>
                            </p>
                            <section aria-labelledby="indicators-heading">
                                <h2 id="indicators-heading">{td_string!(locale, common.area_indicators)}</h2>
                                <ReadingsTable readings=readings.readings.clone() currency=String::from(currency.clone()) />
                            </section>
                            <Commitments counts=scorecard.commitment_counts commitments=scorecard.commitments />
                            {scorecard.budget.map(|b| view! { <Budget budget=b currency=String::from(currency.clone()) /> })}
                            {(!scorecard.flows.is_empty()).then(|| view! { <Flows flows=scorecard.flows currency=String::from(currency.clone()) /> })}
                            {(!scorecard.rounds.is_empty()).then(|| view! {
                                <section aria-labelledby="rounds-heading">
                                    <h2 id="rounds-heading">{td_string!(locale, indicators.reporting_rounds)}</h2>
                                    <ul>
                                        {scorecard.rounds.into_iter().map(|r| {
                                            let answer = r
                                                .answer
                                                .unwrap_or_else(|| td_string!(locale, indicators.not_answered).to_string());
                                            let text = td_string!(locale, indicators.round_answer, round = r.round, answer).to_string();
                                            view! { <li>{text}</li> }
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The party and the fiscal year, as a GET form.
#[component]
fn Choose(
    fiscal_years: Vec<(i32, String)>,
    partners: Vec<OrganisationRef>,
    fiscal_year: i32,
    partner: Option<OrganisationRef>,
) -> impl IntoView {
    let chosen = partner.map(|p| p.id);
    let locale = crate::language::current();
    view! {
        <form method="get" class="filters">
            <label for="partner">{td_string!(locale, indicators.whose_scorecard)}</label>
            <select id="partner" name="partner">
                <option value="">{td_string!(locale, indicators.the_government)}</option>
                {partners
                    .into_iter()
                    .map(|p| view! { <option value=p.id selected=Some(p.id) == chosen>{p.name}</option> })
                    .collect_view()}
            </select>
            <label for="fiscal_year">{td_string!(locale, indicators.fiscal_year)}</label>
            <select id="fiscal_year" name="fiscal_year">
                {fiscal_years
                    .into_iter()
                    .map(|(year, label)| view! { <option value=year selected=year == fiscal_year>{label}</option> })
                    .collect_view()}
            </select>
            <button type="submit">{td_string!(locale, indicators.show)}</button>
        </form>
    }
}

#[component]
fn Commitments(counts: Vec<StatusCount>, commitments: Vec<ScoredCommitment>) -> impl IntoView {
    let locale = crate::language::current();
    let summary = counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            let status = c.status.label().to_lowercase();
            td_string!(locale, indicators.status_count, count = c.count, status).to_string()
        })
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section aria-labelledby="commitments-heading">
            <h2 id="commitments-heading">{td_string!(locale, indicators.commitments_heading)}</h2>
            <p>
                {if summary.is_empty() {
                    td_string!(locale, indicators.no_commitments).to_string()
                } else {
                    td_string!(locale, indicators.commitments_summary, summary).to_string()
                }}
            </p>
            {(!commitments.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table>
                        <caption>{td_string!(locale, indicators.commitments_by_status)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{td_string!(locale, indicators.commitment)}</th>
                                <th scope="col">{td_string!(locale, indicators.party)}</th>
                                <th scope="col">{td_string!(locale, indicators.priority)}</th>
                                <th scope="col">{td_string!(locale, indicators.due)}</th>
                                <th scope="col">{td_string!(locale, indicators.status)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {commitments.into_iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.text}</th>
                                    <td>{c.party}</td>
                                    <td>{c.priority_code}</td>
                                    <td>{crate::language::date(locale, c.due_on)}</td>
                                    <td>{c.status.label()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

#[component]
fn Budget(budget: BudgetTransparency, currency: String) -> impl IntoView {
    let locale = crate::language::current();
    let amount = |value| crate::language::amount_with_currency(locale, value, &currency);
    view! {
        <section aria-labelledby="budget-heading">
            <h2 id="budget-heading">{td_string!(locale, indicators.budget_transparency)}</h2>
            <dl class="facts">
                <dt>{td_string!(locale, indicators.lines_with_figures)}</dt>
                <dd>
                    {td_string!(locale, indicators.count_of_total, count = budget.lines_with_figures, total = budget.lines)
                        .to_string()}
                </dd>
                <dt>{td_string!(locale, indicators.appropriation)}</dt>
                <dd>{amount(budget.appropriation)}</dd>
                <dt>{td_string!(locale, indicators.executed)}</dt>
                <dd>{amount(budget.executed)}</dd>
                <dt>{td_string!(locale, indicators.execution_rate)}</dt>
                <dd>
                    {budget
                        .execution_rate
                        .map_or_else(|| td_string!(locale, indicators.not_applicable).to_string(), percent)}
                </dd>
                <dt>{td_string!(locale, indicators.expected_external)}</dt>
                <dd>{amount(budget.expected_external)}</dd>
                <dt>{td_string!(locale, indicators.recorded_on_budget)}</dt>
                <dd>{amount(budget.recorded_on_budget)}</dd>
            </dl>
        </section>
    }
}

#[component]
fn Flows(flows: Vec<YearFlows>, currency: String) -> impl IntoView {
    let locale = crate::language::current();
    let periods: Vec<String> = flows.iter().map(|f| f.fiscal_year_label.clone()).collect();
    let series = vec![
        Series {
            name: td_string!(locale, indicators.disbursed).to_string(),
            class: "disbursed",
            values: flows.iter().map(|f| Some(f.totals.disbursed)).collect(),
        },
        Series {
            name: td_string!(locale, indicators.committed_not_disbursed).to_string(),
            class: "undisbursed",
            values: flows
                .iter()
                .map(|f| Some((f.totals.committed - f.totals.disbursed).max(Decimal::ZERO)))
                .collect(),
        },
    ];
    view! {
        <section aria-labelledby="flows-heading">
            <h2 id="flows-heading">{td_string!(locale, indicators.flows_heading)}</h2>
            <StackedBarChart
                id="flows"
                title=td_string!(locale, indicators.flows_chart_title, currency = &currency).to_string()
                description=td_string!(locale, indicators.flows_chart_description).to_string()
                periods
                series
                format=money
            />
        </section>
    }
}
