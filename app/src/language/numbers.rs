//! Numbers and amounts written as the language writes them: the grouping
//! and decimal marks come from CLDR through ICU4X (`icu_decimal`), never
//! from tables kept here.

use rust_decimal::Decimal;

use super::Locale;

/// How a language writes a number: the mark between groups of thousands
/// and the decimal mark. English `,` and `.`; French a narrow no-break
/// space and `,`; Portuguese `.` and `,`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub group: char,
    pub decimal: char,
}

impl Marks {
    /// The marks of `locale`, read off how it writes 1000.5.
    pub fn of(locale: Locale) -> Marks {
        let written = decimal(locale, "1000.5");
        let mut marks = written.chars().filter(|c| !c.is_ascii_digit());
        match (marks.next(), marks.next()) {
            (Some(group), Some(decimal)) => Marks { group, decimal },
            _ => Marks {
                group: ',',
                decimal: '.',
            },
        }
    }

    /// Whether `c` separates groups of thousands in this language: its own
    /// mark, and any kind of space (as people type a narrow no-break space).
    pub fn is_group(self, c: char) -> bool {
        c == self.group || matches!(c, ' ' | '\u{a0}' | '\u{202f}')
    }
}

/// A plain decimal (`-1234.5`) written in `locale`.
fn decimal(locale: Locale, plain: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        use icu_decimal::DecimalFormatter;
        use icu_decimal::input::Decimal as IcuDecimal;
        use leptos_i18n::Locale as _;
        let formatter =
            DecimalFormatter::try_new(locale.as_icu_locale().into(), Default::default());
        if let (Ok(formatter), Ok(value)) = (formatter, plain.parse::<IcuDecimal>()) {
            return formatter.format(&value).to_string();
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = locale;
    plain.to_string()
}

/// An amount rounded to the cent: `1,234,567.89`, `1 234 567,89`,
/// `1.234.567,89`.
pub fn amount(locale: Locale, value: Decimal) -> String {
    decimal(locale, &format!("{:.2}", value.round_dp(2)))
}

/// An amount with its currency, placed as the language places it:
/// `USD 1,500.75`, `1 500,75 USD`.
pub fn amount_with_currency(locale: Locale, value: Decimal, currency: &str) -> String {
    let amount = amount(locale, value);
    crate::i18n::td_string!(locale, common.money, amount, currency).to_string()
}

/// A share (0 to 1) as a percentage with at most one decimal: `33.3%`,
/// `33,3 %`.
pub fn percent(locale: Locale, share: Decimal) -> String {
    let value = decimal(
        locale,
        &(share * Decimal::ONE_HUNDRED)
            .round_dp(1)
            .normalize()
            .to_string(),
    );
    crate::i18n::td_string!(locale, common.percent, value).to_string()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn writes_amounts_as_each_language_does() {
        assert_eq!(amount(Locale::en, d("1234567.891")), "1,234,567.89");
        assert_eq!(
            amount(Locale::fr, d("1234567.891")),
            "1\u{202f}234\u{202f}567,89"
        );
        assert_eq!(amount(Locale::pt, d("1234567.891")), "1.234.567,89");
        assert_eq!(amount(Locale::en, d("-12")), "-12.00");
        assert_eq!(
            amount_with_currency(Locale::fr, d("1234567.89"), "USD"),
            "1\u{202f}234\u{202f}567,89\u{a0}USD"
        );
        assert_eq!(
            amount_with_currency(Locale::en, d("1500.75"), "USD"),
            "USD 1,500.75"
        );
    }

    #[test]
    fn reads_the_marks_from_locale_data() {
        assert_eq!(
            Marks::of(Locale::en),
            Marks {
                group: ',',
                decimal: '.'
            }
        );
        assert_eq!(
            Marks::of(Locale::fr),
            Marks {
                group: '\u{202f}',
                decimal: ','
            }
        );
        assert_eq!(
            Marks::of(Locale::pt),
            Marks {
                group: '.',
                decimal: ','
            }
        );
    }

    #[test]
    fn writes_percentages() {
        assert_eq!(percent(Locale::en, d("0.3333")), "33.3%");
        assert_eq!(percent(Locale::fr, d("0.3333")), "33,3\u{a0}%");
        assert_eq!(percent(Locale::pt, d("0.55")), "55%");
    }
}
