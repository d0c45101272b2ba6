use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::server_fns::list_countries;
use crate::types::Area;

/// Chooses the country. Without JavaScript the form posts to
/// `/switch-country`, which redirects; once hydrated, choosing a country
/// navigates at once and keeps the current area.
#[component]
pub fn CountrySwitcher(
    #[prop(into)] current: Signal<Option<String>>,
    #[prop(into)] area: Signal<Option<Area>>,
) -> impl IntoView {
    let countries = Resource::new(|| (), |_| list_countries());
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        let path = match area.get_untracked() {
            Some(a) => format!("/countries/{code}/{}", a.slug()),
            None => format!("/countries/{code}"),
        };
        navigate(&path, Default::default());
    };

    view! {
        <form class="country-switcher" method="get" action="/switch-country">
            <label for="country-select">"Country"</label>
            <Suspense fallback=|| ()>
                {
                    let on_change = on_change.clone();
                    move || {
                        let on_change = on_change.clone();
                        Suspend::new(async move {
                            let list = countries.await.unwrap_or_default();
                            view! {
                                <select id="country-select" name="code" on:change=on_change>
                                    <option value="" disabled=true selected=current.get_untracked().is_none()>
                                        "Choose a country"
                                    </option>
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            let selected = current.get_untracked().as_deref() == Some(c.code.as_str());
                                            view! {
                                                <option value=c.code.clone() selected=selected>
                                                    {c.name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            }
                        })
                    }
                }
            </Suspense>
            <input type="hidden" name="area" value=move || area.get().map(Area::slug).unwrap_or_default() />
            <button type="submit">"Go"</button>
        </form>
    }
}
