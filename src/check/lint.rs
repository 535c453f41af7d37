//! Warnings about a policy that checks, and can be scored, but is probably
//! not what its author meant. `kaohe check` prints them after its summary;
//! `kaohe check --deny-warnings` refuses the policy for them.
//!
//! | lint | warns about |
//! |---|---|
//! | `category_total` | category points that do not sum to the subject's `total` |
//! | `unused` | a fact or attribute that no rule, average, veto, flag or annual line reads |
//! | `no_effect` | a rule that can never move a score: 0 points, every level 0, amounts that are all 0, a deduction from a category of 0 points |
//! | `inverted_range` | `amounts 10-5`: no amount can be valid (`5-5`, a single value, is fine) |
//! | `duplicate_rule` | two rules on one fact in one category, or in `penalties` or `bonus`, unless `in window` or `to ROLE` tells them apart |
//! | `source` | a `source "…"` document that cannot be read |
//! | `cite` | a cite that names no place in the `source` document (see [`super::document`]) |
//! | `verbatim` | a row's words, a wording or an annex title that is not the `source` document's |
//! | `row_text` | an annex row cited without its words; a row of the subject's annex that no line cites |
//! | `reading` | a reading without a section in the `readings` file, or a file that cannot be read |
//!
//! Missing cites and grade bands with a gap or an overlap are errors, not
//! warnings: scoring needs every rule traceable and every total in one band.

use std::collections::HashSet;
use std::path::Path;

use rust_decimal::Decimal;

mod words;

use super::document::Document;
use super::error::{NoEffect, RulePart, Warning};
use crate::policy::{Condition, Policy, Subject, Term, TermScope};
use crate::source::diagnostic::Located;
use crate::source::{Named, SourceFile, Span};
use crate::syntax::ast::{self, Amount, Spanned};

/// Which lint a warning comes from; its name is the diagnostic's code
/// (`kaohe::lint::unused`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lint {
    CategoryTotal,
    Unused,
    NoEffect,
    InvertedRange,
    DuplicateRule,
    Source,
    Cite,
    Verbatim,
    RowText,
    Reading,
}

impl Lint {
    pub fn name(self) -> &'static str {
        match self {
            Lint::CategoryTotal => "category_total",
            Lint::Unused => "unused",
            Lint::NoEffect => "no_effect",
            Lint::InvertedRange => "inverted_range",
            Lint::DuplicateRule => "duplicate_rule",
            Lint::Source => "source",
            Lint::Cite => "cite",
            Lint::Verbatim => "verbatim",
            Lint::RowText => "row_text",
            Lint::Reading => "reading",
        }
    }

    /// The code of its warnings: `kaohe::lint::unused`.
    pub fn code(self) -> &'static str {
        match self {
            Lint::CategoryTotal => "kaohe::lint::category_total",
            Lint::Unused => "kaohe::lint::unused",
            Lint::NoEffect => "kaohe::lint::no_effect",
            Lint::InvertedRange => "kaohe::lint::inverted_range",
            Lint::DuplicateRule => "kaohe::lint::duplicate_rule",
            Lint::Source => "kaohe::lint::source",
            Lint::Cite => "kaohe::lint::cite",
            Lint::Verbatim => "kaohe::lint::verbatim",
            Lint::RowText => "kaohe::lint::row_text",
            Lint::Reading => "kaohe::lint::reading",
        }
    }
}

