//! `kaohe diff`, what a rubric change does before it is adopted: one
//! period's facts scored with the old policy and with the new one (each the
//! version in force for the period, picked as `eval` picks it); every part
//! of the policy added, removed or changed; every record whose total or
//! grade moves, largest change first.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::error::{AppError, DiffSide, Error, Fault, Problem};
use super::load::Loaded;
use super::period::{load, read_facts, score_with, version_for, Scored};
use crate::eval::Scored as Score;
use crate::facts::{Period, Record};
use crate::policy::{Band, FactKind, Label, Policy, Scope, Subject, Version};
use crate::render::{condition_text, decimal, rule_action, rule_line};
use crate::source::diagnostic::{Diagnostic, Lang};

/// The two sides of a diff, and what changed between them.
pub struct Diff<'a> {
    pub from: &'a Path,
    pub to: &'a Path,
    pub old: &'a Scored,
    pub new: &'a Scored,
    pub changes: &'a [Change],
    /// The facts only one side knows, each scored as zero by the other.
    pub one_sided: &'a [OneSided],
    pub staff: Records<'a>,
    pub windows: Records<'a>,
}

/// One period's facts scored by both policies.
pub struct Sides {
    pub old: Scored,
    pub new: Scored,
    pub changes: Vec<Change>,
    pub one_sided: Vec<OneSided>,
    /// Every file the diff reads: the facts, both policy directories' files.
    pub inputs: Vec<std::path::PathBuf>,
    /// About versions of either policy that did not load and were not needed.
    pub warnings: Vec<Problem>,
}

/// Which policy of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `--from`
    Old,
    /// `--to`
    New,
}

/// A fact (or attribute) that one policy knows and the other does not:
/// the other reads it from the facts file and scores it as zero, since it
/// has no rule about it.
pub struct OneSided {
    /// `staff` or `window`.
    pub subject: &'static str,
    pub fact: Label,
    /// The policy that knows it.
    pub known_to: Side,
    /// How many records of the facts file give it.
    pub records: usize,
}

/// Score the facts at `facts` with the policy in `from` and the one in `to`.
/// A fact only one policy knows (the usual case when a rubric grows) is
/// scored as zero by the other, and listed in [`Sides::one_sided`].
pub fn score_sides(from: &Path, to: &Path, facts: &Path) -> Result<Sides, Error> {
    let file = read_facts(facts)?;
    let root = crate::facts::parse(&file).map_err(super::period::facts_error)?;
    if let Some(Period::Year(year)) = crate::facts::peek_period(&root) {
        return Err(Error::year_not_quarter(&file.name, year));
    }
    let pick = |dir: &Path| -> Result<(Loaded, Version), Error> {
        let mut loaded = load(dir)?;
        let version = version_for(&mut loaded, &root)?;
        Ok((loaded, version))
    };
    let (old, new) = match (pick(from), pick(to)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => return Err(rejected(from, to, old.err(), new.err())),
    };
    let ((old_loaded, old_version), (new_loaded, new_version)) = (old, new);
    let changes = policy_changes(&old_version.policy, &new_version.policy);
    let mut one_sided = Vec::new();
    let old_reading = reading(&old_version, &new_version.policy, Side::New, &mut one_sided);
    let new_reading = reading(&new_version, &old_version.policy, Side::Old, &mut one_sided);
    let scored = (score_with(old_reading, &file, root.clone()), score_with(new_reading, &file, root));
    let (old, new) = match scored {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => return Err(rejected(from, to, old.err(), new.err())),
    };
    for entry in &mut one_sided {
        let scored = if entry.known_to == Side::Old { &old } else { &new };
        entry.records = given(scored, entry.subject, &entry.fact.id);
    }
    let mut inputs = vec![facts.to_path_buf()];
    inputs.extend(old_loaded.inputs.iter().cloned());
    inputs.extend(new_loaded.inputs.iter().cloned());
    let mut warnings = old_loaded.warnings();
    warnings.extend(new_loaded.warnings());
    Ok(Sides { old, new, changes, one_sided, inputs, warnings })
}

