use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use leptos::server_fn::ServerFn;

use crate::components::{CsrfField, FormErrors, query_error};
use crate::server_fns::SignIn;

#[component]
pub fn SignInPage() -> impl IntoView {
    let error = query_error();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text="Sign in" />
        <h1>"Sign in"</h1>
        <FormErrors error />
        // A plain form: signing in loads the next page afresh.
        <form method="post" action=SignIn::PATH class="stack narrow">
            <CsrfField />
            <input type="hidden" name="next" value=next />
            <label for="email">"Email"</label>
            <input id="email" name="email" type="email" autocomplete="username" required=true />
            <label for="password">"Password"</label>
            <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required=true
            />
            <button type="submit">"Sign in"</button>
        </form>
    }
}
