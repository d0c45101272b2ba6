//! The parties of a draft compact, added and removed by its planner.

use leptos::prelude::*;

use crate::AppError;

/// Adds an organisation of the country as a party to a draft compact.
#[server]
pub async fn add_compact_party(
    csrf: String,
    compact_id: i32,
    organisation_id: i32,
) -> Result<(), AppError> {
    use crate::services::{accounts::audit::Author, compact::parties};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = super::compact::manager_of(&csrf, compact_id).await?;
            parties::add(&db, &Author::user(&actor), compact_id, organisation_id).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Removes a party without commitments from a draft compact.
#[server]
pub async fn remove_compact_party(
    csrf: String,
    compact_id: i32,
    organisation_id: i32,
) -> Result<(), AppError> {
    use crate::services::{accounts::audit::Author, compact::parties};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = super::compact::manager_of(&csrf, compact_id).await?;
            parties::remove(&db, &Author::user(&actor), compact_id, organisation_id).await?;
            Ok(())
        }
        .await,
    )
    .await
}
