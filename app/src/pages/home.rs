//! The home page: what the tracker is for, and the countries in it.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::ErrorPanel;
use crate::server_fns::list_countries;
use crate::types::month_name;

#[component]
pub fn HomePage() -> impl IntoView {
    let countries = Resource::new(|| (), |_| list_countries());
    view! {
        <Title text="" />
        <section class="intro">
            <h1>"Compact Tracker"</h1>
            <p class="lead">
                "A government and its development partners plan the peacebuilding strategy and the UN transition together, "
                "sign a compact of mutual commitments, report every funding flow against the national budget, "
                "and review the same accountability indicators."
            </p>
        </section>
        <Suspense fallback=|| view! { <p>"Loading countries…"</p> }>
            {move || Suspend::new(async move {
                match countries.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(list) if list.is_empty() => {
                        view! {
                            <section class="empty">
                                <h2>"No country yet"</h2>
                                <p>
                                    "Add one with " <code>"compact-tracker add-country TL \"Timor-Leste\" --currency USD --fiscal-year-start-month 1"</code>
                                    ", or load the demo data with " <code>"compact-tracker seed-demo"</code> "."
                                </p>
                            </section>
                        }
                            .into_any()
                    }
                    Ok(list) => {
                        view! {
                            <section>
                                <h2>"Countries"</h2>
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
                                                        {format!(
                                                            "{} · reports in {} · fiscal year starts in {}",
                                                            c.code,
                                                            c.currency,
                                                            month_name(c.fiscal_year_start_month),
                                                        )}
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
