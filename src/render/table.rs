//! The default output: two aligned tables, staff then windows, with the
//! policy's Chinese labels, for a person reading at a terminal.

use std::io::{self, Write};

use super::{decimal, reason};
use crate::eval::{Proposal, Results, Scored, Selection};
use crate::facts::{Quarter, Record};
use crate::policy::{Policy, Subject};

pub fn write_table(
    out: &mut (impl Write + ?Sized),
    policy: &Policy,
    quarter: &Quarter,
    results: &Results,
) -> io::Result<()> {
    if !policy.name.is_empty() {
        writeln!(out, "{}", policy.name)?;
    }
    writeln!(out, "考核期 {}", quarter.period)?;
    writeln!(out)?;
    section(out, &policy.staff, quarter, &quarter.staff, &results.staff, true)?;
    proposals(out, &policy.staff, &quarter.staff, &results.staff_proposals)?;
    notes(out, (&policy.staff, &policy.staff), &quarter.staff, &results.staff, &results.staff_selections)?;
    writeln!(out)?;
    section(out, &policy.window, quarter, &quarter.windows, &results.windows, false)?;
    proposals(out, &policy.window, &quarter.windows, &results.window_proposals)?;
    notes(out, (&policy.window, &policy.staff), &quarter.windows, &results.windows, &results.window_selections)
}

/// Under a table, why: each veto and flag of each record, and a chosen
/// grade left short of its quota.
fn notes(
    out: &mut (impl Write + ?Sized),
    (subject, members): (&Subject, &Subject),
    records: &[Record],
    scored: &[Scored],
    selections: &[Selection],
) -> io::Result<()> {
    let mut lines = Vec::new();
    for (record, score) in records.iter().zip(scored) {
        let notes = reason::notes(
            (subject, members),
            (&[], &subject.vetoes, &subject.flags),
            (&[], &score.vetoes, &score.flags),
        );
        lines.extend(notes.into_iter().map(|note| [record.id.clone(), record.name.clone(), note]));
    }
    let id = |i: usize| records.get(i).map_or(String::new(), |r| r.id.clone());
    let list: Vec<String> = selections.iter().filter_map(|s| reason::selection_note(subject, id, s)).collect();
    write_notes(out, &lines, &list)
}

/// `说明` after a blank line: the records' notes (id, name, note) in
/// columns, then the notes on the list; nothing when there are none.
pub(super) fn write_notes(out: &mut (impl Write + ?Sized), records: &[[String; 3]], list: &[String]) -> io::Result<()> {
    if records.is_empty() && list.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "说明")?;
    let rows: Vec<Vec<String>> = records.iter().map(|r| r.to_vec()).collect();
    for line in super::columns::columns(&rows, |_| false).iter().chain(list) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The honours proposed, apart from the grades: `拟评明星个人（从优秀中按总分由高到低，至多 3 名）：S0003 张伟、…`.
fn proposals(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    records: &[Record],
    proposals: &[Proposal],
) -> io::Result<()> {
    for proposal in proposals {
        let Some(honour) = subject.honours.get(proposal.honour) else { continue };
        let from = subject.grades.get(honour.from).map_or("", |g| g.name.label.as_str());
        let names: Vec<String> = proposal
            .proposed
            .iter()
            .filter_map(|i| records.get(*i))
            .map(|r| if r.name.is_empty() { r.id.clone() } else { format!("{} {}", r.id, r.name) })
            .collect();
        let who = if names.is_empty() { "无".to_string() } else { names.join("、") };
        write!(out, "拟评{}（从{from}中按总分由高到低，至多 {} 名）：{who}", honour.name.label, proposal.limit)?;
        if let Some(tie) = &proposal.tie {
            let ids: Vec<&str> = tie.members.iter().filter_map(|i| records.get(*i)).map(|r| r.id.as_str()).collect();
            write!(out, "；{} 同为 {} 分，全部列入将超过名额，均未列入", ids.join("、"), decimal(tie.total))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn section(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    quarter: &Quarter,
    records: &[Record],
    scored: &[Scored],
    is_staff: bool,
) -> io::Result<()> {
    writeln!(out, "{}（{}）", subject.name.label, records.len())?;
    let mut header: Vec<String> = vec!["编号".into(), if is_staff { "姓名" } else { "名称" }.into()];
    if is_staff {
        header.push("窗口".into());
    }
    let first_number = header.len();
    header.extend(subject.categories.iter().map(|c| format!("{}{}", c.name.label, c.points)));
    if let Some(p) = &subject.penalties {
        header.push(short(&p.label));
    }
    if let Some(b) = &subject.bonus {
        header.push(short(&b.label));
    }
    header.push("总分".into());
    header.push("名次".into());
    header.push("等次".into());

    let mut rows: Vec<Vec<String>> = Vec::with_capacity(records.len());
    for (record, score) in records.iter().zip(scored) {
        let mut row = vec![record.id.clone(), record.name.clone()];
        if is_staff {
            row.push(record.window.and_then(|w| quarter.windows.get(w)).map_or(String::new(), |w| w.id.clone()));
        }
        row.extend(score.categories.iter().map(|v| decimal(*v)));
        if subject.penalties.is_some() {
            row.push(decimal(score.penalties));
        }
        if subject.bonus.is_some() {
            row.push(decimal(score.bonus));
        }
        row.push(decimal(score.total));
        row.push(score.rank.to_string());
        let mut grade = subject.grade_label(score.grade, record.staff_type).to_string();
        if !score.flags.is_empty() {
            let flags: Vec<&str> =
                score.flags.iter().filter_map(|r| subject.flags.get(r.index)).map(|f| f.name.label.as_str()).collect();
            grade.push_str(&format!("（{}）", flags.join("、")));
        }
        row.push(grade);
        rows.push(row);
    }
    for line in super::columns::aligned(&header, &rows, first_number) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A column heading from a section label: `扣分（不设下限）` → `扣分`.
fn short(label: &str) -> String {
    label.split(['（', '(']).next().unwrap_or(label).trim().to_string()
}
