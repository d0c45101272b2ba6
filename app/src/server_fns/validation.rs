//! The validation queue: planners validate partners' activities or return
//! them with a reason; administrators turn validation on or off.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::ValidationQueue;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationView {
    pub queue: ValidationQueue,
    pub can_configure: bool,
}

#[cfg(feature = "ssr")]
async fn validator(
    csrf: Option<&str>,
    country: &str,
) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection, i32), AppError> {
    let actor = match csrf {
        Some(csrf) => crate::auth::signed_in(csrf).await?,
        None => crate::auth::current_actor()
            .await?
            .ok_or(AppError::Unauthenticated)?,
    };
    let db = crate::state::db()?;
    let (country_id, _) = crate::services::accounts::countries::get_with_id(&db, country).await?;
    crate::auth::ensure(
        &actor,
        crate::policy::Action::ValidateActivities { country_id },
    )?;
    Ok((actor, db, country_id))
}

/// What waits for validation in the country, the oldest first.
#[server]
pub async fn load_validation_queue(country: String) -> Result<ValidationView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = validator(None, &country).await?;
            Ok(ValidationView {
                queue: crate::services::funding::activities::validation::queue(&db, country_id)
                    .await?,
                can_configure: allows(Some(&actor), Action::ConfigureValidation { country_id }),
            })
        }
        .await,
    )
    .await
}

/// Validates the chosen activities, all or none.
#[server]
pub async fn validate_activities(
    csrf: String,
    country: String,
    #[server(default)] activity_ids: Vec<i32>,
) -> Result<usize, AppError> {
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = validator(Some(&csrf), &country).await?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::activities::validation::validate(
                &db,
                &author,
                country_id,
                &activity_ids,
            )
            .await
        }
        .await,
    )
    .await
}

/// Returns an activity to its partner with the reason.
#[server]
pub async fn return_activity(
    csrf: String,
    country: String,
    activity_id: i32,
    reason: String,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = validator(Some(&csrf), &country).await?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::activities::validation::send_back(
                &db,
                &author,
                country_id,
                activity_id,
                &reason,
            )
            .await
        }
        .await,
    )
    .await
}

/// Turns the validation of partners' data on (the box ticked) or off.
#[server]
pub async fn set_validation_required(
    csrf: String,
    country: String,
    #[server(default)] required: Option<String>,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(
                &actor,
                crate::policy::Action::ConfigureValidation { country_id },
            )?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::activities::validation::set_required(
                &db,
                &author,
                country_id,
                required.is_some(),
            )
            .await
        }
        .await,
    )
    .await
}
