//! The scorecard page: one party's indicators, commitments, budget
//! transparency and flows for a fiscal year.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use rust_decimal::Decimal;

use crate::components::ReadingsTable;
use crate::components::{ErrorPanel, Series, StackedBarChart};
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
    view! {
        <Title text="Scorecard" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(ScorecardView { scorecard, fiscal_years, partners }) => {
                        let code = code.get_untracked();
                        let readings = scorecard.readings.clone();
                        let party = scorecard.partner.as_ref().map_or_else(|| "Government".to_string(), |p| p.name.clone());
                        let currency = readings.currency.clone();
                        view! {
                            <h1>{format!("Scorecard: {party}, {}", readings.fiscal_year_label)}</h1>
                            <Choose fiscal_years partners fiscal_year=readings.fiscal_year partner=scorecard.partner.clone() />
                            <p><a href=format!("/countries/{code}/dashboard?fiscal_year={}", readings.fiscal_year)>"The whole dashboard"</a></p>
                            <section aria-labelledby="indicators-heading">
                                <h2 id="indicators-heading">"Indicators"</h2>
                                <ReadingsTable readings=readings.readings.clone() currency=String::from(currency.clone()) />
                            </section>
                            <Commitments counts=scorecard.commitment_counts commitments=scorecard.commitments />
                            {scorecard.budget.map(|b| view! { <Budget budget=b currency=String::from(currency.clone()) /> })}
                            {(!scorecard.flows.is_empty()).then(|| view! { <Flows flows=scorecard.flows currency=String::from(currency.clone()) /> })}
                            {(!scorecard.rounds.is_empty()).then(|| view! {
                                <section aria-labelledby="rounds-heading">
                                    <h2 id="rounds-heading">"Reporting rounds"</h2>
                                    <ul>
                                        {scorecard.rounds.into_iter().map(|r| view! {
                                            <li>{format!("{}: {}", r.round, r.answer.unwrap_or_else(|| "not answered".into()))}</li>
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
    view! {
        <form method="get" class="filters">
            <label for="partner">"Whose scorecard"</label>
            <select id="partner" name="partner">
                <option value="">"The government"</option>
                {partners
                    .into_iter()
                    .map(|p| view! { <option value=p.id selected=Some(p.id) == chosen>{p.name}</option> })
                    .collect_view()}
            </select>
            <label for="fiscal_year">"Fiscal year"</label>
            <select id="fiscal_year" name="fiscal_year">
                {fiscal_years
                    .into_iter()
                    .map(|(year, label)| view! { <option value=year selected=year == fiscal_year>{label}</option> })
                    .collect_view()}
            </select>
            <button type="submit">"Show"</button>
        </form>
    }
}

#[component]
fn Commitments(counts: Vec<StatusCount>, commitments: Vec<ScoredCommitment>) -> impl IntoView {
    let summary = counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| format!("{} {}", c.count, c.status.label().to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section aria-labelledby="commitments-heading">
            <h2 id="commitments-heading">"Commitments of the signed compact"</h2>
            <p>{if summary.is_empty() { "No commitments in the latest signed compact.".to_string() } else { format!("{summary}.") }}</p>
            {(!commitments.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table>
                        <caption>"Commitments by status"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Commitment"</th>
                                <th scope="col">"Party"</th>
                                <th scope="col">"Priority"</th>
                                <th scope="col">"Due"</th>
                                <th scope="col">"Status"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {commitments.into_iter().map(|c| view! {
                                <tr>
                                    <th scope="row">{c.text}</th>
                                    <td>{c.party}</td>
                                    <td>{c.priority_code}</td>
                                    <td>{c.due_on.to_string()}</td>
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
    view! {
        <section aria-labelledby="budget-heading">
            <h2 id="budget-heading">"Budget transparency"</h2>
            <dl class="facts">
                <dt>"Budget lines with figures"</dt>
                <dd>{format!("{} of {}", budget.lines_with_figures, budget.lines)}</dd>
                <dt>"Appropriation"</dt>
                <dd>{format!("{currency} {}", money(budget.appropriation))}</dd>
                <dt>"Executed"</dt>
                <dd>{format!("{currency} {}", money(budget.executed))}</dd>
                <dt>"Execution rate"</dt>
                <dd>{budget.execution_rate.map_or_else(|| "Not applicable".to_string(), percent)}</dd>
                <dt>"External financing expected on budget"</dt>
                <dd>{format!("{currency} {}", money(budget.expected_external))}</dd>
                <dt>"Partners' disbursements recorded on budget lines"</dt>
                <dd>{format!("{currency} {}", money(budget.recorded_on_budget))}</dd>
            </dl>
        </section>
    }
}

#[component]
fn Flows(flows: Vec<YearFlows>, currency: String) -> impl IntoView {
    let periods: Vec<String> = flows.iter().map(|f| f.fiscal_year_label.clone()).collect();
    let series = vec![
        Series {
            name: "Disbursed".to_string(),
            class: "disbursed",
            values: flows.iter().map(|f| Some(f.totals.disbursed)).collect(),
        },
        Series {
            name: "Committed, not yet disbursed".to_string(),
            class: "undisbursed",
            values: flows
                .iter()
                .map(|f| Some((f.totals.committed - f.totals.disbursed).max(Decimal::ZERO)))
                .collect(),
        },
    ];
    view! {
        <section aria-labelledby="flows-heading">
            <h2 id="flows-heading">"Flows by fiscal year"</h2>
            <StackedBarChart
                id="flows"
                title=format!("Commitments and disbursements by fiscal year, {currency}")
                description="Each bar is a fiscal year's commitments: the part disbursed, and the part not yet disbursed.".to_string()
                periods
                series
                format=money
            />
        </section>
    }
}
