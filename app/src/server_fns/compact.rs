//! The compact page and its changes. Every function checks the CSRF token
//! and asks the policy with the commitment's party and kind, so a partner
//! reporter reaches only its own organisation's commitments.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;
use crate::types::{
    CommitmentCategory, CommitmentKind, CommitmentStatus, Compact, CompactStatus, Organisation,
};

/// A version in the list of versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactVersion {
    pub version: i32,
    pub status: CompactStatus,
}

/// The compact page: the version shown and what the reader may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactView {
    pub compact: Option<Compact>,
    pub versions: Vec<CompactVersion>,
    /// Start, freeze and amend (planners).
    pub can_manage: bool,
    /// Commitments whose agreed content the reader may change (drafts only).
    pub editable: Vec<i32>,
    /// Commitments the reader may report progress on.
    pub reportable: Vec<i32>,
    /// The reader signs for a party that has not signed this version yet.
    pub can_sign: bool,
    /// Organisations of the country, the possible parties.
    pub organisations: Vec<Organisation>,
    /// `(code, title)` of the priorities commitments may serve.
    pub priorities: Vec<(String, String)>,
    /// The reader's organisation, the party a partner writes for.
    pub own_organisation: Option<i32>,
    pub today: chrono::NaiveDate,
    /// Joint review rounds, newest first (the public sees closed ones).
    pub rounds: Vec<crate::types::ReviewRound>,
    /// The reader may open and close review rounds.
    pub can_review: bool,
    /// The reader may comment on commitments (any member).
    pub can_comment: bool,
}

/// The agreed fields of a commitment, as the forms that add and change one
/// post them: `commitment[text]` and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommitmentForm {
    pub party_id: i32,
    pub kind: CommitmentKind,
    pub category: CommitmentCategory,
    pub text: String,
    pub priority_code: String,
    #[serde(default)]
    pub indicator: String,
    pub due_on: String,
    #[serde(default)]
    pub responsible_office: String,
}

#[cfg(feature = "ssr")]
pub(super) use ssr::manager_of;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::auth::{ensure, signed_in};
    pub use crate::policy::{Action, allows};
    pub use crate::server_fns::form::respond;
    pub use crate::services::accounts::audit::Author;
    pub use crate::services::{
        accounts::countries, compact::commitments, compact::compacts, compact::signing,
    };
    pub use crate::state::db;
    pub use crate::types::input::date;

    use crate::AppError;

    /// A blank optional field is none.
    pub fn optional(text: String) -> Option<String> {
        Some(text.trim().to_string()).filter(|t| !t.is_empty())
    }

    /// The signed-in planner of the compact's country.
    pub async fn manager_of(
        csrf: &str,
        compact_id: i32,
    ) -> Result<(crate::types::Actor, sea_orm::DatabaseConnection), AppError> {
        let actor = signed_in(csrf).await?;
        let db = db()?;
        let country_id = compacts::country_of(&db, compact_id).await?;
        ensure(&actor, Action::EditCompact { country_id })?;
        Ok((actor, db))
    }
}

