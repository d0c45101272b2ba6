//! What people type into forms: amounts, dates, years and shares, on
//! arbitrary UTF-8. Besides never panicking, what a parser accepts keeps
//! its rule: amounts within ±MAX_AMOUNT in every language (and read back
//! the same as that language writes them), dates and years within YEARS,
//! shares with a code and a percentage each.

#![no_main]

use app::types::input::{self, YEARS};
use app::types::money::MAX_AMOUNT;
use chrono::Datelike;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    // Each language reads amounts its own way; none reads one past the
    // bound, and what it writes it reads back the same.
    for locale in app::language::ALL {
        match input::amount(locale, "amount", text) {
            Ok(Some(value)) => {
                assert!(
                    value.abs() <= Decimal::from(MAX_AMOUNT),
                    "{text:?} read as {value}, beyond ±{MAX_AMOUNT}"
                );
                if value.scale() <= 2 {
                    let written = app::language::amount(locale, value);
                    let again = input::amount(locale, "amount", &written);
                    assert!(
                        matches!(again, Ok(Some(v)) if v == value),
                        "{text:?} read as {value}, written {written:?}, which reads back as {again:?}"
                    );
                }
            }
            Ok(None) => assert!(text.trim().is_empty(), "{text:?} read as blank"),
            Err(_) => {}
        }
        if let Ok(value) = input::required_amount(locale, "amount", text) {
            assert!(value.abs() <= Decimal::from(MAX_AMOUNT));
        }
    }

    if let Ok(date) = input::date("date", text) {
        assert!(YEARS.contains(&date.year()), "{text:?} read as {date}");
        assert!(input::check_date("date", date).is_ok());
    }

    if let Ok(year) = input::year("year", text) {
        assert!(YEARS.contains(&year), "{text:?} read as year {year}");
    }

    if let Ok(shares) = input::shares("sectors", text) {
        for share in &shares {
            assert!(
                !share.code.is_empty(),
                "{text:?} gave a share without a code"
            );
        }
        if shares.len() == 1 && !text.trim().contains(char::is_whitespace) {
            // One code alone is all of it.
            assert_eq!(shares[0].percent, Decimal::ONE_HUNDRED, "{text:?}");
        }
    }

    let _ = input::optional_id("id", text);
});
