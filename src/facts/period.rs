use std::fmt;

use chrono::NaiveDate;

/// The period a facts file covers: `2026-Q3`, `2026`, or a month `2026-07`
/// (the monthly 考勤通报, 第十七条(三)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Quarter { year: i32, quarter: u32 },
    Year(i32),
    Month { year: i32, month: u32 },
}

impl Period {
    pub fn parse(text: &str) -> Option<Period> {
        let year_of = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
        };
        match text.split_once("-Q") {
            Some((year, q)) => {
                let quarter = match q {
                    "1" => 1,
                    "2" => 2,
                    "3" => 3,
                    "4" => 4,
                    _ => return None,
                };
                Some(Period::Quarter { year: year_of(year)?, quarter })
            }
            None => match text.split_once('-') {
                Some((year, month)) if month.len() == 2 && month.bytes().all(|b| b.is_ascii_digit()) => {
                    let month: u32 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
                    Some(Period::Month { year: year_of(year)?, month })
                }
                Some(_) => None,
                None => year_of(text).map(Period::Year),
            },
        }
    }

    /// The last day of the period.
    pub fn end(&self) -> Option<NaiveDate> {
        let (year, month) = match *self {
            Period::Quarter { year, quarter } => (year, 3 * quarter),
            Period::Year(year) => (year, 12),
            Period::Month { year, month } => (year, month),
        };
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        next?.pred_opt()
    }

    /// The months of a quarter (or a year), or the month itself.
    pub fn months(&self) -> Vec<Period> {
        let (year, first, last) = match *self {
            Period::Quarter { year, quarter } => (year, 3 * quarter - 2, 3 * quarter),
            Period::Year(year) => (year, 1, 12),
            Period::Month { year, month } => (year, month, month),
        };
        (first..=last).map(|month| Period::Month { year, month }).collect()
    }

    /// The first day of the period, which decides the policy version in force.
    pub fn start(&self) -> Option<NaiveDate> {
        match *self {
            Period::Quarter { year, quarter } => NaiveDate::from_ymd_opt(year, 3 * quarter - 2, 1),
            Period::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
            Period::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
        }
    }
}

/// A date as facts files write it, `YYYY-MM-DD` and nothing else: chrono's
/// `%Y-%m-%d` alone also takes `2026-7-1`, `+2026-07-01` and `-0001-07-01`.
pub fn date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    shaped.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // As written: four digits (`0000-Q1`, not `0-Q1`).
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Year(year) => write!(f, "{year:04}"),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quarters_and_years() {
        assert_eq!(Period::parse("2026-Q3"), Some(Period::Quarter { year: 2026, quarter: 3 }));
        assert_eq!(Period::parse("2026"), Some(Period::Year(2026)));
        assert_eq!(Period::parse("2026-07"), Some(Period::Month { year: 2026, month: 7 }));
        let month = Period::Month { year: 2026, month: 2 };
        assert_eq!((month.to_string(), month.end()), ("2026-02".to_string(), NaiveDate::from_ymd_opt(2026, 2, 28)));
        let q4 = Period::Quarter { year: 2026, quarter: 4 };
        assert_eq!(q4.end(), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(q4.months().iter().map(Period::to_string).collect::<Vec<_>>(), ["2026-10", "2026-11", "2026-12"]);
        for bad in [
            "2026-Q5",
            "2026-Q0",
            "26-Q1",
            "2026Q1",
            "2026-q1",
            "",
            "２０２６",
            "2026-13",
            "2026-00",
            "2026-7",
            "2026-",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        // A period prints as it was written, four digits of year (finding 14).
        for text in ["0000-Q1", "0042", "0999-07"] {
            assert_eq!(Period::parse(text).map(|p| p.to_string()).as_deref(), Some(text));
        }
        let start = Period::parse("2026-Q3").and_then(|p| p.start());
        assert_eq!(start, NaiveDate::from_ymd_opt(2026, 7, 1));
    }
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn a_date_is_yyyy_mm_dd_exactly() {
        assert_eq!(super::date("2026-07-01").map(|d| d.to_string()).as_deref(), Some("2026-07-01"));
        for bad in ["2026-7-1", "+2026-07-01", "-0001-07-01", "2026-02-30", "2026-07-01 ", "２０２６-07-01", ""] {
            assert_eq!(super::date(bad), None, "{bad:?}");
        }
    }
}