#[server]
pub async fn load_compact(country: String, version: Option<i32>) -> Result<CompactView, AppError> {
    use ssr::*;
    respond(
        async {
            let db = db()?;
            let (country_id, _) = countries::get_with_id(&db, &country).await?;
            let actor = crate::auth::current_actor().await?;
            let drafts = allows(actor.as_ref(), Action::ReadDrafts { country_id });
            let versions: Vec<(i32, i32, CompactStatus)> = compacts::versions(&db, country_id)
                .await?
                .into_iter()
                .filter(|(_, _, status)| drafts || *status == CompactStatus::Signed)
                .collect();
            let shown = match version {
                Some(v) => Some(versions.iter().find(|(_, n, _)| *n == v).ok_or_else(|| {
                    AppError::NotFound(
                        crate::i18n::td_string!(
                            crate::language::current(),
                            rules.what_compact_version,
                            version = v
                        )
                        .to_string(),
                    )
                })?),
                None => versions.last(),
            };
            let comments = allows(actor.as_ref(), Action::ReadComments { country_id });
            let compact = match shown {
                Some((id, _, _)) if comments => Some(compacts::load(&db, *id).await?),
                Some((id, _, _)) => Some(compacts::load(&db, *id).await?.without_comments()),
                None => None,
            };
            let may = |action| allows(actor.as_ref(), action);
            let (mut editable, mut reportable, mut can_sign) = (Vec::new(), Vec::new(), false);
            if let Some(c) = &compact {
                for commitment in &c.commitments {
                    let (party_id, kind) = (commitment.party_id, commitment.kind);
                    if c.status == CompactStatus::Draft
                        && may(Action::EditCommitment {
                            country_id,
                            party_id,
                            kind,
                        })
                    {
                        editable.push(commitment.id);
                    }
                    if may(Action::ReportProgress {
                        country_id,
                        party_id,
                        kind,
                    }) {
                        reportable.push(commitment.id);
                    }
                }
                can_sign = c.status == CompactStatus::ForSignature
                    && c.parties.iter().any(|p| {
                        p.signature.is_none()
                            && may(Action::SignCompact {
                                country_id,
                                organisation_id: p.id,
                            })
                    });
            }
            let priorities =
                match crate::services::strategy::strategies::latest_endorsed(&db, country_id)
                    .await?
                {
                    Some(s) => s
                        .priorities()
                        .map(|p| (p.code.clone(), p.title.clone()))
                        .collect(),
                    None => Vec::new(),
                };
            let rounds = crate::services::compact::reviews::of_country(&db, country_id)
                .await?
                .into_iter()
                .filter(|r| drafts || r.closed_on.is_some())
                .collect();
            Ok(CompactView {
                rounds,
                can_review: may(Action::ManageReview { country_id }),
                can_comment: may(Action::Comment { country_id }),
                versions: versions
                    .into_iter()
                    .map(|(_, version, status)| CompactVersion { version, status })
                    .collect(),
                can_manage: may(Action::EditCompact { country_id }),
                editable,
                reportable,
                can_sign,
                organisations: crate::services::accounts::organisations::list(&db, country_id)
                    .await?,
                priorities,
                own_organisation: actor
                    .as_ref()
                    .filter(|a| a.role_in(country_id).is_some())
                    .map(|a| a.organisation_id),
                today: crate::services::now().date_naive(),
                compact,
            })
        }
        .await,
    )
    .await
}

#[server]
pub async fn create_compact(
    csrf: String,
    country: String,
    title: String,
    starts_on: String,
    ends_on: String,
    principles: String,
    #[server(default)] party_ids: Vec<i32>,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let (country_id, _) = countries::get_with_id(&db, &country).await?;
            ensure(&actor, Action::EditCompact { country_id })?;
            let new = crate::types::NewCompact {
                title,
                starts_on: date("starts_on", &starts_on)?,
                ends_on: date("ends_on", &ends_on)?,
                principles,
                party_ids,
            };
            compacts::create(&db, &Author::user(&actor), country_id, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// The commitment a form describes, checked by the policy for its party.
#[cfg(feature = "ssr")]
fn commitment_from_form(
    actor: &crate::types::Actor,
    country_id: i32,
    form: CommitmentForm,
) -> Result<crate::types::NewCommitment, AppError> {
    use ssr::*;
    ensure(
        actor,
        Action::EditCommitment {
            country_id,
            party_id: form.party_id,
            kind: form.kind,
        },
    )?;
    Ok(crate::types::NewCommitment {
        party_id: form.party_id,
        kind: form.kind,
        category: form.category,
        text: form.text,
        priority_code: form.priority_code,
        indicator: optional(form.indicator),
        due_on: date("due_on", &form.due_on)?,
        responsible_office: form.responsible_office,
    })
}

#[server]
pub async fn add_commitment(
    csrf: String,
    #[server(default)] once: String,
    compact_id: i32,
    commitment: CommitmentForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = compacts::country_of(&db, compact_id).await?;
            let new = commitment_from_form(&actor, country_id, commitment)?;
            crate::server_fns::form::once(
                &db,
                &once,
                commitments::add(&db, &Author::user(&actor), compact_id, new),
            )
            .await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn update_commitment(
    csrf: String,
    commitment_id: i32,
    version: i32,
    commitment: CommitmentForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db, owner) = commitment_writer(&csrf, commitment_id).await?;
            // The commitment as it would become must be the actor's to
            // write too.
            let new = commitment_from_form(&actor, owner.country_id, commitment)?;
            let author = Author::user(&actor);
            commitments::update(&db, &author, commitment_id, version, new).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// Removes a commitment from a draft.
#[server]
pub async fn remove_commitment(
    csrf: String,
    commitment_id: i32,
    version: i32,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db, _) = commitment_writer(&csrf, commitment_id).await?;
            let author = Author::user(&actor);
            commitments::remove(&db, &author, commitment_id, version).await?;
            Ok(())
        }
        .await,
    )
    .await
}

