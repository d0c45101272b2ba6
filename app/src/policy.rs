//! Who may do what: the one place that decides every permission, by role,
//! organisation and object. Server functions ask [`allows`] (through
//! `auth::ensure`); it runs on the server only.
//!
//! The authorization test's matrix (`tests/integration/authorization/`)
//! states the expected outcome of every mutating server function for every
//! kind of user, and holds the server to it.

use crate::types::{Actor, CommitmentKind, Role, Side};

/// What someone wants to do. Each names the country it happens in, and the
/// organisation whose data it touches where that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Add an organisation to a country.
    CreateOrganisation { country_id: i32 },
    /// Change what identifies an organisation and how its money counts: its
    /// kind, acronym and IATI codes.
    IdentifyOrganisation { country_id: i32 },
    /// Change an organisation's name (and, with [`Action::IdentifyOrganisation`],
    /// its identity).
    EditOrganisation {
        country_id: i32,
        organisation_id: i32,
        government: bool,
    },
    /// Create accounts, change roles, reset passwords, disable and enable
    /// accounts, remove memberships.
    ManageUsers { country_id: i32 },
    /// Deactivate and reactivate an organisation; merge a duplicate into
    /// another organisation of the country.
    RetireOrganisation { country_id: i32 },
    /// Read the audit trail of a country.
    ReadAudit { country_id: i32 },
    /// Read the history panel of an object every member sees (see
    /// [`history_action`]).
    ReadHistory { country_id: i32 },
    /// Change one's own password.
    ChangeOwnPassword,
    /// Draft the strategy: create versions, priorities and costs, send to
    /// consultation, endorse.
    EditStrategy { country_id: i32 },
    /// Read drafts and versions in consultation (the public reads endorsed
    /// versions only).
    ReadDrafts { country_id: i32 },
    /// Record the mission, its drawdown and the functions it hands over.
    EditTransition { country_id: i32 },
    /// Run the country's fragility assessment: start rounds, write their
    /// rows, validate and publish them.
    EditFragility { country_id: i32 },
    /// Comment on a priority in consultation.
    Comment { country_id: i32 },
    /// Read the comment threads on priorities, commitments and indicators:
    /// the members' conversation, not published on pages, API or files.
    ReadComments { country_id: i32 },
    /// Mark a consultation comment resolved.
    ResolveComment { country_id: i32 },
    /// Start a compact, freeze it for signature, amend it.
    EditCompact { country_id: i32 },
    /// Write or change a commitment's agreed content.
    EditCommitment {
        country_id: i32,
        party_id: i32,
        kind: CommitmentKind,
    },
    ReportProgress {
        country_id: i32,
        party_id: i32,
        kind: CommitmentKind,
    },
    SignCompact {
        country_id: i32,
        organisation_id: i32,
    },
    /// Open and close joint review rounds.
    ManageReview { country_id: i32 },
    /// Assess a commitment for one side of a review; `own_party` when the
    /// actor's organisation answers for the partner side of it.
    Assess {
        country_id: i32,
        side: Side,
        own_party: bool,
    },
    /// Record or change an organisation's activities and their flows.
    EditActivities {
        country_id: i32,
        organisation_id: i32,
    },
    /// Validate partners' activities, or return them with a reason.
    ValidateActivities { country_id: i32 },
    /// Turn the country's validation of partners' data on or off.
    ConfigureValidation { country_id: i32 },
    /// Change the country's settings (the language its pages speak to a
    /// visitor who chose none).
    ConfigureCountry { country_id: i32 },
    /// Import an IATI activity file: for one organisation, or for any
    /// (`None`, whatever organisations the file reports).
    ImportIati {
        country_id: i32,
        organisation_id: Option<i32>,
    },
    /// Enter, load, correct and remove the country's exchange rates.
    ManageRates { country_id: i32 },
    /// Keep the chart of accounts and the budget's figures.
    EditBudget { country_id: i32 },
    /// Open and close reporting rounds (data calls).
    ManageReportingRounds { country_id: i32 },
    /// Answer a reporting round for an organisation.
    RespondToRound {
        country_id: i32,
        organisation_id: i32,
    },
    /// Define indicators and set their targets.
    EditIndicators { country_id: i32 },
    /// Enter an indicator's measurements, for the organisation that owns
    /// it (`None`: owned by no one, so the government's).
    EnterMeasurement {
        country_id: i32,
        owner_id: Option<i32>,
        government_owner: bool,
    },
}

/// Objects whose history every member of their country may read: what the
/// members' pages show. The history of an account is for administrators; of
/// anything else (a partner's draft activity, say), for those who read the
/// country's audit trail.
const SHARED_HISTORY: &[&str] = &[
    "organisation",
    "strategy",
    "pillar",
    "priority",
    "transition_plan",
    "transition_function",
    "drawdown_phase",
    "fragility_round",
    "fragility_stage",
    "compact",
    "commitment",
    "review_round",
    "indicator",
    "indicator_target",
    "budget_line",
    "exchange_rate",
];