/// Compare two scorings of one period.
pub fn compare<'a>(from: &'a Path, to: &'a Path, sides: &'a Sides) -> Diff<'a> {
    let (old, new) = (&sides.old, &sides.new);
    Diff {
        from,
        to,
        old,
        new,
        changes: &sides.changes,
        one_sided: &sides.one_sided,
        staff: moved(old, new, Subjects::Staff),
        windows: moved(old, new, Subjects::Windows),
    }
}

/// `version` as it reads the facts file: knowing, besides its own facts and
/// attributes, those only `other` has (which no rule of it scores). Each
/// such is recorded in `one_sided`, known to `other_side`.
fn reading(version: &Version, other: &Policy, other_side: Side, one_sided: &mut Vec<OneSided>) -> Version {
    let mut reading = version.clone();
    let policy = &mut reading.policy;
    for (name, mine, theirs) in
        [("staff", &mut policy.staff, &other.staff), ("window", &mut policy.window, &other.window)]
    {
        for (own, extra) in [(&mut mine.facts, &theirs.facts), (&mut mine.attributes, &theirs.attributes)] {
            let missing: Vec<_> =
                extra.iter().filter(|f| !own.iter().any(|o| o.name.id == f.name.id)).cloned().collect();
            for fact in missing {
                one_sided.push(OneSided { subject: name, fact: fact.name.clone(), known_to: other_side, records: 0 });
                // Appended after every fact of its own, so no rule's index moves.
                own.push(fact);
            }
        }
    }
    reading
}

/// How many records of `scored` give the fact (or attribute) `id` of `subject`.
fn given(scored: &Scored, subject: &str, id: &str) -> usize {
    let (policy_subject, records) = match subject {
        "staff" => (&scored.version.policy.staff, &scored.quarter.staff),
        _ => (&scored.version.policy.window, &scored.quarter.windows),
    };
    if let Some(index) = policy_subject.fact_index(id) {
        return records.iter().filter(|r| r.fact(index).is_some()).count();
    }
    match policy_subject.attribute_index(id) {
        Some(index) => records.iter().filter(|r| r.attributes.get(index).is_some_and(|v| !v.is_zero())).count(),
        None => 0,
    }
}

/// One failure for the run, every problem saying which side it is about:
/// the old policy (`--from`), the new (`--to`), or both.
fn rejected(from: &Path, to: &Path, old: Option<Error>, new: Option<Error>) -> Error {
    // Two sides said the same when each problem reads the same and points at the same place.
    let said = |f: &Error| {
        f.problems
            .iter()
            .map(|p| (p.code(), p.text(Lang::En), p.file().map(str::to_string), p.span()))
            .collect::<Vec<_>>()
    };
    let (from, to) = (from.display().to_string(), to.display().to_string());
    let mut fault = Fault::Facts;
    let mut problems = Vec::new();
    let mut add = |failure: Error, side: DiffSide| {
        // The earliest stage that failed names the run's fault: reading, the policy, the facts.
        fault = fault.min(failure.fault);
        let at_fault = failure.fault;
        problems.extend(
            failure
                .problems
                .into_iter()
                .map(|problem| AppError::Side { side: side.clone(), fault: at_fault, problem }.into()),
        );
    };
    match (old, new) {
        (Some(old), Some(new)) if said(&old) == said(&new) => add(old, DiffSide::Both { from, to }),
        (old, new) => {
            if let Some(old) = old {
                add(old, DiffSide::Old { from });
            }
            if let Some(new) = new {
                add(new, DiffSide::New { to });
            }
        }
    }
    Error::new(fault, problems)
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

#[derive(Clone, Copy)]
pub enum Subjects {
    Staff,
    Windows,
}

impl Subjects {
    fn of(self, scored: &Scored) -> (&Subject, &[Record], &[Score]) {
        match self {
            Subjects::Staff => (&scored.version.policy.staff, &scored.quarter.staff, &scored.results.staff),
            Subjects::Windows => (&scored.version.policy.window, &scored.quarter.windows, &scored.results.windows),
        }
    }
}

/// A record whose total or grade moves.
pub struct Moved<'a> {
    pub record: &'a Record,
    pub old_total: Decimal,
    pub new_total: Decimal,
    pub delta: Decimal,
    pub old_grade: Option<&'a Label>,
    pub new_grade: Option<&'a Label>,
}

