use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::{CountryChooser, CsrfField, use_actor};
use crate::types::Role;
use leptos::server_fn::ServerFn;

use crate::i18n::td_string;
use crate::language::{self, Locale};
use crate::server_fns::{SetLanguage, SignOut};
use crate::types::Area;

/// The country code and area named by a path such as `/countries/TL/funding`.
pub fn country_and_area(path: &str) -> (Option<String>, Option<Area>) {
    let mut parts = path.trim_matches('/').split('/');
    if parts.next() != Some("countries") {
        return (None, None);
    }
    let code = parts
        .next()
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase);
    let area = parts.next().and_then(Area::from_slug);
    (code, area)
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    let here = Memo::new(move |_| country_and_area(&location.pathname.get()));
    let code = Signal::derive(move || here.get().0);
    let area = Signal::derive(move || here.get().1);
    let locale = language::current();

    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">
                    {td_string!(locale, common.brand)}
                </a>
                <CountryChooser current=code.get_untracked() area=area.get_untracked() />
                <LanguageSwitcher />
                <AccountMenu />
            </div>
            <Show when=move || code.get().is_some()>
                <nav class="areas" aria-label=td_string!(locale, common.country_areas)>
                    <ul>
                        {Area::ALL
                            .into_iter()
                            .map(|a| {
                                let href = move || {
                                    format!("/countries/{}/{}", code.get().unwrap_or_default(), a.slug())
                                };
                                view! {
                                    <li>
                                        <A href=href>{a.label(locale)}</A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            </Show>
        </header>
    }
}

/// Chooses the interface language: a plain form, so it works before any
/// wasm loads; the server keeps the choice and comes back to this page.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let locale = language::current();
    let location = use_location();
    let here = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        }
    };
    let options = language::ALL
        .iter()
        .map(|&option| {
            view! {
                <option value=language::code(option) selected=option == locale lang=language::code(option)>
                    {language::name(option)}
                </option>
            }
        })
        .collect_view();
    view! {
        <form class="language-switcher" method="post" action=SetLanguage::PATH>
            <CsrfField />
            <input type="hidden" name="next" value=here />
            <label for="language-select">{td_string!(locale, common.language)}</label>
            <select id="language-select" name="language">
                {options}
            </select>
            <button type="submit">{td_string!(locale, common.change_language)}</button>
        </form>
    }
}

/// Sign in, or who is signed in with their pages and a sign-out button.
#[component]
fn AccountMenu() -> impl IntoView {
    let actor = use_actor();
    let locale: Locale = language::current();
    view! {
        <Transition fallback=|| ()>
            {move || match actor.get() {
                None => view! { <a class="account-link" href="/sign-in">{td_string!(locale, common.sign_in)}</a> }.into_any(),
                Some(actor) => {
                    let admin_of = actor
                        .memberships
                        .iter()
                        .find(|m| m.role == Role::Admin)
                        .map(|m| m.country_code.clone());
                    let auditor_of = actor
                        .memberships
                        .iter()
                        .find(|m| matches!(m.role, Role::Admin | Role::Reviewer))
                        .map(|m| m.country_code.clone());
                    view! {
                        <nav class="account" aria-label=td_string!(locale, common.your_account)>
                            <a href=format!("/organisations/{}", actor.organisation_id)>
                                {actor.organisation_name.clone()}
                            </a>
                            {admin_of.map(|code| view! {
                                <a href=format!("/countries/{code}/admin/organisations")>{td_string!(locale, common.organisations)}</a>
                                <a href=format!("/countries/{code}/admin/users")>{td_string!(locale, common.accounts)}</a>
                            })}
                            {auditor_of.map(|code| view! {
                                <a href=format!("/countries/{code}/admin/audit")>{td_string!(locale, common.audit)}</a>
                            })}
                            <a href="/account">{actor.display_name.clone()}</a>
                            // A plain form: signing out reloads the whole page,
                            // so nothing of the session stays in memory.
                            <form method="post" action=SignOut::PATH class="inline-form">
                                <CsrfField />
                                <button type="submit">{td_string!(locale, common.sign_out)}</button>
                            </form>
                        </nav>
                    }
                        .into_any()
                }
            }}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_country_and_area_from_path() {
        assert_eq!(country_and_area("/"), (None, None));
        assert_eq!(country_and_area("/countries/xd"), (Some("XD".into()), None));
        assert_eq!(
            country_and_area("/countries/XD/funding"),
            (Some("XD".into()), Some(Area::Funding))
        );
        assert_eq!(
            country_and_area("/countries/XD/nope"),
            (Some("XD".into()), None)
        );
    }
}
