//! Organisations, accounts and the audit trail.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::Role;
use crate::types::{
    AuditEntry, AuditPage, AuditQuery, IssuedPassword, NewOrganisation, Organisation, UserSummary,
};

/// An organisation's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub organisation: Organisation,
    pub country_code: String,
    pub country_name: String,
    pub can_edit: bool,
    /// May change kind, acronym and IATI codes (administrators).
    pub can_identify: bool,
}

/// The accounts page of a country, for administrators: `organisations` are
/// those a new account may belong to (not deactivated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsView {
    pub users: Vec<UserSummary>,
    pub organisations: Vec<Organisation>,
    /// A password issued by the last create or reset, shown once.
    pub issued: Option<IssuedPassword>,
}

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::auth::{ensure, signed_in};
    pub use crate::policy::{Action, allows};
    pub use crate::server_fns::form::respond;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::{
        accounts::audit, accounts::countries, accounts::organisations, accounts::users,
    };
    pub use crate::state::db;
    pub use crate::types::NewUser;

    /// The session key of a password issued to an administrator, kept until shown.
    pub const ISSUED: &str = "issued_password";

    pub async fn remember_issued(
        issued: &crate::types::IssuedPassword,
    ) -> Result<(), crate::AppError> {
        let session = leptos_axum::extract::<tower_sessions::Session>()
            .await
            .map_err(crate::AppError::internal)?;
        session
            .insert(ISSUED, issued)
            .await
            .map_err(crate::AppError::internal)
    }
}

#[server]
pub async fn load_organisation(id: i32) -> Result<OrganisationView, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let (country_id, organisation) = organisations::get(&db, id).await?;
            let country = countries::get_by_id(&db, country_id).await?;
            let actor = crate::auth::current_actor().await?;
            let can_edit = allows(
                actor.as_ref(),
                Action::EditOrganisation {
                    country_id,
                    organisation_id: id,
                    government: organisation.kind.is_government(),
                },
            );
            let can_identify = allows(actor.as_ref(), Action::IdentifyOrganisation { country_id });
            Ok(OrganisationView {
                organisation,
                country_code: country.code,
                country_name: country.name,
                can_edit,
                can_identify,
            })
        }
        .await,
    )
    .await
}

/// Adds an organisation; the form's fields are `organisation[name]` and so on.
#[server]
pub async fn create_organisation(
    csrf: String,
    country: String,
    organisation: NewOrganisation,
) -> Result<Organisation, AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = countries::get_model(&db, &country).await?.id;
            ensure(&actor, Action::CreateOrganisation { country_id })?;
            organisations::create(&db, &Author::user(&actor), country_id, organisation).await
        }
        .await,
    )
    .await
}

/// Changes an organisation's details from a form opened at `version`.
#[server]
pub async fn update_organisation(
    csrf: String,
    id: i32,
    version: i32,
    organisation: NewOrganisation,
) -> Result<Organisation, AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let (country_id, current) = organisations::get(&db, id).await?;
            let action = |government| Action::EditOrganisation {
                country_id,
                organisation_id: id,
                government,
            };
            ensure(&actor, action(current.kind.is_government()))?;
            let changes = organisations::validate(organisation)?;
            // Kind, acronym and IATI codes decide how an organisation's
            // money counts and whose rows an import resolves to: only an
            // administrator changes them.
            let same_identity = changes.kind == current.kind
                && changes.acronym == current.acronym
                && changes.iati_id == current.iati_id
                && changes.iati_type_code == current.iati_type_code;
            if !same_identity {
                ensure(&actor, Action::IdentifyOrganisation { country_id })?;
            }
            organisations::update(&db, &Author::user(&actor), id, version, changes).await
        }
        .await,
    )
    .await
}

#[server]
pub async fn load_accounts(country: String) -> Result<AccountsView, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let actor = crate::auth::current_actor()
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let country_id = countries::get_model(&db, &country).await?.id;
            ensure(&actor, Action::ManageUsers { country_id })?;
            let session = leptos_axum::extract::<tower_sessions::Session>()
                .await
                .map_err(AppError::internal)?;
            let issued = session
                .remove::<IssuedPassword>(ISSUED)
                .await
                .map_err(AppError::internal)?;
            Ok(AccountsView {
                users: users::list(&db, country_id).await?,
                organisations: organisations::active(&db, country_id).await?,
                issued,
            })
        }
        .await,
    )
    .await
}

