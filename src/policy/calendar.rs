//! The calendar: which days are workdays, year by year, as each year's
//! State Council notice sets them (放假 and 调休上班). Every rule that counts
//! days asks it; a year it does not have is an error naming the year, never
//! a guess.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Every year the policy has a calendar for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    /// In order of year, one each.
    pub years: Vec<Year>,
}

/// One year's notice: its holidays, and the weekend days worked instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    /// The notice's title (and number), as the policy gives it.
    pub notice: String,
    pub issued: NaiveDate,
    /// Each holiday: its name and the days off it gives, in order.
    pub holidays: Vec<(String, Vec<NaiveDate>)>,
    pub off: BTreeSet<NaiveDate>,
    /// Weekend days that are workdays (调休上班).
    pub working: BTreeSet<NaiveDate>,
}

/// A day of a year the calendar does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoCalendar {
    pub year: i32,
}

/// How far a deadline may be counted: far past any 承诺时限, and short
/// enough that a wrong number cannot make a run count for long.
pub const MAX_WORKDAYS: u32 = 1000;

impl Calendar {
    pub fn year(&self, year: i32) -> Option<&Year> {
        self.years.iter().find(|y| y.year == year)
    }

    /// Whether `day` is a workday: Monday to Friday except the notice's
    /// holidays, and the weekend days it makes workdays.
    pub fn is_workday(&self, day: NaiveDate) -> Result<bool, NoCalendar> {
        let year = self.year(day.year()).ok_or(NoCalendar { year: day.year() })?;
        Ok(if year.working.contains(&day) {
            true
        } else if year.off.contains(&day) {
            false
        } else {
            !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
        })
    }

    /// The first workday after `day`.
    pub fn next_workday(&self, day: NaiveDate) -> Result<NaiveDate, NoCalendar> {
        self.workday_after(day, 1)
    }

    /// The `n`-th workday after `day` (`n` ≥ 1; the next workday is the
    /// first), within [`MAX_WORKDAYS`].
    pub fn workday_after(&self, day: NaiveDate, n: u32) -> Result<NaiveDate, NoCalendar> {
        let mut at = day;
        let mut left = n.clamp(1, MAX_WORKDAYS);
        loop {
            at = at.checked_add_days(Days::new(1)).ok_or(NoCalendar { year: day.year() })?;
            if self.is_workday(at)? {
                left -= 1;
                if left == 0 {
                    return Ok(at);
                }
            }
        }
    }

    /// The workdays from `from` to `to`, both included.
    pub fn workdays(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>, NoCalendar> {
        let mut days = Vec::new();
        for day in from.iter_days().take_while(|d| *d <= to) {
            if self.is_workday(day)? {
                days.push(day);
            }
        }
        Ok(days)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn calendar() -> Calendar {
        // 2026: 春节 02-15 – 02-23, 02-14 and 02-28 worked.
        let off: BTreeSet<NaiveDate> = day("2026-02-15").iter_days().take(9).collect();
        let working = [day("2026-02-14"), day("2026-02-28")].into_iter().collect();
        let year = Year {
            year: 2026,
            notice: "通知".into(),
            issued: day("2025-11-04"),
            holidays: vec![("春节".into(), off.iter().copied().collect())],
            off,
            working,
        };
        Calendar { years: vec![year] }
    }

    #[test]
    fn workdays_follow_the_notice() {
        let c = calendar();
        assert!(c.is_workday(day("2026-02-13")).unwrap(), "a Friday");
        assert!(c.is_workday(day("2026-02-14")).unwrap(), "a Saturday worked");
        assert!(!c.is_workday(day("2026-02-16")).unwrap(), "a Monday of the holiday");
        assert!(!c.is_workday(day("2026-03-01")).unwrap(), "a Sunday");
        assert_eq!(c.is_workday(day("2027-01-04")), Err(NoCalendar { year: 2027 }));
    }

    #[test]
    fn counting_workdays_skips_the_holiday() {
        let c = calendar();
        // Accepted the day before the Spring Festival: the next workday is after it.
        assert_eq!(c.next_workday(day("2026-02-14")).unwrap(), day("2026-02-24"));
        assert_eq!(c.workday_after(day("2026-02-14"), 5).unwrap(), day("2026-02-28"));
        assert_eq!(c.workday_after(day("2026-02-13"), 1).unwrap(), day("2026-02-14"));
        assert_eq!(c.workdays(day("2026-02-13"), day("2026-02-24")).unwrap().len(), 3);
        assert_eq!(c.next_workday(day("2026-12-31")), Err(NoCalendar { year: 2027 }));
    }
}
