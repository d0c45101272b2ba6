//! Fragility assessments (New Deal, Busan 2011): rounds in which a country
//! places each Peacebuilding and Statebuilding Goal on the g7+ fragility
//! spectrum, with evidence and dissent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::td_string;
use crate::language::Locale;

/// The longest list of participants of one group, in characters.
pub const MAX_PARTICIPANTS: usize = 1000;
/// The longest method notes, in characters.
pub const MAX_METHOD_NOTES: usize = 4000;
/// The longest dimension name, in characters.
pub const MAX_DIMENSION: usize = 200;
/// The longest evidence or dissent, in characters.
pub const MAX_EVIDENCE: usize = 4000;

/// The five Peacebuilding and Statebuilding Goals, in their order; their
/// English names are the strategy's default pillars
/// ([`super::DEFAULT_PILLARS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Psg {
    #[serde(rename = "legitimate_politics")]
    LegitimatePolitics,
    #[serde(rename = "security")]
    Security,
    #[serde(rename = "justice")]
    Justice,
    #[serde(rename = "economic_foundations")]
    EconomicFoundations,
    #[serde(rename = "revenues_and_services")]
    RevenuesAndServices,
}

impl Psg {
    pub const ALL: [Psg; 5] = [
        Psg::LegitimatePolitics,
        Psg::Security,
        Psg::Justice,
        Psg::EconomicFoundations,
        Psg::RevenuesAndServices,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Psg::LegitimatePolitics => "legitimate_politics",
            Psg::Security => "security",
            Psg::Justice => "justice",
            Psg::EconomicFoundations => "economic_foundations",
            Psg::RevenuesAndServices => "revenues_and_services",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The goal's name in the request's language.
    pub fn label(self) -> &'static str {
        self.label_in(crate::language::current())
    }

    pub fn label_in(self, locale: Locale) -> &'static str {
        match self {
            Psg::LegitimatePolitics => td_string!(locale, fragility.psg_legitimate_politics),
            Psg::Security => td_string!(locale, fragility.psg_security),
            Psg::Justice => td_string!(locale, fragility.psg_justice),
            Psg::EconomicFoundations => td_string!(locale, fragility.psg_economic_foundations),
            Psg::RevenuesAndServices => td_string!(locale, fragility.psg_revenues_and_services),
        }
    }
}

/// A stage of the g7+ fragility spectrum, from 1 (crisis) to 5
/// (resilience); sent and stored as its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "i32", try_from = "i32")]
pub enum Stage {
    Crisis,
    RebuildAndReform,
    Transition,
    Transformation,
    Resilience,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Crisis,
        Stage::RebuildAndReform,
        Stage::Transition,
        Stage::Transformation,
        Stage::Resilience,
    ];

    pub fn number(self) -> i32 {
        match self {
            Stage::Crisis => 1,
            Stage::RebuildAndReform => 2,
            Stage::Transition => 3,
            Stage::Transformation => 4,
            Stage::Resilience => 5,
        }
    }

    pub fn from_number(number: i32) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.number() == number)
    }

    /// The stage's name in the request's language.
    pub fn label(self) -> &'static str {
        self.label_in(crate::language::current())
    }

    pub fn label_in(self, locale: Locale) -> &'static str {
        match self {
            Stage::Crisis => td_string!(locale, fragility.stage_crisis),
            Stage::RebuildAndReform => td_string!(locale, fragility.stage_rebuild_and_reform),
            Stage::Transition => td_string!(locale, fragility.stage_transition),
            Stage::Transformation => td_string!(locale, fragility.stage_transformation),
            Stage::Resilience => td_string!(locale, fragility.stage_resilience),
        }
    }
}

impl From<Stage> for i32 {
    fn from(stage: Stage) -> i32 {
        stage.number()
    }
}

impl TryFrom<i32> for Stage {
    type Error = String;

    fn try_from(number: i32) -> Result<Self, String> {
        Stage::from_number(number).ok_or_else(|| format!("stage {number} is not 1 to 5"))
    }
}

/// Where a round is in its life: a draft is edited, a validated round
/// waits for publication (or goes back to draft), a published one is
/// frozen and public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RoundStatus {
    #[serde(rename = "draft")]
    Draft,
    #[serde(rename = "validated")]
    Validated,
    #[serde(rename = "published")]
    Published,
}

impl RoundStatus {
    pub const ALL: [RoundStatus; 3] = [
        RoundStatus::Draft,
        RoundStatus::Validated,
        RoundStatus::Published,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RoundStatus::Draft => "draft",
            RoundStatus::Validated => "validated",
            RoundStatus::Published => "published",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status in the request's language, agreeing with "assessment".
    pub fn label(self) -> &'static str {
        let locale = crate::language::current();
        match self {
            RoundStatus::Draft => td_string!(locale, fragility.status_draft),
            RoundStatus::Validated => td_string!(locale, fragility.status_validated),
            RoundStatus::Published => td_string!(locale, fragility.status_published),
        }
    }

    /// Whether a round may move from this status to `to`.
    pub fn may_become(self, to: RoundStatus) -> bool {
        matches!(
            (self, to),
            (RoundStatus::Draft, RoundStatus::Validated)
                | (
                    RoundStatus::Validated,
                    RoundStatus::Draft | RoundStatus::Published
                )
        )
    }
}

/// What a planner submits to start a round or correct its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFragilityRound {
    pub year: i32,
    pub government: String,
    pub civil_society: String,
    pub partners: String,
    pub method_notes: String,
}

/// What a planner submits to add or correct a row of a round. The goal
/// and the stage arrive as typed and are checked by the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFragilityStage {
    /// A [`Psg`] code.
    pub psg: String,
    pub dimension: String,
    pub stage: i32,
    pub evidence: String,
    /// Blank for none.
    pub dissent: String,
}

/// One row of a round: a goal, or a dimension of it, on the spectrum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FragilityStage {
    pub id: i32,
    pub psg: Psg,
    /// Empty for the goal as a whole.
    pub dimension: String,
    pub stage: Stage,
    pub evidence: String,
    pub dissent: Option<String>,
    /// The version an edit form opens at.
    pub version: i32,
}

/// A round with its rows, by goal, then dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FragilityRound {
    pub id: i32,
    pub year: i32,
    pub status: RoundStatus,
    pub government: String,
    pub civil_society: String,
    pub partners: String,
    pub method_notes: String,
    pub published_at: Option<DateTime<Utc>>,
    /// The version the round's forms open at.
    pub version: i32,
    pub stages: Vec<FragilityStage>,
}

/// The fragility page: the rounds the reader may see, newest first, and
/// what the reader may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FragilityView {
    pub country_code: String,
    pub rounds: Vec<FragilityRound>,
    pub can_edit: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_goals_are_the_default_pillars() {
        let english: Vec<&str> = Psg::ALL.iter().map(|p| p.label_in(Locale::en)).collect();
        assert_eq!(english, super::super::DEFAULT_PILLARS);
        for psg in Psg::ALL {
            assert_eq!(Psg::from_code(psg.code()), Some(psg));
        }
    }

    #[test]
    fn stages_are_one_to_five() {
        assert_eq!(Stage::from_number(0), None);
        assert_eq!(Stage::from_number(6), None);
        assert_eq!(Stage::from_number(3), Some(Stage::Transition));
        assert_eq!(Stage::Resilience.label_in(Locale::fr), "Résilience");
    }
}
