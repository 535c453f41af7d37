//! The results contract (`docs/io.md`): one record a line inside a pretty
//! outer object, so that a diff of two runs reads record by record. Written
//! by hand because every score must be its exact decimal, which serde_json
//! would only give through float or its arbitrary-precision mode.

use std::io::{self, Write};

use rust_decimal::Decimal;

use crate::json::push_string;
pub(super) use crate::json::string;

use super::reason::{reason_text, write_tests};
use super::{decimal, entry_cite, entry_id, entry_part, part_id, push_decimal, push_integer};
use crate::eval::Rescore;
use crate::eval::{Cited, Entry, Proposal, Reason, Results, Scored, Selection, Source, Standings, Whose};
use crate::facts::{Quarter, Record};
use crate::policy::{Flag, GradeId, Policy, Subject, Veto};

pub fn write_json(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    quarter: &Quarter,
    results: &Results,
) -> io::Result<()> {
    let lists = Lists {
        selections: [&results.staff_selections, &results.window_selections],
        proposals: [&results.staff_proposals, &results.window_proposals],
    };
    document(out, policy, quarter, (results.staff.as_slice(), results.windows.as_slice()), lists)
}

/// [`write_json`] of a quarter graded without its traces: each record is
/// scored again as it is written, and dropped before the next, so that no
/// more than one record's trace is ever held. The same bytes as
/// [`write_json`] of [`evaluate`](crate::eval::evaluate)'s results.
pub fn write_json_standings(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    quarter: &Quarter,
    standings: &Standings,
) -> io::Result<()> {
    let lists = Lists {
        selections: [&standings.staff_selections, &standings.window_selections],
        proposals: [&standings.staff_proposals, &standings.window_proposals],
    };
    let again = standings.rescore(policy, quarter);
    let staff = Again { again: &again, staff: true, buffer: None };
    let windows = Again { again: &again, staff: false, buffer: None };
    document(out, policy, quarter, (staff, windows), lists)
}

/// Each record's score by index, as a document is written: held for
/// every record, or made again into one buffer.
trait Scores {
    fn get(&mut self, i: usize) -> Option<&Scored>;
}

impl Scores for &[Scored] {
    fn get(&mut self, i: usize) -> Option<&Scored> {
        <[Scored]>::get(self, i)
    }
}

/// The staff's (`staff`) or the windows' scores made again.
struct Again<'a> {
    again: &'a Rescore<'a>,
    staff: bool,
    /// The last record's score, whose room the next one reuses.
    buffer: Option<Scored>,
}

impl Scores for Again<'_> {
    fn get(&mut self, i: usize) -> Option<&Scored> {
        let (again, staff) = (self.again, self.staff);
        match &mut self.buffer {
            Some(buffer) => {
                let filled = if staff { again.staff_into(i, buffer) } else { again.window_into(i, buffer) };
                filled.then_some(&*buffer)
            }
            buffer @ None => {
                *buffer = if staff { again.staff(i) } else { again.window(i) };
                buffer.as_ref()
            }
        }
    }
}