pub struct Records<'a> {
    pub assessed: usize,
    pub moved: Vec<Moved<'a>>,
    pub unchanged: usize,
}

pub fn moved<'a>(old: &'a Scored, new: &'a Scored, which: Subjects) -> Records<'a> {
    let (old_subject, old_records, old_scores) = which.of(old);
    let (new_subject, new_records, new_scores) = which.of(new);
    let by_id: HashMap<&str, usize> = new_records.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut moved = Vec::new();
    let mut unchanged = 0;
    for (record, old_score) in old_records.iter().zip(old_scores) {
        // Both sides read the same file, so every record is on both.
        let Some(new_score) = by_id.get(record.id.as_str()).and_then(|&i| new_scores.get(i)) else { continue };
        let old_grade = old_subject.grades.get(old_score.grade).map(|g| &g.name);
        let new_grade = new_subject.grades.get(new_score.grade).map(|g| &g.name);
        if old_score.total == new_score.total && old_grade.map(|g| &g.id) == new_grade.map(|g| &g.id) {
            unchanged += 1;
            continue;
        }
        moved.push(Moved {
            record,
            old_total: old_score.total,
            new_total: new_score.total,
            delta: new_score.total - old_score.total,
            old_grade,
            new_grade,
        });
    }
    // Largest change first; equal changes keep the file's order (the sort is stable).
    moved.sort_by_key(|m| std::cmp::Reverse(m.delta.abs()));
    Records { assessed: old_records.len(), moved, unchanged }
}

// ---------------------------------------------------------------------------
// Policy changes
// ---------------------------------------------------------------------------

/// One part of a policy that can be added, removed or changed: a rule, a
/// fact, a grade band, a veto… matched between the two policies by its key.
pub struct Item {
    subject: &'static str,
    kind: &'static str,
    key: String,
    /// The item as the policy writes it, shown when it is added or removed.
    summary: String,
    fields: Vec<(&'static str, String)>,
}

impl Item {
    fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str())
    }

    fn same(&self, other: &Item) -> bool {
        self.subject == other.subject && self.kind == other.kind && self.key == other.key
    }
}

const KINDS: &[&str] =
    &["level", "subject", "role", "attribute", "fact", "category", "rule", "grade", "veto", "flag", "annual"];

