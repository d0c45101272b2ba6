//! Mutual accountability indicators computed from the data.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Currency;

use super::OrganisationRef;

coded_enum! {
    /// The indicators the product computes, each with a fixed formula.
    Formula {
        AidOnBudget => ("aid_on_budget", "Aid on budget (GPEDC 6)"),
        AnnualPredictability => ("annual_predictability", "Annual predictability (GPEDC 5a)"),
        MediumTermPredictability => ("medium_term_predictability", "Medium-term predictability (GPEDC 5b)"),
        CountrySystems => ("country_systems", "Use of country systems (GPEDC 9b)"),
        PooledShare => ("pooled_share", "Pooled share"),
        ExecutionRate => ("execution_rate", "Execution rate"),
        UndisbursedBalance => ("undisbursed_balance", "Undisbursed balance"),
        PledgeGap => ("pledge_gap", "Pledges not yet committed"),
        FundingGap => ("funding_gap", "Funding gap of the strategy's pillars"),
        GovernmentDelivery => ("government_delivery", "Compact delivery: government"),
        PartnerDelivery => ("partner_delivery", "Compact delivery: partners"),
        ReportingCompliance => ("reporting_compliance", "Reporting compliance"),
    }
}

coded_enum! {
    /// What a value measures. A computed share is numerator over
    /// denominator; computed money is numerator less denominator.
    Unit {
        Share => ("share", "Share (shown as a percentage)"),
        Money => ("money", "Amount in the reporting currency"),
        Number => ("number", "Number"),
    }
}

coded_enum! {
    /// Which way an indicator improves.
    Direction {
        HigherIsBetter => ("higher", "Higher is better"),
        LowerIsBetter => ("lower", "Lower is better"),
    }
}

impl Formula {
    pub fn unit(self) -> Unit {
        match self {
            Self::UndisbursedBalance | Self::PledgeGap | Self::FundingGap => Unit::Money,
            _ => Unit::Share,
        }
    }

    pub fn direction(self) -> Direction {
        match self {
            Self::UndisbursedBalance | Self::PledgeGap | Self::FundingGap => {
                Direction::LowerIsBetter
            }
            _ => Direction::HigherIsBetter,
        }
    }

    /// How the value is computed, in the words the drill-down shows.
    pub fn definition(self) -> &'static str {
        match self {
            Self::AidOnBudget => {
                "Disbursements to the government sector recorded on the national budget, over the disbursements scheduled to the government sector for the fiscal year. The government sector: activities in which a government ministry or agency takes part."
            }
            Self::AnnualPredictability => {
                "For each partner, the smaller of its actual and its scheduled disbursements to the government sector in the fiscal year; summed, over the sum of scheduled disbursements."
            }
            Self::MediumTermPredictability => {
                "Partners with flows in the fiscal year that have planned disbursements for each of the next three fiscal years, over all partners with flows in the fiscal year."
            }
            Self::CountrySystems => {
                "The average of four shares of disbursements to the government sector: through national budget execution (treasury), financial reporting, audit and procurement."
            }
            Self::PooledShare => {
                "Disbursements paid into pooled funds, over all disbursements of the partners in the fiscal year."
            }
            Self::ExecutionRate => "Disbursements over commitments made in the fiscal year.",
            Self::UndisbursedBalance => {
                "Everything committed up to the end of the fiscal year, less everything disbursed by then."
            }
            Self::PledgeGap => {
                "Pledges made in the fiscal year beyond the commitments made in it (never below zero)."
            }
            Self::FundingGap => {
                "For each pillar, its estimated cost for the fiscal year less the money committed or pledged to it; the value adds up the pillars' gaps (a pillar funded beyond its cost closes no other pillar's gap)."
            }
            Self::GovernmentDelivery => {
                "Government and joint commitments of the latest signed compact that are on track or achieved, over all of them but the dropped."
            }
            Self::PartnerDelivery => {
                "Partners' commitments of the latest signed compact that are on track or achieved, over all of them but the dropped."
            }
            Self::ReportingCompliance => {
                "Partners that answered the fiscal year's latest reporting round, over the partners asked."
            }
        }
    }
}

/// One row a value was computed from: a partner, a pillar, a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub label: String,
    pub numerator: Decimal,
    pub denominator: Decimal,
    /// The part's own value; `None` when it has nothing to divide by.
    pub value: Option<Decimal>,
}

/// A computed indicator for one fiscal year (and, when asked, one partner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorValue {
    pub formula: Formula,
    /// `None`: not applicable (nothing to divide by).
    pub value: Option<Decimal>,
    pub numerator: Decimal,
    pub denominator: Decimal,
    pub parts: Vec<Part>,
}

impl IndicatorValue {
    /// A share, or a difference for money, from its two terms; shares keep
    /// four decimals, money two.
    pub fn of(
        formula: Formula,
        numerator: Decimal,
        denominator: Decimal,
        parts: Vec<Part>,
    ) -> Self {
        Self {
            value: compute(formula.unit(), numerator, denominator),
            formula,
            numerator: numerator.round_dp(2),
            denominator: denominator.round_dp(2),
            parts,
        }
    }
}

/// A share or difference of two terms; a share of nothing is not applicable.
pub fn compute(unit: Unit, numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    match unit {
        Unit::Share => {
            (!denominator.is_zero()).then(|| (numerator / denominator).round_dp(4).normalize())
        }
        Unit::Money | Unit::Number => Some((numerator - denominator).round_dp(2)),
    }
}

/// The computed indicators of a fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorSet {
    pub currency: Currency,
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    pub partner: Option<OrganisationRef>,
    pub values: Vec<IndicatorValue>,
}

impl IndicatorSet {
    pub fn get(&self, formula: Formula) -> Option<&IndicatorValue> {
        self.values.iter().find(|v| v.formula == formula)
    }
}
