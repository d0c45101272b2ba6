use leptos::prelude::*;

use crate::i18n::td_string;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <footer class="site-footer">
            <p>{td_string!(locale, common.footer_about)}</p>
            <p>
                {td_string!(locale, common.footer_api)} " "
                <a href="/api/v1/countries">"/api/v1/countries"</a>
            </p>
        </footer>
    }
}
