use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::td_string;
use crate::server_fns::list_countries;
use crate::types::Area;

/// A country the switcher offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryChoice {
    pub code: String,
    pub name: String,
}

/// The country switcher with the countries of this instance, for the page
/// at `current` and `area`.
#[component]
pub fn CountryChooser(current: Option<String>, area: Option<Area>) -> impl IntoView {
    let countries = Resource::new(|| (), |_| list_countries());
    view! {
        <Suspense fallback=|| ()>
            {
                let current = current.clone();
                move || {
                    let current = current.clone();
                    Suspend::new(async move {
                        let countries = countries
                            .await
                            .unwrap_or_default()
                            .into_iter()
                            .map(|c| CountryChoice { code: c.code, name: c.name })
                            .collect::<Vec<_>>();
                        let area = area.map(|a| a.slug().to_string());
                        let locale = crate::language::current();
                        let words = SwitcherWords {
                            label: td_string!(locale, common.country).to_string(),
                            placeholder: td_string!(locale, common.choose_country).to_string(),
                            go: td_string!(locale, common.go).to_string(),
                        };
                        view! { <CountrySwitcher countries current area words /> }
                    })
                }
            }
        </Suspense>
    }
}

/// The switcher's words in the page's language (the island carries no
/// catalogue of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwitcherWords {
    pub label: String,
    pub placeholder: String,
    pub go: String,
}

/// Chooses the country: a form that asks `/switch-country`, which
/// redirects, so it works without JavaScript. Once this island has
/// hydrated, choosing a country goes there at once, keeping the current
/// area (`area`, a slug), and `<body>` carries `data-hydrated`, by which
/// tests and style sheets tell a live page.
#[island]
pub fn CountrySwitcher(
    countries: Vec<CountryChoice>,
    current: Option<String>,
    area: Option<String>,
    words: SwitcherWords,
) -> impl IntoView {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    let area_slug = area.clone().unwrap_or_default();
    let on_change = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        let path = match &area {
            Some(slug) => format!("/countries/{code}/{slug}"),
            None => format!("/countries/{code}"),
        };
        let _ = window().location().set_href(&path);
    };
    let options = countries
        .into_iter()
        .map(|c| {
            let selected = current.as_deref() == Some(c.code.as_str());
            view! { <option value=c.code selected=selected>{c.name}</option> }
        })
        .collect_view();
    view! {
        <form class="country-switcher" method="get" action="/switch-country">
            <label for="country-select">{words.label}</label>
            <select id="country-select" name="code" on:change=on_change>
                <option value="" disabled=true selected=current.is_none()>
                    {words.placeholder}
                </option>
                {options}
            </select>
            <input type="hidden" name="area" value=area_slug />
            <button type="submit">{words.go}</button>
        </form>
    }
}
