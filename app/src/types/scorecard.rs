//! Indicator definitions with their baselines, targets and measurements,
//! and the readings a dashboard or a scorecard shows.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Currency;

use super::{CommitmentStatus, Direction, Formula, IndicatorValue, OrganisationRef, Unit};

coded_enum! {
    /// How a value stands against its target for the year.
    Status {
        Met => ("met", indicator_status_met),
        OnTrack => ("on_track", indicator_status_on_track),
        OffTrack => ("off_track", indicator_status_off_track),
    }
}

impl Status {
    /// Met when the value reaches the target; on track when it has come at
    /// least three quarters of the way from the baseline to the target;
    /// off track otherwise. No target, or no value: no status.
    pub fn of(
        value: Option<Decimal>,
        baseline: Option<Decimal>,
        target: Option<Decimal>,
        direction: Direction,
    ) -> Option<Status> {
        let (value, target) = (value?, target?);
        let met = match direction {
            Direction::HigherIsBetter => value >= target,
            Direction::LowerIsBetter => value <= target,
        };
        if met {
            return Some(Status::Met);
        }
        let on_track = baseline.is_some_and(|baseline| {
            let distance = target - baseline;
            !distance.is_zero() && (value - baseline) / distance >= Decimal::new(75, 2)
        });
        Some(if on_track {
            Status::OnTrack
        } else {
            Status::OffTrack
        })
    }
}

/// Where an indicator starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub value: Decimal,
    pub date: NaiveDate,
}

/// The value an indicator should reach in a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub id: i32,
    /// Counts the target's changes, from 1; a removal names it.
    pub version: i32,
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    pub value: Decimal,
}

/// An entered value for a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measurement {
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    pub value: Decimal,
    pub source: String,
    pub note: String,
    /// Who entered it, and for which organisation.
    pub entered_by: String,
    pub entered_at: DateTime<Utc>,
    /// Moves on with every correction; the correcting form carries it.
    pub version: i32,
}

/// A comment on an indicator's fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorComment {
    pub fiscal_year: i32,
    pub author: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// An indicator as the country defined it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub definition: String,
    pub unit: Unit,
    pub direction: Direction,
    /// `Some`: computed by the formula; `None`: entered.
    pub formula: Option<Formula>,
    pub pillar: Option<i32>,
    /// Who enters the measurements of an entered indicator.
    pub owner: Option<OrganisationRef>,
    pub baseline: Option<Baseline>,
    pub targets: Vec<Target>,
    pub measurements: Vec<Measurement>,
    /// Counts the definition's corrections, from 1; a correction names it.
    pub version: i32,
}

impl Indicator {
    pub fn target(&self, fiscal_year: i32) -> Option<Decimal> {
        self.targets
            .iter()
            .find(|t| t.fiscal_year == fiscal_year)
            .map(|t| t.value)
    }

    pub fn measurement(&self, fiscal_year: i32) -> Option<&Measurement> {
        self.measurements
            .iter()
            .find(|m| m.fiscal_year == fiscal_year)
    }
}

/// What a planner fills in to define an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIndicator {
    pub code: String,
    pub name: String,
    pub definition: String,
    pub unit: Unit,
    pub direction: Direction,
    pub formula: Option<Formula>,
    pub pillar: Option<i32>,
    pub owner_id: Option<i32>,
    pub baseline: Option<Baseline>,
}

/// What a planner may correct in a definition: everything but its code and
/// formula, which readings and links are keyed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorEdit {
    pub name: String,
    pub definition: String,
    /// `None` keeps it; a computed indicator keeps its formula's.
    pub unit: Option<Unit>,
    /// `None` keeps it; a computed indicator keeps its formula's.
    pub direction: Option<Direction>,
    pub pillar: Option<i32>,
    pub owner_id: Option<i32>,
    pub baseline: Option<Baseline>,
}

/// One correction of a definition, from the audit trail. Past readings are
/// not re-stated: the page lists these beside them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionChange {
    pub at: DateTime<Utc>,
    /// Who made it; only for readers of the country's history.
    pub by: Option<String>,
    pub changes: Vec<super::FieldChange>,
}

