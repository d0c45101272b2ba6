use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Where a compact version is in its life.
    CompactStatus {
        Draft => ("draft", compact_status_draft),
        ForSignature => ("for_signature", compact_status_for_signature),
        Signed => ("signed", compact_status_signed),
    }
}

coded_enum! {
    /// Who commits: the government, a partner, or both together.
    CommitmentKind {
        Government => ("government", commitment_kind_government),
        Partner => ("partner", commitment_kind_partner),
        Joint => ("joint", commitment_kind_joint),
    }
}

coded_enum! {
    /// What a commitment is about (the New Deal compact's themes).
    CommitmentCategory {
        Transparency => ("transparency", commitment_category_transparency),
        ParallelMechanisms => ("parallel_mechanisms", commitment_category_parallel_mechanisms),
        BudgetTransparency => ("budget_transparency", commitment_category_budget_transparency),
        Governance => ("governance", commitment_category_governance),
        Financing => ("financing", commitment_category_financing),
        Capacity => ("capacity", commitment_category_capacity),
        Other => ("other", commitment_category_other),
    }
}

coded_enum! {
    CommitmentStatus {
        NotStarted => ("not_started", commitment_status_not_started),
        OnTrack => ("on_track", commitment_status_on_track),
        OffTrack => ("off_track", commitment_status_off_track),
        Achieved => ("achieved", commitment_status_achieved),
        Dropped => ("dropped", commitment_status_dropped),
    }
}

impl CommitmentStatus {
    /// Off track and dropped need a reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, CommitmentStatus::OffTrack | CommitmentStatus::Dropped)
    }
}

/// What a planner submits to start a compact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCompact {
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub principles: String,
    /// The organisations party to it, the government's included.
    pub party_ids: Vec<i32>,
}

/// The agreed content of a commitment: what is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCommitment {
    pub party_id: i32,
    pub kind: CommitmentKind,
    pub category: CommitmentCategory,
    pub text: String,
    pub priority_code: String,
    pub indicator: Option<String>,
    pub due_on: NaiveDate,
    pub responsible_office: String,
}

/// A dated progress report, which may also move the status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProgress {
    pub on_date: NaiveDate,
    pub text: String,
    pub evidence_url: Option<String>,
    pub status: CommitmentStatus,
    pub status_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub id: i32,
    pub on_date: NaiveDate,
    pub text: String,
    pub evidence_url: Option<String>,
    pub author: String,
    /// The status the report set, where it is known.
    pub status: Option<CommitmentStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: i32,
    pub party_id: i32,
    pub party: String,
    pub kind: CommitmentKind,
    pub category: CommitmentCategory,
    pub text: String,
    pub priority_code: String,
    pub priority_title: String,
    pub indicator: Option<String>,
    pub due_on: NaiveDate,
    pub responsible_office: String,
    pub status: CommitmentStatus,
    pub status_reason: Option<String>,
    /// Newest first.
    pub progress: Vec<Progress>,
    /// Members' comments, oldest first.
    pub comments: Vec<CommitmentComment>,
    /// Moves on with every change of its agreed content; an edit form
    /// carries it.
    pub version: i32,
}

/// A member's comment on a commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentComment {
    pub id: i32,
    pub author: String,
    pub body: String,
    pub at: DateTime<Utc>,
}

impl Commitment {
    /// What a form changing this commitment starts from.
    pub fn as_new(&self) -> NewCommitment {
        NewCommitment {
            party_id: self.party_id,
            kind: self.kind,
            category: self.category,
            text: self.text.clone(),
            priority_code: self.priority_code.clone(),
            indicator: self.indicator.clone(),
            due_on: self.due_on,
            responsible_office: self.responsible_office.clone(),
        }
    }

    /// Past its due date and not achieved (dropped ones are settled).
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.due_on < today
            && !matches!(
                self.status,
                CommitmentStatus::Achieved | CommitmentStatus::Dropped
            )
    }
}

/// A party's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub signatory: String,
    pub signed_at: DateTime<Utc>,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub id: i32,
    pub name: String,
    pub government: bool,
    pub signature: Option<Signature>,
}

/// One version of a compact, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compact {
    pub id: i32,
    pub country_code: String,
    pub version: i32,
    pub status: CompactStatus,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub principles: String,
    pub strategy_version: i32,
    pub based_on_version: Option<i32>,
    /// SHA-256 of the canonical JSON, once frozen for signature.
    pub sha256: Option<String>,
    pub parties: Vec<Party>,
    pub commitments: Vec<Commitment>,
}

impl Compact {
    /// The compact as the public sees it: without the members' comments.
    pub fn without_comments(mut self) -> Self {
        for commitment in &mut self.commitments {
            commitment.comments.clear();
        }
        self
    }
}

/// A signed commitment as the canonical text holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedCommitment {
    pub number: usize,
    pub party: String,
    pub kind: CommitmentKind,
    pub category: CommitmentCategory,
    pub text: String,
    pub priority_code: String,
    pub indicator: Option<String>,
    pub due_on: NaiveDate,
    pub responsible_office: String,
}

/// What the parties sign: the agreed content of a version, without the
/// progress and status that move afterwards. Its JSON (fields in this
/// order, no spaces) is the canonical form whose SHA-256 is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedText {
    pub country_code: String,
    pub version: i32,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub principles: String,
    pub strategy_version: i32,
    pub parties: Vec<String>,
    pub commitments: Vec<SignedCommitment>,
}

impl SignedText {
    pub fn of(compact: &Compact) -> SignedText {
        SignedText {
            country_code: compact.country_code.clone(),
            version: compact.version,
            title: compact.title.clone(),
            starts_on: compact.starts_on,
            ends_on: compact.ends_on,
            principles: compact.principles.clone(),
            strategy_version: compact.strategy_version,
            parties: compact.parties.iter().map(|p| p.name.clone()).collect(),
            commitments: compact
                .commitments
                .iter()
                .enumerate()
                .map(|(i, c)| SignedCommitment {
                    number: i + 1,
                    party: c.party.clone(),
                    kind: c.kind,
                    category: c.category,
                    text: c.text.clone(),
                    priority_code: c.priority_code.clone(),
                    indicator: c.indicator.clone(),
                    due_on: c.due_on,
                    responsible_office: c.responsible_office.clone(),
                })
                .collect(),
        }
    }
}
