//! The public project browser: published activities, searched and paged,
//! and each one's page.

use leptos::prelude::*;

use crate::AppError;
use crate::types::{Activity, ProjectList};

/// Page `page` (from 1) of the country's published activities whose title
/// or identifier holds `q`; public.
#[server]
pub async fn browse_projects(
    country: String,
    q: Option<String>,
    page: Option<u64>,
) -> Result<ProjectList, AppError> {
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let search = q.unwrap_or_default();
            let page = page.unwrap_or(1);
            crate::services::funding::activities::browse(&db, country_id, &search, page).await
        }
        .await,
    )
    .await
}

/// A published activity with its flows; a draft is not found. Public.
#[server]
pub async fn load_project(country: String, id: i32) -> Result<Activity, AppError> {
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::services::funding::activities::public_activity(&db, country_id, id).await
        }
        .await,
    )
    .await
}
