//! A currency: an ISO 4217 code in upper case, checked once where it
//! arrives (a form, a file, the command line) and trusted from then on.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::i18n::td_string;
use crate::{AppError, FieldError};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Currency(String);

impl Currency {
    /// A code as someone typed or sent it: trimmed and upper-cased, then
    /// refused with a message naming `field` unless it is a current ISO
    /// 4217 code (on the server, which holds the list).
    pub fn parse(field: &str, text: &str) -> Result<Self, AppError> {
        Self::check(field, text).map_err(|e| AppError::Invalid(vec![e]))
    }

    /// Like [`Currency::parse`], for checks that gather every field's error.
    pub fn check(field: &str, text: &str) -> Result<Self, FieldError> {
        let code = text.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::new(
                field,
                td_string!(crate::language::current(), common.required),
            ));
        }
        if !Self::is_code(&code) {
            return Err(FieldError::new(
                field,
                td_string!(
                    crate::language::current(),
                    rules.not_currency_code,
                    code = format!("{code:?}")
                )
                .to_string(),
            ));
        }
        Ok(Self(code))
    }

    /// A code read back from the database, checked when it was stored.
    pub fn stored(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    #[cfg(feature = "ssr")]
    fn is_code(code: &str) -> bool {
        crate::codelists::CURRENCIES.is_active(code)
    }

    #[cfg(not(feature = "ssr"))]
    fn is_code(code: &str) -> bool {
        code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for Currency {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> String {
        currency.0
    }
}

impl AsRef<str> for Currency {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Currency {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Currency {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse("currency", &text).map_err(|_| {
            serde::de::Error::custom(
                td_string!(
                    crate::language::current(),
                    rules.not_iso_currency,
                    code = format!("{text:?}")
                )
                .to_string(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_current_codes_only() {
        assert_eq!(
            Currency::parse("c", " usd ").ok(),
            Some(Currency::stored("USD"))
        );
        assert!(Currency::parse("c", "").is_err());
        assert!(Currency::parse("c", "US").is_err());
        assert!(Currency::parse("c", "EEK").is_err(), "withdrawn in 2011");
        assert!(Currency::parse("c", "ÉUR").is_err());
    }

    #[test]
    fn travels_as_its_code() {
        let json = serde_json::to_string(&Currency::stored("EUR")).unwrap_or_default();
        assert_eq!(json, "\"EUR\"");
        assert!(serde_json::from_str::<Currency>("\"XYZ\"").is_err());
        assert_eq!(
            serde_json::from_str::<Currency>("\"gbp\"").ok(),
            Some(Currency::stored("GBP"))
        );
    }
}
