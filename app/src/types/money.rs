//! Amounts are decimals on the wire and integer minor units (hundredths) in
//! the database, so that storing and summing them is exact everywhere.

use rust_decimal::Decimal;

/// Decimal places kept for every currency.
pub const SCALE: u32 = 2;

/// The largest amount accepted, in units of any currency: larger than any
/// country's budget in any currency, small enough that every sum is exact.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;

/// The largest exchange rate accepted: one unit of a currency worth a
/// billion units of the reporting currency.
pub const MAX_RATE: i64 = 1_000_000_000;

/// The largest indicator value accepted, either side of zero.
pub const MAX_INDICATOR_VALUE: i64 = 1_000_000_000_000_000;

/// The message for an amount past [`MAX_AMOUNT`].
pub fn too_large() -> String {
    crate::i18n::td_string!(
        crate::language::current(),
        rules.at_most_value,
        max = MAX_AMOUNT
    )
    .to_string()
}

/// The amount in hundredths, or `None` when it has more than two decimal
/// places or does not fit.
pub fn to_minor(amount: Decimal) -> Option<i64> {
    if amount.normalize().scale() > SCALE {
        return None;
    }
    let mut scaled = amount;
    scaled.rescale(SCALE);
    i64::try_from(scaled.mantissa()).ok()
}

pub fn from_minor(minor: i64) -> Decimal {
    Decimal::new(minor, SCALE)
}

/// An amount as the reader of the page writes it: rounded to the cent,
/// grouped by thousands, with the decimal mark of the request's language
/// (`1,234,567.50`, `1 234 567,50`, `1.234.567,50`). Forms are read back in
/// the same language, so a prefilled amount posts unchanged.
pub fn display(amount: Decimal) -> String {
    crate::language::amount(crate::language::current(), amount)
}

/// A share (0 to 1) as a percentage with at most one decimal, in the
/// request's language: `55%`, `33.3%`, `33,3 %`.
pub fn percent(share: Decimal) -> String {
    crate::language::percent(crate::language::current(), share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn round_trips_exactly() {
        for s in ["0", "0.1", "12.34", "-5.5", "1234567890123.45"] {
            let minor = to_minor(d(s));
            assert!(minor.is_some(), "{s}");
            assert_eq!(from_minor(minor.unwrap_or_default()), d(s));
        }
        assert_eq!(to_minor(d("0.10")), Some(10));
        assert_eq!(to_minor(d("1.230000")), Some(123));
    }

    #[test]
    fn displays_grouped() {
        assert_eq!(display(d("1234567.5")), "1,234,567.50");
        assert_eq!(display(d("-1000")), "-1,000.00");
        assert_eq!(display(d("12")), "12.00");
    }

    #[test]
    fn percents_drop_needless_zeros() {
        assert_eq!(percent(d("0.55")), "55%");
        assert_eq!(percent(d("0.3333")), "33.3%");
        assert_eq!(percent(d("0")), "0%");
    }

    #[test]
    fn refuses_sub_cent_amounts() {
        assert_eq!(to_minor(d("0.001")), None);
        assert_eq!(to_minor(d("99999999999999999999")), None);
    }
}
