//! A page of a list that grows with a country's data, as the public API
//! hands it out.

use serde::{Deserialize, Serialize};

use crate::AppError;

/// Which page, and how many items a page holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// From 1.
    pub number: u64,
    pub size: u64,
}

impl Page {
    pub const DEFAULT_SIZE: u64 = 100;
    pub const MAX_SIZE: u64 = 500;
    /// Far beyond any country's data; keeps offsets small.
    pub const MAX_NUMBER: u64 = 1_000_000;

    /// The page a request's `page` and `per_page` ask for (either may be
    /// left out), refused with the field and its range when out of bounds.
    pub fn parse(number: Option<&str>, size: Option<&str>) -> Result<Self, AppError> {
        let bounded = |field: &str, text: Option<&str>, default: u64, max: u64| match text
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => Ok(default),
            Some(text) => text
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| {
                    AppError::invalid(
                        field,
                        crate::i18n::td_string!(
                            crate::language::current(),
                            rules.whole_number_to,
                            max
                        )
                        .to_string(),
                    )
                }),
        };
        Ok(Self {
            number: bounded("page", number, 1, Self::MAX_NUMBER)?,
            size: bounded("per_page", size, Self::DEFAULT_SIZE, Self::MAX_SIZE)?,
        })
    }

    /// The number of pages `total` items fill (at least one).
    pub fn count(self, total: u64) -> u64 {
        total.div_ceil(self.size.max(1)).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded_and_counted() {
        assert_eq!(
            Page::parse(None, None).ok(),
            Some(Page {
                number: 1,
                size: 100
            })
        );
        assert_eq!(
            Page::parse(Some("3"), Some("500")).ok(),
            Some(Page {
                number: 3,
                size: 500
            })
        );
        for (number, size, field) in [
            ("0", "10", "page"),
            ("x", "10", "page"),
            ("1", "501", "per_page"),
            ("1", "-1", "per_page"),
        ] {
            let refused = Page::parse(Some(number), Some(size));
            let named = refused.as_ref().err().and_then(|e| e.field_message(field));
            assert!(named.is_some(), "{number} {size}: {refused:?}");
        }
        let page = Page {
            number: 1,
            size: 100,
        };
        assert_eq!((page.count(0), page.count(100), page.count(101)), (1, 1, 2));
    }
}
