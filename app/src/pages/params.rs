//! The route parameters every country page reads.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:code` route parameter, upper-cased.
pub(crate) fn country_code_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("code")
            .unwrap_or_default()
            .to_ascii_uppercase()
    })
}
