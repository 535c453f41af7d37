//! `kaohe diff`, what a rubric change does before it is adopted: one
//! period's facts scored with the old policy and with the new one (each the
//! version in force for the period, picked as `eval` picks it); every part
//! of the policy added, removed or changed; every record whose total or
//! grade moves, largest change first.

use std::collections::HashMap;
use std::path::Path;

use super::changes::policy_changes;
use super::error::{AppError, DiffSide, Error, Fault, Problem};
use super::load::Loaded;
use super::period::{load, quarter_only, read_facts, score_with, version_for, Scored};
use crate::eval::diff::{Diff, Moved, Records};
use crate::eval::Scored as Score;
use crate::facts::Record;
use crate::policy::diff::{Change, OneSided, Side};
use crate::policy::{Policy, Subject, Version};
use crate::source::diagnostic::{Diagnostic, Lang};

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

/// Score the facts at `facts` with the policy in `from` and the one in `to`.
/// A fact only one policy knows (the usual case when a rubric grows) is
/// scored as zero by the other, and listed in [`Sides::one_sided`].
pub fn score_sides(from: &Path, to: &Path, facts: &Path) -> Result<Sides, Error> {
    let file = read_facts(facts)?;
    let root = crate::facts::parse(&file).map_err(super::period::facts_error)?;
    quarter_only(&file.name, crate::facts::peek_period(&root))?;
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
        old: &old.version,
        new: &new.version,
        quarter: &new.quarter,
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

pub fn moved<'a>(old: &'a Scored, new: &'a Scored, which: Subjects) -> Records<'a> {
    let (old_subject, old_records, old_scores) = which.of(old);
    let (new_subject, new_records, new_scores) = which.of(new);
    let by_id: HashMap<&str, usize> = new_records.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut moved = Vec::new();
    let mut unchanged = 0;
    for (record, old_score) in old_records.iter().zip(old_scores) {
        // Both sides read the same file, so every record is on both.
        let Some(new_score) = by_id.get(record.id.as_str()).and_then(|&i| new_scores.get(i)) else { continue };
        let old_grade = old_subject.band(old_score.grade).map(|g| &g.name);
        let new_grade = new_subject.band(new_score.grade).map(|g| &g.name);
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
