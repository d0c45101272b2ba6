//! The demo country's transition plan: the UN mission's ten functions,
//! handed over across three fiscal years.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::DatabaseTransaction;

use crate::AppError;
use crate::types::{NewDrawdownPhase, NewFunction, NewTransitionPlan, Organisation};

use crate::services::accounts::audit::Author;
use crate::services::transition::{drawdown, functions, plans};

use super::data::transition::{FUNCTIONS, PHASES, PRIORITY_OF, Ymd};

/// Loads the demo transition plan, unless the country has one already.
pub(super) async fn seed(
    txn: &DatabaseTransaction,
    author: &Author,
    country_id: i32,
    organisations: &[Organisation],
) -> Result<(), AppError> {
    if plans::load(txn, country_id).await?.is_some() {
        return Ok(());
    }
    let date = |(y, m, d): Ymd| {
        NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| AppError::internal(format!("demo date {y}-{m}-{d}")))
    };
    let plan = NewTransitionPlan {
        mission_name: "UN Integrated Mission in Kalinda (demo)".into(),
        mandate_end: date((2029, 6, 30))?,
        drawdown_start: date((2026, 7, 1))?,
        drawdown_end: date((2029, 6, 30))?,
    };
    plans::set_plan(txn, author, country_id, plan, None).await?;
    for (name, starts, ends) in PHASES {
        let phase = NewDrawdownPhase {
            name: (*name).into(),
            starts_on: date(*starts)?,
            ends_on: date(*ends)?,
        };
        drawdown::add_phase(txn, author, country_id, phase).await?;
    }
    for &(kind, name, owner, handover, readiness, mission, after, secured) in FUNCTIONS {
        let future_owner_id = organisations
            .iter()
            .find(|o| o.acronym.as_deref() == Some(owner))
            .map(|o| o.id)
            .ok_or_else(|| AppError::internal(format!("demo organisation {owner}")))?;
        let function = NewFunction {
            kind,
            name: name.into(),
            current_provider: "UN mission".into(),
            future_owner_id,
            target_handover: date(handover)?,
            readiness,
            mission_cost: Decimal::new(mission, 0),
            after_cost: Decimal::new(after, 0),
            secured: Decimal::new(secured, 0),
            priority_code: PRIORITY_OF
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, code)| (*code).to_string()),
        };
        functions::add_function(txn, author, country_id, function).await?;
    }
    Ok(())
}
