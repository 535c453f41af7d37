//! Checks for what ties a policy to the document's own words and to what it
//! reads into them: the annex a subject encodes, the words of each table row
//! (`row "…" "…"`, once per row), the readings (`reading NAME "…"`, each
//! given its text once), the grade words of a staff type (第十八条), the
//! honours proposed each period, and facts counted among another.

use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;

use super::error::{CheckError, Cited, Declared};
use super::standing::Scope;
use super::{Checker, Seen};
use crate::diagnostic::Located;
use crate::policy::{self, Band, FactKind, Label, LabelSet, TableRow};
use crate::source::{Named, Span};
use crate::suggest::did_you_mean_name;
use crate::syntax::ast::{self, Notes, Spanned};

/// The most an honour may propose: far beyond any hall, and a `usize` anywhere.
const MAX_HONOURS: u64 = 1_000_000;

/// A reading as first met, and its text once given.
pub(super) struct ReadingSeen {
    id: String,
    text: Option<(String, Named, Span)>,
    first: (Named, Span),
}

impl Checker {
    /// Resolve a line's readings to indices into the policy's readings.
    pub(super) fn readings(&mut self, src: &Named, notes: &[ast::ReadingNote]) -> Vec<usize> {
        let mut out = Vec::new();
        for note in notes {
            let index = match self.readings.iter().position(|r| r.id == note.name.value) {
                Some(i) => i,
                None => {
                    self.readings.push(ReadingSeen {
                        id: note.name.value.clone(),
                        text: None,
                        first: (src.clone(), note.name.span),
                    });
                    self.readings.len() - 1
                }
            };
            if let Some(text) = &note.text {
                match &self.readings[index].text {
                    Some((_, first_src, first_span)) => {
                        let same_file = first_src.name() == src.name();
                        let error = CheckError::ReadingTextTwice {
                            reading: note.name.value.clone(),
                            first: same_file.then_some(*first_span),
                            first_file: (!same_file).then(|| first_src.name().to_string()),
                        };
                        self.errors.push(Located::new(error, src, text.span));
                    }
                    None => self.readings[index].text = Some((text.value.clone(), src.clone(), text.span)),
                }
            }
            if !out.contains(&index) {
                out.push(index);
            }
        }
        out
    }

    /// Every reading, once each has been given its text.
    pub(super) fn finish_readings(&mut self) -> Vec<policy::Reading> {
        let mut out = Vec::new();
        let seen = std::mem::take(&mut self.readings);
        for reading in &seen {
            match &reading.text {
                Some((text, _, _)) => out.push(policy::Reading { id: reading.id.clone(), text: text.clone() }),
                None => {
                    let (src, span) = &reading.first;
                    self.error(src, *span, CheckError::ReadingWithoutText { reading: reading.id.clone() });
                    out.push(policy::Reading { id: reading.id.clone(), text: String::new() });
                }
            }
        }
        out
    }

    /// `annex [附件1] "《…》"`: at most one, naming an annex.
    pub(super) fn annex(&mut self, src: &Named, ast: &ast::Subject) -> Option<policy::Annex> {
        let first = ast.annexes.first()?;
        for extra in &ast.annexes[1..] {
            let seen = Seen { src, file: 0, span: first.span };
            self.duplicate(src, 0, extra.span, Declared::Annex, &ast.name.value, &seen);
        }
        if !first.cite.value.starts_with("附件") || first.cite.value.contains('/') {
            self.error(src, first.cite.span, CheckError::NotAnAnnex { cite: first.cite.value.clone() });
        }
        Some(policy::Annex { cite: first.cite.value.clone(), title: first.title.value.clone() })
    }

