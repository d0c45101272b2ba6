//! A country's page: its summary, working areas and who takes part.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ErrorPanel;
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::get_country_summary;
use crate::types::{Area, CountrySummary};

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
    let locale = crate::language::current();
    view! {
        <Title text=country.name.clone() />
        <h1>{country.name.clone()}</h1>
        <dl class="facts">
            <dt>{td_string!(locale, country.country_code)}</dt>
            <dd>{country.code.clone()}</dd>
            <dt>{td_string!(locale, country.reporting_currency)}</dt>
            <dd>{country.currency.to_string()}</dd>
            <dt>{td_string!(locale, country.fiscal_year)}</dt>
            <dd>
                {td_string!(
                    locale,
                    country.fiscal_year_text,
                    month = crate::language::month(locale, country.fiscal_year_start_month),
                    year = current_fiscal_year.label(),
                )
                    .to_string()}
            </dd>
            <dt>{td_string!(locale, country.organisations)}</dt>
            <dd>{organisations.len()}</dd>
        </dl>

        <h2>{td_string!(locale, country.working_areas)}</h2>
        <ul class="cards areas-grid">
            {Area::ALL
                .into_iter()
                .map(|a| {
                    view! {
                        <li class="card">
                            <h3>
                                <a href=format!("/countries/{code}/{}", a.slug())>{a.label(locale)}</a>
                            </h3>
                            <p>{a.purpose(locale)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>

        <h2>{td_string!(locale, country.who_takes_part)}</h2>
        <ul class="kinds">
            {kinds
                .into_iter()
                .map(|k| view! { <li>{format!("{}: {}", k.kind.name(locale), k.count)}</li> })
                .collect_view()}
        </ul>
        <div class="table-wrap">
            <table>
                <caption>{td_string!(locale, country.organisations_in, country = country.name.clone()).to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, country.name)}</th>
                        <th scope="col">{td_string!(locale, country.acronym)}</th>
                        <th scope="col">{td_string!(locale, country.kind)}</th>
                        <th scope="col">{td_string!(locale, country.iati_identifier)}</th>
                        <th scope="col">{td_string!(locale, country.iati_type)}</th>
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
                                    <td>{o.kind.name(locale)}</td>
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
