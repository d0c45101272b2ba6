//! A country's page: its summary, working areas and who takes part.

use leptos::prelude::*;
use leptos_meta::Title;

use leptos::server_fn::ServerFn;

use crate::components::{CsrfField, ErrorPanel, FormErrors, query_error};
use crate::i18n::td_string;
use crate::language::Locale;
use crate::pages::params::country_code_param;
use crate::server_fns::{SetCountryLanguage, can_configure_country, get_country_summary};
use crate::types::{Area, Country, CountrySummary};

#[component]
pub fn CountryPage() -> impl IntoView {
    let code = country_code_param();
    let summary = Resource::new(move || code.get(), get_country_summary);
    view! {
        <Suspense fallback=|| view! { <p>{td_string!(crate::language::current(), common.loading)}</p> }>
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
    let settings = country.clone();
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
        <LanguageSetting country=settings />
    }
}

/// For the country's administrators: the language its pages speak to a
/// visitor who has chosen none the site speaks.
#[component]
fn LanguageSetting(country: Country) -> impl IntoView {
    let locale = crate::language::current();
    let code = country.code.clone();
    let allowed = Resource::new(move || code.clone(), can_configure_country);
    let error = query_error();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let country = country.clone();
                Suspend::new(async move {
                    allowed
                        .await
                        .unwrap_or(false)
                        .then(|| language_form(locale, country, error))
                })
            }}
        </Suspense>
    }
}

fn language_form(
    locale: Locale,
    country: Country,
    error: Signal<Option<crate::AppError>>,
) -> impl IntoView {
    let options = crate::language::ALL
        .into_iter()
        .map(|l| {
            let code = crate::language::code(l);
            view! {
                <option value=code selected=code == country.language>
                    {crate::language::name(l)}
                </option>
            }
        })
        .collect_view();
    view! {
        <h2 id="settings">{td_string!(locale, country.settings)}</h2>
        <FormErrors error />
        <form method="post" action=SetCountryLanguage::PATH class="stack narrow">
            <CsrfField />
            <input type="hidden" name="country" value=country.code.clone() />
            <input type="hidden" name="shown" value=country.language.clone() />
            <label for="country-language">{td_string!(locale, country.default_language)}</label>
            <p class="hint" id="country-language-hint">{td_string!(locale, country.default_language_hint)}</p>
            <select id="country-language" name="language" aria-describedby="country-language-hint">
                {options}
            </select>
            <button type="submit">{td_string!(locale, country.save_settings)}</button>
        </form>
    }
}
