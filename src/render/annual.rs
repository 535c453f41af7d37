//! The year: JSON (docs/io.md, "Annual results") and a table.

use std::io::{self, Write};

use super::json::{grade_id, reason, string, vetoes_and_flags};
use super::{decimal, reason};
use crate::eval::annual::{AnnualRecord, AnnualResults};
use crate::eval::Selection;
use crate::policy::{Policy, Subject};

pub fn write_annual_json(out: &mut (impl Write + ?Sized), policy: &Policy, year: &AnnualResults) -> io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"year\": {},", year.year)?;
    write!(out, "  \"policy\": ")?;
    string(out, &policy.name)?;
    writeln!(out, ",")?;
    if let Some(effective) = policy.effective {
        writeln!(out, "  \"effective\": \"{effective}\",")?;
    }
    let periods =
        |list: &[crate::facts::Period]| list.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", ");
    writeln!(out, "  \"quarters\": [{}],", periods(&year.quarters))?;
    writeln!(out, "  \"missing\": [{}],", periods(&year.missing))?;
    for (key, subject, records, last) in
        [("staff", &policy.staff, &year.staff, false), ("windows", &policy.window, &year.windows, true)]
    {
        let _ = last;
        writeln!(out, "  \"{key}\": [")?;
        for (i, record) in records.iter().enumerate() {
            write!(out, "    ")?;
            annual_record(out, (subject, &policy.staff), record)?;
            writeln!(out, "{}", if i + 1 == records.len() { "" } else { "," })?;
        }
        writeln!(out, "  ],")?;
    }
    writeln!(out, "  \"selection\": {{")?;
    write!(out, "    \"staff\": ")?;
    selections(out, &policy.staff, &year.staff, &year.staff_selections)?;
    writeln!(out, ",")?;
    write!(out, "    \"windows\": ")?;
    selections(out, &policy.window, &year.windows, &year.window_selections)?;
    writeln!(out)?;
    writeln!(out, "  }}")?;
    writeln!(out, "}}")
}

fn annual_record(
    out: &mut (impl Write + ?Sized),
    (subject, members): (&Subject, &Subject),
    record: &AnnualRecord,
) -> io::Result<()> {
    write!(out, "{{\"id\": ")?;
    string(out, &record.id)?;
    write!(out, ", \"name\": ")?;
    string(out, &record.name)?;
    if let Some(window) = record.window() {
        write!(out, ", \"window\": ")?;
        string(out, window)?;
        if record.windows.len() > 1 {
            write!(out, ", \"windows\": [")?;
            for (i, w) in record.windows.iter().enumerate() {
                write!(out, "{}", if i > 0 { ", " } else { "" })?;
                string(out, w)?;
            }
            write!(out, "]")?;
        }
    }
    if let Some(role) = record.role.and_then(|r| subject.roles.get(r)) {
        write!(out, ", \"role\": ")?;
        string(out, &role.id)?;
    }
    if let Some(staff_type) = record.staff_type.and_then(|t| subject.label_sets.get(t)) {
        write!(out, ", \"staff_type\": ")?;
        string(out, &staff_type.name.id)?;
    }
    write!(out, ", \"quarters\": {{")?;
    for (i, (period, total, grade)) in record.quarters.iter().enumerate() {
        write!(out, "{}\"{period}\": {{\"total\": {}, \"grade\": ", if i > 0 { ", " } else { "" }, decimal(*total))?;
        string(out, grade)?;
        write!(out, "}}")?;
    }
    write!(out, "}}, \"months_in_hall\": {}, \"total\": {}", decimal(record.months_in_hall), decimal(record.total))?;
    let rules = subject.annual.as_ref();
    write!(out, ", \"assessed\": {}", record.standing.is_some())?;
    if !record.not_assessed.is_empty() {
        write!(out, ", \"not_assessed\": [")?;
        for (i, why) in record.not_assessed.iter().enumerate() {
            write!(out, "{}{{\"cite\": ", if i > 0 { ", " } else { "" })?;
            string(out, rules.and_then(|r| r.not_assessed.get(why.index)).map_or("", |g| g.cite.as_str()))?;
            reason(out, subject, members, why)?;
            write!(out, "}}")?;
        }
        write!(out, "]")?;
    }
    match &record.standing {
        Some(standing) => {
            write!(out, ", \"grade\": ")?;
            string(out, grade_id(subject, standing.grade))?;
            write!(out, ", \"grade_label\": ")?;
            string(out, subject.grade_label(standing.grade, record.staff_type))?;
            write!(out, ", \"band\": ")?;
            string(out, grade_id(subject, standing.band))?;
            write!(out, ", \"rank\": {}", standing.rank)?;
            if standing.left_out_tied {
                write!(out, ", \"left_out_tied\": true")?;
            }
        }
        None => write!(out, ", \"grade\": null, \"grade_label\": null, \"band\": null, \"rank\": null")?,
    }
    let (vetoes, flags) = rules.map_or((&[][..], &[][..]), |r| (r.vetoes.as_slice(), r.flags.as_slice()));
    vetoes_and_flags(out, (subject, members), (vetoes, flags), &record.vetoes, &record.flags)?;
    write!(out, "}}")
}

