//! Periods, dates and numbers as the bureau writes them: 2026年第三季度,
//! 2026年度, 2026年7月, 2026年10月8日, ①.

use chrono::{Datelike, NaiveDate};

use crate::facts::Period;

/// `2026年第三季度`, `2026年度`.
pub fn period(period: &Period) -> String {
    match *period {
        Period::Quarter { year, quarter } => format!("{year}年第{}季度", numeral(quarter)),
        Period::Year(year) => format!("{year}年度"),
        Period::Month { year, month } => format!("{year}年{month}月"),
    }
}

/// `一季度` … `四季度`: a quarter's column heading.
pub fn quarter_short(period: &Period) -> String {
    match *period {
        Period::Quarter { quarter, .. } => format!("{}季度", numeral(quarter)),
        Period::Year(year) => format!("{year}年度"),
        Period::Month { month, .. } => format!("{month}月"),
    }
}

/// `2026年10月8日`.
pub fn date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 一 … 十二 (the numbers a period or a heading is counted with).
pub fn numeral(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[(n % 10) as usize]),
        20..=99 if n % 10 == 0 => format!("{}十", DIGITS[(n / 10) as usize]),
        20..=99 => format!("{}十{}", DIGITS[(n / 10) as usize], DIGITS[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// A footnote's mark: ① … ⑳, then (21), (22), ….
pub fn circled(n: usize) -> String {
    match n {
        1..=20 => char::from_u32(0x2460 + n as u32 - 1).map_or_else(|| format!("({n})"), String::from),
        _ => format!("({n})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_dates_in_words() {
        assert_eq!(period(&Period::Quarter { year: 2026, quarter: 3 }), "2026年第三季度");
        assert_eq!(period(&Period::Year(2026)), "2026年度");
        assert_eq!(quarter_short(&Period::Quarter { year: 2026, quarter: 1 }), "一季度");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 10, 8).unwrap_or_default()), "2026年10月8日");
        let numerals: Vec<String> = [1, 4, 10, 12, 20, 23].into_iter().map(numeral).collect();
        assert_eq!(numerals, ["一", "四", "十", "十二", "二十", "二十三"]);
        assert_eq!((circled(1), circled(20), circled(21)), ("①".into(), "⑳".into(), "(21)".into()));
    }
}
