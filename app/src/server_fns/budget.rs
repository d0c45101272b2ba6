//! The budget page: the chart of accounts and its figures beside external
//! flows.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::BudgetView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetPageView {
    pub budget: BudgetView,
    pub can_edit: bool,
}

/// The budget beside external flows for a fiscal year (default: the one
/// running today); public, as budget transparency is the point.
#[server]
pub async fn load_budget(
    country: String,
    fiscal_year: Option<i32>,
) -> Result<BudgetPageView, AppError> {
    use crate::policy::{Action, allows};
    crate::server_fns::form::respond(
        async {
            let db = crate::state::db()?;
            let (country_id, summary) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let year = crate::types::input::fiscal_year(fiscal_year)?.unwrap_or_else(|| {
                crate::types::FiscalYear::containing(
                    crate::services::now().date_naive(),
                    summary.fiscal_year_start_month,
                )
                .start_year
            });
            Ok(BudgetPageView {
                budget: crate::services::funding::budget::view(&db, country_id, year).await?,
                can_edit: allows(actor.as_ref(), Action::EditBudget { country_id }),
            })
        }
        .await,
    )
    .await
}

/// The fields of the form that adds a line to the chart of accounts:
/// `line[line_code]` and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BudgetLineForm {
    pub line_code: String,
    pub line_name: String,
    #[serde(default)]
    pub admin_unit: String,
    #[serde(default)]
    pub function_name: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub security: Option<String>,
    #[serde(default)]
    pub sector_code: String,
    #[serde(default)]
    pub parent_code: String,
}

impl BudgetLineForm {
    /// The line the form describes.
    pub fn into_new(self) -> crate::types::NewBudgetLine {
        crate::types::NewBudgetLine {
            code: self.line_code,
            name: self.line_name,
            admin_unit: self.admin_unit,
            function_name: self.function_name,
            security: crate::types::input::ticked(&self.security),
            sector_code: Some(self.sector_code),
            parent_code: Some(self.parent_code),
        }
    }
}

#[server]
pub async fn add_budget_line(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    line: BudgetLineForm,
) -> Result<(), AppError> {
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::EditBudget { country_id })?;
            let new = line.into_new();
            let author = crate::services::accounts::audit::Author::user(&actor);
            let add = crate::services::funding::chart::add_line(&db, &author, country_id, new);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn set_budget_amounts(
    csrf: String,
    country: String,
    figures: crate::types::BudgetFiguresForm,
) -> Result<(), AppError> {
    use crate::types::input::amount;
    crate::server_fns::form::respond(
        async {
            let actor = crate::auth::signed_in(&csrf).await?;
            let db = crate::state::db()?;
            let (country_id, _) =
                crate::services::accounts::countries::get_with_id(&db, &country).await?;
            crate::auth::ensure(&actor, crate::policy::Action::EditBudget { country_id })?;
            let line_id = figures.line_id;
            let line_country =
                crate::services::funding::budget::country_of_line(&db, line_id).await?;
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
            let amounts = crate::types::BudgetAmounts {
                appropriation: amount(
                    crate::language::current(),
                    "appropriation",
                    &figures.appropriation,
                )?
                .unwrap_or_default(),
                expected_external: amount(
                    crate::language::current(),
                    "expected_external",
                    &figures.expected_external,
                )?
                .unwrap_or_default(),
                execution: amount(crate::language::current(), "execution", &figures.execution)?
                    .unwrap_or_default(),
            };
            let author = crate::services::accounts::audit::Author::user(&actor);
            let key = (figures.fiscal_year, figures.version);
            crate::services::funding::budget::set_amounts(&db, &author, line_id, key, amounts).await
        }
        .await,
    )
    .await
}
