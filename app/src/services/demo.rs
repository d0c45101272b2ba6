//! A clearly labelled sample dataset for a fictional country, so that a new
//! installation shows something real on first run. Loading it twice changes
//! nothing: every row is found by its natural key before it is created.

use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use crate::AppError;
use crate::policy::Role;
use crate::types::{Country, NewCountry, NewOrganisation, NewUser, OrganisationKind};

use super::audit::Author;
use super::{countries, organisations, users};

pub const DEMO_COUNTRY_CODE: &str = "XD";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub country: Country,
    pub organisations: usize,
    /// `(email, password, role)` of the demo accounts.
    pub accounts: Vec<(&'static str, &'static str, Role)>,
}

/// One demo account per role, and reporters for two different partners.
/// These passwords are public: demo data only.
struct DemoUser {
    email: &'static str,
    password: &'static str,
    name: &'static str,
    organisation: &'static str,
    role: Role,
    signatory: bool,
}

const USERS: &[DemoUser] = &[
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

struct DemoOrg {
    name: &'static str,
    acronym: &'static str,
    kind: OrganisationKind,
    iati_id: Option<&'static str>,
    iati_type: Option<&'static str>,
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

const ORGANISATIONS: &[DemoOrg] = &[
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

/// Loads the demo dataset in one transaction.
#[tracing::instrument(skip(db))]
pub async fn seed(db: &DatabaseConnection) -> Result<SeedReport, AppError> {
    let author = Author::system("demo loader");
    let txn = db.begin().await?;
    let country = match countries::find_model(&txn, DEMO_COUNTRY_CODE).await? {
        Some(model) => countries::to_wire(model),
        None => {
            countries::create(
                &txn,
                &author,
                NewCountry {
                    code: DEMO_COUNTRY_CODE.into(),
                    name: "Republic of Kalinda (demo)".into(),
                    currency: "USD".into(),
                    fiscal_year_start_month: 7,
                },
            )
            .await?
        }
    };
    let country_id = countries::get_model(&txn, &country.code).await?.id;
    let mut ids = Vec::new();
    let mut created = Vec::new();
    for o in ORGANISATIONS {
        let org = organisations::ensure(
            &txn,
            &author,
            country_id,
            NewOrganisation {
                name: o.name.into(),
                acronym: Some(o.acronym.into()),
                kind: o.kind,
                iati_id: o.iati_id.map(Into::into),
                iati_type_code: Some(o.iati_type.unwrap_or(o.kind.default_iati_type()).into()),
            },
        )
        .await?;
        ids.push((o.name, org.id));
        created.push(org);
    }
    for u in USERS {
        if users::find_by_email(&txn, u.email).await?.is_some() {
            continue;
        }
        let organisation_id = ids
            .iter()
            .find(|(name, _)| *name == u.organisation)
            .map(|(_, id)| *id)
            .ok_or_else(|| AppError::internal(format!("demo organisation {}", u.organisation)))?;
        users::create(
            &txn,
            &author,
            NewUser {
                email: u.email.into(),
                display_name: u.name.into(),
                organisation_id,
                role: u.role,
                signatory: u.signatory,
            },
            Some(u.password.into()),
        )
        .await?;
    }
    super::demo_strategy::seed(&txn, &author, country_id, &created).await?;
    super::demo_transition::seed(&txn, &author, country_id, &created).await?;
    super::demo_compact::seed(&txn, &author, country_id, &created).await?;
    super::demo_funding::seed(&txn, &author, country_id, &created).await?;
    super::demo_indicators::seed(&txn, &author, country_id, &created).await?;
    txn.commit().await?;
    Ok(SeedReport {
        country,
        organisations: ORGANISATIONS.len(),
        accounts: USERS
            .iter()
            .map(|u| (u.email, u.password, u.role))
            .collect(),
    })
}

/// Whether the database holds no country at all (a fresh installation).
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(countries::list(db).await?.is_empty())
}
