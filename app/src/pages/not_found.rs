//! The page of an address the router does not know.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::AppError;
use crate::components::ErrorPanel;
use crate::i18n::td_string;

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = crate::language::current();
    view! {
        <Title text=td_string!(locale, common.page_not_found) />
        <ErrorPanel error=AppError::NotFound(td_string!(locale, common.the_page_you_asked_for).into()) />
    }
}
