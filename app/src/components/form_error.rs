use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::field_names::field_label;
use crate::AppError;
use crate::i18n::td_string;
use crate::server_fns::{ERROR_PARAM, STORED_ERROR, kept_form_input, stored_form_error};
use crate::types::KeptInput;

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

/// The error a plain form post came back with: `?error=<json>`, or
/// `?error=stored` for one that waits in the session.
pub fn query_error() -> Signal<Option<AppError>> {
    let query = use_query_map();
    let param = move || query.read().get(ERROR_PARAM);
    let stored = Resource::new(
        move || param().as_deref() == Some(STORED_ERROR),
        |stored| async move {
            if stored {
                stored_form_error().await.ok().flatten()
            } else {
                None
            }
        },
    );
    Signal::derive(move || match param() {
        Some(p) if p == STORED_ERROR => stored.get().flatten(),
        Some(json) => serde_json::from_str::<AppError>(&json).ok(),
        None => None,
    })
}

/// A summary of what was wrong, announced to screen readers.
#[component]
pub fn FormErrors(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let locale = crate::language::current();
    move || {
        error.get().map(|err| {
            let items = match &err {
                AppError::Invalid(fields) => fields
                    .iter()
                    .map(|f| {
                        td_string!(
                            locale,
                            accounts.form_field_error,
                            field = field_label(locale, &f.field),
                            message = f.message.clone(),
                        )
                        .to_string()
                    })
                    .collect(),
                other => vec![other.message(locale)],
            };
            view! {
                <div class="form-errors" role="alert">
                    <p>{td_string!(locale, accounts.check_the_form)}</p>
                    <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// Moves on with each successful completion of an action. A page refetches on this
/// rather than on every completion, so a refused form (a mistake, or a
/// change someone else saved first) keeps what the user typed.
pub fn successes<S>(action: ServerAction<S>) -> Signal<usize>
where
    S: leptos::server_fn::ServerFn + Send + Sync + Clone + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    // The action's completion count at its latest success: it moves on
    // when a completion succeeds and stays put when one is refused. A memo,
    // not an effect, so it holds whenever a page reads it.
    let (version, value) = (action.version(), action.value());
    Memo::new(move |last: Option<&usize>| {
        let completed = version.get();
        if value.with(|v| matches!(v, Some(Ok(_)))) {
            completed
        } else {
            last.copied().unwrap_or(0)
        }
    })
    .into()
}

/// What a refused plain form post entered, for the page it came back to
/// (`?error=` in the address); nothing otherwise. Forms pick their own with
/// [`crate::types::KeptInput::of`].
pub fn kept_input() -> Resource<Option<KeptInput>> {
    let query = use_query_map();
    Resource::new(
        move || query.read().get(ERROR_PARAM).is_some(),
        |refused| async move {
            if refused {
                kept_form_input().await.ok().flatten()
            } else {
                None
            }
        },
    )
}
