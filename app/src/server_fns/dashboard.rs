//! The accountability dashboard and each indicator's drill-down.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{IndicatorSet, OrganisationRef};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub current: IndicatorSet,
    /// The year before, for the change.
    pub previous: IndicatorSet,
    /// `(start year, label)` of the fiscal years with flows.
    pub fiscal_years: Vec<(i32, String)>,
    /// The partners a view can narrow to.
    pub partners: Vec<OrganisationRef>,
}

/// The computed indicators of a fiscal year (default: the latest with
/// flows), country-wide or for one partner; public.
#[server]
pub async fn load_dashboard(
    country: String,
    fiscal_year: Option<i32>,
    partner: Option<i32>,
) -> Result<DashboardView, AppError> {
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::countries::get_with_id(&db, &country).await?;
            let years = crate::services::funding::fiscal_years(&db, country_id).await?;
            let year = match fiscal_year {
                Some(year) => year,
                None => {
                    crate::services::indicators::default_year(
                        &db,
                        country_id,
                        summary.fiscal_year_start_month,
                        chrono::Utc::now().date_naive(),
                    )
                    .await?
                }
            };
            let partners: Vec<OrganisationRef> =
                crate::services::organisations::list(&db, country_id)
                    .await?
                    .into_iter()
                    .filter(|o| crate::services::reporting::reports_funding(o.kind))
                    .map(|o| OrganisationRef {
                        id: o.id,
                        name: o.name,
                    })
                    .collect();
            let partner = partner.filter(|id| partners.iter().any(|p| p.id == *id));
            let compute =
                |year| crate::services::indicators::compute(&db, country_id, year, partner);
            Ok(DashboardView {
                current: compute(year).await?,
                previous: compute(year - 1).await?,
                fiscal_years: years
                    .into_iter()
                    .map(|start_year| {
                        let label = crate::types::FiscalYear {
                            start_year,
                            start_month: summary.fiscal_year_start_month,
                        }
                        .label();
                        (start_year, label)
                    })
                    .collect(),
                partners,
            })
        }
        .await,
    )
}
