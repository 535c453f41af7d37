//! Lints on the document's own words: that a policy quotes the document as
//! it is (`verbatim`), gives the words of every annex row it cites and
//! encodes every row of its annex (`row_text`), and explains every reading
//! where it says it does (`reading`).

use std::path::Path;

use super::Lints;
use crate::check::document::Document;
use crate::check::error::Warning;
use crate::policy::Subject;
use crate::source::Named;
use crate::syntax::ast::{self, Notes, ReadingNote, Spanned};

/// One line of a subject as the lints read it: its cite, wording and notes.
pub(super) struct Line<'a> {
    pub cite: Option<&'a Spanned<String>>,
    pub wording: Option<&'a Spanned<String>>,
    pub notes: Option<&'a Notes>,
    pub readings: &'a [ReadingNote],
}

impl<'a> Line<'a> {
    fn new(cite: &'a Option<Spanned<String>>, wording: &'a Option<Spanned<String>>, notes: &'a Notes) -> Line<'a> {
        Line { cite: cite.as_ref(), wording: wording.as_ref(), notes: Some(notes), readings: &notes.readings }
    }
}

/// Every line of a subject that may cite the document, in text order.
pub(super) fn lines(ast: &ast::Subject) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for annex in &ast.annexes {
        out.push(Line { cite: Some(&annex.cite), wording: Some(&annex.title), notes: None, readings: &[] });
    }
    for category in &ast.categories {
        out.push(Line { cite: None, wording: None, notes: None, readings: &category.readings });
        out.extend(category.averages.iter().map(|a| Line::new(&a.cite, &a.wording, &a.notes)));
        out.extend(category.rules.iter().map(|r| Line::new(&r.cite, &r.wording, &r.notes)));
    }
    for section in ast.penalties.iter().chain(&ast.bonus) {
        out.extend(section.rules.iter().map(|r| Line::new(&r.cite, &r.wording, &r.notes)));
    }
    for band in &ast.grades {
        match &band.quota {
            Some(quota) => out.push(Line::new(&quota.cite, &quota.wording, &band.notes)),
            None => out.push(Line::new(&band.cite, &band.wording, &band.notes)),
        }
    }
    for set in &ast.label_sets {
        out.push(Line { cite: set.cite.as_ref(), wording: set.wording.as_ref(), notes: None, readings: &set.readings });
    }
    out.extend(ast.vetoes.iter().map(|v| Line::new(&v.cite, &v.wording, &v.notes)));
    out.extend(ast.flags.iter().map(|f| Line::new(&f.cite, &f.wording, &f.notes)));
    out.extend(ast.honours.iter().map(|h| Line::new(&h.cite, &h.wording, &h.notes)));
    for annual in &ast.annual {
        out.extend(annual.totals.iter().map(|t| Line::new(&t.cite, &t.wording, &t.notes)));
        out.extend(annual.not_assessed.iter().map(|g| Line::new(&g.cite, &g.wording, &g.notes)));
        out.extend(annual.vetoes.iter().map(|v| Line::new(&v.cite, &v.wording, &v.notes)));
        out.extend(annual.flags.iter().map(|f| Line::new(&f.cite, &f.wording, &f.notes)));
    }
    out
}

/// `附件1/出勤值勤/1`: an annex, a category and a row.
fn is_row_cite(cite: &str) -> bool {
    let parts: Vec<&str> = cite.split('/').collect();
    parts.len() == 3 && parts[0].starts_with("附件")
}

/// Text as compared with the document: without whitespace (the export
/// breaks lines inside cells), and nothing else changed.
fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Lints {
    /// Row texts are the document's cells; wordings and titles are in it.
    pub(super) fn verbatim(&mut self, src: &Named, ast: &ast::Subject, document: &Document) {
        for line in lines(ast) {
            if let Some(wording) = line.wording {
                // A quote may leave out what it does not need: `……` marks the gap.
                let parts: Vec<&str> =
                    wording.value.split(['…', '⋯']).map(str::trim).filter(|p| !p.is_empty()).collect();
                if let Some(missing) = parts.iter().find(|p| !document.contains(p)) {
                    let part = (parts.len() > 1).then(|| missing.to_string());
                    self.warn(src, wording.span, Warning::WordingNotInDocument { part });
                }
            }
            let (Some(cite), Some(row)) = (line.cite, line.notes.and_then(|n| n.row.as_ref())) else { continue };
            // A row the document lacks is the `cite` lint's to report.
            let Some(cells) = document.cells(&cite.value) else { continue };
            for (what, given, wanted) in
                [("考核要求", &row.requirement, &cells.requirement), ("增减分值", &row.scoring, &cells.scoring)]
            {
                if flat(&given.value) != flat(wanted) {
                    let warning = Warning::CellNotTheDocuments {
                        cell: what,
                        cite: cite.value.clone(),
                        document: wanted.replace('\n', ""),
                    };
                    self.warn(src, given.span, warning);
                }
            }
        }
    }

    /// Every annex row the subject cites has its words, and every row of its annex is cited.
    pub(super) fn row_texts(&mut self, src: &Named, ast: &ast::Subject, subject: &Subject, document: &Document) {
        let lines = lines(ast);
        let mut reported: Vec<&str> = Vec::new();
        for line in &lines {
            let Some(cite) = line.cite.filter(|c| is_row_cite(&c.value)) else { continue };
            if subject.row(&cite.value).is_some() || reported.contains(&cite.value.as_str()) {
                continue;
            }
            reported.push(&cite.value);
            self.warn(src, cite.span, Warning::RowWordsMissing { cite: cite.value.clone() });
        }
        let Some(annex) = ast.annexes.first() else { return };
        let Some(n) = annex.cite.value.strip_prefix("附件").and_then(|n| n.parse::<usize>().ok()) else { return };
        let cited: Vec<&str> = lines.iter().filter_map(|l| l.cite).map(|c| c.value.as_str()).collect();
        let missing: Vec<String> = document.row_cites(n).into_iter().filter(|r| !cited.contains(&r.as_str())).collect();
        if !missing.is_empty() {
            let warning = Warning::RowsNotEncoded { annex: annex.cite.value.clone(), rows: missing };
            self.warn(src, annex.cite.span, warning);
        }
    }

    /// Read the `readings` file, relative to the policy directory.
    pub(super) fn readings_file(&mut self, src: &Named, path: &Spanned<String>, dir: &Path) -> Option<String> {
        match std::fs::read_to_string(dir.join(&path.value)) {
            Ok(text) => Some(text),
            Err(err) => {
                let warning = Warning::ReadingsFileUnreadable { path: path.value.clone(), reason: err.into() };
                self.warn(src, path.span, warning);
                None
            }
        }
    }

    /// Each reading has a section in the readings file: a heading naming it in backticks.
    pub(super) fn readings(&mut self, src: &Named, ast: &ast::Subject, file: &str, seen: &mut Vec<String>) {
        for line in lines(ast) {
            for note in line.readings {
                let id = &note.name.value;
                if seen.contains(id) {
                    continue;
                }
                seen.push(id.clone());
                let wanted = format!("`{id}`");
                let found = file.lines().any(|l| l.trim_start().starts_with('#') && l.contains(&wanted));
                if !found {
                    self.warn(src, note.name.span, Warning::ReadingNotExplained { reading: id.clone() });
                }
            }
        }
    }
}
