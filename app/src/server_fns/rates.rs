//! The exchange rates page: a country's rates, and the forms that enter,
//! load, correct and remove them (its administrators only).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::StoredRate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatesView {
    pub reporting_currency: String,
    pub rates: Vec<StoredRate>,
    pub can_edit: bool,
}

/// The country's exchange rates to its reporting currency; public, so that
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
            let rates =
                crate::services::funding::rates::list(&db, country_id, &summary.currency).await?;
            Ok(RatesView {
                rates,
                reporting_currency: String::from(summary.currency),
                can_edit: allows(actor.as_ref(), Action::ManageRates { country_id }),
            })
        }
        .await,
    )
    .await
}

/// A signed-in administrator of the country's rates: who, the database,
/// the country's id and its reporting currency.
#[cfg(feature = "ssr")]
async fn manager(
    csrf: &str,
    country: &str,
) -> Result<
    (
        crate::services::accounts::audit::Author,
        sea_orm::DatabaseConnection,
        i32,
        crate::types::Currency,
    ),
    AppError,
> {
    let actor = crate::auth::signed_in(csrf).await?;
    let db = crate::state::db()?;
    let (country_id, summary) =
        crate::services::accounts::countries::get_with_id(&db, country).await?;
    crate::auth::ensure(&actor, crate::policy::Action::ManageRates { country_id })?;
    let author = crate::services::accounts::audit::Author::user(&actor);
    Ok((author, db, country_id, summary.currency))
}

/// The fields of a rate's form, `entry[currency]` and so on; the rate is
/// to the country's reporting currency.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RateEntryForm {
    pub currency: String,
    pub rate_date: String,
    pub rate: String,
    pub source: String,
}

#[cfg(feature = "ssr")]
impl RateEntryForm {
    fn parse(
        self,
        quote_currency: crate::types::Currency,
    ) -> Result<crate::types::ExchangeRate, AppError> {
        use crate::types::input;
        Ok(crate::types::ExchangeRate {
            currency: crate::types::Currency::parse("currency", &self.currency)?,
            quote_currency,
            rate_date: input::date("rate_date", &self.rate_date)?,
            rate: input::required_amount(crate::language::current(), "rate", &self.rate)?,
            source: self.source,
        })
    }
}

/// Enters a rate; one the country has for the same currency and day is
/// replaced.
#[server]
pub async fn add_exchange_rate(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    entry: RateEntryForm,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id, quote) = manager(&csrf, &country).await?;
            let new = entry.parse(quote)?;
            let add = crate::services::funding::rates::store(&db, &author, country_id, vec![new]);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Corrects the rate `rate_id`, opened at `version`.
#[server]
pub async fn update_exchange_rate(
    csrf: String,
    country: String,
    rate_id: i32,
    version: i32,
    entry: RateEntryForm,
) -> Result<(), AppError> {
    use crate::services::funding::rates;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id, quote) = manager(&csrf, &country).await?;
            let new = entry.parse(quote)?;
            rates::update(&db, &author, country_id, rate_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Removes the rate `rate_id`, as the page showed it at `version`.
#[server]
pub async fn remove_exchange_rate(
    csrf: String,
    country: String,
    rate_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use crate::services::funding::rates;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id, _) = manager(&csrf, &country).await?;
            rates::remove(&db, &author, country_id, rate_id, version).await
        }
        .await,
    )
    .await
}

/// Loads rates from a CSV file, all or none; a rate for a currency and day
/// the country already has replaces it.
#[server]
pub async fn import_rates(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    file: String,
) -> Result<usize, AppError> {
    use crate::services::funding::rates;
    crate::server_fns::form::respond(
        async {
            let (author, db, country_id, quote) = manager(&csrf, &country).await?;
            let parsed = rates::parse_csv(&file, &quote)?;
            let import = rates::store(&db, &author, country_id, parsed);
            Ok(crate::server_fns::form::once(&db, &once, import)
                .await?
                .unwrap_or_default())
        }
        .await,
    )
    .await
}
