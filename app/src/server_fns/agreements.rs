//! The peace agreements a draft builds on and their provisions: added,
//! corrected and removed by the strategy's planner.

use leptos::prelude::*;

use crate::AppError;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::server_fns::form::respond;
    pub(super) use crate::server_fns::strategy::planner_of_strategy;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::strategy::{agreements, provisions};
    pub use crate::state::db;

    use crate::AppError;

    /// A blank date is none; otherwise it must be a date.
    pub fn optional_date(text: &str) -> Result<Option<chrono::NaiveDate>, AppError> {
        match text.trim() {
            "" => Ok(None),
            text => crate::types::input::date("signed_on", text).map(Some),
        }
    }

    /// The planner of the strategy `agreement_id` belongs to.
    pub async fn planner_of_agreement(
        csrf: &str,
        agreement_id: i32,
    ) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection), AppError> {
        let strategy_id = agreements::strategy_of(&db()?, agreement_id).await?;
        planner_of_strategy(csrf, strategy_id).await
    }

    /// The planner of the strategy `provision_id` belongs to.
    pub async fn planner_of_provision(
        csrf: &str,
        provision_id: i32,
    ) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection), AppError> {
        let strategy_id = provisions::strategy_of(&db()?, provision_id).await?;
        planner_of_strategy(csrf, strategy_id).await
    }
}

#[server]
pub async fn add_agreement(
    csrf: String,
    #[server(default)] once: String,
    strategy_id: i32,
    agreement_title: String,
    #[server(default)] signed_on: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_strategy(&csrf, strategy_id).await?;
            let new = crate::types::NewAgreement {
                title: agreement_title,
                signed_on: optional_date(&signed_on)?,
            };
            crate::server_fns::form::once(
                &db,
                &once,
                agreements::add(&db, &Author::user(&actor), strategy_id, new),
            )
            .await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn add_provision(
    csrf: String,
    #[server(default)] once: String,
    agreement_id: i32,
    provision_number: String,
    provision_text: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_agreement(&csrf, agreement_id).await?;
            let new = crate::types::NewProvision {
                number: provision_number,
                text: provision_text,
            };
            let author = Author::user(&actor);
            let add = provisions::add(&db, &author, agreement_id, new);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Corrects an agreement's title and signing date.
#[server]
pub async fn update_agreement(
    csrf: String,
    agreement_id: i32,
    version: i32,
    agreement_title: String,
    #[server(default)] signed_on: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_agreement(&csrf, agreement_id).await?;
            let new = crate::types::NewAgreement {
                title: agreement_title,
                signed_on: optional_date(&signed_on)?,
            };
            let author = Author::user(&actor);
            agreements::update(&db, &author, agreement_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Removes an agreement no priority implements.
#[server]
pub async fn remove_agreement(
    csrf: String,
    agreement_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_agreement(&csrf, agreement_id).await?;
            agreements::remove(&db, &Author::user(&actor), agreement_id, version).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Corrects a provision's number and text.
#[server]
pub async fn update_provision(
    csrf: String,
    provision_id: i32,
    version: i32,
    provision_number: String,
    provision_text: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_provision(&csrf, provision_id).await?;
            let new = crate::types::NewProvision {
                number: provision_number,
                text: provision_text,
            };
            let author = Author::user(&actor);
            provisions::update(&db, &author, provision_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Removes a provision no priority implements.
#[server]
pub async fn remove_provision(
    csrf: String,
    provision_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = planner_of_provision(&csrf, provision_id).await?;
            provisions::remove(&db, &Author::user(&actor), provision_id, version).await?;
            Ok(())
        }
        .await,
    )
    .await
}
