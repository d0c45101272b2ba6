use crate::i18n::td_string;
use crate::language::Locale;

/// The working areas of a country, in the order the navigation shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Strategy,
    Transition,
    Compact,
    Funding,
    Budget,
    Indicators,
    Dashboard,
    Fragility,
}

impl Area {
    pub const ALL: [Area; 8] = [
        Area::Strategy,
        Area::Transition,
        Area::Compact,
        Area::Funding,
        Area::Budget,
        Area::Indicators,
        Area::Dashboard,
        Area::Fragility,
    ];

    /// The URL segment under `/countries/{code}/`.
    pub fn slug(self) -> &'static str {
        match self {
            Area::Strategy => "strategy",
            Area::Transition => "transition",
            Area::Compact => "compact",
            Area::Funding => "funding",
            Area::Budget => "budget",
            Area::Indicators => "indicators",
            Area::Dashboard => "dashboard",
            Area::Fragility => "fragility",
        }
    }

    /// The area's name in the interface language.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            Area::Strategy => td_string!(locale, common.area_strategy),
            Area::Transition => td_string!(locale, common.area_transition),
            Area::Compact => td_string!(locale, common.area_compact),
            Area::Funding => td_string!(locale, common.area_funding),
            Area::Budget => td_string!(locale, common.area_budget),
            Area::Indicators => td_string!(locale, common.area_indicators),
            Area::Dashboard => td_string!(locale, common.area_dashboard),
            Area::Fragility => td_string!(locale, fragility.area_name),
        }
    }

    /// One sentence on what the area is for.
    pub fn purpose(self, locale: Locale) -> &'static str {
        match self {
            Area::Strategy => td_string!(locale, common.purpose_strategy),
            Area::Transition => td_string!(locale, common.purpose_transition),
            Area::Compact => td_string!(locale, common.purpose_compact),
            Area::Funding => td_string!(locale, common.purpose_funding),
            Area::Budget => td_string!(locale, common.purpose_budget),
            Area::Indicators => td_string!(locale, common.purpose_indicators),
            Area::Dashboard => td_string!(locale, common.purpose_dashboard),
            Area::Fragility => td_string!(locale, fragility.purpose),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.slug() == slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for area in Area::ALL {
            assert_eq!(Area::from_slug(area.slug()), Some(area));
        }
        assert_eq!(Area::from_slug("admin"), None);
    }
}