pub enum What {
    Added(String),
    Removed(String),
    /// (field, old, new) for each field that differs.
    Changed(Vec<(&'static str, String, String)>),
}

pub struct Change {
    pub subject: &'static str,
    pub kind: &'static str,
    pub key: String,
    pub what: What,
}

pub fn policy_changes(old: &Policy, new: &Policy) -> Vec<Change> {
    let (old, new) = (items(old), items(new));
    let mut changes = Vec::new();
    for n in &new {
        let what = match old.iter().find(|o| o.same(n)) {
            None => What::Added(n.summary.clone()),
            Some(o) => {
                let mut names: Vec<&'static str> = n.fields.iter().map(|(name, _)| *name).collect();
                names.extend(o.fields.iter().map(|(name, _)| *name).filter(|name| n.field(name).is_empty()));
                let fields: Vec<(&'static str, String, String)> = names
                    .into_iter()
                    .filter(|name| o.field(name) != n.field(name))
                    .map(|name| (name, o.field(name).to_string(), n.field(name).to_string()))
                    .collect();
                if fields.is_empty() {
                    continue;
                }
                What::Changed(fields)
            }
        };
        changes.push(Change { subject: n.subject, kind: n.kind, key: n.key.clone(), what });
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.same(o))) {
        changes.push(Change {
            subject: o.subject,
            kind: o.kind,
            key: o.key.clone(),
            what: What::Removed(o.summary.clone()),
        });
    }
    let order = |c: &Change| {
        let subject = ["policy", "staff", "window"].iter().position(|s| *s == c.subject).unwrap_or(3);
        (subject, KINDS.iter().position(|k| *k == c.kind).unwrap_or(KINDS.len()))
    };
    changes.sort_by_key(order);
    changes
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn wording(text: &Option<String>) -> String {
    text.as_deref().map(quoted).unwrap_or_default()
}

fn kind_text(kind: FactKind) -> String {
    match kind {
        FactKind::Amounts { min, max } => format!("amounts {}-{}", decimal(min), decimal(max)),
        other => other.word().to_string(),
    }
}

fn band_text(subject: &Subject, band: &Band) -> (String, String) {
    if let Some(quota) = &band.quota {
        let from = subject.grades.get(quota.from).map_or("", |b| b.name.id.as_str());
        return (format!("chosen from {from}"), format!("at most {}%", decimal(quota.percent)));
    }
    let from = band.from.map(|f| format!("from {}", decimal(f)));
    let below = band.below.map(|b| format!("below {}", decimal(b)));
    (from.into_iter().chain(below).collect::<Vec<_>>().join(" "), String::new())
}

/// Every part of a policy that a change can touch, keyed.
fn items(policy: &Policy) -> Vec<Item> {
    let mut out = Vec::new();
    for level in &policy.levels {
        out.push(Item {
            subject: "policy",
            kind: "level",
            key: level.id.clone(),
            summary: format!("{} {}", level.id, quoted(&level.label)),
            fields: vec![("label", level.label.clone())],
        });
    }
    for (name, subject, members) in [("staff", &policy.staff, &policy.staff), ("window", &policy.window, &policy.staff)]
    {
        let mut push = |kind: &'static str, key: String, summary: String, fields: Vec<(&'static str, String)>| {
            out.push(Item { subject: name, kind, key, summary, fields })
        };
        push(
            "subject",
            name.to_string(),
            format!("subject {name} {} total {}", quoted(&subject.name.label), decimal(subject.total)),
            vec![("label", subject.name.label.clone()), ("total", decimal(subject.total))],
        );
        for role in &subject.roles {
            push(
                "role",
                role.id.clone(),
                format!("{} {}", role.id, quoted(&role.label)),
                vec![("label", role.label.clone())],
            );
        }
        for (kind, facts) in [("attribute", &subject.attributes), ("fact", &subject.facts)] {
            for fact in facts {
                let summary = format!("{} {} {}", fact.name.id, quoted(&fact.name.label), kind_text(fact.kind));
                let fields = vec![("label", fact.name.label.clone()), ("kind", kind_text(fact.kind))];
                push(kind, fact.name.id.clone(), summary, fields);
            }
        }
        for category in &subject.categories {
            let summary =
                format!("category {} {} {}", category.name.id, quoted(&category.name.label), decimal(category.points));
            let fields = vec![("label", category.name.label.clone()), ("points", decimal(category.points))];
            push("category", category.name.id.clone(), summary, fields);
            if let Some(average) = &category.average {
                let text = format!(
                    "average of staff {} weighted by {}, rounded to {} places",
                    members.categories.get(average.category).map_or("", |c| c.name.id.as_str()),
                    members.attributes.get(average.weight).map_or("", |a| a.name.id.as_str()),
                    average.places
                );
                push(
                    "rule",
                    format!("{}.average", category.name.id),
                    format!("{text} [{}]", average.cite),
                    vec![("average", text), ("cite", average.cite.clone()), ("wording", wording(&average.wording))],
                );
            }
        }
        for rule in &subject.rules {
            let role = rule.role.and_then(|r| subject.roles.get(r)).map_or(String::new(), |r| r.id.clone());
            let scope = if rule.scope == Scope::Window { "in window" } else { "own" };
            push(
                "rule",
                rule.id.clone(),
                rule_line(policy, subject, rule),
                vec![
                    ("action", rule_action(policy, subject, rule)),
                    ("scope", scope.to_string()),
                    ("to role", role),
                    ("cite", rule.cite.clone()),
                    ("wording", wording(&rule.wording)),
                ],
            );
        }
        for band in &subject.grades {
            let (bounds, quota) = band_text(subject, band);
            let (cite, said) =
                band.quota.as_ref().map_or((String::new(), String::new()), |q| (q.cite.clone(), wording(&q.wording)));
            let mut summary = format!("{} {} {bounds}", band.name.id, quoted(&band.name.label));
            if !quota.is_empty() {
                summary.push_str(&format!(", {quota} [{cite}]"));
            }
            push(
                "grade",
                band.name.id.clone(),
                summary,
                vec![
                    ("label", band.name.label.clone()),
                    ("band", bounds),
                    ("quota", quota),
                    ("cite", cite),
                    ("wording", said),
                ],
            );
        }
        let veto_text = |veto: &crate::policy::Veto| {
            let grade = subject.grades.get(veto.grade).map_or("", |g| g.name.id.as_str());
            format!("not {grade} when {}", condition_text(subject, members, &veto.condition))
        };
        for veto in &subject.vetoes {
            let key = veto_text(veto);
            let summary = format!("{key} [{}]", veto.cite);
            push("veto", key, summary, vec![("cite", veto.cite.clone()), ("wording", wording(&veto.wording))]);
        }
        let flag_item = |flag: &crate::policy::Flag| {
            let condition = condition_text(subject, members, &flag.condition);
            let summary = format!("{} {} when {condition} [{}]", flag.name.id, quoted(&flag.name.label), flag.cite);
            let fields = vec![
                ("label", flag.name.label.clone()),
                ("condition", condition),
                ("cite", flag.cite.clone()),
                ("wording", wording(&flag.wording)),
            ];
            (flag.name.id.clone(), summary, fields)
        };
        for flag in &subject.flags {
            let (key, summary, fields) = flag_item(flag);
            push("flag", key, summary, fields);
        }
        if let Some(annual) = &subject.annual {
            let total = format!("total mean of quarters, rounded to {} places", annual.places);
            push(
                "annual",
                "total".into(),
                format!("{total} [{}]", annual.cite),
                vec![("total", total), ("cite", annual.cite.clone()), ("wording", wording(&annual.wording))],
            );
            for gate in &annual.not_assessed {
                let key = format!("not assessed when {}", condition_text(subject, members, &gate.condition));
                let summary = format!("{key} [{}]", gate.cite);
                push("annual", key, summary, vec![("cite", gate.cite.clone()), ("wording", wording(&gate.wording))]);
            }
            for veto in &annual.vetoes {
                let key = veto_text(veto);
                let summary = format!("{key} [{}]", veto.cite);
                push("annual", key, summary, vec![("cite", veto.cite.clone()), ("wording", wording(&veto.wording))]);
            }
            for flag in &annual.flags {
                let (key, summary, fields) = flag_item(flag);
                push("annual", format!("flag {key}"), summary, fields);
            }
        }
    }
    // Two items with one key (the same veto twice) are told apart by their order.
    let mut seen: HashMap<(&'static str, &'static str, String), usize> = HashMap::new();
    for item in &mut out {
        let n = seen.entry((item.subject, item.kind, item.key.clone())).or_insert(0);
        *n += 1;
        if *n > 1 {
            item.key = format!("{}#{n}", item.key);
        }
    }
    out
}
