use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A country's fiscal year, named by the calendar year it starts in.
///
/// With a July start, `FiscalYear { start_year: 2026, start_month: 7 }` runs
/// from 1 July 2026 to 30 June 2027 and reads "FY 2026/27".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalYear {
    pub start_year: i32,
    pub start_month: u32,
}

impl FiscalYear {
    /// The fiscal year that contains `date`, for a year starting in `start_month` (1-12).
    pub fn containing(date: NaiveDate, start_month: u32) -> Self {
        let start_year = if date.month() >= start_month {
            date.year()
        } else {
            date.year() - 1
        };
        Self {
            start_year,
            start_month,
        }
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start_year, self.start_month, 1)
    }

    pub fn last_day(self) -> Option<NaiveDate> {
        let next = Self {
            start_year: self.start_year + 1,
            ..self
        };
        next.first_day().and_then(|d| d.pred_opt())
    }

    /// "FY 2026/27" ("FY 2026" for a calendar year), in the interface
    /// language.
    pub fn label(self) -> String {
        self.label_in(crate::language::current())
    }

    /// The label in `locale`.
    pub fn label_in(self, locale: crate::language::Locale) -> String {
        use crate::i18n::td_string;
        let start = self.start_year.to_string();
        if self.start_month == 1 {
            td_string!(locale, labels.fiscal_year_calendar, year = start).to_string()
        } else {
            let end = format!("{:02}", (self.start_year + 1).rem_euclid(100));
            td_string!(locale, labels.fiscal_year_span, start = start, end = end).to_string()
        }
    }
}

/// One fiscal year's part of a period and of an amount spread over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodPart {
    pub fiscal_year: FiscalYear,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Minor units; the parts of an amount add up to it exactly.
    pub amount_minor: i64,
}

/// Splits a period (`first` to `last`, both included) and an amount spread
/// evenly over its days across the fiscal years it covers: how a partner's
/// plan by its own fiscal year becomes the country's. Each part gets its
/// share of days rounded down; the last part takes what is left.
pub fn split_by_fiscal_year(
    first: NaiveDate,
    last: NaiveDate,
    amount_minor: i64,
    start_month: u32,
) -> Vec<PeriodPart> {
    let total_days = (last - first).num_days() + 1;
    if total_days <= 0 {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut day = first;
    let mut given = 0_i64;
    while day <= last {
        let fiscal_year = FiscalYear::containing(day, start_month);
        let part_last = fiscal_year.last_day().map_or(last, |end| end.min(last));
        let days = (part_last - day).num_days() + 1;
        let share =
            i64::try_from(i128::from(amount_minor) * i128::from(days) / i128::from(total_days))
                .unwrap_or(0);
        parts.push(PeriodPart {
            fiscal_year,
            first_day: day,
            last_day: part_last,
            amount_minor: share,
        });
        given += share;
        match part_last.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    if let Some(last_part) = parts.last_mut() {
        last_part.amount_minor += amount_minor - given;
    }
    parts
}

/// English name of a month, 1-12.
pub fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    month
        .checked_sub(1)
        .and_then(|i| NAMES.get(i as usize))
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn july_start_splits_calendar_year() {
        assert_eq!(FiscalYear::containing(d(2026, 6, 30), 7).start_year, 2025);
        assert_eq!(FiscalYear::containing(d(2026, 7, 1), 7).start_year, 2026);
        let fy = FiscalYear::containing(d(2027, 1, 15), 7);
        assert_eq!(fy.label(), "FY 2026/27");
        assert_eq!(fy.first_day(), Some(d(2026, 7, 1)));
        assert_eq!(fy.last_day(), Some(d(2027, 6, 30)));
    }

    #[test]
    fn january_start_is_the_calendar_year() {
        let fy = FiscalYear::containing(d(2026, 12, 31), 1);
        assert_eq!(fy.label(), "FY 2026");
        assert_eq!(fy.last_day(), Some(d(2026, 12, 31)));
    }

    #[test]
    fn century_wraps_in_label() {
        let fy = FiscalYear {
            start_year: 2099,
            start_month: 10,
        };
        assert_eq!(fy.label(), "FY 2099/00");
    }

    #[test]
    fn a_calendar_year_plan_splits_across_july_fiscal_years() {
        let parts = split_by_fiscal_year(d(2027, 1, 1), d(2027, 12, 31), 36_500, 7);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].fiscal_year.start_year, 2026);
        assert_eq!(
            (parts[0].first_day, parts[0].last_day),
            (d(2027, 1, 1), d(2027, 6, 30))
        );
        assert_eq!(parts[0].amount_minor, 18_100);
        assert_eq!(parts[1].fiscal_year.start_year, 2027);
        assert_eq!(parts[1].amount_minor, 18_400);
    }

    #[test]
    fn split_parts_add_up_exactly() {
        let parts = split_by_fiscal_year(d(2026, 3, 15), d(2028, 9, 2), 100_000_001, 7);
        assert_eq!(parts.len(), 4);
        assert_eq!(
            parts.iter().map(|p| p.amount_minor).sum::<i64>(),
            100_000_001
        );
        let inside = split_by_fiscal_year(d(2026, 8, 1), d(2026, 8, 31), 500, 7);
        assert_eq!(inside.len(), 1);
        assert_eq!(inside[0].amount_minor, 500);
        assert!(split_by_fiscal_year(d(2026, 8, 2), d(2026, 8, 1), 500, 7).is_empty());
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(7), "July");
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(13), "?");
    }
}
