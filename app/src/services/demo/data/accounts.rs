//! The demo country's organisations (ministries, partners, funds and civil
//! society) and its accounts, one per role with reporters for several
//! partners.

use crate::types::{OrganisationKind, Role};

/// One demo account per role, and reporters for two different partners.
/// These passwords are public: demo data only.
pub struct DemoUser {
    pub email: &'static str,
    pub password: &'static str,
    pub name: &'static str,
    pub organisation: &'static str,
    pub role: Role,
    pub signatory: bool,
}

pub const USERS: &[DemoUser] = &[
    DemoUser {
        email: "admin@kalinda.example",
        password: "demo-admin-pass",
        name: "Amara Admin",
        organisation: "Ministry of Planning and Development",
        role: Role::Admin,
        signatory: false,
    },
    DemoUser {
        email: "planner@kalinda.example",
        password: "demo-planner-pass",
        name: "Paul Planner",
        organisation: "Ministry of Planning and Development",
        role: Role::Planner,
        signatory: true,
    },
    DemoUser {
        email: "reviewer@kalinda.example",
        password: "demo-reviewer-pass",
        name: "Rita Reviewer",
        organisation: "Kalinda Women's Peace Network",
        role: Role::Reviewer,
        signatory: false,
    },
    DemoUser {
        email: "norad@kalinda.example",
        password: "demo-norad-pass",
        name: "Nils Reporter (Norad)",
        organisation: "Norway (Norad)",
        role: Role::PartnerReporter,
        signatory: true,
    },
    DemoUser {
        email: "fcdo@kalinda.example",
        password: "demo-fcdo-pass",
        name: "Fiona Reporter (FCDO)",
        organisation: "United Kingdom (Foreign, Commonwealth and Development Office)",
        role: Role::PartnerReporter,
        signatory: true,
    },
    DemoUser {
        email: "eu@kalinda.example",
        password: "demo-eu-pass",
        name: "Eva Reporter (EU)",
        organisation: "European Union",
        role: Role::PartnerReporter,
        signatory: true,
    },
    DemoUser {
        email: "undp@kalinda.example",
        password: "demo-undp-pass",
        name: "Omar Reporter (UNDP)",
        organisation: "United Nations Development Programme",
        role: Role::PartnerReporter,
        signatory: true,
    },
    DemoUser {
        email: "worldbank@kalinda.example",
        password: "demo-worldbank-pass",
        name: "Wen Reporter (World Bank)",
        organisation: "World Bank",
        role: Role::PartnerReporter,
        signatory: true,
    },
    DemoUser {
        email: "unicef@kalinda.example",
        password: "demo-unicef-pass",
        name: "Una Reporter (UNICEF)",
        organisation: "UNICEF",
        role: Role::PartnerReporter,
        signatory: true,
    },
];

pub struct DemoOrg {
    pub name: &'static str,
    pub acronym: &'static str,
    pub kind: OrganisationKind,
    pub iati_id: Option<&'static str>,
    pub iati_type: Option<&'static str>,
}

const fn org(
    name: &'static str,
    acronym: &'static str,
    kind: OrganisationKind,
    iati_id: Option<&'static str>,
) -> DemoOrg {
    DemoOrg {
        name,
        acronym,
        kind,
        iati_id,
        iati_type: None,
    }
}

use OrganisationKind as K;

pub const ORGANISATIONS: &[DemoOrg] = &[
    org(
        "Ministry of Planning and Development",
        "MoPD",
        K::GovernmentMinistry,
        None,
    ),
    org("Ministry of Finance", "MoF", K::GovernmentMinistry, None),
    org(
        "Ministry of Interior and Public Security",
        "MoIPS",
        K::GovernmentMinistry,
        None,
    ),
    org("Ministry of Justice", "MoJ", K::GovernmentMinistry, None),
    DemoOrg {
        iati_type: Some("15"),
        ..org(
            "National Electoral Commission",
            "NEC",
            K::GovernmentMinistry,
            None,
        )
    },
    org(
        "Norway (Norad)",
        "Norad",
        K::Bilateral,
        Some("NO-BRC-971277882"),
    ),
    org(
        "United Kingdom (Foreign, Commonwealth and Development Office)",
        "FCDO",
        K::Bilateral,
        Some("GB-GOV-1"),
    ),
    org(
        "European Union",
        "EU",
        K::Multilateral,
        Some("XI-IATI-EC_INTPA"),
    ),
    org(
        "United Nations Development Programme",
        "UNDP",
        K::UnAgency,
        Some("XM-DAC-41114"),
    ),
    org("UNICEF", "UNICEF", K::UnAgency, Some("XM-DAC-41122")),
    org("World Bank", "WB", K::DevelopmentBank, Some("44000")),
    org("UN Peacebuilding Fund", "PBF", K::PooledFund, None),
    org(
        "Kalinda Transition Multi-Partner Trust Fund",
        "KTF",
        K::PooledFund,
        None,
    ),
    org(
        "Norwegian Refugee Council",
        "NRC",
        K::InternationalNgo,
        None,
    ),
    org(
        "Kalinda Women's Peace Network",
        "KWPN",
        K::CivilSociety,
        None,
    ),
    org(
        "Government of Timor-Leste (g7+ peer support)",
        "TL-g7+",
        K::G7PlusPeer,
        None,
    ),
    org("Kalinda Chamber of Commerce", "KCC", K::Private, None),
];
