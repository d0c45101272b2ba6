//! What a compact's draft must satisfy before it is written.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use entities::organisation;

use crate::i18n::td_string;
use crate::types::{NewCompact, OrganisationKind};
use crate::{AppError, FieldError};

/// Trims the compact's texts and checks its title, dates and parties: the
/// government and at least one partner, all of the country.
pub(super) async fn validate(
    db: &impl ConnectionTrait,
    country_id: i32,
    new: NewCompact,
) -> Result<NewCompact, AppError> {
    let title = new.title.trim().to_string();
    let mut errors = Vec::new();
    if title.is_empty() || title.chars().count() > 300 {
        errors.push(FieldError::new(
            "title",
            td_string!(
                crate::language::current(),
                rules.length_between,
                min = 1,
                max = 300
            )
            .to_string(),
        ));
    }
    if new.ends_on < new.starts_on {
        errors.push(FieldError::new(
            "ends_on",
            td_string!(crate::language::current(), rules.before_compact_start),
        ));
    }
    let mut party_ids = new.party_ids.clone();
    party_ids.sort_unstable();
    party_ids.dedup();
    let parties = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(party_ids.clone()))
        .filter(organisation::Column::CountryId.eq(country_id))
        .all(db)
        .await?;
    let government = OrganisationKind::GovernmentMinistry.code();
    if parties.len() != party_ids.len() {
        errors.push(FieldError::new(
            "party_ids",
            td_string!(crate::language::current(), rules.organisations_of_country),
        ));
    } else if !parties.iter().any(|o| o.kind == government)
        || !parties.iter().any(|o| o.kind != government)
    {
        errors.push(FieldError::new(
            "party_ids",
            td_string!(crate::language::current(), rules.parties_government_partner),
        ));
    }
    if errors.is_empty() {
        Ok(NewCompact {
            title,
            principles: new.principles.trim().to_string(),
            party_ids,
            ..new
        })
    } else {
        Err(AppError::Invalid(errors))
    }
}
