//! Which language a request gets. The server asks, in order: the cookie
//! (which signing in sets to the account's own choice), the browser's
//! `Accept-Language`, then the country's language.

use leptos_i18n::Locale as _;
use leptos_i18n::reexports::icu::locid::LanguageIdentifier;

use super::Locale;

/// The cookie that keeps the visitor's choice of language.
pub const COOKIE: &str = "ct_lang";

/// The `Set-Cookie` value that keeps `locale` as the visitor's language
/// for a year.
#[cfg(feature = "ssr")]
pub fn cookie(locale: Locale, secure: bool) -> String {
    use cookie::{Cookie, SameSite, time::Duration};
    Cookie::build((COOKIE, locale.as_str()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(Duration::days(365))
        .build()
        .to_string()
}

/// The language with this code (`en`, `fr`, `pt`), if the site speaks it.
pub fn from_code(code: &str) -> Option<Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|l| l.as_str().eq_ignore_ascii_case(code.trim()))
}

/// The first language of an `Accept-Language` header, by preference, that
/// the site speaks; `None` when it names none of them.
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut ranges: Vec<(u16, &str)> = header
        .split(',')
        .take(32)
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let weight = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), quality)?;
            (!tag.is_empty() && tag != "*" && weight > 0).then_some((weight, tag))
        })
        .collect();
    // Stable: ranges of equal weight keep the browser's order.
    ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
    ranges.into_iter().find_map(|(_, tag)| {
        let id: LanguageIdentifier = tag.parse().ok()?;
        Locale::find_matchs(id).into_iter().next()
    })
}

/// A quality value (`0` to `1`, at most three decimals) in thousandths.
fn quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_codes() {
        assert_eq!(from_code("fr"), Some(Locale::fr));
        assert_eq!(from_code(" PT "), Some(Locale::pt));
        assert_eq!(from_code("de"), None);
    }

    #[test]
    fn follows_the_browser_preference() {
        assert_eq!(
            from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"),
            Some(Locale::fr)
        );
        assert_eq!(from_accept_language("pt-BR"), Some(Locale::pt));
        assert_eq!(from_accept_language("en;q=0.5, pt;q=0.7"), Some(Locale::pt));
        assert_eq!(from_accept_language("de-DE,fr;q=0.3"), Some(Locale::fr));
        assert_eq!(from_accept_language("ar, de"), None);
        assert_eq!(from_accept_language("fr;q=0, en"), Some(Locale::en));
        assert_eq!(from_accept_language("*"), None);
        assert_eq!(from_accept_language(""), None);
    }
}
