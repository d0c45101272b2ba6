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

/// Sets the language the country's pages speak to a visitor who has chosen
/// none; `shown` is the one the form showed.
#[server]
pub async fn set_country_language(
    csrf: String,
    country: String,
    language: String,
    shown: String,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(
                &actor,
                crate::policy::Action::ConfigureCountry { country_id },
            )?;
            let language = crate::language::from_code(&language).ok_or_else(|| {
                AppError::invalid(
                    "language",
                    crate::i18n::td_string!(crate::language::current(), rules.language_choice),
                )
            })?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::accounts::countries::set_language(
                &db, &author, &country, language, &shown,
            )
            .await
            .map(|_| ())
        }
        .await,
    )
    .await
}

/// Whether the signed-in user may change the country's settings.
#[server]
pub async fn can_configure_country(country: String) -> Result<bool, AppError> {
    let db = crate::state::db()?;
    let (country_id, _) = crate::services::accounts::countries::get_with_id(&db, &country).await?;
    let actor = crate::auth::current_actor().await?;
    Ok(crate::policy::allows(
        actor.as_ref(),
        crate::policy::Action::ConfigureCountry { country_id },
    ))
}
