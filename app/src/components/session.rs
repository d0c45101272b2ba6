use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::server_fns::{SessionInfo, current_session, form_token};
use crate::types::Actor;

/// The session of the page: who is signed in and the CSRF token. Fetched
/// again on every navigation, so signing in or out shows at once.
#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Result<SessionInfo, crate::AppError>>);

pub fn provide_session() {
    let location = use_location();
    let resource = Resource::new(move || location.pathname.get(), |_| current_session());
    provide_context(SessionResource(resource));
}

fn session() -> Option<Resource<Result<SessionInfo, crate::AppError>>> {
    use_context::<SessionResource>().map(|s| s.0)
}

/// The signed-in user, once the session has loaded.
pub fn use_actor() -> Signal<Option<Actor>> {
    let resource = session();
    Signal::derive(move || {
        resource
            .and_then(|r| r.get())
            .and_then(Result::ok)
            .and_then(|s| s.actor)
    })
}

/// The hidden field that carries the CSRF token in every form that changes
/// something.
#[component]
pub fn CsrfField() -> impl IntoView {
    let resource = session();
    let token = move || {
        resource
            .and_then(|r| r.get())
            .and_then(Result::ok)
            .map(|s| s.csrf)
            .unwrap_or_default()
    };
    view! {
        <Suspense fallback=|| ()>
            <input type="hidden" name="csrf" value=token />
        </Suspense>
    }
}

/// The hidden field that carries a create form's one-time token. A new
/// token comes whenever `fresh` moves (give it the action's version), so
/// each new row has its own.
#[component]
pub fn OnceField(#[prop(into)] fresh: Signal<usize>) -> impl IntoView {
    let token = Resource::new(move || fresh.get(), |_| form_token());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                token
                    .get()
                    .and_then(Result::ok)
                    .map(|token| view! { <input type="hidden" name="once" value=token /> })
            }}
        </Suspense>
    }
}
