//! The audit trail page: who changed what in a country, filtered by a GET
//! form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::ErrorPanel;
use crate::pages::params::country_code_param;
use crate::server_fns::audit_trail;

/// The audit trail of a country, filtered by a GET form so that a filtered
/// view is a link.
#[component]
pub fn AuditPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let entries = Resource::new(
        move || {
            (
                code.get(),
                param("user"),
                param("object_type"),
                param("object_id").and_then(|id| id.parse::<i32>().ok()),
                param("from"),
                param("to"),
            )
        },
        |(code, user, object_type, object_id, from, to)| {
            audit_trail(code, user, object_type, object_id, from, to)
        },
    );
    view! {
        <Title text="Audit trail" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(entries) => view! {
                        <h1>"Audit trail"</h1>
                        <AuditFilters />
                        <div class="table-wrap">
                            <table>
                                <caption>{format!("{} entries", entries.len())}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"When (UTC)"</th>
                                        <th scope="col">"Who"</th>
                                        <th scope="col">"What"</th>
                                        <th scope="col">"Object"</th>
                                        <th scope="col">"After"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {entries
                                        .into_iter()
                                        .map(|e| view! {
                                            <tr>
                                                <td>{e.at.format("%Y-%m-%d %H:%M").to_string()}</td>
                                                <td>{e.actor}</td>
                                                <td>{e.action}</td>
                                                <td>{format!("{} {}", e.object_type, e.object_id)}</td>
                                                <td><code>{e.after.unwrap_or_default()}</code></td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                        .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The filters, as a GET form: a filtered view is a link.
#[component]
fn AuditFilters() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let value = move |name: &'static str| move || param(name).unwrap_or_default();
    view! {
        <form method="get" class="filters">
            <label for="user">"User (email)"</label>
            <input id="user" name="user" type="email" value=value("user") />
            <label for="object_type">"Object type"</label>
            <select id="object_type" name="object_type">
                <option value="">"Any"</option>
                {["country", "organisation", "user"]
                    .into_iter()
                    .map(|t| view! {
                        <option value=t selected=move || param("object_type").as_deref() == Some(t)>{t}</option>
                    })
                    .collect_view()}
            </select>
            <label for="from">"From"</label>
            <input id="from" name="from" type="date" value=value("from") />
            <label for="to">"To"</label>
            <input id="to" name="to" type="date" value=value("to") />
            <button type="submit">"Filter"</button>
        </form>
    }
}
