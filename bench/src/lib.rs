//! What the benchmark's scorers share: exact decimals read from the JSON text,
//! the quota selection of the chosen grades (优秀 / 红旗), and the results file
//! every scorer writes.
//!
//! The selection is a sort across all records of a list, so it is done here,
//! in Rust, for every engine: an engine scores one record at a time and says
//! its total, its band and whether a veto bars it from the chosen grade.

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

// ---------------------------------------------------------------------------
// Exact decimals from the JSON text
// ---------------------------------------------------------------------------

/// The key under which serde_json's `arbitrary_precision` hands a number's
/// text to a visitor.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A JSON number read as an exact decimal from its text (`0.5` is one half,
/// `1e1` is ten). Needs serde_json's `arbitrary_precision`: a number that is
/// not a plain integer reaches the visitor as its text, never as an `f64`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dec(pub Decimal);

pub fn parse_decimal(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(text).ok().or_else(|| Decimal::from_scientific(text).ok())
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Dec, D::Error> {
        struct DecVisitor;
        impl<'de> Visitor<'de> for DecVisitor {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                Ok(Dec(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Dec, E> {
                Err(E::custom("a number reached the scorer as a float: build with serde_json/arbitrary_precision"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dec, A::Error> {
                let key: Option<String> = map.next_key()?;
                if key.as_deref() != Some(NUMBER_TOKEN) {
                    return Err(de::Error::custom("expected a number"));
                }
                let text: String = map.next_value()?;
                parse_decimal(&text)
                    .map(Dec)
                    .ok_or_else(|| de::Error::custom(format!("`{text}` is not a decimal this scorer can hold")))
            }
        }
        deserializer.deserialize_any(DecVisitor)
    }
}

/// Rounds to 2 places, half away from zero (四舍五入).
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

// ---------------------------------------------------------------------------
// Scored records, the chosen grades, and the results file
// ---------------------------------------------------------------------------

/// One record as an engine scored it.
#[derive(Clone, Debug)]
pub struct Scored {
    pub id: String,
    pub total: Decimal,
    /// `competent` / `basic` / `unfit`, or `good` / `fair` / `poor`.
    pub band: &'static str,
    /// No veto bars the record from the chosen grade (优秀 or 红旗).
    pub eligible: bool,
}

pub const STAFF_BANDS: [&str; 3] = ["competent", "basic", "unfit"];
pub const WINDOW_BANDS: [&str; 3] = ["good", "fair", "poor"];

/// The band a name stands for, as a `'static` string (engines hand bands back as
/// their own strings).
pub fn band_named(name: &str) -> Option<&'static str> {
    STAFF_BANDS.iter().chain(WINDOW_BANDS.iter()).copied().find(|b| *b == name)
}

/// The band of a staff total (第十二条: 80分以上（含80分）称职 …).
pub fn staff_band(total: Decimal) -> &'static str {
    if total >= Decimal::from(80) {
        "competent"
    } else if total >= Decimal::from(60) {
        "basic"
    } else {
        "unfit"
    }
}

/// The band of a window total.
pub fn window_band(total: Decimal) -> &'static str {
    if total >= Decimal::from(80) {
        "good"
    } else if total >= Decimal::from(60) {
        "fair"
    } else {
        "poor"
    }
}

/// Which records get the chosen grade: from `from`, without a veto, highest
/// total first, at most ⌊`percent`% × assessed⌋; groups of equal totals are
/// taken whole while they fit, and the first group that would pass the limit
/// is left out whole, with nothing below it taken (rubric.md: "不超过" is
/// strict, ties are never broken).
pub fn choose(records: &[Scored], from: &str, percent: u64) -> Vec<bool> {
    let limit = (records.len() as u64 * percent / 100) as usize;
    let mut candidates: Vec<usize> =
        (0..records.len()).filter(|&i| records[i].band == from && records[i].eligible).collect();
    candidates.sort_by(|&a, &b| records[b].total.cmp(&records[a].total));
    let mut chosen = vec![false; records.len()];
    let mut taken = 0;
    let mut start = 0;
    while start < candidates.len() {
        let total = records[candidates[start]].total;
        let mut end = start;
        while end < candidates.len() && records[candidates[end]].total == total {
            end += 1;
        }
        if taken + (end - start) > limit {
            break;
        }
        for &i in &candidates[start..end] {
            chosen[i] = true;
        }
        taken += end - start;
        start = end;
    }
    chosen
}

/// The staff quota (第十九条: 优秀 at most 15%) and the window quota (the
/// shipped policy's 20% for 红旗).
pub const STAFF_QUOTA_PERCENT: u64 = 15;
pub const WINDOW_QUOTA_PERCENT: u64 = 20;

/// Writes the results: `{"period", "staff": [...], "windows": [...]}`, one
/// record a line, each `{"id", "total", "band", "grade"}`, totals as their
/// exact decimal text.
pub fn write_results(out: &mut impl Write, period: &str, staff: &[Scored], windows: &[Scored]) -> io::Result<()> {
    let excellent = choose(staff, "competent", STAFF_QUOTA_PERCENT);
    let red_flag = choose(windows, "good", WINDOW_QUOTA_PERCENT);
    write!(out, "{{\n  \"period\": ")?;
    write_json_str(out, period)?;
    write!(out, ",\n  \"staff\": [")?;
    write_list(out, staff, &excellent, "excellent")?;
    write!(out, "],\n  \"windows\": [")?;
    write_list(out, windows, &red_flag, "red_flag")?;
    writeln!(out, "]\n}}")
}

fn write_list(out: &mut impl Write, records: &[Scored], chosen: &[bool], chosen_grade: &str) -> io::Result<()> {
    for (i, r) in records.iter().enumerate() {
        out.write_all(if i == 0 { b"\n    {\"id\": " } else { b",\n    {\"id\": " })?;
        write_json_str(out, &r.id)?;
        let grade = if chosen[i] { chosen_grade } else { r.band };
        write!(out, ", \"total\": {}, \"band\": \"{}\", \"grade\": \"{}\"}}", r.total.normalize(), r.band, grade)?;
    }
    if !records.is_empty() {
        out.write_all(b"\n  ")?;
    }
    Ok(())
}

pub fn write_json_str(out: &mut impl Write, s: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            c if (c as u32) < 0x20 => None,
            _ => continue,
        };
        out.write_all(&s.as_bytes()[start..i])?;
        match escaped {
            Some(e) => out.write_all(e.as_bytes())?,
            None => write!(out, "\\u{:04x}", c as u32)?,
        }
        start = i + c.len_utf8();
    }
    out.write_all(&s.as_bytes()[start..])?;
    out.write_all(b"\"")
}

/// Reads the facts file named by the only argument, skipping a UTF-8 BOM.
pub fn read_facts_arg(program: &str) -> String {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: {program} FACTS.json > RESULTS.json");
        std::process::exit(2);
    };
    match std::fs::read_to_string(path) {
        Ok(text) => match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        },
        Err(e) => fail(program, &format!("cannot read {path}: {e}")),
    }
}

pub fn fail(program: &str, message: &str) -> ! {
    eprintln!("{program}: {message}");
    std::process::exit(4)
}

/// A decimal from text written by an engine (or `Decimal`'s own parsing).
pub fn decimal_from_str(s: &str) -> Option<Decimal> {
    Decimal::from_str(s).ok()
}
