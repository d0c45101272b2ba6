//! Corrections of the chart of accounts: a line changed or removed, and the
//! whole chart loaded from a CSV file.

use leptos::prelude::*;

use super::BudgetLineForm;
use crate::AppError;

/// The budget editor of `country`, and the line `line_id` checked to be
/// that country's.
#[cfg(feature = "ssr")]
async fn editor_of_line(
    csrf: &str,
    country: &str,
    line_id: i32,
) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection), AppError> {
    let (actor, db, country_id) = editor(csrf, country).await?;
    let line_country = crate::services::funding::budget::country_of_line(&db, line_id).await?;
    if line_country != country_id {
        return Err(AppError::NotFound(
            crate::i18n::td_string!(
                crate::language::current(),
                rules.what_budget_line,
                id = line_id
            )
            .to_string(),
        ));
    }
    Ok((actor, db))
}

/// The signed-in budget editor of `country`.
#[cfg(feature = "ssr")]
async fn editor(
    csrf: &str,
    country: &str,
) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection, i32), AppError> {
    let actor = crate::auth::signed_in(csrf).await?;
    let db = crate::state::db()?;
    let (country_id, _) = crate::services::accounts::countries::get_with_id(&db, country).await?;
    crate::auth::ensure(&actor, crate::policy::Action::EditBudget { country_id })?;
    Ok((actor, db, country_id))
}

/// Corrects a line of the chart of accounts, as it was at `version`.
#[server]
pub async fn update_budget_line(
    csrf: String,
    country: String,
    line_id: i32,
    version: i32,
    line: BudgetLineForm,
) -> Result<(), AppError> {
    use crate::services::{accounts::audit::Author, funding::chart};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = editor_of_line(&csrf, &country, line_id).await?;
            let author = Author::user(&actor);
            chart::update_line(&db, &author, line_id, version, line.into_new()).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Removes a line no flow maps to and no line sits under.
#[server]
pub async fn remove_budget_line(
    csrf: String,
    country: String,
    line_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use crate::services::{accounts::audit::Author, funding::chart};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = editor_of_line(&csrf, &country, line_id).await?;
            chart::remove_line(&db, &Author::user(&actor), line_id, version).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Loads a chart of accounts from CSV (`code,name,parent_code,holder,
/// function,security,sector`): every line, or none. Returns how many.
#[server]
pub async fn import_chart_of_accounts(
    csrf: String,
    country: String,
    file: String,
) -> Result<usize, AppError> {
    use crate::services::{accounts::audit::Author, funding::chart_import};
    crate::server_fns::form::respond(
        async {
            let (actor, db, country_id) = editor(&csrf, &country).await?;
            chart_import::import(&db, &Author::user(&actor), country_id, &file).await
        }
        .await,
    )
    .await
}
