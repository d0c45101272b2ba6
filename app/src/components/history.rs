use leptos::prelude::*;

use crate::i18n::td_string;
use crate::language::Locale;
use crate::server_fns::object_history;
use crate::types::AuditEntry;

/// The history panel of an object, shown to those who may read it and
/// left out for everyone else.
#[component]
pub fn History(object_type: &'static str, #[prop(into)] object_id: Signal<i32>) -> impl IntoView {
    let entries = Resource::new(
        move || object_id.get(),
        move |id| object_history(object_type.to_string(), id),
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                entries.await.ok().map(|entries| view! { <HistoryPanel entries /> })
            })}
        </Suspense>
    }
}

/// What happened to an object, in words.
fn action_name(action: &str, locale: Locale) -> &str {
    match action {
        "create" => td_string!(locale, accounts.history_create),
        "update" => td_string!(locale, accounts.history_update),
        "delete" => td_string!(locale, accounts.history_delete),
        "sign_in" => td_string!(locale, accounts.history_sign_in),
        "sign_out" => td_string!(locale, accounts.history_sign_out),
        "sign_in_failed" => td_string!(locale, accounts.history_sign_in_failed),
        other => other,
    }
}

/// "What by whom on when", in the language's own order: the action in
/// bold and the moment as a `<time>`.
fn entry_line(e: &AuditEntry, locale: Locale) -> Vec<AnyView> {
    // Marks where the action and the moment go in the translated sentence.
    const ACTION: char = '\u{1}';
    const MOMENT: char = '\u{2}';
    let text = td_string!(
        locale,
        accounts.history_entry,
        action = ACTION,
        actor = e.actor.clone(),
        date = MOMENT,
    )
    .to_string();
    let action = action_name(&e.action, locale).to_string();
    let (datetime, moment) = (
        e.at.to_rfc3339(),
        e.at.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    let mut parts = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find([ACTION, MOMENT]) {
        parts.push(rest[..at].to_string().into_any());
        if rest[at..].starts_with(ACTION) {
            parts.push(view! { <strong>{action.clone()}</strong> }.into_any());
        } else {
            parts
                .push(view! { <time datetime=datetime.clone()>{moment.clone()}</time> }.into_any());
        }
        rest = &rest[at + 1..];
    }
    parts.push(rest.to_string().into_any());
    parts
}

/// Who changed an object, when, and what it was before and after.
#[component]
pub fn HistoryPanel(entries: Vec<AuditEntry>) -> impl IntoView {
    let locale = crate::language::current();
    let none = td_string!(locale, accounts.history_none);
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">{td_string!(locale, accounts.history)}</h2>
            {if entries.is_empty() {
                view! { <p>{td_string!(locale, accounts.history_empty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="history-list">
                        {entries
                            .into_iter()
                            .map(|e| {
                                let said = entry_line(&e, locale);
                                view! {
                                    <li>
                                        <p>{said}</p>
                                        <details>
                                            <summary>{td_string!(locale, accounts.before_and_after)}</summary>
                                            <dl>
                                                <dt>{td_string!(locale, accounts.before)}</dt>
                                                <dd><code>{e.before.unwrap_or_else(|| none.into())}</code></dd>
                                                <dt>{td_string!(locale, accounts.after)}</dt>
                                                <dd><code>{e.after.unwrap_or_else(|| none.into())}</code></dd>
                                            </dl>
                                        </details>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}
