//! Stage 2, syntax trees → [`Policy`]: resolves every name, checks that each
//! rule fits the kind of its fact, and rejects duplicates, missing cites and
//! grade bands that leave a total without a grade. Every problem in every
//! file is reported, not just the first. What is allowed but probably a
//! mistake is [`lint`]'s to warn about, once the policy checks.

pub mod document;
mod error;
mod fidelity;
pub mod lint;
mod records;
mod standing;

use std::collections::HashMap;

use rust_decimal::Decimal;

pub use error::{CheckError, Miss, Warning};
pub use lint::{lint, Lint};

use error::{Block, Cited, Declared, Quantity, Scored};

use crate::policy::{self, Band, FactKind, Label, Measure, Part, Policy, Scope};
use crate::source::diagnostic::Located;
use crate::source::{Named, SourceFile, Span};
use crate::suggest::{did_you_mean_name, Suggestion};
use crate::syntax::ast::{self, Amount, Direction, Kind, Spanned};

/// The largest number a policy may write: keeps every product of a rule and
/// a fact far inside the range of a decimal.
const MAX_POINTS: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Check the parsed files of one policy directory.
pub fn check(files: &[(SourceFile, ast::File)]) -> Result<Policy, Vec<Located<CheckError>>> {
    let mut checker = Checker { errors: Vec::new(), readings: Vec::new() };
    let policy = checker.policy(files);
    match policy {
        Some(policy) if checker.errors.is_empty() => Ok(policy),
        _ => Err(checker.errors),
    }
}

struct Checker {
    errors: Vec<Located<CheckError>>,
    /// Every reading named so far, with its text once given (`fidelity.rs`).
    readings: Vec<fidelity::ReadingSeen>,
}

/// A declaration found while resolving, with where it was written.
struct Seen<'a> {
    src: &'a Named,
    file: usize,
    span: Span,
}

impl Checker {
    fn error(&mut self, src: &Named, span: Span, error: CheckError) {
        self.errors.push(Located::new(error, src, span));
    }

    fn duplicate(&mut self, src: &Named, file: usize, span: Span, what: Declared, name: &str, first: &Seen<'_>) {
        let same_file = first.file == file;
        let error = CheckError::Duplicate {
            what,
            name: name.to_string(),
            first: same_file.then_some(first.span),
            first_file: (!same_file).then(|| first.src.name().to_string()),
        };
        self.error(src, span, error);
    }

