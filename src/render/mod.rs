//! Stage 5, results → text. The library hands back data; these functions
//! decide how it reads: the JSON contract of `docs/io.md`, a table for a
//! person at a terminal, and one record's ledger for an appeal.

mod annual;
pub mod attendance;
pub mod bulletin;
pub mod chart;
mod check;
pub mod columns;
mod condition;
mod diagnostics;
mod diff;
mod doc;
mod evidence;
mod explain;
pub mod facts;
mod json;
pub mod ledger;

pub mod marks;
pub mod note;
pub mod page;
mod policy_tests;
mod reason;
pub mod safe;
pub mod summary;
pub mod table;
mod template;
pub mod words;
pub mod xlsx;

pub use annual::write_annual_json;
pub use check::check_summary;
pub use diagnostics::{note_json, Diagnostics, ErrorFormat};
pub use diff::{write_diff_json, write_diff_table};
pub use doc::{condition_chinese, condition_text, rule_action, rule_chinese, rule_line, write_doc, DocFormat};
pub use explain::{explain, ledger};
pub use facts::write_facts;
pub use json::write_json;
pub use note::Note;
pub use policy_tests::test_report;
pub use reason::{reason_chinese, reason_text};
pub use table::{write_annual_table, write_table};
pub use template::{write_template, Roster, RosterStaff, RosterWindow};

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::eval::{Entry, Source};
use crate::policy::{Part, Subject};

/// A score as its exact decimal value: `81.5`, `23.25`, `-68.5`, `0`.
pub fn decimal(value: Decimal) -> String {
    let mut buffer = [0u8; DECIMAL_BYTES];
    let text = format_decimal(value, &mut buffer);
    text.to_string()
}

/// The most bytes a decimal takes: a sign, 29 digits, a point and a zero.
const DECIMAL_BYTES: usize = 40;

/// Write a decimal's exact value, as [`decimal`] does, without allocating:
/// the JSON of a large quarter writes millions of them.
pub fn write_decimal(out: &mut (impl std::io::Write + ?Sized), value: Decimal) -> std::io::Result<()> {
    let mut buffer = [0u8; DECIMAL_BYTES];
    out.write_all(format_decimal(value, &mut buffer).as_bytes())
}

/// Digits of the normalised mantissa with the point put back in, into `buffer`.
fn format_decimal(value: Decimal, buffer: &mut [u8; DECIMAL_BYTES]) -> &str {
    let value = value.normalize();
    let mantissa = value.mantissa();
    if mantissa == 0 {
        return "0";
    }
    let scale = value.scale() as usize;
    let mut digits = mantissa.unsigned_abs();
    // Fill from the end: the fractional digits, the point, then at least one
    // whole digit (`0.05`).
    let mut at = DECIMAL_BYTES;
    for place in 0.. {
        if place == scale && scale > 0 {
            at -= 1;
            buffer[at] = b'.';
        }
        at -= 1;
        buffer[at] = b'0' + (digits % 10) as u8;
        digits /= 10;
        if digits == 0 && place >= scale {
            break;
        }
    }
    if mantissa < 0 {
        at -= 1;
        buffer[at] = b'-';
    }
    std::str::from_utf8(&buffer[at..]).unwrap_or("0")
}

/// The id of what an entry scores: `attendance.late_early_away`, `attendance.floor`.
pub fn entry_id<'a>(subject: &'a Subject, entry: &Entry) -> Cow<'a, str> {
    match entry.source {
        Source::Rule(r) => Cow::Borrowed(&subject.rules[r].id),
        Source::Floor(c) => Cow::Owned(format!("{}.floor", subject.categories[c].name.id)),
        Source::Average(c) => Cow::Owned(format!("{}.average", subject.categories[c].name.id)),
    }
}

/// The part of the score an entry moves: a category id, `penalties` or `bonus`.
pub fn entry_part(subject: &Subject, entry: &Entry) -> Part {
    match entry.source {
        Source::Rule(r) => subject.rules[r].part,
        Source::Floor(c) | Source::Average(c) => Part::Category(c),
    }
}

pub fn part_id(subject: &Subject, part: Part) -> &str {
    match part {
        Part::Category(c) => &subject.categories[c].name.id,
        Part::Penalties => "penalties",
        Part::Bonus => "bonus",
    }
}

/// Where in the document an entry comes from. A floor cites its category:
/// the common stem of its rules' cites (`附件1/出勤值勤`).
pub fn entry_cite<'a>(subject: &'a Subject, entry: &Entry) -> &'a str {
    match entry.source {
        Source::Rule(r) => &subject.rules[r].cite,
        Source::Average(c) => subject.categories[c].average.as_ref().map_or("", |a| a.cite.as_str()),
        Source::Floor(c) => subject
            .rules
            .iter()
            .find(|rule| rule.part == Part::Category(c))
            .map_or("", |rule| rule.cite.rsplit_once('/').map_or(rule.cite.as_str(), |(stem, _)| stem)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn decimals_print_exactly_and_shortest() {
        for (input, shown) in [
            ("0", "0"),
            ("-0", "0"),
            ("0.00", "0"),
            ("81.50", "81.5"),
            ("23.25", "23.25"),
            ("-68.5", "-68.5"),
            ("0.05", "0.05"),
            ("-0.5", "-0.5"),
            ("100", "100"),
            ("1000000", "1000000"),
            ("12.0001", "12.0001"),
            ("79228162514264337593543950335", "79228162514264337593543950335"),
            ("-0.0000000000000000000000000001", "-0.0000000000000000000000000001"),
        ] {
            let value = Decimal::from_str(input).unwrap_or_default();
            assert_eq!(decimal(value), shown, "{input}");
            let mut out = Vec::new();
            assert!(write_decimal(&mut out, value).is_ok());
            assert_eq!(String::from_utf8_lossy(&out), shown, "{input}");
        }
    }
}
