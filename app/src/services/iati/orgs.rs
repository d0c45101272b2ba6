//! The country's organisations as an IATI file names them: by IATI
//! identifier first, then by name or acronym.

use std::collections::HashMap;

use entities::organisation;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::AppError;
use crate::codelists::ORGANISATION_TYPES;
use crate::services::accounts::audit::Author;
use crate::services::accounts::organisations;
use crate::types::{NewOrganisation, OrganisationKind};

use super::parse::OrgRef;

pub struct OrgIndex {
    country_id: i32,
    /// The recipient country's ISO code: the prefix of its own
    /// organisations' IATI identifiers.
    country_code: String,
    by_ref: HashMap<String, i32>,
    by_name: HashMap<String, i32>,
    pub names: HashMap<i32, String>,
    pub refs: HashMap<i32, String>,
    /// Whether organisations the file names and the country lacks are added.
    may_create: bool,
}

/// Whether an IATI organisation identifier was registered in the recipient
/// country (`XD-...`: its registration agency is the country's), which is
/// how the recipient's own ministries are told from donor governments.
pub fn registered_in(iati_id: Option<&str>, country_code: &str) -> bool {
    iati_id
        .and_then(|id| id.split_once('-'))
        .is_some_and(|(prefix, _)| prefix.eq_ignore_ascii_case(country_code))
}

/// The kind of a new organisation from its IATI OrganisationType. Type 10
/// (government) and 11 (local government) cover donor governments as well
/// as the recipient's own: only an organisation registered in the
/// recipient country is taken for one of its ministries.
fn kind_of(type_code: Option<&str>, reporting: bool, recipient: bool) -> OrganisationKind {
    match type_code {
        Some("10" | "11") if !reporting && recipient => OrganisationKind::GovernmentMinistry,
        Some("10" | "11" | "15") => OrganisationKind::Bilateral,
        Some("21") => OrganisationKind::InternationalNgo,
        Some("22" | "23" | "24") => OrganisationKind::CivilSociety,
        Some("40") => OrganisationKind::Multilateral,
        Some("30" | "60" | "70" | "71" | "72" | "73" | "80" | "90") => OrganisationKind::Private,
        _ if reporting => OrganisationKind::Bilateral,
        _ => OrganisationKind::Private,
    }
}

impl OrgIndex {
    pub async fn load(
        db: &DatabaseTransaction,
        country_id: i32,
        country_code: &str,
        may_create: bool,
    ) -> Result<Self, AppError> {
        let mut index = Self {
            country_id,
            country_code: country_code.to_string(),
            by_ref: HashMap::new(),
            by_name: HashMap::new(),
            names: HashMap::new(),
            refs: HashMap::new(),
            may_create,
        };
        for o in organisation::Entity::find()
            .filter(organisation::Column::CountryId.eq(country_id))
            .all(db)
            .await?
        {
            index.add(o);
        }
        Ok(index)
    }

    fn add(&mut self, o: organisation::Model) {
        if let Some(r) = &o.iati_id {
            self.by_ref.insert(r.clone(), o.id);
            self.refs.insert(o.id, r.clone());
        }
        for name in [Some(o.name.clone()), o.acronym].into_iter().flatten() {
            self.by_name.entry(name.to_lowercase()).or_insert(o.id);
        }
        self.names.insert(o.id, o.name);
    }

    pub fn find(&self, org: &OrgRef) -> Option<i32> {
        org.reference
            .as_ref()
            .and_then(|r| self.by_ref.get(r))
            .or_else(|| {
                org.name
                    .as_ref()
                    .and_then(|n| self.by_name.get(&n.trim().to_lowercase()))
            })
            .copied()
    }

    /// The organisation's id, adding it to the country when it is new and
    /// this import may add organisations. The second value says it was added.
    pub async fn resolve(
        &mut self,
        db: &DatabaseTransaction,
        author: &Author,
        org: &OrgRef,
        reporting: bool,
    ) -> Result<(Option<i32>, bool), AppError> {
        if let Some(id) = self.find(org) {
            return Ok((Some(id), false));
        }
        let name: String = match org.name.as_ref().or(org.reference.as_ref()) {
            Some(n) if !n.trim().is_empty() => n.trim().chars().take(200).collect(),
            _ => return Ok((None, false)),
        };
        if !self.may_create {
            return Ok((None, false));
        }
        let iati_id = org
            .reference
            .clone()
            .filter(|r| r.chars().count() <= 100 && !r.contains(char::is_whitespace));
        let type_code = org.kind.clone().filter(|c| ORGANISATION_TYPES.is_active(c));
        let created = organisations::create(
            db,
            author,
            self.country_id,
            NewOrganisation {
                name,
                acronym: None,
                kind: kind_of(
                    type_code.as_deref(),
                    reporting,
                    registered_in(iati_id.as_deref(), &self.country_code),
                ),
                iati_id,
                iati_type_code: type_code,
            },
        )
        .await?;
        if let Some(model) = organisation::Entity::find_by_id(created.id).one(db).await? {
            self.add(model);
        }
        Ok((Some(created.id), true))
    }
}
