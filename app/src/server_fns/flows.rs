//! The flows of an activity, on its partner's page: transactions and
//! planned disbursements added, corrected and removed. A correction or
//! removal carries the version of the row the page showed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::TransactionKind;

/// The fields of the form that adds or corrects a transaction:
/// `transaction[amount]` and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransactionForm {
    pub kind: TransactionKind,
    pub transaction_date: String,
    /// Blank: the transaction date.
    #[serde(default)]
    pub value_date: String,
    pub amount: String,
    /// Blank: the activity's currency.
    #[serde(default)]
    pub currency: String,
    /// Blank when not stated.
    #[serde(default)]
    pub provider_org_id: String,
    /// Blank when not stated.
    #[serde(default)]
    pub receiver_org_id: String,
    #[serde(default)]
    pub description: String,
    /// Each country-systems override: `yes`, `no`, or blank for as the
    /// activity.
    #[serde(default)]
    pub on_budget: String,
    #[serde(default)]
    pub on_treasury: String,
    #[serde(default)]
    pub on_procurement: String,
    #[serde(default)]
    pub on_accounting: String,
    #[serde(default)]
    pub on_audit: String,
    #[serde(default)]
    pub on_report: String,
}

/// A label written in the reader's language.
type Label = fn(crate::i18n::Locale) -> &'static str;

/// The overrides a transaction form can set, with their labels in the
/// reader's language.
pub const OVERRIDES: [(&str, Label); 6] = [
    ("on_budget", |l| {
        crate::i18n::td_string!(l, funding.override_on_budget)
    }),
    ("on_treasury", |l| {
        crate::i18n::td_string!(l, funding.override_on_treasury)
    }),
    ("on_procurement", |l| {
        crate::i18n::td_string!(l, funding.override_on_procurement)
    }),
    ("on_accounting", |l| {
        crate::i18n::td_string!(l, funding.override_on_accounting)
    }),
    ("on_audit", |l| {
        crate::i18n::td_string!(l, funding.override_on_audit)
    }),
    ("on_report", |l| {
        crate::i18n::td_string!(l, funding.override_on_report)
    }),
];

#[cfg(feature = "ssr")]
impl TransactionForm {
    fn parse(self) -> Result<crate::types::NewTransaction, AppError> {
        use crate::types::input::{date, optional_id, required_amount};
        let choice = |text: &str, field: &str| match text.trim() {
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(AppError::invalid(
                field,
                crate::i18n::td_string!(crate::language::current(), rules.yes_no_blank),
            )),
        };
        let value_date = match self.value_date.trim() {
            "" => None,
            text => Some(date("value_date", text)?),
        };
        Ok(crate::types::NewTransaction {
            kind: self.kind,
            transaction_date: date("transaction_date", &self.transaction_date)?,
            value_date,
            amount: required_amount(crate::language::current(), "amount", &self.amount)?,
            currency: Some(self.currency).filter(|c| !c.trim().is_empty()),
            provider_org_id: optional_id("provider_org_id", &self.provider_org_id)?,
            receiver_org_id: optional_id("receiver_org_id", &self.receiver_org_id)?,
            provider_activity_id: None,
            description: self.description,
            overrides: crate::types::SystemOverrides {
                on_budget: choice(&self.on_budget, "on_budget")?,
                on_treasury: choice(&self.on_treasury, "on_treasury")?,
                on_procurement: choice(&self.on_procurement, "on_procurement")?,
                on_accounting: choice(&self.on_accounting, "on_accounting")?,
                on_audit: choice(&self.on_audit, "on_audit")?,
                on_report: choice(&self.on_report, "on_report")?,
            },
        })
    }
}

/// The fields of the form that adds or corrects a planned disbursement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlannedForm {
    pub period_start: String,
    pub period_end: String,
    pub amount: String,
    /// Blank: the activity's currency.
    #[serde(default)]
    pub currency: String,
}

#[cfg(feature = "ssr")]
impl PlannedForm {
    fn parse(self) -> Result<crate::types::NewPlannedDisbursement, AppError> {
        use crate::types::input::{date, required_amount};
        Ok(crate::types::NewPlannedDisbursement {
            period_start: date("period_start", &self.period_start)?,
            period_end: date("period_end", &self.period_end)?,
            amount: required_amount(crate::language::current(), "planned_amount", &self.amount)?,
            currency: Some(self.currency),
        })
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    pub(super) use super::super::activities::activity_editor;
    pub use crate::server_fns::form::respond;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::funding::activities;
    use crate::{AppError, types::Actor};
    use sea_orm::DatabaseConnection;

    /// A flow of an activity: a transaction or a planned disbursement.
    pub enum Flow {
        Transaction(i32),
        Planned(i32),
    }

    /// Checks the actor may edit the activity the flow belongs to, which
    /// must be in `country`; the author of the change and the database.
    pub async fn flow_editor(
        csrf: &str,
        country: &str,
        flow: Flow,
    ) -> Result<(Author, DatabaseConnection), AppError> {
        let db = crate::state::db()?;
        let activity_id = match flow {
            Flow::Transaction(id) => activities::activity_of_transaction(&db, id).await?,
            Flow::Planned(id) => activities::activity_of_planned(&db, id).await?,
        };
        let (actor, db): (Actor, _) = activity_editor(csrf, country, activity_id).await?;
        Ok((Author::user(&actor), db))
    }
}

#[server]
pub async fn add_transaction(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    activity_id: i32,
    transaction: TransactionForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = activity_editor(&csrf, &country, activity_id).await?;
            let new = transaction.parse()?;
            let author = Author::user(&actor);
            let add = activities::add_transaction(&db, &author, activity_id, new);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn update_transaction(
    csrf: String,
    country: String,
    transaction_id: i32,
    version: i32,
    transaction: TransactionForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (author, db) =
                flow_editor(&csrf, &country, Flow::Transaction(transaction_id)).await?;
            let new = transaction.parse()?;
            activities::update_transaction(&db, &author, transaction_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn delete_transaction(
    csrf: String,
    country: String,
    transaction_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (author, db) =
                flow_editor(&csrf, &country, Flow::Transaction(transaction_id)).await?;
            activities::delete_transaction(&db, &author, transaction_id, version).await
        }
        .await,
    )
    .await
}

#[server]
pub async fn add_planned_disbursement(
    csrf: String,
    #[server(default)] once: String,
    country: String,
    activity_id: i32,
    planned: PlannedForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = activity_editor(&csrf, &country, activity_id).await?;
            let new = planned.parse()?;
            let author = Author::user(&actor);
            let add = activities::add_planned_disbursement(&db, &author, activity_id, new);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn update_planned_disbursement(
    csrf: String,
    country: String,
    planned_id: i32,
    version: i32,
    planned: PlannedForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (author, db) = flow_editor(&csrf, &country, Flow::Planned(planned_id)).await?;
            let new = planned.parse()?;
            activities::update_planned_disbursement(&db, &author, planned_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn delete_planned_disbursement(
    csrf: String,
    country: String,
    planned_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (author, db) = flow_editor(&csrf, &country, Flow::Planned(planned_id)).await?;
            activities::delete_planned_disbursement(&db, &author, planned_id, version).await
        }
        .await,
    )
    .await
}