/// How the chosen grades were filled and the honours proposed, staff first.
struct Lists<'a> {
    selections: [&'a [Selection]; 2],
    proposals: [&'a [Proposal]; 2],
}

/// The whole document; `scores` gives each staff member's and each
/// window's score by index.
fn document(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    quarter: &Quarter,
    (staff, windows): (impl Scores, impl Scores),
    lists: Lists<'_>,
) -> io::Result<()> {
    let Lists { selections: [staff_selections, window_selections], proposals: [staff_proposals, window_proposals] } =
        lists;
    writeln!(out, "{{")?;
    write!(out, "  \"period\": ")?;
    string(out, &quarter.period.to_string())?;
    writeln!(out, ",")?;
    write!(out, "  \"policy\": ")?;
    string(out, &policy.name)?;
    writeln!(out, ",")?;
    if let Some(effective) = policy.effective {
        writeln!(out, "  \"effective\": \"{effective}\",")?;
    }
    writeln!(out, "  \"staff\": [")?;
    records(out, policy, &policy.staff, quarter, &quarter.staff, staff)?;
    writeln!(out, "  ],")?;
    writeln!(out, "  \"windows\": [")?;
    records(out, policy, &policy.window, quarter, &quarter.windows, windows)?;
    writeln!(out, "  ],")?;
    writeln!(out, "  \"selection\": {{")?;
    write!(out, "    \"staff\": ")?;
    selections(out, &policy.staff, &quarter.staff, staff_selections)?;
    writeln!(out, ",")?;
    write!(out, "    \"windows\": ")?;
    selections(out, &policy.window, &quarter.windows, window_selections)?;
    writeln!(out)?;
    writeln!(out, "  }},")?;
    writeln!(out, "  \"proposals\": {{")?;
    write!(out, "    \"staff\": ")?;
    proposals(out, &policy.staff, &quarter.staff, staff_proposals)?;
    writeln!(out, ",")?;
    write!(out, "    \"windows\": ")?;
    proposals(out, &policy.window, &quarter.windows, window_proposals)?;
    writeln!(out)?;
    writeln!(out, "  }}")?;
    writeln!(out, "}}")
}

/// How each honour's proposals were made: the grade they come from, the
/// number, how many could be proposed, who is, and a tie left out at the cut.
fn proposals(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    records: &[Record],
    proposals: &[Proposal],
) -> io::Result<()> {
    write!(out, "[")?;
    for (n, p) in proposals.iter().enumerate() {
        let Some(honour) = subject.honours.get(p.honour) else { continue };
        write!(out, "{}{{\"honour\": ", if n > 0 { ", " } else { "" })?;
        string(out, &honour.name.id)?;
        write!(out, ", \"label\": ")?;
        string(out, &honour.name.label)?;
        write!(out, ", \"from\": ")?;
        string(out, grade_id(subject, honour.from))?;
        write!(out, ", \"at_most\": {}, \"candidates\": {}, \"proposed\": [", p.limit, p.candidates.len())?;
        ids(out, records, &p.proposed)?;
        write!(out, "]")?;
        if let Some(tie) = &p.tie {
            write!(out, ", \"tie_left_out\": {{\"total\": {}, \"ids\": [", decimal(tie.total))?;
            ids(out, records, &tie.members)?;
            write!(out, "]}}")?;
        }
        write!(out, "}}")?;
    }
    write!(out, "]")
}

pub(super) fn grade_id(subject: &Subject, grade: GradeId) -> &str {
    subject.band(grade).map_or("", |g| g.name.id.as_str())
}

/// `"vetoes": [{"grade", "cite", "reason"}], "flags": [{"flag", "cite", "reason"}]`
/// for the vetoes and flags that applied (`vetoed` indexes `vetoes`,
/// `flagged` indexes `flags`). `members` is the staff, whose facts a
/// window's conditions may read.
pub(super) fn vetoes_and_flags(
    out: &mut (impl Write + ?Sized),
    (subject, members): (&Subject, &Subject),
    (vetoes, flags): (&[Veto], &[Flag]),
    vetoed: &[Reason],
    flagged: &[Reason],
) -> io::Result<()> {
    write!(out, ", \"vetoes\": [")?;
    for (n, (veto, why)) in vetoed.iter().filter_map(|r| vetoes.get(r.index).map(|veto| (veto, r))).enumerate() {
        write!(out, "{}{{\"grade\": ", if n > 0 { ", " } else { "" })?;
        string(out, grade_id(subject, veto.grade))?;
        write!(out, ", \"cite\": ")?;
        string(out, &veto.cite)?;
        reason(out, subject, members, why)?;
        write!(out, "}}")?;
    }
    write!(out, "], \"flags\": [")?;
    for (n, (flag, why)) in flagged.iter().filter_map(|r| flags.get(r.index).map(|flag| (flag, r))).enumerate() {
        write!(out, "{}{{\"flag\": ", if n > 0 { ", " } else { "" })?;
        string(out, &flag.name.id)?;
        write!(out, ", \"cite\": ")?;
        string(out, &flag.cite)?;
        reason(out, subject, members, why)?;
        write!(out, "}}")?;
    }
    write!(out, "]")
}

/// `, "reason": "…", "tests": […]`: the reason in the policy's notation, and
/// each test that decided it as data.
pub(super) fn reason(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    members: &Subject,
    why: &Reason,
) -> io::Result<()> {
    write!(out, ", \"reason\": ")?;
    string(out, &reason_text(subject, members, &why.tests))?;
    write_tests(out, subject, members, &why.tests)
}

/// How each chosen grade was filled: the quota, who was chosen, and a tie
/// left out at the cut.
pub(super) fn selections(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    records: &[Record],
    selections: &[Selection],
) -> io::Result<()> {
    write!(out, "[")?;
    for (n, s) in selections.iter().enumerate() {
        write!(out, "{}{{\"grade\": ", if n > 0 { ", " } else { "" })?;
        string(out, grade_id(subject, s.grade))?;
        write!(out, ", \"from\": ")?;
        string(out, grade_id(subject, s.from))?;
        write!(
            out,
            ", \"quota_percent\": {}, \"assessed\": {}, \"limit\": {}, \"chosen\": [",
            decimal(s.percent),
            s.assessed,
            s.limit
        )?;
        ids(out, records, &s.chosen)?;
        write!(out, "], \"unfilled\": {}", s.unfilled())?;
        if let Some(tie) = &s.tie {
            write!(out, ", \"tie_left_out\": {{\"total\": {}, \"ids\": [", decimal(tie.total))?;
            ids(out, records, &tie.members)?;
            write!(out, "]}}")?;
        }
        write!(out, "}}")?;
    }
    write!(out, "]")
}

fn ids(out: &mut (impl Write + ?Sized), records: &[Record], indices: &[usize]) -> io::Result<()> {
    for (n, i) in indices.iter().enumerate() {
        if n > 0 {
            write!(out, ", ")?;
        }
        string(out, records.get(*i).map_or("", |r| r.id.as_str()))?;
    }
    Ok(())
}

fn records(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    subject: &Subject,
    quarter: &Quarter,
    records: &[Record],
    mut scored: impl Scores,
) -> io::Result<()> {
    let words = Escaped::new(policy, subject, quarter);
    // Each record is made in one buffer and written with one call: the
    // writer behind `out` is reached a hundred thousand times, not millions.
    let mut line = Vec::with_capacity(4096);
    let last = records.len().saturating_sub(1);
    for (i, record) in records.iter().enumerate() {
        let Some(score) = scored.get(i) else { break };
        line.clear();
        line.extend_from_slice(b"    ");
        record_into(&mut line, &words, quarter, record, score)?;
        line.extend_from_slice(if i == last { b"\n" } else { b",\n" });
        out.write_all(&line)?;
    }
    Ok(())
}

/// One record's object, as `eval --format json` writes it (docs/io.md).
pub fn record_json(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    subject: &Subject,
    quarter: &Quarter,
    record: &Record,
    score: &Scored,
) -> io::Result<()> {
    let mut line = Vec::with_capacity(4096);
    record_into(&mut line, &Escaped::new(policy, subject, quarter), quarter, record, score)?;
    out.write_all(&line)
}

/// The words every record of a subject repeats, each written once as the
/// JSON it becomes (quotes, escapes and the key before it): the trace's
/// rule, category, cite and fact of each rule, floor and average, the
/// categories' keys, grades, labels, roles, staff types, honours, levels and
/// window ids. A record then copies them, and escapes only its own id and
/// name.
struct Escaped<'a> {
    policy: &'a Policy,
    subject: &'a Subject,
    /// Per rule: `{"rule": "…", "category": "…", "cite": "…", "fact": "…"`.
    rules: Vec<Vec<u8>>,
    /// Per category, its floor's and its average's entry, as for rules (without a fact).
    floors: Vec<Vec<u8>>,
    averages: Vec<Vec<u8>>,
    /// Per category: `, "categories": {"discipline": ` for the first, `, "service": ` after.
    categories: Vec<Vec<u8>>,
    /// Per grade: `"excellent"`.
    grades: Vec<Vec<u8>>,
    /// Per staff type (none first, then each label set), per grade: `"优秀"`.
    labels: Vec<Vec<Vec<u8>>>,
    /// `, "role": "chief_rep"`, `, "staff_type": "institution"`, `"star_staff"`.
    roles: Vec<Vec<u8>>,
    staff_types: Vec<Vec<u8>>,
    honours: Vec<Vec<u8>>,
    /// Per level: `, "level": "county"`.
    levels: Vec<Vec<u8>>,
    /// Per window of the quarter: `, "window": "W01"`.
    windows: Vec<Vec<u8>>,
}

