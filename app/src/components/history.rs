use leptos::prelude::*;

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

/// Who changed an object, when, and what it was before and after.
#[component]
pub fn HistoryPanel(entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">"History"</h2>
            {if entries.is_empty() {
                view! { <p>"No recorded changes."</p> }.into_any()
            } else {
                view! {
                    <ol class="history-list">
                        {entries
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <li>
                                        <p>
                                            <strong>{e.action.clone()}</strong>
                                            " by " {e.actor.clone()} " on "
                                            <time datetime=e.at.to_rfc3339()>
                                                {e.at.format("%Y-%m-%d %H:%M UTC").to_string()}
                                            </time>
                                        </p>
                                        <details>
                                            <summary>"Before and after"</summary>
                                            <dl>
                                                <dt>"Before"</dt>
                                                <dd><code>{e.before.unwrap_or_else(|| "(none)".into())}</code></dd>
                                                <dt>"After"</dt>
                                                <dd><code>{e.after.unwrap_or_else(|| "(none)".into())}</code></dd>
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