/// Lint a checked policy: `files` are the parsed files of `dir`, `policy`
/// what `check` made of them. Warnings come in file order, then text order.
pub fn lint(files: &[(SourceFile, ast::File)], policy: &Policy, dir: &Path) -> Vec<Located<Warning>> {
    let mut lints = Lints { out: Vec::new(), file: 0 };
    let named: Vec<Named> = files.iter().map(|(f, _)| f.named()).collect();
    let mut document = None;
    let mut readings = None;
    for (index, (_, file)) in files.iter().enumerate() {
        for item in &file.items {
            lints.file = index;
            match item {
                ast::Item::Source(path) => document = lints.document(&named[index], path, dir),
                ast::Item::Readings(path) => readings = lints.readings_file(&named[index], path, dir),
                _ => {}
            }
        }
    }
    let mut explained = Vec::new();
    let used = used(policy);
    for (index, (_, file)) in files.iter().enumerate() {
        lints.file = index;
        for item in &file.items {
            if let (ast::Item::Records(block), Some(document)) = (item, &document) {
                lints.cite_list(&named[index], crate::syntax::records::cites(block), document);
            }
            let ast::Item::Subject(ast) = item else { continue };
            let (subject, used) = match ast.name.value.as_str() {
                "staff" => (&policy.staff, &used[0]),
                "window" => (&policy.window, &used[1]),
                _ => continue,
            };
            let src = &named[index];
            lints.category_total(src, ast);
            lints.ranges(src, ast);
            lints.unused(src, ast, subject, used);
            lints.rules(src, ast);
            if let Some(document) = &document {
                lints.cites(src, ast, document);
                lints.verbatim(src, ast, document);
                lints.row_texts(src, ast, subject, document);
            }
            if let Some(readings) = &readings {
                lints.readings(src, ast, readings, &mut explained);
            }
        }
    }
    lints.out.sort_by_key(|(file, w)| (*file, w.span.start()));
    lints.out.into_iter().map(|(_, w)| w).collect()
}

struct Lints {
    /// Each warning with the index of its file, to sort them.
    out: Vec<(usize, Located<Warning>)>,
    /// The file being linted.
    file: usize,
}

impl Lints {
    fn warn(&mut self, src: &Named, span: Span, warning: Warning) {
        self.out.push((self.file, Located::new(warning, src, span)));
    }

