//! A country's page: its summary, working areas and who takes part.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ErrorPanel;
use crate::pages::params::country_code_param;
use crate::server_fns::get_country_summary;
use crate::types::{Area, CountrySummary, month_name};

#[component]
pub fn CountryPage() -> impl IntoView {
    let code = country_code_param();
    let summary = Resource::new(move || code.get(), get_country_summary);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(summary) => view! { <Summary summary /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Summary(summary: CountrySummary) -> impl IntoView {
    let CountrySummary {
        country,
        current_fiscal_year,
        organisations,
        kinds,
    } = summary;
    let code = country.code.clone();
    view! {
        <Title text=country.name.clone() />
        <h1>{country.name.clone()}</h1>
        <dl class="facts">
            <dt>"Country code"</dt>
            <dd>{country.code.clone()}</dd>
            <dt>"Reporting currency"</dt>
            <dd>{country.currency.to_string()}</dd>
            <dt>"Fiscal year"</dt>
            <dd>
                {format!(
                    "Starts in {}; the current one is {}",
                    month_name(country.fiscal_year_start_month),
                    current_fiscal_year.label(),
                )}
            </dd>
            <dt>"Organisations"</dt>
            <dd>{organisations.len()}</dd>
        </dl>

        <h2>"Working areas"</h2>
        <ul class="cards areas-grid">
            {Area::ALL
                .into_iter()
                .map(|a| {
                    view! {
                        <li class="card">
                            <h3>
                                <a href=format!("/countries/{code}/{}", a.slug())>{a.label()}</a>
                            </h3>
                            <p>{a.purpose()}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>

        <h2>"Who takes part"</h2>
        <ul class="kinds">
            {kinds
                .into_iter()
                .map(|k| view! { <li>{format!("{}: {}", k.kind.label(), k.count)}</li> })
                .collect_view()}
        </ul>
        <div class="table-wrap">
            <table>
                <caption>"Organisations in " {country.name.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Acronym"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col">"IATI identifier"</th>
                        <th scope="col">"IATI type"</th>
                    </tr>
                </thead>
                <tbody>
                    {organisations
                        .into_iter()
                        .map(|o| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/organisations/{}", o.id)>{o.name}</a>
                                    </th>
                                    <td>{o.acronym.unwrap_or_default()}</td>
                                    <td>{o.kind.label()}</td>
                                    <td>{o.iati_id.unwrap_or_default()}</td>
                                    <td>{o.iati_type_code.unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
