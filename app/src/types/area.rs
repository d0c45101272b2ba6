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
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::Strategy,
        Area::Transition,
        Area::Compact,
        Area::Funding,
        Area::Budget,
        Area::Indicators,
        Area::Dashboard,
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
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::Strategy => "Strategy",
            Area::Transition => "Transition",
            Area::Compact => "Compact",
            Area::Funding => "Funding",
            Area::Budget => "Budget",
            Area::Indicators => "Indicators",
            Area::Dashboard => "Dashboard",
        }
    }

    /// One sentence on what the area is for.
    pub fn purpose(self) -> &'static str {
        match self {
            Area::Strategy => {
                "The integrated peacebuilding strategy: pillars, priorities and their costs."
            }
            Area::Transition => {
                "The functions the UN mission hands over, who takes each one, and the financing cliff."
            }
            Area::Compact => {
                "The mutual commitments of the government and each partner, their progress and signatures."
            }
            Area::Funding => {
                "Partners' funding flows, pledged to spent, by channel, currency and pooled fund."
            }
            Area::Budget => "The national budget lines and the external financing aligned to them.",
            Area::Indicators => "Mutual accountability indicators: baselines, targets and values.",
            Area::Dashboard => "The joint steering committee's view of progress on both sides.",
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
