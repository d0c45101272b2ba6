//! The comparison of two strategy versions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::ErrorPanel;
use crate::pages::params::country_code_param;
use crate::server_fns::compare_strategy_versions;

/// What changed between two versions, priority by priority.
#[component]
pub fn StrategyComparePage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let pair = Memo::new(move |_| {
        let read = |k: &str| {
            query
                .read()
                .get(k)
                .and_then(|v| v.parse::<i32>().ok())
                .unwrap_or(0)
        };
        (read("from"), read("to"))
    });
    let comparison = Resource::new(
        move || (code.get(), pair.get()),
        |(code, (from, to))| compare_strategy_versions(code, from, to),
    );
    view! {
        <Title text="Compare strategy versions" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match comparison.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(c) => {
                        let nothing = c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty();
                        view! {
                            <h1>{format!("Version {} compared with version {}", c.to_version, c.from_version)}</h1>
                            <p><a href=format!("/countries/{}/strategy", code.get_untracked())>"Back to the strategy"</a></p>
                            {nothing.then(|| view! { <p>"The two versions have the same priorities and costs."</p> })}
                            {(!c.added.is_empty()).then(|| view! {
                                <h2>"Priorities added"</h2>
                                <ul>{c.added.iter().map(|p| view! { <li>{format!("{} {}", p.code, p.title)}</li> }).collect_view()}</ul>
                            })}
                            {(!c.removed.is_empty()).then(|| view! {
                                <h2>"Priorities removed"</h2>
                                <ul>{c.removed.iter().map(|p| view! { <li>{format!("{} {}", p.code, p.title)}</li> }).collect_view()}</ul>
                            })}
                            {(!c.changed.is_empty()).then(|| view! {
                                <h2>"Priorities changed"</h2>
                                <div class="table-wrap">
                                    <table class="comparison">
                                        <thead>
                                            <tr>
                                                <th scope="col">"Priority"</th>
                                                <th scope="col">"What"</th>
                                                <th scope="col">"Before"</th>
                                                <th scope="col">"After"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c.changed
                                                .iter()
                                                .flat_map(|p| p.changes.iter().map(move |f| (p.code.clone(), f.clone())))
                                                .map(|(code, f)| view! {
                                                    <tr>
                                                        <th scope="row">{code}</th>
                                                        <td>{f.field}</td>
                                                        <td>{f.before}</td>
                                                        <td>{f.after}</td>
                                                    </tr>
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
