//! The year as JSON (docs/io.md, "Annual results"); its table is in `table`.

use std::io::{self, Write};

use super::decimal;
use super::json::{grade_id, reason, string, vetoes_and_flags};
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
    if let Some(role) = record.role.and_then(|r| subject.role(r)) {
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