/// What reading the history of an `object_type` in `country_id` takes.
pub fn history_action(object_type: &str, country_id: i32) -> Action {
    if object_type == "user" {
        Action::ManageUsers { country_id }
    } else if SHARED_HISTORY.contains(&object_type) {
        Action::ReadHistory { country_id }
    } else {
        Action::ReadAudit { country_id }
    }
}

/// The single rule book.
pub fn allows(actor: Option<&Actor>, action: Action) -> bool {
    let Some(actor) = actor else {
        return false;
    };
    match action {
        Action::ChangeOwnPassword => true,
        Action::CreateOrganisation { country_id }
        | Action::IdentifyOrganisation { country_id }
        | Action::RetireOrganisation { country_id }
        | Action::ManageUsers { country_id } => actor.role_in(country_id) == Some(Role::Admin),
        Action::EditOrganisation {
            country_id,
            organisation_id,
            government,
        } => match actor.role_in(country_id) {
            Some(Role::Admin) => true,
            Some(Role::Planner) => government,
            Some(Role::PartnerReporter) => actor.organisation_id == organisation_id,
            Some(Role::Reviewer) | None => false,
        },
        Action::ReadAudit { country_id } => matches!(
            actor.role_in(country_id),
            Some(Role::Admin | Role::Reviewer)
        ),
        Action::ReadHistory { country_id }
        | Action::ReadDrafts { country_id }
        | Action::ReadComments { country_id }
        | Action::Comment { country_id } => actor.role_in(country_id).is_some(),
        Action::EditStrategy { country_id }
        | Action::EditTransition { country_id }
        | Action::EditFragility { country_id }
        | Action::ResolveComment { country_id }
        | Action::EditCompact { country_id }
        | Action::ManageReview { country_id }
        | Action::EditBudget { country_id }
        | Action::EditIndicators { country_id }
        | Action::ManageReportingRounds { country_id } => {
            actor.role_in(country_id) == Some(Role::Planner)
        }
        Action::ManageRates { country_id }
        | Action::ConfigureValidation { country_id }
        | Action::ConfigureCountry { country_id } => actor.role_in(country_id) == Some(Role::Admin),
        Action::ValidateActivities { country_id } => {
            matches!(actor.role_in(country_id), Some(Role::Admin | Role::Planner))
        }
        // Admins may correct any partner's data; a partner reporter keeps
        // its own organisation's.
        Action::EditActivities {
            country_id,
            organisation_id,
        } => match actor.role_in(country_id) {
            Some(Role::Admin) => true,
            Some(Role::PartnerReporter) => actor.organisation_id == organisation_id,
            _ => false,
        },
        Action::ImportIati {
            country_id,
            organisation_id,
        } => match actor.role_in(country_id) {
            Some(Role::Admin) => true,
            Some(Role::PartnerReporter) => organisation_id == Some(actor.organisation_id),
            _ => false,
        },
        // Planners enter the government's measurements; a partner reporter
        // its own organisation's.
        Action::EnterMeasurement {
            country_id,
            owner_id,
            government_owner,
        } => match actor.role_in(country_id) {
            Some(Role::Planner) => government_owner || owner_id.is_none(),
            Some(Role::PartnerReporter) => owner_id == Some(actor.organisation_id),
            _ => false,
        },
        Action::RespondToRound {
            country_id,
            organisation_id,
        } => {
            actor.role_in(country_id) == Some(Role::PartnerReporter)
                && actor.organisation_id == organisation_id
        }
        Action::Assess {
            country_id,
            side,
            own_party,
        } => match (side, actor.role_in(country_id)) {
            (Side::Government, Some(Role::Planner)) => true,
            (Side::Partner, Some(Role::PartnerReporter)) => own_party,
            _ => false,
        },
        // Planners hold the pen on the compact; a partner writes its own
        // commitments.
        Action::EditCommitment {
            country_id,
            party_id,
            kind,
        } => match actor.role_in(country_id) {
            Some(Role::Planner) => true,
            Some(Role::PartnerReporter) => {
                kind == CommitmentKind::Partner && actor.organisation_id == party_id
            }
            _ => false,
        },
        // Each side reports on what it committed to; joint commitments by both.
        Action::ReportProgress {
            country_id,
            party_id,
            kind,
        } => match actor.role_in(country_id) {
            Some(Role::Planner) => kind != CommitmentKind::Partner,
            Some(Role::PartnerReporter) => {
                kind != CommitmentKind::Government && actor.organisation_id == party_id
            }
            _ => false,
        },
        Action::SignCompact {
            country_id,
            organisation_id,
        } => {
            actor.role_in(country_id).is_some()
                && actor.signatory
                && actor.organisation_id == organisation_id
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
            let json = serde_json::to_string(&role).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", role.code()));
        }
    }

    #[test]
    fn nobody_anonymous_may_do_anything() {
        assert!(!allows(None, Action::ChangeOwnPassword));
        assert!(!allows(None, Action::ReadHistory { country_id: 1 }));
    }
}
