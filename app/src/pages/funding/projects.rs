//! The public project browser: `/countries/{code}/activities` lists the
//! published activities (search by title or identifier, fifty a page), and
//! `/countries/{code}/activities/{id}` shows one with its flows. Both are
//! plain links and a GET form: they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::activities::shares;
use crate::components::ErrorPanel;
use crate::i18n::td_string;
use crate::pages::params::country_code_param;
use crate::server_fns::{browse_projects, load_project};
use crate::types::money::display as money;
use crate::types::{Activity, ProjectList};

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let locale = crate::language::current();
    let code = country_code_param();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u64>().ok());
    let data = Resource::new(
        move || (code.get(), search(), page()),
        |(code, q, page)| browse_projects(code, Some(q), page),
    );
    view! {
        <Title text=td_string!(locale, activities.projects) />
        <h1>{td_string!(locale, activities.projects)}</h1>
        <p>{td_string!(locale, activities.projects_lead)}</p>
        <form method="get" class="filters" role="search">
            <label for="q">{td_string!(locale, activities.search)}</label>
            <input id="q" name="q" type="search" maxlength="200" value=search />
            <button type="submit">{td_string!(locale, activities.search)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
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
    let locale = crate::language::current();
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
        view! { <a href=href rel="prev">{td_string!(locale, activities.previous_page)}</a> }
    });
    let next = (page < pages).then(|| {
        let href = link(page + 1);
        view! { <a href=href rel="next">{td_string!(locale, activities.next_page)}</a> }
    });
    view! {
        <p role="status">{td_string!(locale, activities.projects_count, total, page, pages).to_string()}</p>
        <div class="table-wrap">
            <table>
                <caption>{td_string!(locale, activities.published_activities)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, activities.title_field)}</th>
                        <th scope="col">{td_string!(locale, activities.partner)}</th>
                        <th scope="col">{td_string!(locale, activities.iati_identifier)}</th>
                        <th scope="col">{td_string!(locale, activities.status)}</th>
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
        <nav class="pagination" aria-label=td_string!(locale, activities.pages)>{previous}" "{next}</nav>
    }
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let locale = crate::language::current();
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
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
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
    let locale = crate::language::current();
    view! {
        <Title text=activity.title.clone() />
        <p class="breadcrumb"><a href=format!("/countries/{code}/activities")>{td_string!(locale, activities.projects)}</a></p>
        <h1>{activity.title.clone()}</h1>
        <p>{activity.description.clone()}</p>
        <dl class="facts">
            <dt>{td_string!(locale, activities.partner)}</dt>
            <dd>{activity.reporting_org.name.clone()}</dd>
            <dt>{td_string!(locale, activities.iati_identifier)}</dt>
            <dd>{activity.iati_identifier.clone().unwrap_or_default()}</dd>
            <dt>{td_string!(locale, activities.status)}</dt>
            <dd>{activity.status.label()}</dd>
            <dt>{td_string!(locale, activities.money_type)}</dt>
            <dd>{activity.money_type.label()}</dd>
            <dt>{td_string!(locale, activities.channel)}</dt>
            <dd>{activity.channel.label()}</dd>
            <dt>{td_string!(locale, activities.sectors)}</dt>
            <dd>{shares(locale, &activity.sectors)}</dd>
            <dt>{td_string!(locale, activities.strategy_priorities)}</dt>
            <dd>{shares(locale, &activity.priorities)}</dd>
        </dl>
        <div class="table-wrap">
            <table>
                <caption>{td_string!(locale, activities.transactions_own_currency)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, activities.date)}</th>
                        <th scope="col">{td_string!(locale, activities.transaction_type)}</th>
                        <th scope="col" class="num">{td_string!(locale, activities.amount)}</th>
                        <th scope="col">{td_string!(locale, activities.currency)}</th>
                    </tr>
                </thead>
                <tbody>
                    {activity
                        .transactions
                        .into_iter()
                        .map(|t| view! {
                            <tr>
                                <td>{crate::language::date(locale, t.transaction_date)}</td>
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
