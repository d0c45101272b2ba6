//! Joint review rounds: opening, assessing, closing, and the report.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{ReviewReport, Side};

/// A review round's page: the report and what the reader may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub report: ReviewReport,
    pub can_manage: bool,
    /// Commitments the reader may assess, with the side it speaks for.
    pub assessable: Vec<(i32, Side)>,
    /// The reader's organisation, whose own assessments the forms start from.
    pub own_organisation: Option<i32>,
    pub today: chrono::NaiveDate,
}

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::auth::{ensure, signed_in};
    pub use crate::policy::{Action, allows};
    pub use crate::server_fns::form::respond;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::{accounts::countries, compact::compacts, compact::reviews};
    pub use crate::state::db;
    use crate::types::Actor;
    pub use crate::types::input::date;

    use crate::types::{Commitment, CommitmentKind, Compact, Side};

    /// Whether the actor's organisation answers for the partner side of a
    /// commitment: its own (or joint) commitments, and, for the
    /// government's, any partner that is party to the compact.
    pub fn own_party(actor: &Actor, compact: &Compact, commitment: &Commitment) -> bool {
        match commitment.kind {
            CommitmentKind::Government => compact
                .parties
                .iter()
                .any(|p| !p.government && p.id == actor.organisation_id),
            CommitmentKind::Partner | CommitmentKind::Joint => {
                commitment.party_id == actor.organisation_id
            }
        }
    }

    pub fn may_assess(
        actor: Option<&Actor>,
        country_id: i32,
        compact: &Compact,
        commitment: &Commitment,
        side: Side,
    ) -> bool {
        let own = actor.is_some_and(|a| own_party(a, compact, commitment));
        allows(
            actor,
            Action::Assess {
                country_id,
                side,
                own_party: own,
            },
        )
    }
}

#[server]
pub async fn load_review(country: String, round_id: i32) -> Result<ReviewView, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let (country_id, _) = countries::get_with_id(&db, &country).await?;
            if reviews::country_of(&db, round_id).await? != country_id {
                return Err(AppError::NotFound(
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.what_review_round,
                        id = round_id
                    )
                    .to_string(),
                ));
            }
            let actor = crate::auth::current_actor().await?;
            let report = reviews::report(&db, round_id).await?;
            let open = report.round.closed_on.is_none();
            if open && !allows(actor.as_ref(), Action::ReadDrafts { country_id }) {
                return Err(AppError::NotFound(
                    crate::i18n::td_string!(
                        crate::language::current(),
                        rules.what_review_round,
                        id = round_id
                    )
                    .to_string(),
                ));
            }
            let mut assessable = Vec::new();
            if open {
                let compact =
                    compacts::load(&db, reviews::compact_of(&db, round_id).await?).await?;
                for item in &report.items {
                    for side in Side::ALL.iter().copied() {
                        if may_assess(actor.as_ref(), country_id, &compact, &item.commitment, side)
                        {
                            assessable.push((item.commitment.id, side));
                        }
                    }
                }
            }
            Ok(ReviewView {
                can_manage: allows(actor.as_ref(), Action::ManageReview { country_id }),
                assessable,
                own_organisation: actor.as_ref().map(|a| a.organisation_id),
                today: crate::services::now().date_naive(),
                report,
            })
        }
        .await,
    )
    .await
}

#[server]
pub async fn open_review(
    csrf: String,
    #[server(default)] once: String,
    compact_id: i32,
    round_title: String,
    opened_on: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = compacts::country_of(&db, compact_id).await?;
            ensure(&actor, Action::ManageReview { country_id })?;
            let on = date("opened_on", &opened_on)?;
            let author = Author::user(&actor);
            let open = reviews::open(&db, &author, compact_id, &round_title, on);
            crate::server_fns::form::once(&db, &once, open).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn close_review(csrf: String, round_id: i32) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = reviews::country_of(&db, round_id).await?;
            ensure(&actor, Action::ManageReview { country_id })?;
            let today = crate::services::now().date_naive();
            reviews::close(&db, &Author::user(&actor), round_id, today).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn assess_commitment(
    csrf: String,
    round_id: i32,
    commitment_id: i32,
    side: Side,
    assessment: crate::types::NewAssessment,
    #[server(default)] assessment_id: Option<i32>,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = reviews::country_of(&db, round_id).await?;
            let report = reviews::report(&db, round_id).await?;
            let item = report
                .items
                .iter()
                .find(|i| i.commitment.id == commitment_id)
                .ok_or_else(|| {
                    AppError::NotFound(
                        crate::i18n::td_string!(
                            crate::language::current(),
                            rules.what_commitment_of_round,
                            id = commitment_id
                        )
                        .to_string(),
                    )
                })?;
            let compact = compacts::load(&db, reviews::compact_of(&db, round_id).await?).await?;
            if !may_assess(Some(&actor), country_id, &compact, &item.commitment, side) {
                return Err(AppError::Forbidden);
            }
            reviews::assess(
                &db,
                &actor,
                round_id,
                commitment_id,
                side,
                assessment,
                assessment_id,
            )
            .await
        }
        .await,
    )
    .await
}
