use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::AppError;

/// The error of the last submission of a form: from the action when the
/// page is live, or from `?error=` after a plain form post came back.
pub fn form_error<T, V>(value: V) -> Signal<Option<AppError>>
where
    V: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let from_query = query_error();
    Signal::derive(move || {
        value
            .get()
            .and_then(Result::err)
            .or_else(|| from_query.get())
    })
}

/// The error a plain form post came back with, as `?error=<json>`.
pub fn query_error() -> Signal<Option<AppError>> {
    let query = use_query_map();
    Signal::derive(move || {
        query
            .read()
            .get("error")
            .and_then(|json| serde_json::from_str::<AppError>(&json).ok())
    })
}

/// A summary of what was wrong, announced to screen readers.
#[component]
pub fn FormErrors(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|err| {
            let items = match &err {
                AppError::Invalid(fields) => fields
                    .iter()
                    .map(|f| format!("{}: {}", field_label(&f.field), f.message))
                    .collect(),
                other => vec![other.to_string()],
            };
            view! {
                <div class="form-errors" role="alert">
                    <p>"Please check the form:"</p>
                    <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// How a field name reads in a message.
fn field_label(field: &str) -> String {
    let spaced = field.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}
