//! The comparison of two strategy versions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::ErrorPanel;
use crate::i18n::{Locale, td_string};
use crate::pages::params::country_code_param;
use crate::server_fns::compare_strategy_versions;

/// What changed between two versions, priority by priority.
#[component]
pub fn StrategyComparePage() -> impl IntoView {
    let locale = crate::language::current();
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
        <Title text=td_string!(locale, strategy.compare_versions) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match comparison.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(c) => {
                        let nothing = c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty();
                        view! {
                            <h1>{td_string!(locale, strategy.version_compared, to = c.to_version, from = c.from_version).to_string()}</h1>
                            <p><a href=format!("/countries/{}/strategy", code.get_untracked())>{td_string!(locale, strategy.back_to_strategy)}</a></p>
                            {nothing.then(|| view! { <p>{td_string!(locale, strategy.same_priorities)}</p> })}
                            {(!c.added.is_empty()).then(|| view! {
                                <h2>{td_string!(locale, strategy.priorities_added)}</h2>
                                <ul>{c.added.iter().map(|p| view! { <li>{format!("{} {}", p.code, p.title)}</li> }).collect_view()}</ul>
                            })}
                            {(!c.removed.is_empty()).then(|| view! {
                                <h2>{td_string!(locale, strategy.priorities_removed)}</h2>
                                <ul>{c.removed.iter().map(|p| view! { <li>{format!("{} {}", p.code, p.title)}</li> }).collect_view()}</ul>
                            })}
                            {(!c.changed.is_empty()).then(|| view! {
                                <h2>{td_string!(locale, strategy.priorities_changed)}</h2>
                                <div class="table-wrap">
                                    <table class="comparison">
                                        <thead>
                                            <tr>
                                                <th scope="col">{td_string!(locale, strategy.priority)}</th>
                                                <th scope="col">{td_string!(locale, strategy.what)}</th>
                                                <th scope="col">{td_string!(locale, strategy.before)}</th>
                                                <th scope="col">{td_string!(locale, strategy.after)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {c.changed
                                                .iter()
                                                .flat_map(|p| p.changes.iter().map(move |f| (p.code.clone(), f.clone())))
                                                .map(|(code, f)| view! {
                                                    <tr>
                                                        <th scope="row">{code}</th>
                                                        <td>{field_name(locale, &f.field)}</td>
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

/// The name of a compared field in the page's language; the comparison
/// names them in English (`title`, `lead ministry`, `cost FY 2025`), as the
/// JSON API sends them.
fn field_name(locale: Locale, field: &str) -> String {
    match field {
        "title" => td_string!(locale, strategy.field_title).to_string(),
        "objective" => td_string!(locale, strategy.field_objective).to_string(),
        "lead ministry" => td_string!(locale, strategy.field_lead_ministry).to_string(),
        "supporting partners" => td_string!(locale, strategy.field_supporting_partners).to_string(),
        "provisions" => td_string!(locale, strategy.field_provisions).to_string(),
        "phase" => td_string!(locale, strategy.field_phase).to_string(),
        "thematic area" => td_string!(locale, strategy.field_thematic_area).to_string(),
        other => match other.strip_prefix("cost ") {
            Some(year) => td_string!(locale, strategy.field_cost, year).to_string(),
            None => other.to_string(),
        },
    }
}
