//! The interface language: which one a request is answered in, and numbers,
//! amounts and dates written the way its speakers write them.
//!
//! Pages are rendered on the server, so the words and the formats are
//! chosen there; the wasm's islands receive theirs as properties. Machine
//! outputs (CSV, IATI XML, the JSON API) keep codes, ISO dates and dot
//! decimals whatever the language.

#[cfg(test)]
mod catalogues;
mod choice;
mod dates;
pub mod numbers;

pub use crate::i18n::Locale;
#[cfg(feature = "ssr")]
pub use choice::cookie;
pub use choice::{COOKIE, from_accept_language, from_code};
pub use dates::{date, month};
pub use numbers::{amount, amount_with_currency, percent};

/// The languages the interface speaks, English first.
pub const ALL: [Locale; 3] = [Locale::en, Locale::fr, Locale::pt];

/// The language's name in itself, as a switcher offers it.
pub fn name(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::fr => "Français",
        Locale::pt => "Português",
    }
}

/// The language's code: `en`, `fr`, `pt`.
pub fn code(locale: Locale) -> &'static str {
    use leptos_i18n::Locale as _;
    locale.as_str()
}

/// The language of the request being answered: the one the server chose
/// for it (see `server::language`), English when there is none.
pub fn current() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use axum::http::request::Parts;
        use leptos::prelude::use_context;
        if let Some(locale) =
            use_context::<Parts>().and_then(|parts| parts.extensions.get::<Locale>().copied())
        {
            return locale;
        }
    }
    Locale::default()
}
