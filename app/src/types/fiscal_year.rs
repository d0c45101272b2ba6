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

    pub fn label(self) -> String {
        if self.start_month == 1 {
            format!("FY {}", self.start_year)
        } else {
            format!(
                "FY {}/{:02}",
                self.start_year,
                (self.start_year + 1).rem_euclid(100)
            )
        }
    }
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
    fn month_names() {
        assert_eq!(month_name(7), "July");
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(13), "?");
    }
}
