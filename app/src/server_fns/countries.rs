use leptos::prelude::*;

use crate::AppError;
use crate::types::{Country, CountrySummary};

#[server]
pub async fn list_countries() -> Result<Vec<Country>, AppError> {
    let db = crate::state::db()?;
    crate::services::accounts::countries::list(&db).await
}

#[server]
pub async fn get_country_summary(code: String) -> Result<CountrySummary, AppError> {
    let db = crate::state::db()?;
    crate::services::accounts::countries::summary(&db, &code).await
}
