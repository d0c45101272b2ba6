//! The sums every funding figure is built from. A caller describes the
//! flows it wants ([`Flows`]: which years, which side, grouped by what,
//! filtered how) and `groups` answers from the country's funding cells,
//! kept as the data is written (`cells`). The same question answered from
//! the rows themselves (`reference`) proves the cells right: the
//! `check-totals` command and the differential test compare the two.
//!
//! Amounts are converted when written: each flow's amount in the reporting
//! currency is its amount times the rate of its value date, rounded to the
//! hundredth, half away from zero. Sums of converted amounts are exact;
//! shares (of priorities, budget lines, sectors) weigh them at six
//! decimals, and figures are rounded to the hundredth only when shown.

use crate::i18n::td_string;
use std::collections::BTreeMap;

use entities::organisation;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::AppError;
use crate::types::{Channel, Measure, OrganisationKind, Totals, TransactionKind};

/// A share of 100% in hundredths of a percent: amounts are summed as
/// minor units times shares, so six decimal places in all.
pub(crate) const SHARE_SCALE: u32 = 4;
pub(crate) const FULL_SHARE: i64 = 10_000;

pub(crate) fn measured_kinds() -> Vec<i16> {
    TransactionKind::ALL
        .iter()
        .filter(|k| k.measure().is_some())
        .map(|k| k.number())
        .collect()
}

/// Which flows a query counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Where money comes from: direct flows and contributions to funds.
    Source,
    /// Where money goes: direct flows and the funds' allocations.
    Use,
    /// Contributions and allocations only, to find what funds still hold.
    Pooled,
    /// Every measured flow: the rates and gaps in conversion.
    All,
}

/// Which fiscal years a query counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Years {
    All,
    Only(i32),
    UpTo(i32),
}

impl Years {
    pub(crate) fn of(fiscal_year: Option<i32>) -> Self {
        fiscal_year.map_or(Years::All, Years::Only)
    }
}

/// What is summed: the flows themselves, their shares by one of the
/// activity's lists, the conversions, or planned disbursements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Facet {
    Flows = 0,
    /// By strategy priority; flows of an activity tied to none count whole
    /// under [`crate::types::UNALIGNED`].
    Priority = 1,
    BudgetLine = 2,
    /// By the sector's DAC category (its first three digits).
    Sector = 3,
    /// Flows in another currency than the reporting one, by currency and
    /// the date of the rate that converted them (`USD|2025-01-31`).
    RateUsed = 4,
    /// Flows no rate converts, by currency and value date; their amount
    /// is in their own currency.
    RateMissing = 5,
    /// Planned disbursements.
    Planned = 6,
}

impl Facet {
    pub(crate) const ALL: [Facet; 7] = [
        Facet::Flows,
        Facet::Priority,
        Facet::BudgetLine,
        Facet::Sector,
        Facet::RateUsed,
        Facet::RateMissing,
        Facet::Planned,
    ];

    pub(crate) fn code(self) -> i16 {
        self as i16
    }

    pub(crate) fn from_code(code: i16) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// What a group's key is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// One group: the country.
    Whole,
    Reporter,
    FiscalYear,
    /// The reporter and the fiscal year, as `reporter|year`.
    ReporterYear,
    MoneyType,
    Channel,
    /// The facet's own key: priority code, budget line, sector category,
    /// or currency and day.
    Facet,
}

/// A condition whose part of each group is told apart in its key (see
/// [`Flows::conditions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Condition {
    /// Paid into a pooled fund.
    ToFund,
    /// The flow uses the country's treasury (its own answer, else its
    /// activity's); likewise the other systems.
    OnTreasury,
    OnReport,
    OnAudit,
    OnProcurement,
}

/// The flows a query sums and how it groups them.
#[derive(Debug, Clone)]
pub(crate) struct Flows {
    pub years: Years,
    pub side: Side,
    pub facet: Facet,
    pub key: Key,
    /// Only this reporter's flows.
    pub reporter: Option<i32>,
    /// Only flows of this kind.
    pub kind: Option<TransactionKind>,
    /// Only activities in which a government ministry or agency takes part.
    pub government: bool,
    /// Only flows on (or off) budget, by their own answer, else their
    /// activity's.
    pub on_budget: Option<bool>,
    /// For each, a digit after the key (`key:101`): `1` where it holds.
    pub conditions: Vec<Condition>,
}

impl Flows {
    pub(crate) fn new(years: Years, side: Side, facet: Facet, key: Key) -> Self {
        Self {
            years,
            side,
            facet,
            key,
            reporter: None,
            kind: None,
            government: false,
            on_budget: None,
            conditions: Vec::new(),
        }
    }

    pub(crate) fn reporter(mut self, reporter: Option<i32>) -> Self {
        self.reporter = reporter;
        self
    }

    pub(crate) fn kind(mut self, kind: TransactionKind) -> Self {
        self.kind = Some(kind);
        self
    }

    pub(crate) fn government(mut self) -> Self {
        self.government = true;
        self
    }