    fn policy(&mut self, files: &[(SourceFile, ast::File)]) -> Option<Policy> {
        let named: Vec<Named> = files.iter().map(|(f, _)| f.named()).collect();
        let mut name: Option<(String, Seen<'_>)> = None;
        let mut effective = None;
        let mut source: Option<Seen<'_>> = None;
        let mut readings_file: Option<(String, Seen<'_>)> = None;
        let mut levels: Vec<(Label, Seen<'_>)> = Vec::new();
        let mut subjects: Vec<(&ast::Subject, usize)> = Vec::new();
        let mut records: Vec<(&crate::syntax::records::Block, usize)> = Vec::new();
        for (index, (_, file)) in files.iter().enumerate() {
            let src = &named[index];
            for item in &file.items {
                match item {
                    ast::Item::Policy(decl) => match &name {
                        Some((_, first)) => {
                            let first = Seen { src: first.src, file: first.file, span: first.span };
                            self.duplicate(src, index, decl.name.span, Declared::Policy, &decl.name.value, &first)
                        }
                        None => {
                            effective = decl.effective.as_ref().map(|d| d.value);
                            name = Some((decl.name.value.clone(), Seen { src, file: index, span: decl.name.span }))
                        }
                    },
                    // What the path names is the lints' business (`lint::lint`).
                    ast::Item::Source(path) => match &source {
                        Some(first) => self.duplicate(src, index, path.span, Declared::Source, &path.value, first),
                        None if !within_policy(&path.value) => {
                            self.error(src, path.span, CheckError::SourceOutside { path: path.value.clone() })
                        }
                        None => source = Some(Seen { src, file: index, span: path.span }),
                    },
                    ast::Item::Readings(path) => match &readings_file {
                        Some((_, first)) => {
                            let first = Seen { src: first.src, file: first.file, span: first.span };
                            self.duplicate(src, index, path.span, Declared::Readings, &path.value, &first)
                        }
                        None => {
                            let file = std::path::Path::new(&path.value)
                                .file_name()
                                .map_or(path.value.clone(), |n| n.to_string_lossy().into_owned());
                            readings_file = Some((file, Seen { src, file: index, span: path.span }))
                        }
                    },
                    ast::Item::Levels(decls) => {
                        for decl in decls {
                            if let Some((_, first)) = levels.iter().find(|(l, _)| l.id == decl.name.value) {
                                let first = Seen { src: first.src, file: first.file, span: first.span };
                                self.duplicate(src, index, decl.name.span, Declared::Level, &decl.name.value, &first);
                            } else {
                                levels.push((
                                    label(&decl.name, &decl.label),
                                    Seen { src, file: index, span: decl.name.span },
                                ));
                            }
                        }
                    }
                    ast::Item::Subject(subject) => subjects.push((subject.as_ref(), index)),
                    ast::Item::Records(block) => records.push((block.as_ref(), index)),
                }
            }
        }
        let levels: Vec<Label> = levels.into_iter().map(|(l, _)| l).collect();

        let find = |id: &str| subjects.iter().filter(|(s, _)| s.name.value == id).collect::<Vec<_>>();
        for (subject, index) in &subjects {
            if !matches!(subject.name.value.as_str(), "staff" | "window") {
                let suggestion = did_you_mean_name(&subject.name.value, ["staff", "window"]);
                let error = CheckError::UnknownSubject { name: subject.name.value.clone(), suggestion };
                self.error(&named[*index], subject.name.span, error);
            }
        }
        let staff = find("staff");
        let window = find("window");
        for list in [&staff, &window] {
            if let [(first, first_index), rest @ ..] = list.as_slice() {
                for (dup, index) in rest {
                    let seen = Seen { src: &named[*first_index], file: *first_index, span: first.name.span };
                    self.duplicate(&named[*index], *index, dup.name.span, Declared::Subject, &dup.name.value, &seen);
                }
            }
        }
        let (Some((staff_ast, staff_file)), Some((window_ast, window_file))) = (staff.first(), window.first()) else {
            if !self.errors.is_empty() {
                // A misspelt subject was reported already; "missing" would say it twice.
                return None;
            }
            let missing = if staff.is_empty() { "staff" } else { "window" };
            let src = named.first()?;
            self.error(src, Span::new(0, 0), CheckError::MissingSubject { subject: missing });
            return None;
        };

        let staff = self.subject(staff_ast, &named[*staff_file], &levels, None);
        let window = self.subject(window_ast, &named[*window_file], &levels, Some(&staff));
        let readings = self.finish_readings();
        let blocks: Vec<_> = records.iter().map(|(block, index)| (*block, &named[*index])).collect();
        let (records, calendar) = self.records(&blocks, &staff, &window);
        Some(Policy {
            name: name.map(|(n, _)| n).unwrap_or_default(),
            effective,
            levels,
            readings,
            readings_file: readings_file.map(|(f, _)| f),
            staff,
            window,
            records,
            calendar,
        })
    }

    /// Resolve one subject. `members` is the staff subject when resolving the
    /// window, whose categories may average the staff's.
    fn subject(
        &mut self,
        ast: &ast::Subject,
        src: &Named,
        levels: &[Label],
        members: Option<&policy::Subject>,
    ) -> policy::Subject {
        let is_staff = members.is_none();
        let total = self.points(src, &ast.total);
        let roles = self.declare_labels(src, Declared::Role, ast.roles.iter().map(|d| (&d.name, &d.label)));
        if !is_staff {
            if let Some(role) = ast.roles.first() {
                self.error(src, role.name.span, CheckError::RoleOfWindow);
            }
        }
        let attributes = self.declare_facts(src, Declared::Attribute, &ast.attributes, &[]);
        for (decl, attr) in ast.attributes.iter().zip(&attributes) {
            if !matches!(attr.kind, FactKind::Count | FactKind::Days) {
                self.error(src, decl.kind.span, CheckError::AttributeNotNumber { attribute: decl.name.value.clone() });
            }
        }
        let facts = self.declare_facts(src, Declared::Fact, &ast.facts, &ast.attributes);

        let mut categories = Vec::new();
        let mut category_names: HashMap<&str, Span> = HashMap::new();
        for category in &ast.categories {
            if let Some(first) = category_names.get(category.name.value.as_str()) {
                let seen = Seen { src, file: 0, span: *first };
                self.duplicate(src, 0, category.name.span, Declared::Category, &category.name.value, &seen);
            } else {
                category_names.insert(&category.name.value, category.name.span);
            }
            let average = match (category.averages.as_slice(), members) {
                ([], _) => None,
                ([average, rest @ ..], Some(members)) => {
                    if let Some(extra) = rest.first() {
                        self.error(src, extra.span, CheckError::SecondAverage);
                    }
                    if let Some(rule) = category.rules.first() {
                        let error = CheckError::AverageWithRules { category: category.name.value.clone() };
                        self.error(src, rule.span, error);
                    }
                    self.average(src, average, members)
                }
                ([average, ..], None) => {
                    self.error(src, average.span, CheckError::AverageInStaff);
                    None
                }
            };
            let readings = self.readings(src, &category.readings);
            categories.push(policy::Category {
                name: label(&category.name, &category.label),
                points: self.points(src, &category.points),
                average,
                readings,
            });
        }

        let penalties = self.section(src, Block::Penalties, &ast.penalties);
        let bonus = self.section(src, Block::Bonus, &ast.bonus);
        let mut rules = Vec::new();
        let fact_index: HashMap<&str, usize> =
            facts.iter().enumerate().rev().map(|(i, f)| (f.name.id.as_str(), i)).collect();
        let scope = RuleScope { src, facts: &facts, fact_index: &fact_index, roles: &roles, levels, is_staff };
        for (index, category) in ast.categories.iter().enumerate() {
            for rule in &category.rules {
                if rule.direction.value == Direction::Add {
                    let error = CheckError::AddInCategory { category: category.name.value.clone() };
                    self.error(src, rule.direction.span, error);
                }
                rules.extend(self.rule(&scope, rule, Part::Category(index), &category.name.value));
            }
        }
        for (part, id, sections) in [(Part::Penalties, "penalties", &ast.penalties), (Part::Bonus, "bonus", &ast.bonus)]
        {
            for section in sections {
                for rule in &section.rules {
                    rules.extend(self.rule(&scope, rule, part, id));
                }
            }
        }
        disambiguate(&mut rules);

        let grades = self.grades(src, ast);
        let scope = standing::Scope {
            src,
            subject: &ast.name.value,
            facts: &facts,
            attributes: &attributes,
            roles: &roles,
            grades: &grades,
            members: members.map(|m| m.facts.as_slice()),
        };
        let vetoes = ast.vetoes.iter().filter_map(|v| self.veto(&scope, v, false)).collect();
        let flags = ast.flags.iter().filter_map(|f| self.flag(&scope, f, false)).collect();
        let annual = self.annual(&scope, &ast.annual);
        let label_sets = self.label_sets(src, ast, &grades, is_staff);
        let honours = self.honours(&scope, &ast.honours);
        let annex = self.annex(src, ast);
        let rows = self.rows(src, ast);
        policy::Subject {
            name: label(&ast.name, &ast.label),
            total,
            annex,
            rows,
            label_sets,
            honours,
            roles,
            attributes,
            facts,
            categories,
            penalties,
            bonus,
            rules,
            grades,
            vetoes,
            flags,
            annual,
        }
    }

    fn section(&mut self, src: &Named, block: Block, sections: &[ast::Section]) -> Option<Label> {
        if let Some(extra) = sections.get(1) {
            self.error(src, extra.label.span, CheckError::BlockTwice { block });
        }
        let id = if block == Block::Penalties { "penalties" } else { "bonus" };
        sections.first().map(|s| Label { id: id.to_string(), label: s.label.value.clone() })
    }

    fn declare_labels<'a>(
        &mut self,
        src: &Named,
        what: Declared,
        decls: impl Iterator<Item = (&'a ast::Name, &'a Spanned<String>)>,
    ) -> Vec<Label> {
        let mut out: Vec<(Label, Span)> = Vec::new();
        for (name, text) in decls {
            if let Some((_, first)) = out.iter().find(|(l, _)| l.id == name.value) {
                let seen = Seen { src, file: 0, span: *first };
                self.duplicate(src, 0, name.span, what, &name.value, &seen);
            } else {
                out.push((label(name, text), name.span));
            }
        }
        out.into_iter().map(|(l, _)| l).collect()
    }

    fn declare_facts(
        &mut self,
        src: &Named,
        what: Declared,
        decls: &[ast::FactDecl],
        others: &[ast::FactDecl],
    ) -> Vec<policy::Fact> {
        let mut out: Vec<policy::Fact> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        // Names to indices, so that many facts are declared in linear time.
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut other_names: HashMap<&str, &ast::FactDecl> = HashMap::new();
        for other in others {
            other_names.entry(other.name.value.as_str()).or_insert(other);
        }
        for decl in decls {
            if let Some(&i) = index.get(decl.name.value.as_str()) {
                let seen = Seen { src, file: 0, span: spans[i] };
                self.duplicate(src, 0, decl.name.span, what, &decl.name.value, &seen);
                continue;
            }
            if let Some(other) = other_names.get(decl.name.value.as_str()) {
                let seen = Seen { src, file: 0, span: other.name.span };
                self.duplicate(src, 0, decl.name.span, Declared::Name, &decl.name.value, &seen);
                continue;
            }
            let kind = match (decl.kind.value, &decl.range) {
                (Kind::Amounts, Some(range)) => {
                    let min = self.points(src, &range.min);
                    let max = self.points(src, &range.max);
                    FactKind::Amounts { min, max }
                }
                (Kind::Amounts, None) => {
                    self.error(src, decl.kind.span, CheckError::AmountsWithoutRange { fact: decl.name.value.clone() });
                    FactKind::Amounts { min: Decimal::ZERO, max: Decimal::ZERO }
                }
                (kind, Some(range)) => {
                    let error = CheckError::RangeOnKind {
                        kind: kind.word(),
                        fact: decl.name.value.clone(),
                        min: range.min.value,
                        max: range.max.value,
                    };
                    self.error(src, range.span, error);
                    kind_of(kind)
                }
                (kind, None) => kind_of(kind),
            };
            index.insert(&decl.name.value, out.len());
            out.push(policy::Fact { name: label(&decl.name, &decl.label), kind, among: None });
            spans.push(decl.name.span);
        }
        self.among(src, decls, &mut out);
        out
    }

    fn points(&mut self, src: &Named, number: &ast::Number) -> Decimal {
        if number.value > MAX_POINTS {
            self.error(src, number.span, CheckError::TooLarge { number: number.value, max: MAX_POINTS });
        }
        number.value
    }

    fn rule(&mut self, scope: &RuleScope<'_>, rule: &ast::Rule, part: Part, part_id: &str) -> Option<policy::Rule> {
        let src = scope.src;
        let cite = match &rule.cite {
            Some(cite) if !cite.value.is_empty() => Some(cite.value.clone()),
            Some(cite) => {
                self.error(src, cite.span, CheckError::EmptyCite);
                None
            }
            None => {
                self.error(src, rule.span, CheckError::RuleWithoutCite { fact: rule.fact.value.clone() });
                None
            }
        };
        let Some(fact) = scope.fact_index.get(rule.fact.value.as_str()).copied() else {
            let suggestion = did_you_mean_name(&rule.fact.value, scope.facts.iter().map(|f| f.name.id.as_str()));
            self.error(src, rule.fact.span, CheckError::UndeclaredFact { fact: rule.fact.value.clone(), suggestion });
            return None;
        };
        let kind = scope.facts[fact].kind;
        let sign = match rule.direction.value {
            Direction::Deduct => Decimal::NEGATIVE_ONE,
            Direction::Add => Decimal::ONE,
        };
        let measure = match (&rule.amount.value, kind) {
            (Amount::Each { points, beyond }, FactKind::Count) => {
                let beyond = beyond.as_ref().map_or(Decimal::ZERO, |b| self.points(src, b));
                Some(Measure::Each { points: sign * self.points(src, points), beyond })
            }
            (Amount::PerDay { points }, FactKind::Days) => {
                Some(Measure::Each { points: sign * self.points(src, points), beyond: Decimal::ZERO })
            }
            (Amount::AsAssessed, FactKind::Amounts { .. }) => Some(Measure::Assessed { sign }),
            (Amount::ByLevel(table), FactKind::Levels) => {
                let mut points = vec![Decimal::ZERO; scope.levels.len()];
                let mut seen: Vec<&str> = Vec::new();
                for (level, value) in table {
                    let value = self.points(src, value);
                    if seen.contains(&level.value.as_str()) {
                        self.error(src, level.span, CheckError::LevelTwice { level: level.value.clone() });
                    }
                    seen.push(&level.value);
                    match scope.levels.iter().position(|l| l.id == level.value) {
                        Some(i) => points[i] = sign * value,
                        None => {
                            let levels = scope.levels.iter().map(|l| l.id.as_str());
                            let error = CheckError::UnknownLevel {
                                level: level.value.clone(),
                                suggestion: did_you_mean_name(&level.value, levels.clone()),
                                levels: levels.map(String::from).collect(),
                            };
                            self.error(src, level.span, error);
                        }
                    }
                }
                Some(Measure::ByLevel(points))
            }
            (amount, kind) => {
                let scored = match amount {
                    Amount::Each { beyond: Some(_), .. } => Scored::EachBeyond,
                    Amount::Each { .. } => Scored::Each,
                    Amount::PerDay { .. } => Scored::PerDay,
                    Amount::AsAssessed => Scored::AsAssessed,
                    Amount::ByLevel(_) => Scored::ByLevel,
                };
                let error = CheckError::KindMismatch { fact: rule.fact.value.clone(), kind: kind.word(), scored };
                self.error(src, rule.amount.span, error);
                None
            }
        };
        let rule_scope = match rule.in_window {
            None => Scope::Own,
            Some(span) if !scope.is_staff => {
                self.error(src, span, CheckError::InWindowInWindowRule);
                Scope::Own
            }
            Some(span) => {
                if !matches!(kind, FactKind::Count | FactKind::Days) {
                    let error = CheckError::InWindowKind { fact: rule.fact.value.clone(), kind: kind.word() };
                    self.error(src, span, error);
                }
                Scope::Window
            }
        };
        let role = match &rule.to_role {
            None => None,
            Some(role) => match scope.roles.iter().position(|r| r.id == role.value) {
                Some(i) => Some(crate::policy::RoleId(i)),
                None => {
                    self.error(src, role.span, unknown_role(&role.value, scope.roles));
                    None
                }
            },
        };
        let mut id = format!("{part_id}.{}", rule.fact.value);
        if rule_scope == Scope::Window {
            id.push_str(".in_window");
        }
        if let Some(role) = &rule.to_role {
            id.push_str(".to_");
            id.push_str(&role.value);
        }
        Some(policy::Rule {
            id,
            part,
            fact: policy::FactId(fact),
            scope: rule_scope,
            role,
            measure: measure?,
            cite: cite?,
            wording: rule.wording.as_ref().map(|w| w.value.clone()),
            readings: self.readings(src, &rule.notes.readings),
        })
    }

    fn average(&mut self, src: &Named, average: &ast::Average, members: &policy::Subject) -> Option<policy::Average> {
        let cite = match &average.cite {
            Some(cite) if !cite.value.is_empty() => Some(cite.value.clone()),
            _ => {
                self.error(src, average.span, CheckError::NoCite { what: Cited::Average });
                None
            }
        };
        if average.subject.value != "staff" {
            let error = CheckError::AverageOfOther { subject: average.subject.value.clone() };
            self.error(src, average.subject.span, error);
        }
        let category = members.categories.iter().position(|c| c.name.id == average.category.value);
        if category.is_none() {
            let categories = members.categories.iter().map(|c| c.name.id.as_str());
            let suggestion = did_you_mean_name(&average.category.value, categories);
            let error = CheckError::NoStaffCategory { category: average.category.value.clone(), suggestion };
            self.error(src, average.category.span, error);
        }
        let weight = members.attribute_index(&average.weight.value);
        if weight.is_none() {
            let attributes = members.attributes.iter().map(|a| a.name.id.as_str());
            let suggestion = did_you_mean_name(&average.weight.value, attributes);
            let error = CheckError::NoStaffAttribute { attribute: average.weight.value.clone(), suggestion };
            self.error(src, average.weight.span, error);
        }
        let places = u32::try_from(average.places.value.mantissa())
            .ok()
            .filter(|p| average.places.value.scale() == 0 && *p <= 10);
        if places.is_none() {
            self.error(src, average.places.span, CheckError::BadPlaces);
        }
        let readings = self.readings(src, &average.notes.readings);
        Some(policy::Average {
            readings,
            category: category?,
            weight: weight?,
            places: places?,
            cite: cite?,
            wording: average.wording.as_ref().map(|w| w.value.clone()),
        })
    }

    /// Bands must give every possible total exactly one grade.
    fn grades(&mut self, src: &Named, ast: &ast::Subject) -> Vec<Band> {
        if let Some(second) = ast.grades_blocks.get(1) {
            self.error(src, *second, CheckError::BlockTwice { block: Block::Grades });
        }
        let Some(block) = ast.grades_blocks.first() else {
            self.error(src, ast.name.span, CheckError::NoGrades { subject: ast.name.value.clone() });
            return Vec::new();
        };
        let bands: Vec<Band> = ast
            .grades
            .iter()
            .map(|b| Band {
                name: label(&b.name, &b.label),
                from: b.from.as_ref().map(|n| n.value),
                below: b.below.as_ref().map(|n| n.value),
                quota: None,
                cite: b.cite.as_ref().map(|c| c.value.clone()),
                wording: b.wording.as_ref().map(|w| w.value.clone()),
                readings: Vec::new(),
            })
            .collect();
        let mut bands = bands;
        for (band, decl) in bands.iter_mut().zip(&ast.grades) {
            band.readings = self.readings(src, &decl.notes.readings);
        }
        for (band, decl) in bands.iter_mut().zip(&ast.grades) {
            band.quota = decl.quota.as_ref().and_then(|q| self.quota(src, q, &ast.grades));
        }
        let mut names: HashMap<&str, Span> = HashMap::new();
        for band in &ast.grades {
            if let Some(first) = names.get(band.name.value.as_str()) {
                let seen = Seen { src, file: 0, span: *first };
                self.duplicate(src, 0, band.name.span, Declared::Grade, &band.name.value, &seen);
            }
            names.insert(&band.name.value, band.name.span);
            if let (Some(from), Some(below)) = (&band.from, &band.below) {
                if from.value >= below.value {
                    let error =
                        CheckError::EmptyBand { grade: band.name.value.clone(), from: from.value, below: below.value };
                    self.error(src, band.span, error);
                }
            }
        }
        // Walk the bands from the lowest up: each must start where the last
        // ended. Chosen grades are picked from a band and hold no totals; an
        // empty band (reported above) holds none either, and would report a
        // false overlap and a false gap.
        let holds_totals = |band: &Band| !matches!((band.from, band.below), (Some(from), Some(below)) if from >= below);
        let mut order: Vec<(usize, &Band)> =
            bands.iter().enumerate().filter(|(i, band)| ast.grades[*i].quota.is_none() && holds_totals(band)).collect();
        order.sort_by_key(|(_, band)| band.from);
        // `covered`: None before the first band, then Some(end) where the
        // bands so far reach from −∞ up to `end` (None meaning +∞).
        let mut covered: Option<Option<Decimal>> = None;
        for (i, band) in &order {
            let span = ast.grades[*i].span;
            let overlap = |this: &mut Self| this.error(src, span, CheckError::Overlap { grade: band.name.id.clone() });
            match (covered, band.from) {
                (None, None) => {}
                (None, Some(from)) => self.error(src, span, CheckError::GapBelow { from }),
                (Some(None), _) | (Some(Some(_)), None) => overlap(self),
                (Some(Some(end)), Some(from)) if from > end => self.error(src, span, CheckError::Gap { end, from }),
                (Some(Some(end)), Some(from)) if from < end => overlap(self),
                _ => {}
            }
            covered = Some(band.below);
        }
        match covered {
            None => self.error(src, *block, CheckError::NoBands),
            Some(Some(end)) => self.error(src, *block, CheckError::GapAbove { end }),
            Some(None) => {}
        }
        bands
    }

    /// Resolve `chosen from competent, at most 15%`.
    fn quota(&mut self, src: &Named, quota: &ast::Quota, bands: &[ast::Band]) -> Option<policy::Quota> {
        let from = bands.iter().position(|b| b.name.value == quota.from.value && b.quota.is_none());
        if from.is_none() {
            let candidates = bands.iter().filter(|b| b.quota.is_none()).map(|b| b.name.value.as_str());
            let suggestion = did_you_mean_name(&quota.from.value, candidates);
            self.error(src, quota.from.span, CheckError::NoBandToChoose { band: quota.from.value.clone(), suggestion });
        }
        let percent = quota.percent.value;
        if percent > Decimal::ONE_HUNDRED {
            self.error(src, quota.percent.span, CheckError::QuotaOverAll { percent });
        }
        let cite = match &quota.cite {
            Some(c) if !c.value.is_empty() => Some(c.value.clone()),
            _ => {
                self.error(src, quota.from.span, CheckError::NoCite { what: Cited::Quota });
                None
            }
        };
        // Even when part of it is wrong (and reported), the grade stays a
        // chosen one, so that its vetoes are not misreported as on a band.
        Some(policy::Quota {
            from: policy::GradeId(from.unwrap_or(usize::MAX)),
            percent,
            cite: cite.unwrap_or_default(),
            wording: quota.wording.as_ref().map(|w| w.value.clone()),
        })
    }
}

struct RuleScope<'a> {
    src: &'a Named,
    facts: &'a [policy::Fact],
    /// Each fact's index by its id (the first, if declared twice).
    fact_index: &'a HashMap<&'a str, usize>,
    roles: &'a [Label],
    levels: &'a [Label],
    is_staff: bool,
}

fn label(name: &ast::Name, label: &Spanned<String>) -> Label {
    Label { id: name.value.clone(), label: label.value.clone() }
}

fn kind_of(kind: Kind) -> FactKind {
    match kind {
        Kind::Count => FactKind::Count,
        Kind::Days => FactKind::Days,
        Kind::Amounts => FactKind::Amounts { min: Decimal::ZERO, max: Decimal::ZERO },
        Kind::Levels => FactKind::Levels,
    }
}

/// A role that is not declared, and what it might be instead.
fn unknown_role(role: &str, roles: &[Label]) -> CheckError {
    let names = roles.iter().map(|r| r.id.as_str());
    let suggestion: Option<Suggestion> = did_you_mean_name(role, names.clone());
    CheckError::UnknownRole { role: role.to_string(), suggestion, roles: names.map(String::from).collect() }
}

/// What a condition names and does not declare.
fn undeclared(name: &str, what: Quantity, known: Vec<&str>) -> CheckError {
    CheckError::UndeclaredInCondition { name: name.to_string(), what, suggestion: did_you_mean_name(name, known) }
}

/// Two rules on one fact in one part would share an id: number the later ones.
fn disambiguate(rules: &mut [policy::Rule]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for rule in rules.iter_mut() {
        let n = seen.entry(rule.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            rule.id = format!("{}#{}", rule.id, n);
        }
    }
}

/// Whether a `source` path stays below the parent of the directory its
/// `.rules` file is in (`../source/办法.txt`): relative, and never more
/// than one `..` up. Decided on the text, before anything is read, so that
/// a policy cannot make kaohe read (and quote in its cite warnings) a file
/// elsewhere on the machine.
pub(crate) fn within_policy(path: &str) -> bool {
    use std::path::Component;
    let mut depth: i32 = 0;
    for component in std::path::Path::new(path).components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => {
                depth -= 1;
                if depth < -1 {
                    return false;
                }
            }
            Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}
