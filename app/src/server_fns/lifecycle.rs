//! Retiring what an administrator keeps: disabling and enabling accounts,
//! removing memberships, deactivating, reactivating and merging
//! organisations.

use leptos::prelude::*;

use crate::AppError;
use crate::types::{MergeOutcome, Organisation, UserSummary};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::AppError;
    pub use crate::auth::{ensure, signed_in};
    pub use crate::policy::Action;
    pub use crate::server_fns::form::respond;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::accounts::{access, countries, merge, organisations, users};
    pub use crate::state::db;

    /// The country of the account's organisation, whose administrators
    /// manage it.
    pub async fn home_country(
        db: &sea_orm::DatabaseConnection,
        user_id: i32,
    ) -> Result<i32, AppError> {
        let model = users::get_model(db, user_id).await?;
        Ok(organisations::get_model(db, model.organisation_id)
            .await?
            .country_id)
    }

    /// Disables or enables an account, for an administrator of its country.
    pub async fn set_disabled(
        csrf: &str,
        user_id: i32,
        disabled: bool,
    ) -> Result<crate::types::UserSummary, AppError> {
        let actor = signed_in(csrf).await?;
        let db = db()?;
        let country_id = home_country(&db, user_id).await?;
        ensure(&actor, Action::ManageUsers { country_id })?;
        access::set_disabled(&db, &Author::user(&actor), user_id, disabled).await
    }

    /// Deactivates or reactivates an organisation, for an administrator of
    /// its country.
    pub async fn set_active(
        csrf: &str,
        id: i32,
        active: bool,
    ) -> Result<crate::types::Organisation, AppError> {
        let actor = signed_in(csrf).await?;
        let db = db()?;
        let (country_id, _) = organisations::get(&db, id).await?;
        ensure(&actor, Action::RetireOrganisation { country_id })?;
        organisations::set_active(&db, &Author::user(&actor), id, active).await
    }
}

/// Disables an account: it cannot sign in, and its open sessions are
/// refused from their next request.
#[server]
pub async fn disable_user(csrf: String, user_id: i32) -> Result<UserSummary, AppError> {
    use ssr::*;
    respond(set_disabled(&csrf, user_id, true).await).await
}

/// Enables a disabled account again; it signs in afresh.
#[server]
pub async fn enable_user(csrf: String, user_id: i32) -> Result<UserSummary, AppError> {
    use ssr::*;
    respond(set_disabled(&csrf, user_id, false).await).await
}

/// Removes a user's membership of `country`: their role there ends.
#[server]
pub async fn remove_membership(
    csrf: String,
    user_id: i32,
    country: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = countries::get_model(&db, &country).await?.id;
            ensure(&actor, Action::ManageUsers { country_id })?;
            access::remove_membership(&db, &Author::user(&actor), user_id, country_id).await
        }
        .await,
    )
    .await
}

/// Deactivates an organisation: it leaves the forms' choices; its history
/// and flows stay and still count.
#[server]
pub async fn deactivate_organisation(csrf: String, id: i32) -> Result<Organisation, AppError> {
    use ssr::*;
    respond(set_active(&csrf, id, false).await).await
}

/// Brings a deactivated organisation back into the forms' choices.
#[server]
pub async fn reactivate_organisation(csrf: String, id: i32) -> Result<Organisation, AppError> {
    use ssr::*;
    respond(set_active(&csrf, id, true).await).await
}

/// Merges organisation `duplicate_id` into `kept_id`, of the same country.
#[server]
pub async fn merge_organisations(
    csrf: String,
    kept_id: i32,
    duplicate_id: i32,
) -> Result<MergeOutcome, AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let (country_id, _) = organisations::get(&db, kept_id).await.map_err(|_| {
                AppError::invalid(
                    "kept_id",
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.existing_organisation
                    ),
                )
            })?;
            ensure(&actor, Action::RetireOrganisation { country_id })?;
            organisations::get(&db, duplicate_id).await.map_err(|_| {
                AppError::invalid(
                    "duplicate_id",
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.existing_organisation
                    ),
                )
            })?;
            merge::merge(&db, &Author::user(&actor), kept_id, duplicate_id).await
        }
        .await,
    )
    .await
}
