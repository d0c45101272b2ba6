//! Adding, renaming and removing the pillars of a draft strategy.

use leptos::prelude::*;

use crate::AppError;

#[server]
pub async fn add_pillar(
    csrf: String,
    #[server(default)] once: String,
    strategy_id: i32,
    pillar_title: String,
) -> Result<(), AppError> {
    use crate::services::{accounts::audit::Author, strategy::pillars};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = super::strategy::planner_of_strategy(&csrf, strategy_id).await?;
            let author = Author::user(&actor);
            let add = pillars::add(&db, &author, strategy_id, &pillar_title);
            crate::server_fns::form::once(&db, &once, add).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn rename_pillar(
    csrf: String,
    strategy_id: i32,
    pillar_id: i32,
    version: i32,
    pillar_title: String,
) -> Result<(), AppError> {
    use crate::services::{accounts::audit::Author, strategy::pillars};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = super::strategy::planner_of_strategy(&csrf, strategy_id).await?;
            let author = Author::user(&actor);
            let pillar = (strategy_id, pillar_id);
            pillars::rename(&db, &author, pillar, version, &pillar_title).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Removes a pillar without priorities from a draft.
#[server]
pub async fn remove_pillar(
    csrf: String,
    strategy_id: i32,
    pillar_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use crate::services::{accounts::audit::Author, strategy::pillars};
    crate::server_fns::form::respond(
        async {
            let (actor, db) = super::strategy::planner_of_strategy(&csrf, strategy_id).await?;
            let author = Author::user(&actor);
            pillars::remove(&db, &author, (strategy_id, pillar_id), version).await?;
            Ok(())
        }
        .await,
    )
    .await
}
