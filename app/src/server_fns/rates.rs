//! The exchange rates page: rates to the country's reporting currency,
//! entered one by one or loaded from a CSV file.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::ExchangeRate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatesView {
    pub reporting_currency: String,
    pub rates: Vec<ExchangeRate>,
    pub can_edit: bool,
}

/// The exchange rates to the country's reporting currency; public, so that
/// every converted figure can be traced.
#[server]
pub async fn load_rates(country: String) -> Result<RatesView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            Ok(RatesView {
                rates: crate::services::funding::rates::list(&db, &summary.currency).await?,
                reporting_currency: String::from(summary.currency),
                can_edit: allows(actor.as_ref(), Action::ManageRates { country_id }),
            })
        }
        .await,
    )
    .await
}

#[server]
pub async fn add_exchange_rate(
    csrf: String,
    country: String,
    currency: String,
    rate_date: String,
    rate: String,
    source: String,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::ManageRates { country_id })?;
            let new = ExchangeRate {
                currency: crate::types::Currency::parse("currency", &currency)?,
                quote_currency: summary.currency,
                rate_date: crate::types::input::date("rate_date", &rate_date)?,
                rate: crate::types::input::required_amount("rate", &rate)?,
                source,
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::rates::store(&db, &author, Some(country_id), vec![new])
                .await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn import_rates(csrf: String, country: String, file: String) -> Result<usize, AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::ManageRates { country_id })?;
            let rates = crate::services::funding::rates::parse_csv(&file, &summary.currency)?;
            let author = crate::services::accounts::audit::Author::user(&actor);
            crate::services::funding::rates::store(&db, &author, Some(country_id), rates).await
        }
        .await,
    )
    .await
}