    /// The words of every table row the subject's lines give, one text per row.
    pub(super) fn rows(&mut self, src: &Named, ast: &ast::Subject) -> Vec<TableRow> {
        let mut carriers: Vec<(&Option<Spanned<String>>, &Notes)> = Vec::new();
        for category in &ast.categories {
            carriers.extend(category.rules.iter().map(|r| (&r.cite, &r.notes)));
            carriers.extend(category.averages.iter().map(|a| (&a.cite, &a.notes)));
        }
        for section in ast.penalties.iter().chain(&ast.bonus) {
            carriers.extend(section.rules.iter().map(|r| (&r.cite, &r.notes)));
        }
        for band in &ast.grades {
            let cite = band.quota.as_ref().map_or(&band.cite, |q| &q.cite);
            carriers.push((cite, &band.notes));
        }
        carriers.extend(ast.vetoes.iter().map(|v| (&v.cite, &v.notes)));
        carriers.extend(ast.flags.iter().map(|f| (&f.cite, &f.notes)));
        carriers.extend(ast.honours.iter().map(|h| (&h.cite, &h.notes)));
        for annual in &ast.annual {
            carriers.extend(annual.vetoes.iter().map(|v| (&v.cite, &v.notes)));
            carriers.extend(annual.flags.iter().map(|f| (&f.cite, &f.notes)));
        }
        let mut rows: Vec<TableRow> = Vec::new();
        let mut spans: HashMap<String, Span> = HashMap::new();
        for (cite, notes) in carriers {
            let Some(row) = &notes.row else { continue };
            // A line without a cite was reported already.
            let Some(cite) = cite.as_ref().filter(|c| !c.value.is_empty()) else { continue };
            if !is_row_cite(&cite.value) {
                self.error(src, row.span, CheckError::RowNotATableRow { cite: cite.value.clone() });
                continue;
            }
            if let Some(first) = spans.get(&cite.value) {
                self.error(src, row.span, CheckError::RowTwice { cite: cite.value.clone(), first: *first });
                continue;
            }
            spans.insert(cite.value.clone(), row.span);
            rows.push(TableRow {
                cite: cite.value.clone(),
                requirement: row.requirement.value.clone(),
                scoring: row.scoring.value.clone(),
            });
        }
        rows
    }

    /// `labels for institution "事业单位人员" { competent "合格" … }`: staff
    /// only, each grade once; a grade left out keeps its own label.
    pub(super) fn label_sets(
        &mut self,
        src: &Named,
        ast: &ast::Subject,
        grades: &[Band],
        is_staff: bool,
    ) -> Vec<LabelSet> {
        let mut out: Vec<LabelSet> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for set in &ast.label_sets {
            if !is_staff {
                self.error(src, set.name.span, CheckError::LabelsInWindow);
                continue;
            }
            if let Some(i) = out.iter().position(|s| s.name.id == set.name.value) {
                let seen = Seen { src, file: 0, span: spans[i] };
                self.duplicate(src, 0, set.name.span, Declared::StaffType, &set.name.value, &seen);
                continue;
            }
            let mut labels: Vec<String> = grades.iter().map(|g| g.name.label.clone()).collect();
            let mut given: Vec<&str> = Vec::new();
            for decl in &set.labels {
                if given.contains(&decl.name.value.as_str()) {
                    let error = CheckError::GradeLabelledTwice {
                        grade: decl.name.value.clone(),
                        staff_type: set.name.value.clone(),
                    };
                    self.error(src, decl.name.span, error);
                    continue;
                }
                given.push(&decl.name.value);
                match grades.iter().position(|g| g.name.id == decl.name.value) {
                    Some(g) => labels[g] = decl.label.value.clone(),
                    None => {
                        let names = grades.iter().map(|g| g.name.id.as_str());
                        let error = CheckError::UnknownGrade {
                            grade: decl.name.value.clone(),
                            suggestion: did_you_mean_name(&decl.name.value, names.clone()),
                            grades: names.map(String::from).collect(),
                        };
                        self.error(src, decl.name.span, error);
                    }
                }
            }
            let cite = self.cite_of(src, set.name.span, &set.cite, Cited::StaffTypeLabels);
            let readings = self.readings(src, &set.readings);
            out.push(LabelSet {
                name: Label { id: set.name.value.clone(), label: set.label.value.clone() },
                labels,
                cite: cite.unwrap_or_default(),
                wording: set.wording.as_ref().map(|w| w.value.clone()),
                readings,
            });
            spans.push(set.name.span);
        }
        out
    }

