//! The results contract (`docs/io.md`): one record a line inside a pretty
//! outer object, so that a diff of two runs reads record by record. Written
//! by hand because every score must be its exact decimal, which serde_json
//! would only give through float or its arbitrary-precision mode.

use std::io::{self, Write};

pub(super) use crate::json::string;

use super::reason::{reason_text, write_tests};
use super::{decimal, entry_cite, entry_id, entry_part, part_id, write_decimal};
use crate::eval::{Cited, Proposal, Reason, Results, Scored, Selection, Source, Whose};
use crate::facts::{Quarter, Record};
use crate::policy::{Flag, Policy, Subject, Veto};

pub fn write_json(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    quarter: &Quarter,
    results: &Results,
) -> io::Result<()> {
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
    records(out, policy, &policy.staff, quarter, &quarter.staff, &results.staff)?;
    writeln!(out, "  ],")?;
    writeln!(out, "  \"windows\": [")?;
    records(out, policy, &policy.window, quarter, &quarter.windows, &results.windows)?;
    writeln!(out, "  ],")?;
    writeln!(out, "  \"selection\": {{")?;
    write!(out, "    \"staff\": ")?;
    selections(out, &policy.staff, &quarter.staff, &results.staff_selections)?;
    writeln!(out, ",")?;
    write!(out, "    \"windows\": ")?;
    selections(out, &policy.window, &quarter.windows, &results.window_selections)?;
    writeln!(out)?;
    writeln!(out, "  }},")?;
    writeln!(out, "  \"proposals\": {{")?;
    write!(out, "    \"staff\": ")?;
    proposals(out, &policy.staff, &quarter.staff, &results.staff_proposals)?;
    writeln!(out, ",")?;
    write!(out, "    \"windows\": ")?;
    proposals(out, &policy.window, &quarter.windows, &results.window_proposals)?;
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

pub(super) fn grade_id(subject: &Subject, grade: usize) -> &str {
    subject.grades.get(grade).map_or("", |g| g.name.id.as_str())
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
    scored: &[Scored],
) -> io::Result<()> {
    let last = records.len().saturating_sub(1);
    for (i, (record, score)) in records.iter().zip(scored).enumerate() {
        write!(out, "    ")?;
        record_json(out, policy, subject, quarter, record, score)?;
        writeln!(out, "{}", if i == last { "" } else { "," })?;
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
    {
        write!(out, "{{\"id\": ")?;
        string(out, &record.id)?;
        write!(out, ", \"name\": ")?;
        string(out, &record.name)?;
        if let Some(w) = record.window.and_then(|w| quarter.windows.get(w)) {
            write!(out, ", \"window\": ")?;
            string(out, &w.id)?;
        }
        if let Some(role) = record.role.and_then(|r| subject.roles.get(r)) {
            write!(out, ", \"role\": ")?;
            string(out, &role.id)?;
        }
        if let Some(staff_type) = record.staff_type.and_then(|t| subject.label_sets.get(t)) {
            write!(out, ", \"staff_type\": ")?;
            string(out, &staff_type.name.id)?;
        }
        out.write_all(b", \"total\": ")?;
        write_decimal(out, score.total)?;
        out.write_all(b", \"categories\": {")?;
        for (c, (category, value)) in subject.categories.iter().zip(&score.categories).enumerate() {
            if c > 0 {
                out.write_all(b", ")?;
            }
            string(out, &category.name.id)?;
            out.write_all(b": ")?;
            write_decimal(out, *value)?;
        }
        out.write_all(b"}")?;
        if subject.penalties.is_some() {
            out.write_all(b", \"penalties\": ")?;
            write_decimal(out, score.penalties)?;
        }
        out.write_all(b", \"bonus\": ")?;
        write_decimal(out, score.bonus)?;
        out.write_all(b", \"grade\": ")?;
        string(out, grade_id(subject, score.grade))?;
        out.write_all(b", \"grade_label\": ")?;
        string(out, subject.grade_label(score.grade, record.staff_type))?;
        write!(out, ", \"band\": ")?;
        string(out, grade_id(subject, score.band))?;
        write!(out, ", \"rank\": {}", score.rank)?;
        if score.left_out_tied {
            write!(out, ", \"left_out_tied\": true")?;
        }
        let lists = (subject.vetoes.as_slice(), subject.flags.as_slice());
        vetoes_and_flags(out, (subject, &policy.staff), lists, &score.vetoes, &score.flags)?;
        write!(out, ", \"proposals\": [")?;
        for (n, honour) in score.proposals.iter().filter_map(|h| subject.honours.get(*h)).enumerate() {
            write!(out, "{}", if n > 0 { ", " } else { "" })?;
            string(out, &honour.name.id)?;
        }
        write!(out, "], \"trace\": [")?;
        for (e, entry) in score.trace.iter().enumerate() {
            if e > 0 {
                write!(out, ", ")?;
            }
            write!(out, "{{\"rule\": ")?;
            string(out, &entry_id(subject, entry))?;
            write!(out, ", \"category\": ")?;
            string(out, part_id(subject, entry_part(subject, entry)))?;
            write!(out, ", \"cite\": ")?;
            string(out, entry_cite(subject, entry))?;
            if let Source::Rule(r) = entry.source {
                write!(out, ", \"fact\": ")?;
                string(out, &subject.facts[subject.rules[r].fact].name.id)?;
            }
            if let Source::Rule(r) = entry.source {
                if subject.rules[r].scope == crate::policy::Scope::Own && !record.substitutions.is_empty() {
                    let share = record.substituted(subject.rules[r].fact, entry.level);
                    if !share.is_zero() {
                        write!(out, ", \"substituted\": {}", decimal(share))?;
                    }
                }
            }
            if let Some(level) = entry.level.and_then(|l| policy.levels.get(l)) {
                write!(out, ", \"level\": ")?;
                string(out, &level.id)?;
            }
            out.write_all(b", \"quantity\": ")?;
            write_decimal(out, entry.quantity)?;
            out.write_all(b", \"points\": ")?;
            write_decimal(out, entry.points)?;
            if !entry.evidence.is_empty() {
                evidence(out, quarter, record, &entry.evidence)?;
            }
            out.write_all(b"}")?;
        }
        write!(out, "]}}")?;
    }
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
