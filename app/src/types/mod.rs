//! Wire types: what server functions and the JSON API send to the browser.
//! They are separate from the database entities; services map one to the other.

/// An enum whose variants have a stable code (stored, sent in forms and
/// the API) and a label for people: the key of its text in the `labels`
/// catalogue, given in the request's language (English outside a request,
/// as in the CLI; machine outputs use the code).
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:ident)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The variant's name in the language of the request being
            /// answered (English outside a request).
            pub fn label(self) -> &'static str {
                self.label_in($crate::language::current())
            }

            /// The variant's name in `locale` (`Locale::en` for a text
            /// that must not depend on the reader, such as a file's).
            pub fn label_in(self, locale: $crate::language::Locale) -> &'static str {
                match self { $($name::$variant => $crate::i18n::td_string!(locale, labels.$label)),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

mod activity_list;
mod actor;
mod area;
mod audit;
mod budget;
mod compact;
mod country;
mod country_systems;
mod currency;
mod fiscal_year;
mod fragility;
mod funding;
mod iati;
mod indicator;
pub mod input;
mod kept;
pub mod money;
mod organisation;
mod page;
pub mod query;
mod rates;
mod reporting;
mod review;
mod scorecard;
mod strategy;
mod transition;
mod user;
mod validation;

pub use activity_list::{ActivityFilter, ActivityList};
pub use actor::{Actor, Membership, Role};
pub use area::Area;
pub use audit::{AuditEntry, AuditFilter, AuditPage, AuditQuery};
pub use budget::{
    BudgetAmounts, BudgetFiguresForm, BudgetLine, BudgetRow, BudgetView, NewBudgetLine,
};
pub use compact::{
    Commitment, CommitmentCategory, CommitmentComment, CommitmentKind, CommitmentStatus, Compact,
    CompactStatus, NewCommitment, NewCompact, NewProgress, Party, Progress, Signature,
    SignedCommitment, SignedText,
};
pub use country::{Country, CountrySummary, KindCount, NewCountry};
pub use country_systems::{CountrySystems, SystemOverrides};
pub use currency::Currency;
pub use fiscal_year::{FiscalYear, PeriodPart, month_name, split_by_fiscal_year};
pub use fragility::{
    FragilityRound, FragilityStage, FragilityView, MAX_DIMENSION, MAX_EVIDENCE, MAX_METHOD_NOTES,
    MAX_PARTICIPANTS, NewFragilityRound, NewFragilityStage, Psg, RoundStatus, Stage,
};
pub use funding::{
    Activity, ActivityStatus, Channel, ExchangeRate, FundingReport, FundingRow, GroupBy, Measure,
    MoneyType, NewActivity, NewPlannedDisbursement, NewTransaction, POOLED_UNALLOCATED,
    ParticipantRole, PlannedDisbursement, ProjectList, ProjectRow, RateUse, Share, Totals,
    Transaction, TransactionKind, UNALIGNED, Unconverted, Validation,
};
pub use iati::{
    ActivityOutcome, ImportConflict, ImportOutcome, ImportProblem, ImportReport, ImportTotals,
};
pub use indicator::{
    Direction, Formula, IndicatorSet, IndicatorValue, Part, Unit, compute as compute_indicator,
};
pub use kept::{Kept, KeptInput};
pub use organisation::{Holdings, MergeOutcome, NewOrganisation, Organisation, OrganisationKind};
pub use page::Page;
pub use rates::StoredRate;
pub use reporting::{Compliance, NewReportingRound, ReportingRound, ResponseStatus};
pub use review::{
    Assessment, NewAssessment, Outcome, OutcomeCounts, ReviewReport, ReviewRound,
    ReviewedCommitment, Side,
};
pub use scorecard::{
    Baseline, BudgetTransparency, DefinitionChange, Indicator, IndicatorComment, IndicatorEdit,
    Measurement, MeasurementForm, NewIndicator, NewMeasurement, Reading, Readings, RoundAnswer,
    Scorecard, ScoredCommitment, Status, StatusCount, Target, YearFlows,
};
pub use strategy::{
    Agreement, Comment, DEFAULT_PILLARS, Endorsement, FieldChange, NewAgreement, NewPriority,
    NewProvision, NewStrategy, OrganisationRef, PeerPriority, Phase, Pillar, Priority,
    PriorityChange, Provision, ProvisionRef, Strategy, StrategyComparison, StrategyStatus,
    ThematicArea, YearCost,
};
pub use transition::{
    CliffYear, DrawdownPhase, FunctionKind, NewDrawdownPhase, NewFunction, NewTransitionPlan,
    Readiness, ReadinessStep, TransitionFunction, TransitionPlan,
};
pub use user::{IssuedPassword, NewUser, UserChanges, UserSummary};
pub use validation::{
    Difference, MAX_REASON, ValidationQueue, Waiting, differences as validation_differences,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Locale;

    #[test]
    fn coded_labels_follow_the_language() {
        let status = StrategyStatus::Consultation;
        assert_eq!(status.label(), "In consultation");
        assert_eq!(status.label_in(Locale::en), "In consultation");
        assert_eq!(status.label_in(Locale::fr), "En consultation");
        assert_eq!(status.label_in(Locale::pt), "Em consulta");
        assert_eq!(
            TransactionKind::Disbursement.label_in(Locale::fr),
            "Décaissement"
        );
    }
}
