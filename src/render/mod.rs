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
pub mod help;
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
pub use json::{write_json, write_json_standings};
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
    // ASCII digits, a sign and a point: never lossy.
    String::from_utf8_lossy(format_decimal(value, &mut buffer)).into_owned()
}

/// The most bytes a decimal takes: a sign, 29 digits, a point and a zero.
const DECIMAL_BYTES: usize = 40;

/// Write a decimal's exact value, as [`decimal`] does, without allocating:
/// the JSON of a large quarter writes millions of them.
pub fn write_decimal(out: &mut (impl std::io::Write + ?Sized), value: Decimal) -> std::io::Result<()> {
    let mut buffer = [0u8; DECIMAL_BYTES];
    out.write_all(format_decimal(value, &mut buffer))
}

/// [`write_decimal`] onto the end of a buffer.
pub fn push_decimal(out: &mut Vec<u8>, value: Decimal) {
    let mut buffer = [0u8; DECIMAL_BYTES];
    out.extend_from_slice(format_decimal(value, &mut buffer));
}

/// A count (a rank, a number of records) onto the end of a buffer.
pub fn push_integer(out: &mut Vec<u8>, value: usize) {
    let mut buffer = [0u8; DECIMAL_BYTES];
    out.extend_from_slice(digits(value as u64, 0, &mut buffer));
}

/// Digits of the normalised mantissa with the point put back in, into
/// `buffer`: ASCII, as bytes, so that writing millions of them checks
/// none as UTF-8.
fn format_decimal(value: Decimal, buffer: &mut [u8; DECIMAL_BYTES]) -> &[u8] {
    let mantissa = value.mantissa().unsigned_abs();
    if mantissa == 0 {
        return b"0";
    }
    // Most scores fit a `u64`, whose division is several times cheaper than a `u128`'s.
    let len = match u64::try_from(mantissa) {
        Ok(small) => digits(small, value.scale(), buffer).len(),
        Err(_) => digits(mantissa, value.scale(), buffer).len(),
    };
    let negative = value.is_sign_negative();
    let start = DECIMAL_BYTES - len - usize::from(negative);
    if negative {
        buffer[start] = b'-';
    }
    buffer.get(start..).unwrap_or(b"0")
}

/// The digits of `digits` (not zero) × 10^−`scale`, normalised (no zeros
/// after the point: `81.50` is `81.5`), at the end of `buffer`: from the
/// end, the fractional digits, the point, then at least one whole digit
/// (`0.05`).
fn digits<N>(mut digits: N, mut scale: u32, buffer: &mut [u8; DECIMAL_BYTES]) -> &[u8]
where
    N: Copy + PartialEq + From<u8> + std::ops::Div<Output = N> + std::ops::Rem<Output = N>,
    u8: TryFrom<N>,
{
    let (ten, zero) = (N::from(10), N::from(0));
    while scale > 0 && digits % ten == zero {
        digits = digits / ten;
        scale -= 1;
    }
    let mut at = DECIMAL_BYTES;
    for place in 0.. {
        if place == scale && scale > 0 {
            at -= 1;
            buffer[at] = b'.';
        }
        at -= 1;
        buffer[at] = b'0' + u8::try_from(digits % ten).unwrap_or(0);
        digits = digits / ten;
        if digits == zero && place >= scale {
            break;
        }
    }
    &buffer[at..]
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
            ("-0.00", "0"),
            ("100.000", "100"),
            ("-1.10", "-1.1"),
            ("18446744073709551615", "18446744073709551615"),
            ("18446744073709551616", "18446744073709551616"),
            ("-1844674407370955161.60", "-1844674407370955161.6"),
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
            let mut pushed = b"x".to_vec();
            push_decimal(&mut pushed, value);
            assert_eq!(String::from_utf8_lossy(&pushed), format!("x{shown}"), "{input}");
        }
    }

    #[test]
    fn counts_print_as_integers() {
        for (value, shown) in
            [(0, "0"), (7, "7"), (10, "10"), (100_000, "100000"), (usize::MAX, &usize::MAX.to_string())]
        {
            let mut out = Vec::new();
            push_integer(&mut out, value);
            assert_eq!(String::from_utf8_lossy(&out), shown);
        }
    }
}
