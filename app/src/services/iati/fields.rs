//! The fields of an activity an IATI import writes, as values that can be
//! compared: the file's, the app's, and those the last import wrote.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::types::{ActivityStatus, Channel, CountrySystems, MoneyType, ParticipantRole, Share};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub title: String,
    pub description: String,
    pub status: ActivityStatus,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub money_type: MoneyType,
    pub aid_type: Option<String>,
    pub finance_type: Option<String>,
    pub channel: Channel,
    pub default_currency: String,
    pub participants: Vec<(i32, ParticipantRole)>,
    pub sectors: Vec<Share>,
    /// `(budget line id, percent)`.
    pub budget_lines: Vec<(i32, Decimal)>,
    /// The country-systems flags, as far as the file tells them.
    pub systems: CountrySystems,
}

/// The names of the compared fields, in report order.
pub const NAMES: [&str; 16] = [
    "title",
    "description",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "money_type",
    "aid_type",
    "finance_type",
    "channel",
    "default_currency",
    "participants",
    "sectors",
    "budget_lines",
    "country_systems",
];

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Fields {
    /// Each field as text, in the order of [`NAMES`]; organisations and
    /// budget lines by their names in `names`.
    pub fn values(
        &self,
        organisations: &HashMap<i32, String>,
        lines: &HashMap<i32, String>,
    ) -> [String; 16] {
        let org = |id: &i32| {
            organisations
                .get(id)
                .cloned()
                .unwrap_or_else(|| id.to_string())
        };
        [
            self.title.clone(),
            self.description.clone(),
            self.status.code().to_string(),
            date(self.planned_start),
            date(self.planned_end),
            date(self.actual_start),
            date(self.actual_end),
            self.money_type.code().to_string(),
            self.aid_type.clone().unwrap_or_default(),
            self.finance_type.clone().unwrap_or_default(),
            self.channel.code().to_string(),
            self.default_currency.clone(),
            self.participants
                .iter()
                .map(|(id, role)| {
                    // In English whatever the request's language: the
                    // next import compares what this one remembered.
                    format!(
                        "{} ({})",
                        org(id),
                        role.label_in(crate::language::Locale::en)
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            self.sectors
                .iter()
                .map(|s| format!("{} {}%", s.code, s.percent.normalize()))
                .collect::<Vec<_>>()
                .join("; "),
            self.budget_lines
                .iter()
                .map(|(id, p)| {
                    format!(
                        "{} {}%",
                        lines.get(id).cloned().unwrap_or_else(|| id.to_string()),
                        p.normalize()
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            self.systems
                .flags()
                .iter()
                .filter(|(_, _, on)| *on)
                .map(|(code, _, _)| *code)
                .collect::<Vec<_>>()
                .join(", "),
        ]
    }

    /// Takes field number `index` of [`NAMES`] from `other`.
    pub fn take(&mut self, other: &Fields, index: usize) {
        match index {
            0 => self.title = other.title.clone(),
            1 => self.description = other.description.clone(),
            2 => self.status = other.status,
            3 => self.planned_start = other.planned_start,
            4 => self.planned_end = other.planned_end,
            5 => self.actual_start = other.actual_start,
            6 => self.actual_end = other.actual_end,
            7 => self.money_type = other.money_type,
            8 => self.aid_type = other.aid_type.clone(),
            9 => self.finance_type = other.finance_type.clone(),
            10 => self.channel = other.channel,
            11 => self.default_currency = other.default_currency.clone(),
            12 => self.participants = other.participants.clone(),
            13 => self.sectors = other.sectors.clone(),
            14 => self.budget_lines = other.budget_lines.clone(),
            15 => self.systems = other.systems,
            _ => {}
        }
    }
}
