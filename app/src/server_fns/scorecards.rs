//! Scorecards: the government's record, or one partner's.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{OrganisationRef, Scorecard};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardView {
    pub scorecard: Scorecard,
    pub fiscal_years: Vec<(i32, String)>,
    pub partners: Vec<OrganisationRef>,
}

/// The scorecard of `partner` (or of the government when none is named)
/// for a fiscal year; public.
#[server]
pub async fn load_scorecard(
    country: String,
    partner: Option<i32>,
    fiscal_year: Option<i32>,
) -> Result<ScorecardView, AppError> {
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let choices = super::dashboard::choices(&db, &country, fiscal_year).await?;
            let scorecard = match partner {
                Some(id) => {
                    crate::services::indicators::scorecards::partner(
                        &db,
                        choices.country_id,
                        id,
                        choices.fiscal_year,
                    )
                    .await?
                }
                None => {
                    crate::services::indicators::scorecards::government(
                        &db,
                        choices.country_id,
                        choices.fiscal_year,
                    )
                    .await?
                }
            };
            Ok(ScorecardView {
                scorecard,
                fiscal_years: choices.fiscal_years,
                partners: choices.partners,
            })
        }
        .await,
    )
    .await
}
