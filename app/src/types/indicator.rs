//! Mutual accountability indicators computed from the data.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Currency;

use super::OrganisationRef;

coded_enum! {
    /// The indicators the product computes, each with a fixed formula.
    Formula {
        AidOnBudget => ("aid_on_budget", formula_aid_on_budget),
        AnnualPredictability => ("annual_predictability", formula_annual_predictability),
        MediumTermPredictability => ("medium_term_predictability", formula_medium_term_predictability),
        CountrySystems => ("country_systems", formula_country_systems),
        PooledShare => ("pooled_share", formula_pooled_share),
        ExecutionRate => ("execution_rate", formula_execution_rate),
        UndisbursedBalance => ("undisbursed_balance", formula_undisbursed_balance),
        PledgeGap => ("pledge_gap", formula_pledge_gap),
        FundingGap => ("funding_gap", formula_funding_gap),
        GovernmentDelivery => ("government_delivery", formula_government_delivery),
        PartnerDelivery => ("partner_delivery", formula_partner_delivery),
        ReportingCompliance => ("reporting_compliance", formula_reporting_compliance),
    }
}

coded_enum! {
    /// What a value measures. A computed share is numerator over
    /// denominator; computed money is numerator less denominator.
    Unit {
        Share => ("share", unit_share),
        Money => ("money", unit_money),
        Number => ("number", unit_number),
    }
}

coded_enum! {
    /// Which way an indicator improves.
    Direction {
        HigherIsBetter => ("higher", direction_higher),
        LowerIsBetter => ("lower", direction_lower),
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

    /// How the value is computed, in the words the drill-down shows, in
    /// the interface language.
    pub fn definition(self) -> &'static str {
        use crate::i18n::td_string;
        let locale = crate::language::current();
        match self {
            Self::AidOnBudget => td_string!(locale, labels.definition_aid_on_budget),
            Self::AnnualPredictability => {
                td_string!(locale, labels.definition_annual_predictability)
            }
            Self::MediumTermPredictability => {
                td_string!(locale, labels.definition_medium_term_predictability)
            }
            Self::CountrySystems => td_string!(locale, labels.definition_country_systems),
            Self::PooledShare => td_string!(locale, labels.definition_pooled_share),
            Self::ExecutionRate => td_string!(locale, labels.definition_execution_rate),
            Self::UndisbursedBalance => td_string!(locale, labels.definition_undisbursed_balance),
            Self::PledgeGap => td_string!(locale, labels.definition_pledge_gap),
            Self::FundingGap => td_string!(locale, labels.definition_funding_gap),
            Self::GovernmentDelivery => td_string!(locale, labels.definition_government_delivery),
            Self::PartnerDelivery => td_string!(locale, labels.definition_partner_delivery),
            Self::ReportingCompliance => td_string!(locale, labels.definition_reporting_compliance),
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
