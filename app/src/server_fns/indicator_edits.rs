//! A planner corrects an indicator's definition and removes its targets;
//! each form names the version it was opened at.

use leptos::prelude::*;

use super::IndicatorForm;
use crate::AppError;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::server_fns::form::respond;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::accounts::countries;
    pub use crate::services::indicators::definitions;
    pub use crate::state::db;
    pub use crate::types::{Baseline, IndicatorEdit, input};

    /// The signed-in planner of `country`, with the country's id.
    pub async fn planner(
        csrf: &str,
        country: &str,
    ) -> Result<(Author, sea_orm::DatabaseConnection, i32), crate::AppError> {
        let actor = crate::auth::signed_in(csrf).await?;
        let db = db()?;
        let (country_id, _) = countries::get_with_id(&db, country).await?;
        crate::auth::ensure(&actor, crate::policy::Action::EditIndicators { country_id })?;
        Ok((Author::user(&actor), db, country_id))
    }
}

#[cfg(feature = "ssr")]
impl IndicatorForm {
    /// The correction the form asks for: its code and formula are ignored,
    /// a blank unit or direction keeps the stored one.
    fn into_edit(self) -> Result<ssr::IndicatorEdit, AppError> {
        use ssr::{Baseline, input};
        let baseline = match (self.baseline_value.trim(), self.baseline_date.trim()) {
            ("", "") => None,
            (value, date) => Some(Baseline {
                value: input::required_amount(crate::language::current(), "baseline_value", value)?,
                date: input::date("baseline_date", date)?,
            }),
        };
        Ok(ssr::IndicatorEdit {
            name: self.name,
            definition: self.definition,
            unit: self.unit,
            direction: self.direction,
            pillar: input::optional_id("pillar", &self.pillar)?,
            owner_id: input::optional_id("owner", &self.owner)?,
            baseline,
        })
    }
}

/// A planner corrects an indicator's definition, opened at `version`.
#[server]
pub async fn update_indicator(
    csrf: String,
    country: String,
    indicator_id: i32,
    version: i32,
    indicator: IndicatorForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (author, db, country_id) = planner(&csrf, &country).await?;
            let edit = indicator.into_edit()?;
            definitions::update(&db, &author, (country_id, indicator_id), version, edit).await
        }
        .await,
    )
    .await
}

/// A planner removes an indicator's target for a fiscal year, shown at
/// `version`.
#[server]
pub async fn remove_indicator_target(
    csrf: String,
    country: String,
    indicator: String,
    fiscal_year: i32,
    version: i32,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (author, db, country_id) = planner(&csrf, &country).await?;
            definitions::remove_target(&db, &author, country_id, &indicator, fiscal_year, version)
                .await
        }
        .await,
    )
    .await
}
