use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: i32,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrganisationKind,
    /// IATI organisation identifier, e.g. `GB-GOV-1`.
    pub iati_id: Option<String>,
    /// IATI OrganisationType code, e.g. `10` (Government).
    pub iati_type_code: Option<String>,
    /// False once an administrator deactivated it: it leaves the forms'
    /// choices, while its history and flows stay and still count.
    pub active: bool,
    /// The version an edit form was opened at, sent back with the save.
    pub version: i32,
}

/// What refers to an organisation, counted: what a merge moves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holdings {
    /// Activities it reports.
    pub activities: u64,
    /// Its places among activities' participating organisations.
    pub participations: u64,
    /// Transactions naming it as provider or receiver.
    pub transactions: u64,
    /// Accounts (and with them their memberships) belonging to it.
    pub users: u64,
    pub compact_parties: u64,
    pub commitments: u64,
    pub signatures: u64,
    /// Priorities it leads, and those it supports as a partner.
    pub priorities_led: u64,
    pub priority_partners: u64,
    /// Transition functions it takes over.
    pub transition_functions: u64,
    pub assessments: u64,
    /// Its answers to reporting rounds.
    pub round_responses: u64,
    /// Indicators it owns.
    pub indicators: u64,
}

impl Holdings {
    /// Whether nothing refers to the organisation any more.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// What merging a duplicate into the organisation kept did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeOutcome {
    pub kept: Organisation,
    pub duplicate: Organisation,
    /// What moved from the duplicate to the organisation kept.
    pub moved: Holdings,
    /// What could not move (the organisation kept already had its own: a
    /// signature of the same compact, an answer to the same round, an
    /// assessment of the same commitment); when anything is left, the
    /// duplicate is deactivated instead of deleted.
    pub left: Holdings,
    pub duplicate_deleted: bool,
}

/// What a user or the demo loader submits to add an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOrganisation {
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrganisationKind,
    pub iati_id: Option<String>,
    pub iati_type_code: Option<String>,
}

/// The kinds of organisation that take part in a compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    GovernmentMinistry,
    Bilateral,
    Multilateral,
    UnAgency,
    DevelopmentBank,
    PooledFund,
    InternationalNgo,
    CivilSociety,
    #[serde(rename = "g7plus_peer")]
    G7PlusPeer,
    Private,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 10] = [
        Self::GovernmentMinistry,
        Self::Bilateral,
        Self::Multilateral,
        Self::UnAgency,
        Self::DevelopmentBank,
        Self::PooledFund,
        Self::InternationalNgo,
        Self::CivilSociety,
        Self::G7PlusPeer,
        Self::Private,
    ];

    /// The code stored in the database and used in URLs and the API.
    pub fn code(self) -> &'static str {
        match self {
            Self::GovernmentMinistry => "government_ministry",
            Self::Bilateral => "bilateral",
            Self::Multilateral => "multilateral",
            Self::UnAgency => "un_agency",
            Self::DevelopmentBank => "development_bank",
            Self::PooledFund => "pooled_fund",
            Self::InternationalNgo => "international_ngo",
            Self::CivilSociety => "civil_society",
            Self::G7PlusPeer => "g7plus_peer",
            Self::Private => "private",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's name in the request's language (see [`Self::name`]).
    pub fn label(self) -> &'static str {
        self.name(crate::language::current())
    }

    /// The kind's name in the interface language.
    pub fn name(self, locale: crate::language::Locale) -> &'static str {
        use crate::i18n::td_string;
        match self {
            Self::GovernmentMinistry => td_string!(locale, country.kind_government_ministry),
            Self::Bilateral => td_string!(locale, country.kind_bilateral),
            Self::Multilateral => td_string!(locale, country.kind_multilateral),
            Self::UnAgency => td_string!(locale, country.kind_un_agency),
            Self::DevelopmentBank => td_string!(locale, country.kind_development_bank),
            Self::PooledFund => td_string!(locale, country.kind_pooled_fund),
            Self::InternationalNgo => td_string!(locale, country.kind_international_ngo),
            Self::CivilSociety => td_string!(locale, country.kind_civil_society),
            Self::G7PlusPeer => td_string!(locale, country.kind_g7plus_peer),
            Self::Private => td_string!(locale, country.kind_private),
        }
    }

    /// The IATI OrganisationType code an organisation of this kind usually has.
    pub fn default_iati_type(self) -> &'static str {
        match self {
            Self::GovernmentMinistry | Self::Bilateral | Self::G7PlusPeer => "10",
            Self::Multilateral | Self::UnAgency | Self::DevelopmentBank | Self::PooledFund => "40",
            Self::InternationalNgo => "21",
            Self::CivilSociety => "22",
            Self::Private => "70",
        }
    }

    /// Whether the organisation belongs to the country's government side.
    pub fn is_government(self) -> bool {
        self == Self::GovernmentMinistry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(kind.code()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.code()));
        }
        assert_eq!(OrganisationKind::from_code("donor"), None);
    }
}
