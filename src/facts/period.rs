use std::fmt;

use chrono::NaiveDate;

/// The period a facts file covers: `2026-Q3` or `2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Quarter { year: i32, quarter: u32 },
    Year(i32),
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
            None => year_of(text).map(Period::Year),
        }
    }

    /// The first day of the period, which decides the policy version in force.
    pub fn start(&self) -> Option<NaiveDate> {
        match *self {
            Period::Quarter { year, quarter } => NaiveDate::from_ymd_opt(year, 3 * quarter - 2, 1),
            Period::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Year(year) => write!(f, "{year}"),
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
        for bad in ["2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "2026-q1", "", "２０２６"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let start = Period::parse("2026-Q3").and_then(|p| p.start());
        assert_eq!(start, NaiveDate::from_ymd_opt(2026, 7, 1));
    }
}