#[server]
pub async fn create_user(
    csrf: String,
    country: String,
    email: String,
    display_name: String,
    organisation_id: i32,
    role: Role,
    signatory: Option<String>,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = countries::get_model(&db, &country).await?.id;
            ensure(&actor, Action::ManageUsers { country_id })?;
            let (org_country, _) =
                organisations::get(&db, organisation_id)
                    .await
                    .map_err(|_| {
                        AppError::invalid(
                            "organisation_id",
                            crate::i18n::td_string!(
                                crate::language::current(),
                                rules.existing_organisation
                            ),
                        )
                    })?;
            if org_country != country_id {
                return Err(AppError::invalid(
                    "organisation_id",
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.organisation_of_country
                    ),
                ));
            }
            let new = NewUser {
                email,
                display_name,
                organisation_id,
                role,
                signatory: signatory.is_some(),
            };
            // The address is unique: the same form posted twice creates one
            // account and is told the second time that it exists.
            let issued = users::create(&db, &Author::user(&actor), new, None).await?;
            remember_issued(&issued).await
        }
        .await,
    )
    .await
}

#[server]
pub async fn update_user(
    csrf: String,
    user_id: i32,
    display_name: String,
    role: Role,
    signatory: Option<String>,
    version: i32,
) -> Result<UserSummary, AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let target = users::actor(&db, user_id).await?.ok_or_else(|| {
                AppError::NotFound(
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.what_user,
                        id = user_id
                    )
                    .to_string(),
                )
            })?;
            let (country_id, _) = organisations::get(&db, target.organisation_id).await?;
            ensure(&actor, Action::ManageUsers { country_id })?;
            let changes = crate::types::UserChanges {
                display_name,
                role,
                signatory: signatory.is_some(),
            };
            users::update(&db, &Author::user(&actor), user_id, changes, version).await
        }
        .await,
    )
    .await
}

#[server]
pub async fn reset_password(csrf: String, user_id: i32) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let target = users::actor(&db, user_id).await?.ok_or_else(|| {
                AppError::NotFound(
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.what_user,
                        id = user_id
                    )
                    .to_string(),
                )
            })?;
            let (country_id, _) = organisations::get(&db, target.organisation_id).await?;
            ensure(&actor, Action::ManageUsers { country_id })?;
            let issued = users::reset_password(&db, &Author::user(&actor), user_id).await?;
            remember_issued(&issued).await
        }
        .await,
    )
    .await
}

/// The history of one object, for those its country's policy lets read it.
#[server]
pub async fn object_history(
    object_type: String,
    object_id: i32,
) -> Result<Vec<AuditEntry>, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let actor = crate::auth::current_actor()
                .await?
                .ok_or(AppError::Unauthenticated)?;
            // Entries of no country (instance-wide changes) are not one
            // object's history to show here.
            let entries: Vec<AuditEntry> = audit::history(&db, &object_type, object_id)
                .await?
                .into_iter()
                .filter(|e| e.country_id.is_some())
                .collect();
            for country_id in audit::countries_of(&entries) {
                ensure(
                    &actor,
                    crate::policy::history_action(&object_type, country_id),
                )?;
            }
            Ok(entries)
        }
        .await,
    )
    .await
}

/// One page of a country's audit trail, as the page's address asks.
#[server]
pub async fn audit_trail(
    country: String,
    #[server(default)] query: AuditQuery,
) -> Result<AuditPage, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let actor = crate::auth::current_actor()
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let country_id = countries::get_model(&db, &country).await?.id;
            ensure(&actor, Action::ReadAudit { country_id })?;
            let cursor = audit::Cursor::of(query.before, query.after);
            audit::search(&db, country_id, &query.filter()?, cursor).await
        }
        .await,
    )
    .await
}

/// The organisations of a country, deactivated ones too, for administrators
/// adding, deactivating and merging them.
#[server]
pub async fn load_admin_organisations(country: String) -> Result<Vec<Organisation>, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let actor = crate::auth::current_actor()
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let country_id = countries::get_model(&db, &country).await?.id;
            ensure(&actor, Action::CreateOrganisation { country_id })?;
            organisations::list(&db, country_id).await
        }
        .await,
    )
    .await
}