    pub(crate) fn on_budget(mut self, on_budget: bool) -> Self {
        self.on_budget = Some(on_budget);
        self
    }

    pub(crate) fn conditions(mut self, conditions: &[Condition]) -> Self {
        self.conditions = conditions.to_vec();
        self
    }
}

/// Where figures are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// The funding cells kept as the data is written.
    #[default]
    Cells,
    /// The rows themselves, each amount converted on the way: the
    /// reference the cells are checked against.
    Rows,
}

/// One group of flows: its key, what its sum counts as, the sum in
/// hundredths of the reporting currency times shares (10 000 = all), and
/// how many rows it holds and how many of them no rate converts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    pub key: String,
    pub kind: i16,
    pub on_budget: bool,
    pub channel: String,
    pub scaled: i128,
    pub rows: i64,
    pub unconverted: i64,
}

/// Groups keyed alike added together, in key order: both sources answer
/// in this form, so that they compare equal when they agree.
pub(crate) fn merged(groups: impl IntoIterator<Item = Group>) -> Result<Vec<Group>, AppError> {
    let mut merged: BTreeMap<(String, i16, bool, String), Group> = BTreeMap::new();
    for group in groups {
        let slot = (
            group.key.clone(),
            group.kind,
            group.on_budget,
            group.channel.clone(),
        );
        match merged.get_mut(&slot) {
            Some(sum) => {
                sum.scaled = sum.scaled.checked_add(group.scaled).ok_or_else(|| {
                    AppError::OutOfRange(
                        td_string!(
                            crate::language::current(),
                            rules.what_sum_of,
                            key = &group.key
                        )
                        .to_string(),
                    )
                })?;
                sum.rows = sum.rows.saturating_add(group.rows);
                sum.unconverted = sum.unconverted.saturating_add(group.unconverted);
            }
            None => {
                merged.insert(slot, group);
            }
        }
    }
    Ok(merged.into_values().filter(|g| g.rows != 0).collect())
}

/// The ids of a country's pooled funds.
pub(crate) async fn pooled_funds(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<i32>, AppError> {
    Ok(organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::CountryId.eq(country_id))
        .filter(organisation::Column::Kind.eq(OrganisationKind::PooledFund.code()))
        .into_tuple::<i32>()
        .all(db)
        .await?)
}

/// Totals of one row, still unrounded.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tally {
    pub totals: Totals,
    pub on_budget_disbursed: Decimal,
    pub outside_government_disbursed: Decimal,
    pub unconverted: u32,
}

impl Tally {
    /// Adds a group's amount, times `sign`; a sum too large to hold is
    /// reported, never wrapped.
    pub fn add(&mut self, group: &Group, sign: Decimal) -> Result<(), AppError> {
        let Some(measure) = TransactionKind::from_number(group.kind).and_then(|k| k.measure())
        else {
            return Ok(());
        };
        self.unconverted = self
            .unconverted
            .saturating_add(u32::try_from(group.unconverted).unwrap_or(u32::MAX));
        let too_large = || {
            AppError::OutOfRange(
                td_string!(
                    crate::language::current(),
                    rules.what_sum_of_flows,
                    count = group.rows,
                    key = &group.key
                )
                .to_string(),
            )
        };
        let amount = Decimal::try_from_i128_with_scale(group.scaled, 2 + SHARE_SCALE)
            .ok()
            .and_then(|a| a.checked_mul(sign))
            .ok_or_else(too_large)?;
        self.totals.add(measure, amount).ok_or_else(too_large)?;
        if measure == Measure::Disbursed {
            if group.on_budget {
                self.on_budget_disbursed = self
                    .on_budget_disbursed
                    .checked_add(amount)
                    .ok_or_else(too_large)?;
            }
            if !Channel::from_code(&group.channel).is_some_and(Channel::is_government) {
                self.outside_government_disbursed = self
                    .outside_government_disbursed
                    .checked_add(amount)
                    .ok_or_else(too_large)?;
            }
        }
        Ok(())
    }

    /// Adds another tally's totals, on-budget disbursements and unconverted
    /// flows to this one.
    pub fn merge(&mut self, other: &Tally) -> Result<(), AppError> {
        self.merge_totals(other)?;
        self.on_budget_disbursed = self
            .on_budget_disbursed
            .checked_add(other.on_budget_disbursed)
            .ok_or_else(|| {
                AppError::OutOfRange(
                    td_string!(crate::language::current(), rules.what_on_budget_total).to_string(),
                )
            })?;
        Ok(())
    }

    /// Adds another tally's totals and unconverted flows to this one.
    pub fn merge_totals(&mut self, other: &Tally) -> Result<(), AppError> {
        self.totals = self.totals.plus(other.totals).ok_or_else(|| {
            AppError::OutOfRange(
                td_string!(crate::language::current(), rules.what_total).to_string(),
            )
        })?;
        self.unconverted = self.unconverted.saturating_add(other.unconverted);
        Ok(())
    }
}