impl<'a> Escaped<'a> {
    fn new(policy: &'a Policy, subject: &'a Subject, quarter: &Quarter) -> Escaped<'a> {
        let keyed = |key: &str, text: &str| {
            let mut out = Vec::with_capacity(key.len() + text.len() + 8);
            out.extend_from_slice(key.as_bytes());
            push_string(&mut out, text);
            out
        };
        let quoted = |text: &str| keyed("", text);
        let entry = |entry: &Entry| {
            let mut out = keyed("{\"rule\": ", &entry_id(subject, entry));
            out.extend_from_slice(b", \"category\": ");
            push_string(&mut out, part_id(subject, entry_part(subject, entry)));
            out.extend_from_slice(b", \"cite\": ");
            push_string(&mut out, entry_cite(subject, entry));
            if let Source::Rule(r) = entry.source {
                out.extend_from_slice(b", \"fact\": ");
                push_string(&mut out, &subject.facts[subject.rules[r].fact.index()].name.id);
            }
            out
        };
        let of = |source: Source| {
            entry(&Entry { source, quantity: Decimal::ZERO, level: None, points: Decimal::ZERO, evidence: Vec::new() })
        };
        let categories = subject.categories.iter().enumerate();
        let sets = std::iter::once(None).chain(subject.label_sets.iter().enumerate().map(|(t, _)| Some(t)));
        Escaped {
            policy,
            subject,
            rules: (0..subject.rules.len()).map(|r| of(Source::Rule(r))).collect(),
            floors: (0..subject.categories.len()).map(|c| of(Source::Floor(c))).collect(),
            averages: (0..subject.categories.len()).map(|c| of(Source::Average(c))).collect(),
            categories: categories
                .map(|(c, category)| {
                    let mut key = keyed(if c == 0 { ", \"categories\": {" } else { ", " }, &category.name.id);
                    key.extend_from_slice(b": ");
                    key
                })
                .collect(),
            grades: subject.grades.iter().map(|g| quoted(&g.name.id)).collect(),
            labels: sets
                .map(|set| (0..subject.grades.len()).map(|g| quoted(subject.grade_label(GradeId(g), set))).collect())
                .collect(),
            roles: subject.roles.iter().map(|r| keyed(", \"role\": ", &r.id)).collect(),
            staff_types: subject.label_sets.iter().map(|s| keyed(", \"staff_type\": ", &s.name.id)).collect(),
            honours: subject.honours.iter().map(|h| quoted(&h.name.id)).collect(),
            levels: policy.levels.iter().map(|l| keyed(", \"level\": ", &l.id)).collect(),
            windows: quarter.windows.iter().map(|w| keyed(", \"window\": ", &w.id)).collect(),
        }
    }

    fn grade(&self, grade: GradeId) -> &[u8] {
        self.grades.get(grade.index()).map_or(b"\"\"", Vec::as_slice)
    }

    fn label(&self, grade: GradeId, staff_type: Option<usize>) -> &[u8] {
        let set = staff_type.filter(|t| *t < self.subject.label_sets.len()).map_or(0, |t| t + 1);
        self.labels.get(set).and_then(|labels| labels.get(grade.index())).map_or(b"\"\"", Vec::as_slice)
    }
}

