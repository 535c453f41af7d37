//! Stage 5, results → text. The library hands back data; these functions
//! decide how it reads: the JSON contract of `docs/io.md`, a table for a
//! person at a terminal, and one record's ledger for an appeal.

mod annual;
mod explain;
mod json;
mod table;

pub use annual::{write_annual_json, write_annual_table};
pub use explain::explain;
pub use json::write_json;
pub use table::write_table;

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use crate::eval::{Entry, Source};
use crate::policy::{Part, Subject};

/// A score as its exact decimal value: `81.5`, `23.25`, `-68.5`, `0`.
pub fn decimal(value: Decimal) -> String {
    if value.is_zero() {
        "0".to_string()
    } else {
        value.normalize().to_string()
    }
}

/// The id of what an entry scores: `attendance.late_early_away`, `attendance.floor`.
pub fn entry_id(subject: &Subject, entry: &Entry) -> String {
    match entry.source {
        Source::Rule(r) => subject.rules[r].id.clone(),
        Source::Floor(c) => format!("{}.floor", subject.categories[c].name.id),
        Source::Average(c) => format!("{}.average", subject.categories[c].name.id),
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
pub fn entry_cite(subject: &Subject, entry: &Entry) -> String {
    match entry.source {
        Source::Rule(r) => subject.rules[r].cite.clone(),
        Source::Average(c) => subject.categories[c].average.as_ref().map(|a| a.cite.clone()).unwrap_or_default(),
        Source::Floor(c) => subject
            .rules
            .iter()
            .find(|rule| rule.part == Part::Category(c))
            .map(|rule| rule.cite.rsplit_once('/').map_or(rule.cite.as_str(), |(stem, _)| stem).to_string())
            .unwrap_or_default(),
    }
}

/// Lay out a header and rows in columns: text left, numbers (the columns
/// from `numbers_from` up to the last) right; the last column is not padded.
fn aligned(header: &[String], rows: &[Vec<String>], numbers_from: usize) -> Vec<String> {
    let last = header.len().saturating_sub(1);
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            std::iter::once(header)
                .chain(rows.iter().map(Vec::as_slice))
                .filter_map(|row| row.get(c))
                .map(|cell| cell.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, cell)| pad(cell, if c == last { 0 } else { widths[c] }, c >= numbers_from && c < last))
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

/// Pad to a terminal width, counting a Chinese character as two columns.
fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}