    /// `honours { star_staff "明星个人" proposed from excellent, at most 3 … }`
    pub(super) fn honours(&mut self, scope: &Scope<'_>, honours: &[ast::Honour]) -> Vec<policy::Honour> {
        let src = scope.src;
        let mut out = Vec::new();
        let mut names: Vec<(&str, Span)> = Vec::new();
        for honour in honours {
            if let Some((_, first)) = names.iter().find(|(n, _)| *n == honour.name.value) {
                let seen = Seen { src, file: 0, span: *first };
                self.duplicate(src, 0, honour.name.span, Declared::Honour, &honour.name.value, &seen);
                continue;
            }
            names.push((&honour.name.value, honour.name.span));
            let from = scope.grades.iter().position(|g| g.name.id == honour.from.value).map(policy::GradeId);
            if from.is_none() {
                let suggestion = did_you_mean_name(&honour.from.value, scope.grades.iter().map(|g| g.name.id.as_str()));
                let error =
                    CheckError::UnknownGrade { grade: honour.from.value.clone(), suggestion, grades: Vec::new() };
                self.error(src, honour.from.span, error);
            }
            let condition = match &honour.condition {
                Some(c) => self.honour_condition(scope, c).map(Some),
                None => Some(None),
            };
            let limit = honour.limit.value;
            let limit = match limit.to_u64().filter(|n| limit.fract().is_zero() && *n <= MAX_HONOURS) {
                Some(n) => usize::try_from(n).ok(),
                None => {
                    self.error(src, honour.limit.span, CheckError::HonourLimit { limit, max: MAX_HONOURS });
                    None
                }
            };
            let cite = self.cite_of(src, honour.span, &honour.cite, Cited::Honour);
            let readings = self.readings(src, &honour.notes.readings);
            if let (Some(from), Some(condition), Some(limit), Some(cite)) = (from, condition, limit, cite) {
                out.push(policy::Honour {
                    name: Label { id: honour.name.value.clone(), label: honour.label.value.clone() },
                    from,
                    condition,
                    limit,
                    cite,
                    wording: honour.wording.as_ref().map(|w| w.value.clone()),
                    readings,
                });
            }
        }
        out
    }

    /// `count among prohibited_acts`: a fact of the same subject whose cases it counts, not itself.
    pub(super) fn among(&mut self, src: &Named, decls: &[ast::FactDecl], facts: &mut [policy::Fact]) {
        for decl in decls {
            let Some(other) = &decl.among else { continue };
            let Some(this) = facts.iter().position(|f| f.name.id == decl.name.value) else { continue };
            let target = facts.iter().position(|f| f.name.id == other.value);
            let Some(target) = target else {
                let suggestion = did_you_mean_name(&other.value, facts.iter().map(|f| f.name.id.as_str()));
                self.error(src, other.span, CheckError::AmongUndeclared { fact: other.value.clone(), suggestion });
                continue;
            };
            let (kind, target_kind) = (facts[this].kind, facts[target].kind);
            if target == this {
                self.error(src, other.span, CheckError::AmongItself { fact: other.value.clone() });
            } else if !matches!(
                (kind, target_kind),
                (FactKind::Count, FactKind::Count | FactKind::Amounts { .. } | FactKind::Levels)
                    | (FactKind::Days, FactKind::Days)
            ) {
                let error = CheckError::AmongKinds {
                    fact: decl.name.value.clone(),
                    kind: kind.word(),
                    other: other.value.clone(),
                    other_kind: target_kind.word(),
                };
                self.error(src, other.span, error);
            } else {
                facts[this].among = Some(crate::policy::FactId(target));
            }
        }
    }
}

/// `附件1/出勤值勤/1`: an annex, a category and a row.
fn is_row_cite(cite: &str) -> bool {
    let parts: Vec<&str> = cite.split('/').collect();
    parts.len() == 3 && parts[0].starts_with("附件") && parts.iter().all(|p| !p.trim().is_empty())
}