/// [`record_json`] into `out`, with the subject's words escaped beforehand.
fn record_into(
    out: &mut Vec<u8>,
    words: &Escaped<'_>,
    quarter: &Quarter,
    record: &Record,
    score: &Scored,
) -> io::Result<()> {
    let (policy, subject) = (words.policy, words.subject);
    out.extend_from_slice(b"{\"id\": ");
    push_string(out, &record.id);
    out.extend_from_slice(b", \"name\": ");
    push_string(out, &record.name);
    if let Some(window) = record.window.and_then(|w| words.windows.get(w.index())) {
        out.extend_from_slice(window);
    }
    if let Some(role) = record.role.and_then(|r| words.roles.get(r.index())) {
        out.extend_from_slice(role);
    }
    if let Some(staff_type) = record.staff_type.and_then(|t| words.staff_types.get(t)) {
        out.extend_from_slice(staff_type);
    }
    out.extend_from_slice(b", \"total\": ");
    push_decimal(out, score.total);
    for (key, value) in words.categories.iter().zip(&score.categories) {
        out.extend_from_slice(key);
        push_decimal(out, *value);
    }
    // The object opens with its first key; a subject without categories has none.
    out.extend_from_slice(if words.categories.is_empty() { b", \"categories\": {}" } else { b"}" });
    if subject.penalties.is_some() {
        out.extend_from_slice(b", \"penalties\": ");
        push_decimal(out, score.penalties);
    }
    out.extend_from_slice(b", \"bonus\": ");
    push_decimal(out, score.bonus);
    out.extend_from_slice(b", \"grade\": ");
    out.extend_from_slice(words.grade(score.grade));
    out.extend_from_slice(b", \"grade_label\": ");
    out.extend_from_slice(words.label(score.grade, record.staff_type));
    out.extend_from_slice(b", \"band\": ");
    out.extend_from_slice(words.grade(score.band));
    out.extend_from_slice(b", \"rank\": ");
    push_integer(out, score.rank);
    if score.left_out_tied {
        out.extend_from_slice(b", \"left_out_tied\": true");
    }
    let lists = (subject.vetoes.as_slice(), subject.flags.as_slice());
    vetoes_and_flags(out, (subject, &policy.staff), lists, &score.vetoes, &score.flags)?;
    out.extend_from_slice(b", \"proposals\": [");
    for (n, honour) in score.proposals.iter().filter_map(|h| words.honours.get(*h)).enumerate() {
        if n > 0 {
            out.extend_from_slice(b", ");
        }
        out.extend_from_slice(honour);
    }
    out.extend_from_slice(b"], \"trace\": [");
    for (e, entry) in score.trace.iter().enumerate() {
        if e > 0 {
            out.extend_from_slice(b", ");
        }
        let (head, rule) = match entry.source {
            Source::Rule(r) => (words.rules.get(r), subject.rules.get(r)),
            Source::Floor(c) => (words.floors.get(c), None),
            Source::Average(c) => (words.averages.get(c), None),
        };
        out.extend_from_slice(head.map_or(&[][..], Vec::as_slice));
        if let Some(rule) = rule {
            if rule.scope == crate::policy::Scope::Own && !record.substitutions.is_empty() {
                let share = record.substituted(rule.fact, entry.level);
                if !share.is_zero() {
                    out.extend_from_slice(b", \"substituted\": ");
                    push_decimal(out, share);
                }
            }
        }
        if let Some(level) = entry.level.and_then(|l| words.levels.get(l)) {
            out.extend_from_slice(level);
        }
        out.extend_from_slice(b", \"quantity\": ");
        push_decimal(out, entry.quantity);
        out.extend_from_slice(b", \"points\": ");
        push_decimal(out, entry.points);
        if !entry.evidence.is_empty() {
            evidence(out, quarter, record, &entry.evidence)?;
        }
        out.extend_from_slice(b"}");
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

/// `, "evidence": [{"date", "note", "source"}, …]`: what made an entry's
/// quantity. An item on another record says whose: `"id"` for a member of
/// the window (an `in window` rule), `"substitute"` for what a substitute
/// earned for this person.
fn evidence(out: &mut (impl Write + ?Sized), quarter: &Quarter, record: &Record, cited: &[Cited]) -> io::Result<()> {
    out.write_all(b", \"evidence\": [")?;
    let mut first = true;
    for list in cited {
        let whose = match list.whose {
            Whose::Own => None,
            Whose::Member(m) => quarter.staff.get(m).map(|p| ("id", p.id.as_str())),
            Whose::Substitute(s) => record.substitutions.get(s).map(|s| ("substitute", s.by.as_str())),
        };
        for item in list.items.iter() {
            out.write_all(if first { b"{" } else { b", {" })?;
            first = false;
            if let Some((key, id)) = whose {
                write!(out, "\"{key}\": ")?;
                string(out, id)?;
                out.write_all(b", ")?;
            }
            write!(out, "\"date\": \"{}\", \"note\": ", item.date)?;
            string(out, &item.note)?;
            out.write_all(b", \"source\": ")?;
            string(out, &item.source)?;
            out.write_all(b"}")?;
        }
    }
    out.write_all(b"]")
}
