//! The page of an address the router does not know.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::AppError;
use crate::components::ErrorPanel;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <ErrorPanel error=AppError::NotFound("the page you asked for".into()) />
    }
}
