//! `kaohe diff` as a person reads it (a table) and as a script reads it
//! (JSON).

use std::io::{self, Write};

use rust_decimal::Decimal;

use super::columns::columns;
use super::decimal;
use crate::eval::diff::{Diff, Records};
use crate::json::quoted as json_string;
use crate::policy::diff::{Side, What};
use crate::policy::Subject;

/// The diff as tables: the policy changes, then the records that move;
/// terminal-safe ([`super::safe`]).
pub fn write_diff_table(out: &mut dyn Write, diff: &Diff<'_>) -> io::Result<()> {
    let mut safe = super::safe::Safe::new(out);
    diff.table(&mut safe)?;
    safe.flush()
}

/// The diff as JSON.
pub fn write_diff_json(out: &mut dyn Write, diff: &Diff<'_>) -> io::Result<()> {
    diff.json(out)
}

/// `+2`, `-0.5`, `0`.
fn signed(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format!("+{}", decimal(value))
    } else {
        decimal(value)
    }
}

/// An empty field reads as a dash.
fn shown(text: &str) -> &str {
    if text.is_empty() {
        "—"
    } else {
        text
    }
}

impl Diff<'_> {
    fn table(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "考核期 {}", self.quarter.period)?;
        writeln!(out, "旧 {}", self.old.describe())?;
        writeln!(out, "新 {}", self.new.describe())?;
        writeln!(out)?;
        if self.changes.is_empty() {
            writeln!(out, "政策变化：无")?;
        } else {
            writeln!(out, "政策变化（{} 处）", self.changes.len())?;
            let mut rows = Vec::new();
            for change in self.changes {
                let (sign, detail) = match &change.what {
                    What::Added(summary) => ("+", summary.clone()),
                    What::Removed(summary) => ("-", summary.clone()),
                    What::Changed(fields) => (
                        "~",
                        fields
                            .iter()
                            .map(|(name, old, new)| format!("{name}: {} → {}", shown(old), shown(new)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                };
                rows.push(vec![
                    format!("  {}", change.subject),
                    format!("{sign} {}", change.kind),
                    change.key.clone(),
                    detail,
                ]);
            }
            for line in columns(&rows, |_| false) {
                writeln!(out, "{line}")?;
            }
        }
        for one in self.one_sided {
            let (knows, other) = if one.known_to == Side::New { ("新", "旧") } else { ("旧", "新") };
            writeln!(
                out,
                "仅{knows}政策有：{} {}（{}），{other}政策按 0 计；{} 条记录填报",
                one.subject, one.fact.id, one.fact.label, one.records
            )?;
        }
        let subject = &self.new.policy;
        self.records_table(out, &subject.staff, &self.staff, true)?;
        self.records_table(out, &subject.window, &self.windows, false)
    }

    fn records_table(
        &self,
        out: &mut dyn Write,
        subject: &Subject,
        records: &Records<'_>,
        is_staff: bool,
    ) -> io::Result<()> {
        writeln!(out)?;
        writeln!(
            out,
            "{}（{}）：变化 {}，不变 {}",
            subject.name.label,
            records.assessed,
            records.moved.len(),
            records.unchanged
        )?;
        if records.moved.is_empty() {
            return Ok(());
        }
        let mut header: Vec<String> = vec!["编号".into(), if is_staff { "姓名" } else { "名称" }.into()];
        if is_staff {
            header.push("窗口".into());
        }
        let first_number = header.len();
        header.extend(["旧总分", "新总分", "变化", "旧等次", "新等次"].map(String::from));
        let mut rows = vec![header];
        for m in &records.moved {
            let mut row = vec![m.record.id.clone(), m.record.name.clone()];
            if is_staff {
                let window = m.record.window.and_then(|w| self.quarter.window(w));
                row.push(window.map_or(String::new(), |w| w.id.clone()));
            }
            row.extend([
                decimal(m.old_total),
                decimal(m.new_total),
                signed(m.delta),
                m.old_grade.map_or(String::new(), |g| g.label.clone()),
                m.new_grade.map_or(String::new(), |g| g.label.clone()),
            ]);
            rows.push(row);
        }
        for line in columns(&rows, |c| c >= first_number && c < first_number + 3) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{")?;
        writeln!(out, "  \"period\": {},", json_string(&self.quarter.period.to_string()))?;
        for (name, dir, side) in [("from", self.from, self.old), ("to", self.to, self.new)] {
            write!(
                out,
                "  \"{name}\": {{\"dir\": {}, \"version\": {}, \"policy\": {}",
                json_string(&dir.display().to_string()),
                json_string(&side.dir.display().to_string()),
                json_string(&side.policy.name)
            )?;
            if let Some(effective) = side.policy.effective {
                write!(out, ", \"effective\": \"{effective}\"")?;
            }
            writeln!(out, "}},")?;
        }
        writeln!(out, "  \"policy_changes\": [")?;
        for (n, change) in self.changes.iter().enumerate() {
            write!(
                out,
                "    {{\"subject\": {}, \"kind\": {}, \"id\": {}, ",
                json_string(change.subject),
                json_string(change.kind),
                json_string(&change.key)
            )?;
            match &change.what {
                What::Added(summary) => write!(out, "\"change\": \"added\", \"new\": {}", json_string(summary))?,
                What::Removed(summary) => write!(out, "\"change\": \"removed\", \"old\": {}", json_string(summary))?,
                What::Changed(fields) => {
                    write!(out, "\"change\": \"changed\", \"fields\": {{")?;
                    for (i, (name, old, new)) in fields.iter().enumerate() {
                        write!(
                            out,
                            "{}{}: {{\"old\": {}, \"new\": {}}}",
                            if i > 0 { ", " } else { "" },
                            json_string(name),
                            json_string(old),
                            json_string(new)
                        )?;
                    }
                    write!(out, "}}")?;
                }
            }
            writeln!(out, "}}{}", if n + 1 == self.changes.len() { "" } else { "," })?;
        }
        writeln!(out, "  ],")?;
        writeln!(out, "  \"one_sided\": [")?;
        for (n, one) in self.one_sided.iter().enumerate() {
            writeln!(
                out,
                "    {{\"subject\": {}, \"fact\": {}, \"label\": {}, \"known_to\": \"{}\", \"records\": {}}}{}",
                json_string(one.subject),
                json_string(&one.fact.id),
                json_string(&one.fact.label),
                if one.known_to == Side::New { "to" } else { "from" },
                one.records,
                if n + 1 == self.one_sided.len() { "" } else { "," }
            )?;
        }
        writeln!(out, "  ],")?;
        self.records_json(out, "staff", &self.staff)?;
        writeln!(out, ",")?;
        self.records_json(out, "windows", &self.windows)?;
        writeln!(out)?;
        writeln!(out, "}}")
    }

    fn records_json(&self, out: &mut dyn Write, name: &str, records: &Records<'_>) -> io::Result<()> {
        writeln!(
            out,
            "  \"{name}\": {{\"assessed\": {}, \"unchanged\": {}, \"changed\": [",
            records.assessed, records.unchanged
        )?;
        for (n, m) in records.moved.iter().enumerate() {
            write!(out, "    {{\"id\": {}, \"name\": {}", json_string(&m.record.id), json_string(&m.record.name))?;
            if let Some(window) = m.record.window.and_then(|w| self.quarter.window(w)) {
                write!(out, ", \"window\": {}", json_string(&window.id))?;
            }
            write!(
                out,
                ", \"old\": {{\"total\": {}, \"grade\": {}}}, \"new\": {{\"total\": {}, \"grade\": {}}}, \"delta\": {}}}",
                decimal(m.old_total),
                json_string(m.old_grade.map_or("", |g| g.id.as_str())),
                decimal(m.new_total),
                json_string(m.new_grade.map_or("", |g| g.id.as_str())),
                decimal(m.delta)
            )?;
            writeln!(out, "{}", if n + 1 == records.moved.len() { "" } else { "," })?;
        }
        write!(out, "  ]}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed() {
        assert_eq!(signed(Decimal::new(25, 1)), "+2.5");
        assert_eq!(signed(Decimal::new(-5, 1)), "-0.5");
        assert_eq!(signed(Decimal::ZERO), "0");
    }
}
