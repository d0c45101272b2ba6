//! Each activity's part of its country's funding cells, computed from its
//! rows: every counted flow adds to the cell of its place, once as a flow,
//! once per priority, budget line and sector by share, and once by the
//! rate that converted it (or the lack of one).

use crate::i18n::td_string;
use std::collections::{BTreeMap, HashMap, HashSet};

use entities::{
    activity, activity_budget_line, activity_participant, activity_priority, activity_sector,
    organisation, planned_disbursement, transaction,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::AppError;
use crate::services::funding::rates::RateTable;
use crate::services::funding::sums::{FULL_SHARE, Facet, measured_kinds};
use crate::types::{OrganisationKind, TransactionKind, UNALIGNED};

/// Where a cell sits: everything a view groups or filters on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Place {
    pub activity_id: i32,
    pub facet: Facet,
    pub facet_key: String,
    pub fiscal_year: i32,
    pub reporter_id: i32,
    pub kind: i16,
    pub to_fund: bool,
    pub on_budget: bool,
    pub channel: String,
    pub money_type: String,
    pub government: bool,
    /// Treasury, report, audit, procurement.
    pub systems: [bool; 4],
}

impl Place {
    /// The place with what no read of its facet groups or filters on set
    /// to a default, so that cells stay few: country systems count only for
    /// disbursements to the government sector; shares are read without the
    /// activity's money type, systems or (but for priorities' on-budget
    /// part) channel; conversions only by year.
    fn trimmed(self) -> Self {
        let disbursement = self.kind == TransactionKind::Disbursement.number();
        match self.facet {
            Facet::Flows if disbursement && self.government => self,
            Facet::Flows => Place {
                systems: [false; 4],
                ..self
            },
            Facet::Priority | Facet::BudgetLine | Facet::Sector => Place {
                channel: String::new(),
                money_type: String::new(),
                government: false,
                systems: [false; 4],
                ..self
            },
            Facet::RateUsed | Facet::RateMissing | Facet::Planned => Place {
                reporter_id: if self.facet == Facet::Planned {
                    self.reporter_id
                } else {
                    0
                },
                government: self.facet == Facet::Planned && self.government,
                kind: 0,
                to_fund: false,
                on_budget: false,
                channel: String::new(),
                money_type: String::new(),
                systems: [false; 4],
                ..self
            },
        }
    }
}

/// What a cell holds: the sum in hundredths of the reporting currency
/// times shares, the rows summed and those no rate converts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sums {
    pub scaled: i128,
    pub rows: i64,
    pub unconverted: i64,
}

impl Sums {
    /// `self + sign * other`, or an error where a sum would not fit.
    pub(crate) fn add(&mut self, other: Sums, sign: i8) -> Result<(), AppError> {
        let overflow = || {
            AppError::OutOfRange(
                td_string!(crate::language::current(), rules.what_funding_sum).to_string(),
            )
        };
        self.scaled = other
            .scaled
            .checked_mul(i128::from(sign))
            .and_then(|s| self.scaled.checked_add(s))
            .ok_or_else(overflow)?;
        self.rows = other
            .rows
            .checked_mul(i64::from(sign))
            .and_then(|r| self.rows.checked_add(r))
            .ok_or_else(overflow)?;
        self.unconverted = other
            .unconverted
            .checked_mul(i64::from(sign))
            .and_then(|u| self.unconverted.checked_add(u))
            .ok_or_else(overflow)?;
        Ok(())
    }
}

pub(crate) type Cells = BTreeMap<Place, Sums>;

/// The country's facts a place depends on.
pub(crate) struct Context {
    pub country_id: i32,
    pub rates: RateTable,
    pub funds: HashSet<i32>,
}

