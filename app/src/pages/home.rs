//! The home page: what the tracker is for, and the countries in it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ErrorPanel;
use crate::i18n::td_string;
use crate::language;
use crate::server_fns::list_countries;

#[component]
pub fn HomePage() -> impl IntoView {
    let countries = Resource::new(|| (), |_| list_countries());
    let locale = language::current();
    view! {
        <Title text="" />
        <section class="intro">
            <h1>{td_string!(locale, common.brand)}</h1>
            <p class="lead">{td_string!(locale, common.home_lead)}</p>
        </section>
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading_countries)}</p> }>
            {move || Suspend::new(async move {
                match countries.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(list) if list.is_empty() => {
                        view! {
                            <section class="empty">
                                <h2>{td_string!(locale, common.no_country_yet)}</h2>
                                <p>
                                    {td_string!(locale, common.add_country_with)} " " <code>"compact-tracker add-country TL \"Timor-Leste\" --currency USD --fiscal-year-start-month 1"</code>
                                    {td_string!(locale, common.or_load_demo_with)} " " <code>"compact-tracker seed-demo"</code> "."
                                </p>
                            </section>
                        }
                            .into_any()
                    }
                    Ok(list) => {
                        view! {
                            <section>
                                <h2>{td_string!(locale, common.countries)}</h2>
                                <ul class="cards">
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <li class="card">
                                                    <h3>
                                                        <a href=format!("/countries/{}", c.code)>{c.name.clone()}</a>
                                                    </h3>
                                                    <p>
                                                        {td_string!(
                                                            locale,
                                                            common.country_card,
                                                            code = c.code.clone(),
                                                            currency = c.currency.to_string(),
                                                            month = language::month(locale, c.fiscal_year_start_month),
                                                        ).to_string()}
                                                    </p>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