    /// Read the `source` document, relative to the policy directory.
    fn document(&mut self, src: &Named, path: &Spanned<String>, dir: &Path) -> Option<Document> {
        // A path outside the policy is the checker's error; it is never read.
        if !super::within_policy(&path.value) {
            return None;
        }
        let full = dir.join(&path.value);
        // Bounded and regular files only: `source "/dev/zero"` or a FIFO is
        // refused, never read until memory runs out or waited on for ever.
        let reason = match crate::source::read::read_bytes(&full, crate::source::MAX_FILE_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => return Some(Document::new(&text)),
                Err(_) => None,
            },
            Err(err) => Some(crate::source::error::IoReason::of(&err)),
        };
        self.warn(src, path.span, Warning::SourceUnreadable { path: path.value.clone(), reason });
        None
    }

    fn category_total(&mut self, src: &Named, ast: &ast::Subject) {
        let sum: Decimal = ast.categories.iter().map(|c| c.points.value).sum();
        let total = ast.total.value;
        if ast.categories.is_empty() || sum == total {
            return;
        }
        let parts = ast.categories.iter().map(|c| (c.label.value.clone(), c.points.value)).collect();
        let warning = Warning::CategoryTotal { subject: ast.name.value.clone(), sum, total, parts };
        self.warn(src, ast.total.span, warning);
    }

    fn ranges(&mut self, src: &Named, ast: &ast::Subject) {
        for decl in &ast.facts {
            let Some(range) = &decl.range else { continue };
            if range.min.value > range.max.value {
                let warning = Warning::InvertedRange {
                    fact: decl.name.value.clone(),
                    min: range.min.value,
                    max: range.max.value,
                };
                self.warn(src, range.span, warning);
            }
        }
    }

    fn unused(&mut self, src: &Named, ast: &ast::Subject, subject: &Subject, used: &Used) {
        // Ids to indices once: looking each up in turn is quadratic in a large policy.
        let index: std::collections::HashMap<&str, usize> =
            subject.facts.iter().enumerate().rev().map(|(i, f)| (f.name.id.as_str(), i)).collect();
        let facts =
            ast.facts.iter().filter(|d| !index.get(d.name.value.as_str()).is_some_and(|i| used.facts.contains(i)));
        let attributes = ast
            .attributes
            .iter()
            .filter(|d| !subject.attribute_index(&d.name.value).is_some_and(|i| used.attributes.contains(&i)));
        let unused = facts.map(|d| (false, d)).chain(attributes.map(|d| (true, d)));
        for (attribute, decl) in unused {
            self.warn(src, decl.name.span, Warning::Unused { name: decl.name.value.clone(), attribute });
        }
    }

    fn rules(&mut self, src: &Named, ast: &ast::Subject) {
        for category in &ast.categories {
            let part = RulePart::Category(category.name.value.clone());
            if category.points.value.is_zero() && !category.rules.is_empty() {
                // Every rule of it is without effect: one warning says so.
                let warning =
                    Warning::ZeroCategory { category: category.name.value.clone(), rules: category.rules.len() };
                self.warn(src, category.points.span, warning);
                self.part(src, ast, &part, &category.rules, false);
            } else {
                self.part(src, ast, &part, &category.rules, true);
            }
        }
        for (part, sections) in [(RulePart::Penalties, &ast.penalties), (RulePart::Bonus, &ast.bonus)] {
            for section in sections {
                self.part(src, ast, &part, &section.rules, true);
            }
        }
    }

    /// The rules of one category or section; `effect`: whether to look for
    /// rules that move nothing.
    fn part(&mut self, src: &Named, ast: &ast::Subject, part: &RulePart, rules: &[ast::Rule], effect: bool) {
        // The first rule of each fact, scope and role: a map, so that a
        // policy of many rules is checked in linear time.
        let mut firsts: std::collections::HashMap<(&str, bool, Option<&str>), &ast::Rule> = Default::default();
        for rule in rules {
            if effect {
                self.no_effect(src, ast, rule);
            }
            let key =
                (rule.fact.value.as_str(), rule.in_window.is_some(), rule.to_role.as_ref().map(|r| r.value.as_str()));
            if let Some(first) = firsts.get(&key).copied().or_else(|| {
                firsts.insert(key, rule);
                None
            }) {
                let warning = Warning::DuplicateRule {
                    fact: rule.fact.value.clone(),
                    part: part.clone(),
                    first: first.fact.span,
                };
                self.warn(src, rule.fact.span, warning);
            }
        }
    }

    /// 0 points each, 0 at every level, or amounts that can only be 0.
    fn no_effect(&mut self, src: &Named, ast: &ast::Subject, rule: &ast::Rule) {
        let fact = &rule.fact.value;
        let zero = match &rule.amount.value {
            Amount::Each { points, .. } | Amount::PerDay { points } => {
                points.value.is_zero().then_some(NoEffect::ZeroPoints)
            }
            Amount::ByLevel(levels) => {
                levels.iter().all(|(_, p)| p.value.is_zero()).then_some(NoEffect::EveryLevelZero)
            }
            Amount::AsAssessed => ast
                .facts
                .iter()
                .find(|d| d.name.value == *fact)
                .and_then(|d| d.range.as_ref())
                .filter(|r| r.max.value.is_zero())
                .map(|r| NoEffect::AssessedAtZero { min: r.min.value, max: r.max.value }),
        };
        if let Some(why) = zero {
            self.warn(src, rule.amount.span, Warning::NoEffect { fact: fact.clone(), why });
        }
    }

    fn cites(&mut self, src: &Named, ast: &ast::Subject, document: &Document) {
        let lines = words::lines(ast);
        let mut cites: Vec<&Spanned<String>> = lines.iter().filter_map(|l| l.cite).collect();
        cites.sort_by_key(|c| c.span.start());
        self.cite_list(src, cites, document);
    }

    fn cite_list(&mut self, src: &Named, cites: Vec<&Spanned<String>>, document: &Document) {
        for cite in cites {
            if let Err(miss) = document.locate(&cite.value) {
                self.warn(src, cite.span, Warning::Cite { cite: cite.value.clone(), miss });
            }
        }
    }
}

/// What a subject's rules, averages and conditions read.
#[derive(Debug, Default)]
struct Used {
    facts: HashSet<usize>,
    attributes: HashSet<usize>,
}