fn selections(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    records: &[AnnualRecord],
    selections: &[Selection],
) -> io::Result<()> {
    let ids: Vec<crate::facts::Record> =
        records.iter().map(|r| crate::facts::Record { id: r.id.clone(), ..Default::default() }).collect();
    super::json::selections(out, subject, &ids, selections)
}

/// The year as a table: each quarter's total, the annual total, rank and grade.
pub fn write_annual_table(out: &mut (impl Write + ?Sized), policy: &Policy, year: &AnnualResults) -> io::Result<()> {
    if !policy.name.is_empty() {
        writeln!(out, "{}", policy.name)?;
    }
    writeln!(out, "{} 年度考核", year.year)?;
    if !year.missing.is_empty() {
        let missing: Vec<String> = year.missing.iter().map(|p| p.to_string()).collect();
        writeln!(out, "缺少季度：{}（年度总分为已有季度的平均）", missing.join("、"))?;
    }
    for (subject, records, is_staff) in [(&policy.staff, &year.staff, true), (&policy.window, &year.windows, false)] {
        writeln!(out)?;
        writeln!(out, "{}（{}）", subject.name.label, records.len())?;
        let mut header: Vec<String> = vec!["编号".into(), if is_staff { "姓名" } else { "名称" }.into()];
        if is_staff {
            header.push("窗口".into());
        }
        let numbers_from = header.len();
        header.extend(year.quarters.iter().map(|p| match p {
            crate::facts::Period::Quarter { quarter, .. } => format!("Q{quarter}"),
            other => other.to_string(),
        }));
        if is_staff {
            header.push("在厅月数".into());
        }
        header.extend(["年度总分".into(), "名次".into(), "等次".into()]);
        let rows: Vec<Vec<String>> = records
            .iter()
            .map(|record| {
                let mut row = vec![record.id.clone(), record.name.clone()];
                if is_staff {
                    row.push(record.window().unwrap_or("").to_string());
                }
                for period in &year.quarters {
                    let total = record.quarters.iter().find(|(p, _, _)| p == period).map(|(_, t, _)| decimal(*t));
                    row.push(total.unwrap_or_else(|| "—".into()));
                }
                if is_staff {
                    row.push(decimal(record.months_in_hall));
                }
                row.push(decimal(record.total));
                match &record.standing {
                    Some(standing) => {
                        row.push(standing.rank.to_string());
                        let mut grade = subject.grade_label(standing.grade, record.staff_type).to_string();
                        let rules = subject.annual.as_ref();
                        let flags: Vec<&str> = record
                            .flags
                            .iter()
                            .filter_map(|r| rules.and_then(|a| a.flags.get(r.index)).map(|f| f.name.label.as_str()))
                            .collect();
                        if !flags.is_empty() {
                            grade.push_str(&format!("（{}）", flags.join("、")));
                        }
                        row.push(grade);
                    }
                    None => {
                        row.push("—".into());
                        row.push("不参加年度考核".into());
                    }
                }
                row
            })
            .collect();
        for line in super::columns::aligned(&header, &rows, numbers_from) {
            writeln!(out, "{line}")?;
        }
        let selections = if is_staff { &year.staff_selections } else { &year.window_selections };
        let (lines, list) = notes((subject, &policy.staff), records, selections);
        super::table::write_notes(out, &lines, &list)?;
    }
    Ok(())
}

/// Under the year's table, why: who is not assessed, each annual veto and
/// flag, and a chosen grade left short of its quota.
fn notes(
    (subject, members): (&Subject, &Subject),
    records: &[AnnualRecord],
    selections: &[Selection],
) -> (Vec<[String; 3]>, Vec<String>) {
    let Some(rules) = &subject.annual else { return (Vec::new(), Vec::new()) };
    let mut lines = Vec::new();
    for record in records {
        let notes = reason::notes(
            (subject, members),
            (&rules.not_assessed, &rules.vetoes, &rules.flags),
            (&record.not_assessed, &record.vetoes, &record.flags),
        );
        lines.extend(notes.into_iter().map(|note| [record.id.clone(), record.name.clone(), note]));
    }
    let id = |i: usize| records.get(i).map_or(String::new(), |r| r.id.clone());
    (lines, selections.iter().filter_map(|s| reason::selection_note(subject, id, s)).collect())
}
