//! The audit trail page: who changed what in a country, filtered by a GET
//! form and paged by links, so that every view of it is an address and
//! works without JavaScript; the same view downloads as CSV.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::components::ErrorPanel;
use crate::i18n::td_string;
use crate::language::Locale;
use crate::pages::params::country_code_param;
use crate::server_fns::audit_trail;
use crate::types::{AuditEntry, AuditPage, AuditQuery};

/// The page's address as a query: empty fields are no filter, and a
/// cursor that is not a number is the newest page.
fn query_of(map: &ParamsMap) -> AuditQuery {
    let text = |name: &str| map.get(name).filter(|v| !v.trim().is_empty());
    let id = |name: &str| text(name).and_then(|v| v.trim().parse().ok());
    AuditQuery {
        user: text("user"),
        object_type: text("object_type"),
        object_id: text("object_id"),
        from: text("from"),
        to: text("to"),
        before: id("before"),
        after: id("after"),
    }
}

/// What happened, in words.
fn action_label(action: &str, locale: Locale) -> &str {
    match action {
        "create" => td_string!(locale, accounts.action_create),
        "update" => td_string!(locale, accounts.action_update),
        "delete" => td_string!(locale, accounts.action_delete),
        "sign_in" => td_string!(locale, accounts.action_sign_in),
        "sign_out" => td_string!(locale, accounts.action_sign_out),
        "sign_in_failed" => td_string!(locale, accounts.action_sign_in_failed),
        other => other,
    }
}

/// The audit trail of a country, a page at a time, newest first.
#[component]
pub fn AuditPage() -> impl IntoView {
    let code = country_code_param();
    let map = use_query_map();
    let trail = Resource::new(
        move || (code.get(), query_of(&map.read())),
        |(code, query)| audit_trail(code, query),
    );
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, accounts.audit_trail) />
        <Suspense fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let query = query_of(&map.read_untracked());
                match trail.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(page) => trail_view(code.get_untracked(), query, page, locale).into_any(),
                }
            })}
        </Suspense>
    }
}

fn trail_view(code: String, query: AuditQuery, page: AuditPage, locale: Locale) -> impl IntoView {
    let csv = format!(
        "/countries/{code}/admin/audit.csv?{}",
        query.query(None, None)
    );
    let shown = page.entries.len();
    let caption = td_string!(
        locale,
        accounts.entries_caption,
        total = page.total,
        shown = shown,
    )
    .to_string();
    let types = page.object_types.clone();
    view! {
        <h1>{td_string!(locale, accounts.audit_trail)}</h1>
        <AuditFilters query=query.clone() types />
        <p>
            <a href=csv download="">{td_string!(locale, accounts.download_entries_csv)}</a>
        </p>
        <div class="table-wrap">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, accounts.when_utc)}</th>
                        <th scope="col">{td_string!(locale, accounts.who)}</th>
                        <th scope="col">{td_string!(locale, accounts.what)}</th>
                        <th scope="col">{td_string!(locale, accounts.object)}</th>
                        <th scope="col">{td_string!(locale, accounts.before)}</th>
                        <th scope="col">{td_string!(locale, accounts.after)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.entries.into_iter().map(|e| row(&code, e, locale)).collect_view()}
                </tbody>
            </table>
        </div>
        {pages(&code, &query, page.newer, page.older, locale)}
    }
}

fn row(code: &str, e: AuditEntry, locale: Locale) -> impl IntoView + use<> {
    let object = format!(
        "/countries/{code}/admin/audit?{}",
        AuditQuery {
            object_type: Some(e.object_type.clone()),
            object_id: Some(e.object_id.to_string()),
            ..AuditQuery::default()
        }
        .query(None, None)
    );
    view! {
        <tr>
            <td>{e.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
            <td>{e.actor}</td>
            <td>{action_label(&e.action, locale).to_string()}</td>
            <td>
                <a href=object>{format!("{} {}", e.object_type, e.object_id)}</a>
            </td>
            <td><code>{e.before.unwrap_or_default()}</code></td>
            <td><code>{e.after.unwrap_or_default()}</code></td>
        </tr>
    }
}

/// Links to the newer and older entries, the filters kept.
fn pages(
    code: &str,
    query: &AuditQuery,
    newer: Option<i64>,
    older: Option<i64>,
    locale: Locale,
) -> impl IntoView + use<> {
    let at = |before: Option<i64>, after: Option<i64>| {
        format!(
            "/countries/{code}/admin/audit?{}",
            query.query(before, after)
        )
    };
    let paged = query.before.is_some() || query.after.is_some();
    (newer.is_some() || older.is_some() || paged).then(|| {
        view! {
            <nav class="pagination" aria-label=td_string!(locale, accounts.audit_pages)>
                {paged.then(|| view! { <a href=at(None, None)>{td_string!(locale, accounts.newest)}</a> })}
                {newer.map(|id| view! { <a href=at(None, Some(id)) rel="prev">{td_string!(locale, accounts.newer_entries)}</a> })}
                {older.map(|id| view! { <a href=at(Some(id), None) rel="next">{td_string!(locale, accounts.older_entries)}</a> })}
            </nav>
        }
    })
}

/// The filters, as a GET form: a filtered view is a link.
#[component]
fn AuditFilters(query: AuditQuery, types: Vec<String>) -> impl IntoView {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let chosen = query.object_type.clone();
    let locale = crate::language::current();
    view! {
        <form method="get" class="filters">
            <label for="user">{td_string!(locale, accounts.user_email)}</label>
            <input id="user" name="user" type="text" value=value(&query.user) />
            <label for="object_type">{td_string!(locale, accounts.object_type)}</label>
            <select id="object_type" name="object_type">
                <option value="">{td_string!(locale, accounts.any)}</option>
                {types
                    .into_iter()
                    .map(|t| {
                        let selected = chosen.as_deref() == Some(t.as_str());
                        let label = t.clone();
                        view! { <option value=t selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="object_id">{td_string!(locale, accounts.object_id)}</label>
            <input id="object_id" name="object_id" inputmode="numeric" value=value(&query.object_id) />
            <label for="from">{td_string!(locale, accounts.from)}</label>
            <input id="from" name="from" type="date" value=value(&query.from) />
            <label for="to">{td_string!(locale, accounts.to)}</label>
            <input id="to" name="to" type="date" value=value(&query.to) />
            <button type="submit">{td_string!(locale, accounts.filter)}</button>
        </form>
    }
}
