//! A clearly labelled sample dataset for a fictional country, so that a new
//! installation shows something real on first run. Loading it twice changes
//! nothing: every row is found by its natural key before it is created.
//!
//! The rows are tables in `data`, one file per domain; the modules here
//! write them through the services, the country's accounts first.

mod compact;
mod data;
mod flows;
mod funding;
mod indicators;
mod strategy;
mod transition;

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::AppError;
use crate::types::Role;
use crate::types::{Country, NewCountry, NewOrganisation, NewUser};

use crate::services::accounts::audit::Author;
use crate::services::{accounts::countries, accounts::organisations, accounts::users};

use data::accounts::{ORGANISATIONS, USERS};

pub const DEMO_COUNTRY_CODE: &str = "XD";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub country: Country,
    pub organisations: usize,
    /// `(email, password, role)` of the demo accounts.
    pub accounts: Vec<(&'static str, &'static str, Role)>,
}

/// Loads the demo dataset in one transaction.
#[tracing::instrument(skip(db))]
pub async fn seed(db: &DatabaseConnection) -> Result<SeedReport, AppError> {
    let author = Author::system("demo loader");
    let txn = crate::services::locks::begin(db).await?;
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
    strategy::seed(&txn, &author, country_id, &created).await?;
    transition::seed(&txn, &author, country_id, &created).await?;
    compact::seed(&txn, &author, country_id, &created).await?;
    funding::seed(&txn, &author, country_id, &created).await?;
    indicators::seed(&txn, &author, country_id, &created).await?;
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