/// What is read of the staff subject (`[0]`) and of the window subject (`[1]`):
/// a window's `of staff` conditions and averages read the staff's.
fn used(policy: &Policy) -> [Used; 2] {
    let mut used = [Used::default(), Used::default()];
    for (s, subject) in [&policy.staff, &policy.window].into_iter().enumerate() {
        used[s].facts.extend(subject.rules.iter().map(|r| r.fact.index()));
        let annual = subject.annual.iter();
        let conditions = subject.vetoes.iter().map(|v| &v.condition).chain(subject.flags.iter().map(|f| &f.condition));
        let conditions = conditions.chain(annual.clone().flat_map(|a| a.not_assessed.iter().map(|g| &g.condition)));
        let conditions = conditions.chain(annual.clone().flat_map(|a| a.vetoes.iter().map(|v| &v.condition)));
        let conditions = conditions.chain(annual.flat_map(|a| a.flags.iter().map(|f| &f.condition)));
        for condition in conditions {
            terms(condition, &mut |term| match term {
                Term::Fact { fact, scope: TermScope::Staff } => {
                    used[0].facts.insert(fact.index());
                }
                Term::Fact { fact, .. } => {
                    used[s].facts.insert(fact.index());
                }
                Term::Attribute(a) => {
                    used[s].attributes.insert(a);
                }
                Term::MonthsInHall => {}
            });
        }
        for average in subject.categories.iter().filter_map(|c| c.average.as_ref()) {
            used[0].attributes.insert(average.weight);
        }
    }
    used
}

fn terms(condition: &Condition, each: &mut impl FnMut(Term)) {
    match condition {
        Condition::Or(all) | Condition::And(all) => all.iter().for_each(|c| terms(c, each)),
        Condition::Not(inner) => terms(inner, each),
        Condition::Compare { terms: list, .. } => list.iter().for_each(|t| each(*t)),
        Condition::Role(_) | Condition::Grade { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lints of a one-file policy, as `(lint, the text it points at)`.
    fn lints(text: &str) -> Result<Vec<(Lint, String)>, String> {
        let file = SourceFile::new("p.rules", text);
        let ast = crate::syntax::parse_file(&file).map_err(|e| format!("{:?}", e.error))?;
        let files = vec![(file, ast)];
        let policy = crate::check::check(&files).map_err(|e| format!("{e:?}"))?;
        let warnings = lint(&files, &policy, Path::new("."));
        Ok(warnings.into_iter().map(|w| (w.error.lint(), text[w.span.start()..w.span.end()].to_string())).collect())
    }

    const POLICY: &str = r#"
        subject staff "人员" total 100 {
            roles { chief "首席" }
            attributes { workdays "工作日" days  spare "备用" days }
            facts { cards "红黄牌" count  one "单值" amounts 5-5  nil "零" amounts 0-0 }
            category all "全部" 100 {
                one deduct as assessed [a]
                nil deduct as assessed [b]
            }
            penalties "扣分" {
                cards deduct 50 each [c]
                cards in window deduct 100 each to chief [c]
            }
            grades { ok "合格" }
        }
        subject window "窗口" total 100 {
            category attendance "考勤" 100 { average of staff all weighted by workdays, rounded to 2 places [d] }
            grades { ok "合格" }
        }
    "#;

    #[test]
    fn a_single_value_range_is_fine_and_rules_apart_by_scope_are_no_duplicates() {
        let expected = vec![(Lint::Unused, "spare".to_string()), (Lint::NoEffect, "as assessed".to_string())];
        assert_eq!(lints(POLICY), Ok(expected));
    }

    #[test]
    fn the_same_rule_twice_is_a_duplicate() {
        let text = POLICY.replace("cards deduct 50 each [c]", "cards deduct 50 each [c] cards deduct 5 each [c]");
        let found = lints(&text).unwrap_or_default();
        assert!(found.contains(&(Lint::DuplicateRule, "cards".to_string())), "{found:?}");
    }
}
