use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Commitment, CommitmentCategory, CommitmentStatus};

coded_enum! {
    /// The two sides of a joint review.
    Side {
        Government => ("government", side_government),
        Partner => ("partner", side_partner),
    }
}

/// One side's assessment of a commitment, as submitted (the form's
/// `assessment[status]`, `assessment[rating]` and `assessment[comment]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAssessment {
    pub status: CommitmentStatus,
    /// 1 (far off) to 4 (fully met).
    pub rating: i16,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// This revision's id. A revised assessment is a new row, so the id is
    /// also the version an edit form was opened at.
    pub id: i32,
    pub side: Side,
    /// The organisation the assessment speaks for.
    pub organisation_id: i32,
    pub organisation: String,
    pub status: CommitmentStatus,
    pub rating: i16,
    pub comment: String,
    pub author: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRound {
    pub id: i32,
    pub compact_version: i32,
    pub title: String,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

/// Where a commitment stands after a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Both sides gave this status.
    Agreed(CommitmentStatus),
    /// The two sides gave different statuses.
    Disputed,
    /// At least one side has not assessed it yet.
    Pending,
}

impl Outcome {
    pub const ALL: [Outcome; 7] = [
        Outcome::Agreed(CommitmentStatus::NotStarted),
        Outcome::Agreed(CommitmentStatus::OnTrack),
        Outcome::Agreed(CommitmentStatus::OffTrack),
        Outcome::Agreed(CommitmentStatus::Achieved),
        Outcome::Agreed(CommitmentStatus::Dropped),
        Outcome::Disputed,
        Outcome::Pending,
    ];

    /// The outcome's name in the interface language.
    pub fn label(self) -> &'static str {
        use crate::i18n::td_string;
        let locale = crate::language::current();
        match self {
            Outcome::Agreed(status) => status.label(),
            Outcome::Disputed => td_string!(locale, labels.outcome_disputed),
            Outcome::Pending => td_string!(locale, labels.outcome_pending),
        }
    }
}

/// A commitment with the assessments it got in a round: the government's,
/// and each partner party's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewedCommitment {
    pub commitment: Commitment,
    pub government: Option<Assessment>,
    pub partners: Vec<Assessment>,
}

impl ReviewedCommitment {
    /// Agreed when the government and every partner that assessed give the
    /// same status; disputed when any partner differs from the government.
    pub fn outcome(&self) -> Outcome {
        match &self.government {
            Some(g) if self.partners.iter().any(|p| p.status != g.status) => Outcome::Disputed,
            Some(g) if !self.partners.is_empty() => Outcome::Agreed(g.status),
            _ => Outcome::Pending,
        }
    }

    /// The assessment `organisation_id` gave for `side`: for the government
    /// side, the government's whoever wrote it.
    pub fn assessment_by(&self, side: Side, organisation_id: i32) -> Option<&Assessment> {
        match side {
            Side::Government => self.government.as_ref(),
            Side::Partner => self
                .partners
                .iter()
                .find(|a| a.organisation_id == organisation_id),
        }
    }
}

/// Counts of commitments by outcome, in `Outcome::ALL` order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub label: String,
    pub total: usize,
    pub counts: Vec<usize>,
}

/// A review round's report: every commitment with its assessments, and the
/// counts a joint review discusses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewReport {
    pub round: ReviewRound,
    pub compact_title: String,
    pub items: Vec<ReviewedCommitment>,
}

impl ReviewReport {
    fn counts<'a>(
        label: String,
        items: impl Iterator<Item = &'a ReviewedCommitment>,
    ) -> OutcomeCounts {
        let mut counts = vec![0; Outcome::ALL.len()];
        let mut total = 0;
        for item in items {
            total += 1;
            if let Some(i) = Outcome::ALL.iter().position(|o| *o == item.outcome()) {
                counts[i] += 1;
            }
        }
        OutcomeCounts {
            label,
            total,
            counts,
        }
    }

    /// All commitments by outcome.
    pub fn by_outcome(&self) -> OutcomeCounts {
        let locale = crate::language::current();
        Self::counts(
            crate::i18n::td_string!(locale, labels.all_commitments).into(),
            self.items.iter(),
        )
    }

    /// One row per party, in the order parties first appear.
    pub fn by_party(&self) -> Vec<OutcomeCounts> {
        let mut parties: Vec<&str> = Vec::new();
        for item in &self.items {
            if !parties.contains(&item.commitment.party.as_str()) {
                parties.push(&item.commitment.party);
            }
        }
        parties
            .into_iter()
            .map(|party| {
                let of_party = self.items.iter().filter(|i| i.commitment.party == party);
                Self::counts(party.to_string(), of_party)
            })
            .collect()
    }

    /// One row per category that has commitments.
    pub fn by_category(&self) -> Vec<OutcomeCounts> {
        CommitmentCategory::ALL
            .iter()
            .map(|category| {
                let of_category = self
                    .items
                    .iter()
                    .filter(|i| i.commitment.category == *category);
                Self::counts(category.label().to_string(), of_category)
            })
            .filter(|row| row.total > 0)
            .collect()
    }

    /// The day the round looks at: its closing day, or `today` while open.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.round.closed_on.unwrap_or(today)
    }

    /// Commitments past due and not achieved (nor dropped), by due date.
    pub fn overdue(&self, today: NaiveDate) -> Vec<&ReviewedCommitment> {
        let day = self.as_of(today);
        let mut late: Vec<&ReviewedCommitment> = self
            .items
            .iter()
            .filter(|i| i.commitment.overdue(day))
            .collect();
        late.sort_by_key(|i| i.commitment.due_on);
        late
    }
}