impl DefinitionChange {
    /// "Definition changed on 6 December 2026 by X: unit from … to …".
    pub fn sentence(&self) -> String {
        use crate::i18n::td_string;
        use crate::language::Locale;
        let locale = crate::language::current();
        let what = self
            .changes
            .iter()
            .map(|c| {
                td_string!(
                    locale,
                    labels.definition_change,
                    field = &c.field,
                    before = &c.before,
                    after = &c.after
                )
                .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ");
        let date = match locale {
            Locale::en => self.at.format("%-d %B %Y").to_string(),
            _ => crate::language::date(locale, self.at.date_naive()),
        };
        match &self.by {
            Some(by) => td_string!(
                locale,
                labels.definition_changed_by,
                date = date,
                name = by,
                changes = what
            )
            .to_string(),
            None => td_string!(
                locale,
                labels.definition_changed,
                date = date,
                changes = what
            )
            .to_string(),
        }
    }
}

/// A measurement as its owner enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMeasurement {
    pub fiscal_year: i32,
    pub value: Decimal,
    pub source: String,
    pub note: String,
}

/// The form that enters or corrects a year's measurement:
/// `measurement[fiscal_year]` and so on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasurementForm {
    pub fiscal_year: String,
    pub value: String,
    pub source: String,
    #[serde(default)]
    pub note: String,
    /// The version of the measurement the form corrects; absent when the
    /// year had none.
    #[serde(default)]
    pub version: Option<i32>,
}

/// One indicator for one fiscal year: a dashboard tile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// The key in links and the API: the definition's code, or the
    /// formula's for a computed indicator the country has not defined.
    pub code: String,
    pub name: String,
    pub definition: String,
    pub unit: Unit,
    pub direction: Direction,
    pub pillar: Option<i32>,
    pub owner: Option<OrganisationRef>,
    /// `None`: not applicable, or not measured.
    pub value: Option<Decimal>,
    /// Last year's value.
    pub previous: Option<Decimal>,
    pub baseline: Option<Baseline>,
    pub target: Option<Decimal>,
    pub status: Option<Status>,
    /// The terms and rows of a computed value.
    pub computed: Option<IndicatorValue>,
    /// The measurement an entered value comes from.
    pub measurement: Option<Measurement>,
}

impl Reading {
    /// The change on last year, when both values exist.
    pub fn change(&self) -> Option<Decimal> {
        Some(self.value? - self.previous?)
    }
}

/// A country's indicators for a fiscal year, narrowed as asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readings {
    pub currency: Currency,
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    pub previous_label: String,
    pub partner: Option<OrganisationRef>,
    pub pillar: Option<i32>,
    pub readings: Vec<Reading>,
}

impl Readings {
    pub fn get(&self, code: &str) -> Option<&Reading> {
        self.readings.iter().find(|r| r.code == code)
    }
}

/// How many commitments stand at each status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: CommitmentStatus,
    pub count: u32,
}

/// A commitment as a scorecard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoredCommitment {
    pub id: i32,
    pub party: String,
    pub priority_code: String,
    pub text: String,
    pub status: CommitmentStatus,
    pub due_on: NaiveDate,
}

/// One fiscal year of a partner's flows, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearFlows {
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    pub totals: super::Totals,
}

/// A partner's answer to one reporting round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundAnswer {
    pub round: String,
    pub answer: Option<String>,
}

/// The government's budget figures for the year, in the reporting currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetTransparency {
    pub lines: u32,
    pub lines_with_figures: u32,
    pub appropriation: Decimal,
    pub executed: Decimal,
    pub execution_rate: Option<Decimal>,
    pub expected_external: Decimal,
    pub recorded_on_budget: Decimal,
}

/// A party's record: the government's or one partner's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    /// `None`: the government.
    pub partner: Option<OrganisationRef>,
    pub readings: Readings,
    pub commitment_counts: Vec<StatusCount>,
    pub commitments: Vec<ScoredCommitment>,
    pub flows: Vec<YearFlows>,
    pub rounds: Vec<RoundAnswer>,
    pub budget: Option<BudgetTransparency>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::from_str(s).ok()
    }

    #[test]
    fn status_reads_the_way_from_baseline_to_target() {
        let higher = Direction::HigherIsBetter;
        let lower = Direction::LowerIsBetter;
        assert_eq!(
            Status::of(d("0.6"), d("0.4"), d("0.6"), higher),
            Some(Status::Met)
        );
        assert_eq!(
            Status::of(d("0.55"), d("0.4"), d("0.6"), higher),
            Some(Status::OnTrack)
        );
        assert_eq!(
            Status::of(d("0.54"), d("0.4"), d("0.6"), higher),
            Some(Status::OffTrack)
        );
        assert_eq!(
            Status::of(d("85"), d("100"), d("80"), lower),
            Some(Status::OnTrack)
        );
        assert_eq!(
            Status::of(d("79"), d("100"), d("80"), lower),
            Some(Status::Met)
        );
        // Without a baseline there is no way to measure: met or off track.
        assert_eq!(
            Status::of(d("0.59"), None, d("0.6"), higher),
            Some(Status::OffTrack)
        );
        // A value that moved away from the target is off track.
        assert_eq!(
            Status::of(d("0.3"), d("0.4"), d("0.6"), higher),
            Some(Status::OffTrack)
        );
        assert_eq!(Status::of(None, d("0.4"), d("0.6"), higher), None);
        assert_eq!(Status::of(d("0.5"), d("0.4"), None, higher), None);
    }
}
