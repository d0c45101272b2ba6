//! Dates written in the language's long form, from CLDR through ICU4X
//! (`icu_datetime`): `1 July 2025`, `1 juillet 2025`, `1 de julho de 2025`.

use chrono::NaiveDate;

use super::Locale;

/// A date in the language's long form; ISO (`2025-07-01`) if it cannot be
/// written so.
pub fn date(locale: Locale, date: NaiveDate) -> String {
    #[cfg(feature = "ssr")]
    {
        use chrono::Datelike;
        use icu_calendar::{Date, Gregorian};
        use icu_datetime::FixedCalendarDateTimeFormatter;
        use icu_datetime::fieldsets::YMD;
        use leptos_i18n::Locale as _;
        let prefs = locale.as_icu_locale().into();
        let month = u8::try_from(date.month()).unwrap_or(1);
        let day = u8::try_from(date.day()).unwrap_or(1);
        if let (Ok(formatter), Ok(value)) = (
            FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(prefs, YMD::long()),
            Date::try_new_gregorian(date.year(), month, day),
        ) {
            return formatter.format(&value).to_string();
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = locale;
    date.format("%Y-%m-%d").to_string()
}

/// The name of a month (1-12) in the language: `July`, `juillet`, `julho`.
pub fn month(locale: Locale, month: u32) -> String {
    #[cfg(feature = "ssr")]
    {
        use icu_calendar::{Date, Gregorian};
        use icu_datetime::FixedCalendarDateTimeFormatter;
        use icu_datetime::fieldsets::M;
        use leptos_i18n::Locale as _;
        let prefs = locale.as_icu_locale().into();
        if let (Ok(formatter), Ok(number), true) = (
            FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(prefs, M::long()),
            u8::try_from(month),
            (1..=12).contains(&month),
        ) && let Ok(value) = Date::try_new_gregorian(2000, number, 1)
        {
            return formatter.format(&value).to_string();
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = locale;
    crate::types::month_name(month).to_string()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn writes_dates_as_each_language_does() {
        let day = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default();
        assert_eq!(date(Locale::en, day), "July 1, 2025");
        assert_eq!(date(Locale::fr, day), "1 juillet 2025");
        assert_eq!(date(Locale::pt, day), "1 de julho de 2025");
        assert_eq!(month(Locale::fr, 7), "juillet");
        assert_eq!(month(Locale::pt, 1), "janeiro");
        assert_eq!(month(Locale::en, 12), "December");
    }
}