/// The signed-in actor, refused unless the commitment as it is now is
/// theirs to write.
#[cfg(feature = "ssr")]
async fn commitment_writer(
    csrf: &str,
    commitment_id: i32,
) -> Result<
    (
        crate::types::Actor,
        sea_orm::DatabaseConnection,
        ssr::commitments::Owner,
    ),
    AppError,
> {
    use ssr::*;
    let actor = signed_in(csrf).await?;
    let db = db()?;
    let owner = commitments::owner(&db, commitment_id).await?;
    ensure(
        &actor,
        Action::EditCommitment {
            country_id: owner.country_id,
            party_id: owner.party_id,
            kind: owner.kind,
        },
    )?;
    Ok((actor, db, owner))
}

/// The fields of a progress report: `progress[on_date]` and so on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgressForm {
    pub on_date: String,
    pub progress_text: String,
    #[serde(default)]
    pub evidence_url: String,
    pub status: CommitmentStatus,
    #[serde(default)]
    pub status_reason: String,
}

#[server]
pub async fn report_progress(
    csrf: String,
    #[server(default)] once: String,
    commitment_id: i32,
    progress: ProgressForm,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let owner = commitments::owner(&db, commitment_id).await?;
            ensure(
                &actor,
                Action::ReportProgress {
                    country_id: owner.country_id,
                    party_id: owner.party_id,
                    kind: owner.kind,
                },
            )?;
            let new = crate::types::NewProgress {
                on_date: date("on_date", &progress.on_date)?,
                text: progress.progress_text,
                evidence_url: optional(progress.evidence_url),
                status: progress.status,
                status_reason: optional(progress.status_reason),
            };
            crate::server_fns::form::once(
                &db,
                &once,
                commitments::report_progress(&db, &actor, commitment_id, new),
            )
            .await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn freeze_compact(csrf: String, compact_id: i32) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = manager_of(&csrf, compact_id).await?;
            signing::freeze(&db, &Author::user(&actor), compact_id).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn amend_compact(csrf: String, compact_id: i32) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let (actor, db) = manager_of(&csrf, compact_id).await?;
            compacts::amend(&db, &Author::user(&actor), compact_id).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn sign_compact(csrf: String, compact_id: i32) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let country_id = compacts::country_of(&db, compact_id).await?;
            ensure(
                &actor,
                Action::SignCompact {
                    country_id,
                    organisation_id: actor.organisation_id,
                },
            )?;
            signing::sign(&db, &actor, compact_id).await?;
            Ok(())
        }
        .await,
    )
    .await
}

#[server]
pub async fn comment_on_commitment(
    csrf: String,
    #[server(default)] once: String,
    commitment_id: i32,
    body: String,
) -> Result<(), AppError> {
    use ssr::*;
    respond(
        async {
            let actor = signed_in(&csrf).await?;
            let db = db()?;
            let owner = commitments::owner(&db, commitment_id).await?;
            ensure(
                &actor,
                Action::Comment {
                    country_id: owner.country_id,
                },
            )?;
            crate::server_fns::form::once(
                &db,
                &once,
                commitments::comment(&db, &actor, commitment_id, &body),
            )
            .await?;
            Ok(())
        }
        .await,
    )
    .await
}