/// The parts of `ids` (at most a few hundred) in their country's cells;
/// activities not counted (or gone) have none.
pub(crate) async fn of_activities(
    db: &impl ConnectionTrait,
    context: &Context,
    ids: &[i32],
) -> Result<Cells, AppError> {
    let activities: HashMap<i32, activity::Model> = activity::Entity::find()
        .filter(activity::Column::Id.is_in(ids.iter().copied()))
        .filter(activity::Column::CountryId.eq(context.country_id))
        .filter(crate::services::funding::activities::counted())
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let counted: Vec<i32> = activities.keys().copied().collect();
    let mut cells = Cells::new();
    if counted.is_empty() {
        return Ok(cells);
    }
    let participants = activity_participant::Entity::find()
        .select_only()
        .column(activity_participant::Column::ActivityId)
        .column(activity_participant::Column::OrganisationId)
        .filter(activity_participant::Column::ActivityId.is_in(counted.iter().copied()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?;
    let ministries: HashSet<i32> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Id.is_in(participants.iter().map(|(_, o)| *o)))
        .filter(organisation::Column::Kind.eq(OrganisationKind::GovernmentMinistry.code()))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let government: HashSet<i32> = participants
        .into_iter()
        .filter(|(_, o)| ministries.contains(o))
        .map(|(a, _)| a)
        .collect();
    let mut shares: HashMap<(i32, Facet), Vec<(String, i64)>> = HashMap::new();
    for p in activity_priority::Entity::find()
        .filter(activity_priority::Column::ActivityId.is_in(counted.iter().copied()))
        .all(db)
        .await?
    {
        shares
            .entry((p.activity_id, Facet::Priority))
            .or_default()
            .push((p.priority_code, i64::from(p.share_bp)));
    }
    for l in activity_budget_line::Entity::find()
        .filter(activity_budget_line::Column::ActivityId.is_in(counted.iter().copied()))
        .all(db)
        .await?
    {
        shares
            .entry((l.activity_id, Facet::BudgetLine))
            .or_default()
            .push((l.budget_line_id.to_string(), i64::from(l.share_bp)));
    }
    for s in activity_sector::Entity::find()
        .filter(activity_sector::Column::ActivityId.is_in(counted.iter().copied()))
        .all(db)
        .await?
    {
        let category: String = s.sector_code.chars().take(3).collect();
        shares
            .entry((s.activity_id, Facet::Sector))
            .or_default()
            .push((category, i64::from(s.share_bp)));
    }
    let unaligned = vec![(UNALIGNED.to_string(), FULL_SHARE)];
    let quote = context.rates.quote_currency();
    for t in transaction::Entity::find()
        .filter(transaction::Column::ActivityId.is_in(counted.iter().copied()))
        .filter(transaction::Column::Kind.is_in(measured_kinds()))
        .all(db)
        .await?
    {
        let Some(a) = activities.get(&t.activity_id) else {
            continue;
        };
        let place = Place {
            activity_id: a.id,
            facet: Facet::Flows,
            facet_key: String::new(),
            fiscal_year: t.fiscal_year,
            reporter_id: a.reporting_org_id,
            kind: t.kind,
            to_fund: t
                .receiver_org_id
                .is_some_and(|r| context.funds.contains(&r)),
            on_budget: t.on_budget.unwrap_or(a.on_budget),
            channel: a.channel.clone(),
            money_type: a.money_type.clone(),
            government: government.contains(&a.id),
            systems: [
                t.on_treasury.unwrap_or(a.on_treasury),
                t.on_report.unwrap_or(a.on_report),
                t.on_audit.unwrap_or(a.on_audit),
                t.on_procurement.unwrap_or(a.on_procurement),
            ],
        };
        let converted = t.converted_minor.zip(t.rate_date);
        let amount = i128::from(converted.map_or(0, |(c, _)| c));
        let flow = |share: i64| Sums {
            scaled: amount * i128::from(share),
            rows: 1,
            unconverted: i64::from(converted.is_none()),
        };
        let mut add = |facet: Facet, key: String, sums: Sums| {
            let place = Place {
                facet,
                facet_key: key,
                ..place.clone()
            }
            .trimmed();
            cells.entry(place).or_default().add(sums, 1)
        };
        add(Facet::Flows, String::new(), flow(FULL_SHARE))?;
        for facet in [Facet::Priority, Facet::BudgetLine, Facet::Sector] {
            let list = shares.get(&(a.id, facet));
            let list = match (facet, list) {
                (Facet::Priority, None) => &unaligned,
                (_, Some(list)) => list,
                (_, None) => continue,
            };
            for (key, share) in list {
                add(facet, key.clone(), flow(*share))?;
            }
        }
        if t.currency != quote {
            match converted {
                Some((_, day)) => add(
                    Facet::RateUsed,
                    format!("{}|{day}", t.currency),
                    Sums {
                        scaled: 0,
                        rows: 1,
                        unconverted: 0,
                    },
                )?,
                None => add(
                    Facet::RateMissing,
                    format!("{}|{}", t.currency, t.value_date),
                    Sums {
                        scaled: i128::from(t.amount_minor) * i128::from(FULL_SHARE),
                        rows: 1,
                        unconverted: 1,
                    },
                )?,
            }
        }
    }
    for p in planned_disbursement::Entity::find()
        .filter(planned_disbursement::Column::ActivityId.is_in(counted.iter().copied()))
        .all(db)
        .await?
    {
        let Some(a) = activities.get(&p.activity_id) else {
            continue;
        };
        let converted = p.converted_minor.zip(p.rate_date);
        let place = Place {
            activity_id: a.id,
            facet: Facet::Planned,
            facet_key: String::new(),
            fiscal_year: p.fiscal_year,
            reporter_id: a.reporting_org_id,
            kind: 0,
            to_fund: false,
            on_budget: false,
            channel: String::new(),
            money_type: String::new(),
            government: government.contains(&a.id),
            systems: [false; 4],
        };
        cells.entry(place).or_default().add(
            Sums {
                scaled: i128::from(converted.map_or(0, |(c, _)| c)) * i128::from(FULL_SHARE),
                rows: 1,
                unconverted: i64::from(converted.is_none()),
            },
            1,
        )?;
    }
    Ok(cells)
}
