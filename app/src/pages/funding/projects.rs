//! The public project browser: `/countries/{code}/activities` lists the
//! published activities (search by title or identifier, fifty a page), and
//! `/countries/{code}/activities/{id}` shows one with its flows. Both are
//! plain links and a GET form: they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::activities::shares;
use crate::components::ErrorPanel;
use crate::pages::params::country_code_param;
use crate::server_fns::{browse_projects, load_project};
use crate::types::money::display as money;
use crate::types::{Activity, ProjectList};

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let code = country_code_param();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u64>().ok());
    let data = Resource::new(
        move || (code.get(), search(), page()),
        |(code, q, page)| browse_projects(code, Some(q), page),
    );
    view! {
        <Title text="Projects" />
        <h1>"Projects"</h1>
        <p>"Every activity the partners have published, with its flows. Search by title or IATI identifier."</p>
        <form method="get" class="filters" role="search">
            <label for="q">"Search"</label>
            <input id="q" name="q" type="search" maxlength="200" value=search />
            <button type="submit">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(list) => view! { <ProjectTable list code=code.get_untracked() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProjectTable(list: ProjectList, code: String) -> impl IntoView {
    let ProjectList {
        activities,
        total,
        page,
        pages,
        search,
    } = list;
    let link = {
        let code = code.clone();
        move |page: u64| {
            let q = crate::types::query::encode(&search);
            format!("/countries/{code}/activities?q={q}&page={page}")
        }
    };
    let previous = (page > 1).then(|| {
        let href = link(page - 1);
        view! { <a href=href rel="prev">"Previous page"</a> }
    });
    let next = (page < pages).then(|| {
        let href = link(page + 1);
        view! { <a href=href rel="next">"Next page"</a> }
    });
    view! {
        <p role="status">{format!("{total} activities; page {page} of {pages}.")}</p>
        <div class="table-wrap">
            <table>
                <caption>"Published activities"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Partner"</th>
                        <th scope="col">"IATI identifier"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {activities
                        .into_iter()
                        .map(|a| view! {
                            <tr>
                                <th scope="row"><a href=format!("/countries/{code}/activities/{}", a.id)>{a.title}</a></th>
                                <td>{a.partner}</td>
                                <td>{a.iati_identifier.unwrap_or_default()}</td>
                                <td>{a.status.map(|s| s.label()).unwrap_or_default()}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pagination" aria-label="Pages">{previous}" "{next}</nav>
    }
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let code = country_code_param();
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or_default()
    };
    let data = Resource::new(
        move || (code.get(), id()),
        |(code, id)| load_project(code, id),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(activity) => view! { <ProjectDetails activity code=code.get_untracked() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProjectDetails(activity: Activity, code: String) -> impl IntoView {
    view! {
        <Title text=activity.title.clone() />
        <p class="breadcrumb"><a href=format!("/countries/{code}/activities")>"Projects"</a></p>
        <h1>{activity.title.clone()}</h1>
        <p>{activity.description.clone()}</p>
        <dl class="facts">
            <dt>"Partner"</dt>
            <dd>{activity.reporting_org.name.clone()}</dd>
            <dt>"IATI identifier"</dt>
            <dd>{activity.iati_identifier.clone().unwrap_or_default()}</dd>
            <dt>"Status"</dt>
            <dd>{activity.status.label()}</dd>
            <dt>"Type of money"</dt>
            <dd>{activity.money_type.label()}</dd>
            <dt>"Channel"</dt>
            <dd>{activity.channel.label()}</dd>
            <dt>"Sectors"</dt>
            <dd>{shares(&activity.sectors)}</dd>
            <dt>"Strategy priorities"</dt>
            <dd>{shares(&activity.priorities)}</dd>
        </dl>
        <div class="table-wrap">
            <table>
                <caption>"Transactions, each in its own currency"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col" class="num">"Amount"</th>
                        <th scope="col">"Currency"</th>
                    </tr>
                </thead>
                <tbody>
                    {activity
                        .transactions
                        .into_iter()
                        .map(|t| view! {
                            <tr>
                                <td>{crate::language::date(crate::language::current(), t.transaction_date)}</td>
                                <td>{t.kind.label()}</td>
                                <td class="num">{money(t.amount)}</td>
                                <td>{t.currency.to_string()}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
