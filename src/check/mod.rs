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

pub use error::CheckError;
pub use lint::{lint, Lint, Warning};

use crate::policy::{self, Band, FactKind, Label, Measure, Part, Policy, Scope};
use crate::source::{Named, SourceFile, Span};
use crate::suggest::closest;
use crate::syntax::ast::{self, Amount, Direction, Kind, Spanned};

/// The largest number a policy may write: keeps every product of a rule and
/// a fact far inside the range of a decimal.
const MAX_POINTS: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// Check the parsed files of one policy directory.
pub fn check(files: &[(SourceFile, ast::File)]) -> Result<Policy, Vec<CheckError>> {
    let mut checker = Checker { errors: Vec::new(), readings: Vec::new() };
    let policy = checker.policy(files);
    match policy {
        Some(policy) if checker.errors.is_empty() => Ok(policy),
        _ => Err(checker.errors),
    }
}

struct Checker {
    errors: Vec<CheckError>,
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
    fn error(&mut self, src: &Named, span: Span, message: String, label: impl Into<String>, help: Option<String>) {
        self.errors.push(CheckError { message, src: src.clone(), span, label: label.into(), first: None, help });
    }

    fn duplicate(&mut self, src: &Named, file: usize, span: Span, what: &str, name: &str, first: &Seen<'_>) {
        let same_file = first.file == file;
        let help = (!same_file).then(|| format!("the first is in `{}`", first.src.name()));
        self.errors.push(CheckError {
            message: format!("{what} `{name}` is declared twice"),
            src: src.clone(),
            span,
            label: "declared again here".into(),
            first: same_file.then_some(first.span),
            help,
        });
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
                            self.duplicate(src, index, decl.name.span, "the policy", &decl.name.value, &first)
                        }
                        None => {
                            effective = decl.effective.as_ref().map(|d| d.value);
                            name = Some((decl.name.value.clone(), Seen { src, file: index, span: decl.name.span }))
                        }
                    },
                    // What the path names is the lints' business (`lint::lint`).
                    ast::Item::Source(path) => match &source {
                        Some(first) => self.duplicate(src, index, path.span, "the source", &path.value, first),
                        None => source = Some(Seen { src, file: index, span: path.span }),
                    },
                    ast::Item::Readings(path) => match &readings_file {
                        Some((_, first)) => {
                            let first = Seen { src: first.src, file: first.file, span: first.span };
                            self.duplicate(src, index, path.span, "the readings file", &path.value, &first)
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
                                self.duplicate(src, index, decl.name.span, "level", &decl.name.value, &first);
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
                let help = closest(&subject.name.value, ["staff", "window"])
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some("kaohe scores two subjects: `staff` and `window`".into()));
                self.error(
                    &named[*index],
                    subject.name.span,
                    format!("unknown subject `{}`", subject.name.value),
                    "not a subject kaohe scores",
                    help,
                );
            }
        }
        let staff = find("staff");
        let window = find("window");
        for list in [&staff, &window] {
            if let [(first, first_index), rest @ ..] = list.as_slice() {
                for (dup, index) in rest {
                    let seen = Seen { src: &named[*first_index], file: *first_index, span: first.name.span };
                    self.duplicate(&named[*index], *index, dup.name.span, "subject", &dup.name.value, &seen);
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
            self.error(
                src,
                Span::new(0, 0),
                format!("the policy has no `{missing}` subject"),
                "in none of the policy's files",
                Some(format!("declare it in one of the policy's files: `subject {missing} \"…\" total 100 {{ … }}`")),
            );
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
        let roles = self.declare_labels(src, "role", ast.roles.iter().map(|d| (&d.name, &d.label)));
        if !is_staff {
            if let Some(role) = ast.roles.first() {
                self.error(
                    src,
                    role.name.span,
                    "roles belong to staff, not to windows".into(),
                    "role of a window",
                    None,
                );
            }
        }
        let attributes = self.declare_facts(src, "attribute", &ast.attributes, &[]);
        for (decl, attr) in ast.attributes.iter().zip(&attributes) {
            if !matches!(attr.kind, FactKind::Count | FactKind::Days) {
                self.error(
                    src,
                    decl.kind.span,
                    format!("attribute `{}` must be `count` or `days`", decl.name.value),
                    "not a number",
                    None,
                );
            }
        }
        let facts = self.declare_facts(src, "fact", &ast.facts, &ast.attributes);

        let mut categories = Vec::new();
        let mut category_names: HashMap<&str, Span> = HashMap::new();
        for category in &ast.categories {
            if let Some(first) = category_names.get(category.name.value.as_str()) {
                let seen = Seen { src, file: 0, span: *first };
                self.duplicate(src, 0, category.name.span, "category", &category.name.value, &seen);
            } else {
                category_names.insert(&category.name.value, category.name.span);
            }
            let average = match (category.averages.as_slice(), members) {
                ([], _) => None,
                ([average, rest @ ..], Some(members)) => {
                    if let Some(extra) = rest.first() {
                        self.error(
                            src,
                            extra.span,
                            "a category has one average at most".into(),
                            "second average",
                            None,
                        );
                    }
                    if let Some(rule) = category.rules.first() {
                        self.error(
                            src,
                            rule.span,
                            format!("category `{}` is an average and cannot also have rules", category.name.value),
                            "rule beside an average",
                            Some("move the rule to another category".into()),
                        );
                    }
                    self.average(src, average, members)
                }
                ([average, ..], None) => {
                    self.error(
                        src,
                        average.span,
                        "only a window category can average its staff's scores".into(),
                        "average in a staff category",
                        None,
                    );
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

        let penalties = self.section(src, "penalties", &ast.penalties);
        let bonus = self.section(src, "bonus", &ast.bonus);
        let mut rules = Vec::new();
        let scope = RuleScope { src, facts: &facts, roles: &roles, levels, is_staff };
        for (index, category) in ast.categories.iter().enumerate() {
            for rule in &category.rules {
                if rule.direction.value == Direction::Add {
                    self.error(
                        src,
                        rule.direction.span,
                        format!("category `{}` only deducts", category.name.value),
                        "`add` in a category",
                        Some(
                            "a category is scored from its points down to zero; put bonus points in the `bonus` block"
                                .into(),
                        ),
                    );
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

    fn section(&mut self, src: &Named, what: &str, sections: &[ast::Section]) -> Option<Label> {
        if let Some(extra) = sections.get(1) {
            self.error(
                src,
                extra.label.span,
                format!("`{what}` is declared twice"),
                "second block",
                Some(format!("put all {what} rules in one `{what}` block")),
            );
        }
        sections.first().map(|s| Label { id: what.to_string(), label: s.label.value.clone() })
    }

    fn declare_labels<'a>(
        &mut self,
        src: &Named,
        what: &str,
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
        what: &str,
        decls: &[ast::FactDecl],
        others: &[ast::FactDecl],
    ) -> Vec<policy::Fact> {
        let mut out: Vec<policy::Fact> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for decl in decls {
            if let Some(i) = out.iter().position(|f| f.name.id == decl.name.value) {
                let seen = Seen { src, file: 0, span: spans[i] };
                self.duplicate(src, 0, decl.name.span, what, &decl.name.value, &seen);
                continue;
            }
            if let Some(other) = others.iter().find(|o| o.name.value == decl.name.value) {
                let seen = Seen { src, file: 0, span: other.name.span };
                self.duplicate(src, 0, decl.name.span, "name", &decl.name.value, &seen);
                continue;
            }
            let kind = match (decl.kind.value, &decl.range) {
                (Kind::Amounts, Some(range)) => {
                    let min = self.points(src, &range.min);
                    let max = self.points(src, &range.max);
                    FactKind::Amounts { min, max }
                }
                (Kind::Amounts, None) => {
                    self.error(
                        src,
                        decl.kind.span,
                        format!("`amounts` fact `{}` needs the range its amounts must fall in", decl.name.value),
                        "no range",
                        Some("write the table's range after it, for example `amounts 5-10`".into()),
                    );
                    FactKind::Amounts { min: Decimal::ZERO, max: Decimal::ZERO }
                }
                (kind, Some(range)) => {
                    self.error(
                        src,
                        range.span,
                        format!("a range on `{}` fact `{}`", kind.word(), decl.name.value),
                        "only `amounts` facts have a range",
                        Some(format!(
                            "write `amounts {}-{}` if the assessor chooses the points, or drop the range",
                            range.min.value, range.max.value
                        )),
                    );
                    kind_of(kind)
                }
                (kind, None) => kind_of(kind),
            };
            out.push(policy::Fact { name: label(&decl.name, &decl.label), kind, among: None });
            spans.push(decl.name.span);
        }
        self.among(src, decls, &mut out);
        out
    }

    fn points(&mut self, src: &Named, number: &ast::Number) -> Decimal {
        if number.value > MAX_POINTS {
            self.error(
                src,
                number.span,
                format!("`{}` is too large for a policy", number.value),
                "too large",
                Some(format!("numbers in a policy are at most {MAX_POINTS}")),
            );
        }
        number.value
    }

    fn rule(&mut self, scope: &RuleScope<'_>, rule: &ast::Rule, part: Part, part_id: &str) -> Option<policy::Rule> {
        let src = scope.src;
        let cite = match &rule.cite {
            Some(cite) if !cite.value.is_empty() => Some(cite.value.clone()),
            Some(cite) => {
                self.error(
                    src,
                    cite.span,
                    "the cite is empty".into(),
                    "empty cite",
                    Some("name the place in the document, for example `[附件1/工作纪律/1]`".into()),
                );
                None
            }
            None => {
                self.error(
                    src,
                    rule.span,
                    format!("rule on `{}` has no cite", rule.fact.value),
                    "no cite",
                    Some(
                        "every rule names the place in the document it encodes, for example `[附件1/工作纪律/1]`"
                            .into(),
                    ),
                );
                None
            }
        };
        let Some(fact) = scope.facts.iter().position(|f| f.name.id == rule.fact.value) else {
            let help = closest(&rule.fact.value, scope.facts.iter().map(|f| f.name.id.as_str()))
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| Some("declare it in the subject's `facts` block".into()));
            self.error(
                src,
                rule.fact.span,
                format!("rule names undeclared fact `{}`", rule.fact.value),
                "not a declared fact",
                help,
            );
            return None;
        };
        let kind = scope.facts[fact].kind;
        let sign = match rule.direction.value {
            Direction::Deduct => Decimal::NEGATIVE_ONE,
            Direction::Add => Decimal::ONE,
        };
        let mismatch = |want: &str, fix: String| {
            let article = if kind.word().starts_with('a') { "an" } else { "a" };
            (
                format!("`{}` is {article} `{}` fact, but this rule scores it as {want}", rule.fact.value, kind.word()),
                fix,
            )
        };
        let fix_for = |kind: FactKind| match kind {
            FactKind::Count => "write `N each` for a count".to_string(),
            FactKind::Days => "write `N per day` for a days fact".to_string(),
            FactKind::Amounts { .. } => "write `as assessed` for an amounts fact".to_string(),
            FactKind::Levels => "write `by level county N, city N, …` for a levels fact".to_string(),
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
                        self.error(
                            src,
                            level.span,
                            format!("level `{}` appears twice in this rule", level.value),
                            "again",
                            None,
                        );
                    }
                    seen.push(&level.value);
                    match scope.levels.iter().position(|l| l.id == level.value) {
                        Some(i) => points[i] = sign * value,
                        None => {
                            let help = closest(&level.value, scope.levels.iter().map(|l| l.id.as_str()))
                                .map(|s| format!("did you mean `{s}`?"))
                                .or_else(|| {
                                    Some(format!(
                                        "declared levels: {}",
                                        list(scope.levels.iter().map(|l| l.id.as_str()))
                                    ))
                                });
                            self.error(
                                src,
                                level.span,
                                format!("unknown level `{}`", level.value),
                                "not a declared level",
                                help,
                            );
                        }
                    }
                }
                Some(Measure::ByLevel(points))
            }
            (amount, kind) => {
                let want = match amount {
                    Amount::Each { beyond: Some(_), .. } => "`each … beyond`",
                    Amount::Each { .. } => "`each`",
                    Amount::PerDay { .. } => "`per day`",
                    Amount::AsAssessed => "`as assessed`",
                    Amount::ByLevel(_) => "`by level`",
                };
                let (message, fix) = mismatch(want, fix_for(kind));
                self.error(src, rule.amount.span, message, "does not fit the fact's kind", Some(fix));
                None
            }
        };
        let rule_scope = match rule.in_window {
            None => Scope::Own,
            Some(span) if !scope.is_staff => {
                self.error(
                    src,
                    span,
                    "`in window` is for staff rules: a window rule already counts the window".into(),
                    "not in a staff rule",
                    None,
                );
                Scope::Own
            }
            Some(span) => {
                if !matches!(kind, FactKind::Count | FactKind::Days) {
                    self.error(
                        src,
                        span,
                        format!(
                            "`in window` sums a count or days fact, and `{}` is `{}`",
                            rule.fact.value,
                            kind.word()
                        ),
                        "cannot sum this fact",
                        None,
                    );
                }
                Scope::Window
            }
        };
        let role = match &rule.to_role {
            None => None,
            Some(role) => match scope.roles.iter().position(|r| r.id == role.value) {
                Some(i) => Some(crate::policy::RoleId(i)),
                None => {
                    let help = closest(&role.value, scope.roles.iter().map(|r| r.id.as_str()))
                        .map(|s| format!("did you mean `{s}`?"))
                        .or_else(|| {
                            Some(format!("declared roles: {}", list(scope.roles.iter().map(|r| r.id.as_str()))))
                        });
                    self.error(src, role.span, format!("unknown role `{}`", role.value), "not a declared role", help);
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
            fact,
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
                self.error(
                    src,
                    average.span,
                    "the average has no cite".into(),
                    "no cite",
                    Some("name the place in the document, for example `[附件2/工作考勤/1]`".into()),
                );
                None
            }
        };
        if average.subject.value != "staff" {
            self.error(
                src,
                average.subject.span,
                format!("a window averages its `staff`, not `{}`", average.subject.value),
                "not the window's members",
                None,
            );
        }
        let category = members.categories.iter().position(|c| c.name.id == average.category.value);
        if category.is_none() {
            let help = closest(&average.category.value, members.categories.iter().map(|c| c.name.id.as_str()))
                .map(|s| format!("did you mean `{s}`?"));
            self.error(
                src,
                average.category.span,
                format!("staff have no category `{}`", average.category.value),
                "not a staff category",
                help,
            );
        }
        let weight = members.attribute_index(&average.weight.value);
        if weight.is_none() {
            let help = closest(&average.weight.value, members.attributes.iter().map(|a| a.name.id.as_str()))
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| Some("declare it in the staff `attributes` block".into()));
            self.error(
                src,
                average.weight.span,
                format!("staff have no attribute `{}`", average.weight.value),
                "not a staff attribute",
                help,
            );
        }
        let places = u32::try_from(average.places.value.mantissa())
            .ok()
            .filter(|p| average.places.value.scale() == 0 && *p <= 10);
        if places.is_none() {
            self.error(src, average.places.span, "places must be a whole number from 0 to 10".into(), "places", None);
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
            self.error(src, *second, "`grades` is declared twice".into(), "second block", None);
        }
        let Some(block) = ast.grades_blocks.first() else {
            self.error(
                src,
                ast.name.span,
                format!("subject `{}` has no `grades`", ast.name.value),
                "no grade bands",
                Some("add `grades { good \"良好\" from 80 … }`".into()),
            );
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
                self.duplicate(src, 0, band.name.span, "grade", &band.name.value, &seen);
            }
            names.insert(&band.name.value, band.name.span);
            if let (Some(from), Some(below)) = (&band.from, &band.below) {
                if from.value >= below.value {
                    self.error(
                        src,
                        band.span,
                        format!(
                            "grade `{}` holds no total: `from {}` is not below `below {}`",
                            band.name.value, from.value, below.value
                        ),
                        "empty band",
                        None,
                    );
                }
            }
        }
        // Walk the bands from the lowest up: each must start where the last
        // ended. Chosen grades are picked from a band and hold no totals.
        let mut order: Vec<(usize, &Band)> =
            bands.iter().enumerate().filter(|(i, _)| ast.grades[*i].quota.is_none()).collect();
        order.sort_by_key(|(_, band)| band.from);
        // `covered`: None before the first band, then Some(end) where the
        // bands so far reach from −∞ up to `end` (None meaning +∞).
        let mut covered: Option<Option<Decimal>> = None;
        for (i, band) in &order {
            let span = ast.grades[*i].span;
            let overlap = |this: &mut Self| {
                this.error(src, span, format!("grade `{}` overlaps another band", band.name.id), "overlap", None)
            };
            match (covered, band.from) {
                (None, None) => {}
                (None, Some(from)) => self.error(
                    src,
                    span,
                    format!("totals below {from} get no grade"),
                    "the lowest band starts here",
                    Some("give the lowest band no `from`, for example `unfit \"不称职\" below 60`".into()),
                ),
                (Some(None), _) | (Some(Some(_)), None) => overlap(self),
                (Some(Some(end)), Some(from)) if from > end => self.error(
                    src,
                    span,
                    format!("totals from {end} below {from} get no grade"),
                    "gap before this band",
                    None,
                ),
                (Some(Some(end)), Some(from)) if from < end => overlap(self),
                _ => {}
            }
            covered = Some(band.below);
        }
        match covered {
            None => self.error(src, *block, "no grade bands".into(), "empty", None),
            Some(Some(end)) => self.error(
                src,
                *block,
                format!("totals of {end} and above get no grade"),
                "the highest band ends below them",
                Some("give the highest band no `below`".into()),
            ),
            Some(None) => {}
        }
        bands
    }

    /// Resolve `chosen from competent, at most 15%`.
    fn quota(&mut self, src: &Named, quota: &ast::Quota, bands: &[ast::Band]) -> Option<policy::Quota> {
        let from = bands.iter().position(|b| b.name.value == quota.from.value && b.quota.is_none());
        if from.is_none() {
            let help =
                closest(&quota.from.value, bands.iter().filter(|b| b.quota.is_none()).map(|b| b.name.value.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some("a chosen grade is picked from a band with `from`/`below`".into()));
            self.error(
                src,
                quota.from.span,
                format!("no band `{}` to choose from", quota.from.value),
                "not a band",
                help,
            );
        }
        let percent = quota.percent.value;
        if percent > Decimal::ONE_HUNDRED {
            self.error(src, quota.percent.span, format!("a quota of {percent}% is more than all"), "over 100%", None);
        }
        let cite = match &quota.cite {
            Some(c) if !c.value.is_empty() => Some(c.value.clone()),
            _ => {
                self.error(
                    src,
                    quota.from.span,
                    "the quota has no cite".into(),
                    "no cite",
                    Some("name the clause that sets it, for example `[第十九条]`".into()),
                );
                None
            }
        };
        // Even when part of it is wrong (and reported), the grade stays a
        // chosen one, so that its vetoes are not misreported as on a band.
        Some(policy::Quota {
            from: from.unwrap_or(usize::MAX),
            percent,
            cite: cite.unwrap_or_default(),
            wording: quota.wording.as_ref().map(|w| w.value.clone()),
        })
    }
}

struct RuleScope<'a> {
    src: &'a Named,
    facts: &'a [policy::Fact],
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

fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
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
