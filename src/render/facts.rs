//! The facts file `kaohe gather` writes (docs/io.md): every record with its
//! facts and, beside them, the evidence of each, one item a line so that a
//! diff of two runs reads day by day.

use std::io::{self, Write};

use crate::facts::Value;
use crate::json::string;
use crate::policy::{Policy, Subject};
use crate::records::{Gathered, Gathered1};

use super::write_decimal;

pub fn write_facts(out: &mut dyn Write, policy: &Policy, gathered: &Gathered) -> io::Result<()> {
    out.write_all(b"{\n  \"period\": ")?;
    string(out, &gathered.period.to_string())?;
    out.write_all(b",\n  \"windows\": [")?;
    for (i, record) in gathered.windows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write_record(out, policy, &policy.window, record, false)?;
    }
    out.write_all(if gathered.windows.is_empty() { b"],\n  \"staff\": [" } else { b"\n  ],\n  \"staff\": [" })?;
    for (i, record) in gathered.staff.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write_record(out, policy, &policy.staff, record, true)?;
    }
    out.write_all(if gathered.staff.is_empty() { b"]\n}\n" } else { b"\n  ]\n}\n" })
}

fn write_record(
    out: &mut dyn Write,
    policy: &Policy,
    subject: &Subject,
    record: &Gathered1,
    staff: bool,
) -> io::Result<()> {
    out.write_all(b"    { \"id\": ")?;
    string(out, &record.id)?;
    out.write_all(b", \"name\": ")?;
    string(out, &record.name)?;
    if staff {
        if let Some(window) = &record.window {
            out.write_all(b", \"window\": ")?;
            string(out, window)?;
        }
        if let Some(role) = &record.role {
            out.write_all(b", \"role\": ")?;
            string(out, role)?;
        }
        if let Some(joined) = record.joined {
            write!(out, ", \"joined\": \"{joined}\"")?;
        }
        if record.institution {
            out.write_all(b", \"staff_type\": \"institution\"")?;
        }
        for (attribute, value) in &record.attributes {
            out.write_all(b", ")?;
            string(out, &policy.staff.attributes[*attribute].name.id)?;
            out.write_all(b": ")?;
            write_decimal(out, *value)?;
        }
    }
    out.write_all(b",\n      \"facts\": {")?;
    for (i, (fact, value)) in record.facts.iter().enumerate() {
        out.write_all(if i == 0 { b" " } else { b", " })?;
        string(out, &subject.facts[fact.index()].name.id)?;
        out.write_all(b": ")?;
        match value {
            Value::Number(n) => write_decimal(out, *n)?,
            Value::Amounts(list) => {
                out.write_all(b"[")?;
                for (j, a) in list.iter().enumerate() {
                    if j > 0 {
                        out.write_all(b", ")?;
                    }
                    write_decimal(out, *a)?;
                }
                out.write_all(b"]")?;
            }
            Value::Levels(levels) => {
                out.write_all(b"{")?;
                for (j, (level, n)) in levels.iter().enumerate() {
                    if j > 0 {
                        out.write_all(b", ")?;
                    }
                    string(out, &policy.levels[*level].id)?;
                    out.write_all(b": ")?;
                    write_decimal(out, *n)?;
                }
                out.write_all(b"}")?;
            }
        }
    }
    out.write_all(if record.facts.is_empty() { b"}" } else { b" }" })?;
    if !record.evidence.is_empty() {
        out.write_all(b",\n      \"evidence\": {")?;
        for (i, (fact, items)) in record.evidence.iter().enumerate() {
            out.write_all(if i == 0 { b"\n        " } else { b",\n        " })?;
            string(out, &subject.facts[fact.index()].name.id)?;
            out.write_all(b": [")?;
            for (j, item) in items.iter().enumerate() {
                out.write_all(if j == 0 { b"\n          " } else { b",\n          " })?;
                write!(out, "{{\"date\": \"{}\", \"note\": ", item.date)?;
                string(out, &item.note)?;
                out.write_all(b", \"source\": ")?;
                string(out, &item.source.to_string())?;
                out.write_all(b"}")?;
            }
            out.write_all(b"\n        ]")?;
        }
        out.write_all(b"\n      }")?;
    }
    out.write_all(b" }")
}
