//! One record's ledger: every rule that moved its score with cite, wording,
//! quantity and points; each category with its floor; penalties, bonus,
//! total and grade. This is what a person reads to appeal a score
//! (第十六条(三)), so it says in words what each line did.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::{decimal, entry_cite, entry_part, pad};
use crate::eval::{Entry, Scored, Source};
use crate::facts::{Quarter, Record, Value};
use crate::policy::{Band, FactKind, Measure, Part, Policy, Subject};

/// The ledger of the staff member or window with this id, if there is one.
pub fn explain(policy: &Policy, quarter: &Quarter, results: &crate::eval::Results, id: &str) -> Option<String> {
    let (subject, record, scored) = quarter
        .staff
        .iter()
        .zip(&results.staff)
        .find(|(r, _)| r.id == id)
        .map(|(r, s)| (&policy.staff, r, s))
        .or_else(|| {
            quarter.windows.iter().zip(&results.windows).find(|(r, _)| r.id == id).map(|(r, s)| (&policy.window, r, s))
        })?;
    let mut out = String::new();
    ledger(&mut out, policy, subject, quarter, record, scored).ok()?;
    Some(out)
}

fn ledger(
    out: &mut String,
    policy: &Policy,
    subject: &Subject,
    quarter: &Quarter,
    record: &Record,
    scored: &Scored,
) -> std::fmt::Result {
    write!(out, "{} {}（{}", record.id, record.name, subject.name.label)?;
    if let Some(window) = record.window.and_then(|w| quarter.windows.get(w)) {
        write!(out, "，{} {}", window.id, window.name)?;
    }
    if let Some(role) = record.role.and_then(|r| subject.roles.get(r)) {
        write!(out, "，{}", role.label)?;
    }
    writeln!(out, "）  考核期 {}", quarter.period)?;
    writeln!(out)?;

    for (c, category) in subject.categories.iter().enumerate() {
        let part = Part::Category(c);
        writeln!(out, "{} {}  {} 分", category.name.label, category.name.id, decimal(category.points))?;
        lines(out, policy, subject, record, scored, part)?;
        writeln!(out, "  = {}", decimal(scored.categories.get(c).copied().unwrap_or_default()))?;
        writeln!(out)?;
    }
    for (part, label) in [(Part::Penalties, &subject.penalties), (Part::Bonus, &subject.bonus)] {
        let Some(label) = label else { continue };
        writeln!(out, "{} {}", label.label, label.id)?;
        lines(out, policy, subject, record, scored, part)?;
        let value = if part == Part::Penalties { scored.penalties } else { scored.bonus };
        writeln!(out, "  = {}", signed(value))?;
        writeln!(out)?;
    }
    let categories: Decimal = scored.categories.iter().sum();
    let mut sum = decimal(categories);
    if subject.penalties.is_some() {
        sum.push_str(&format!(" {} {}", sign_word(scored.penalties), decimal(scored.penalties.abs())));
    }
    if subject.bonus.is_some() {
        sum.push_str(&format!(" {} {}", sign_word(scored.bonus), decimal(scored.bonus.abs())));
    }
    writeln!(out, "总分 total  {sum} = {}", decimal(scored.total))?;
    if let Some(band) = subject.grades.get(scored.grade) {
        writeln!(out, "等次 grade  {} {}（{}）", band.name.label, band.name.id, band_words(band))?;
    }
    Ok(())
}

/// The entries of one part, each with what it counted and its wording.
fn lines(
    out: &mut String,
    policy: &Policy,
    subject: &Subject,
    record: &Record,
    scored: &Scored,
    part: Part,
) -> std::fmt::Result {
    let entries: Vec<&Entry> = scored.trace.iter().filter(|e| entry_part(subject, e) == part).collect();
    if entries.is_empty() {
        writeln!(out, "  （{}）", if part == Part::Bonus { "无加分" } else { "无扣分" })?;
        return Ok(());
    }
    for entry in entries {
        let points = pad(&signed(entry.points), 8, true);
        let cite = entry_cite(subject, entry);
        match entry.source {
            Source::Rule(r) => {
                let rule = &subject.rules[r];
                let fact = &subject.facts[rule.fact];
                let counted = counted(policy, subject, record, rule.fact, entry, &rule.measure);
                writeln!(out, "{points}  {} {}：{counted}  [{cite}]", fact.name.label, fact.name.id)?;
                if let Some(wording) = &rule.wording {
                    writeln!(out, "{}  “{wording}”", " ".repeat(8))?;
                }
            }
            Source::Floor(c) => {
                let deducted = subject.categories[c].points - entry.quantity;
                writeln!(
                    out,
                    "{points}  扣完为止：deductions of {} exceed the {} points; the category stops at 0  [{cite}]",
                    decimal(deducted),
                    decimal(subject.categories[c].points)
                )?;
            }
            Source::Average(c) => {
                let wording = subject.categories[c].average.as_ref().and_then(|a| a.wording.clone());
                writeln!(out, "{points}  staff average {}  [{cite}]", decimal(entry.quantity))?;
                if let Some(wording) = wording {
                    writeln!(out, "{}  “{wording}”", " ".repeat(8))?;
                }
            }
        }
    }
    Ok(())
}

/// What a rule counted, in words: `2 × 3`, `9, 3 beyond 6 × 0.5`, `[6, 8]`.
fn counted(
    policy: &Policy,
    subject: &Subject,
    record: &Record,
    fact: usize,
    entry: &Entry,
    measure: &Measure,
) -> String {
    let unit = match subject.facts[fact].kind {
        FactKind::Days => " days",
        _ => "",
    };
    match measure {
        Measure::Each { points, beyond } if beyond.is_zero() => {
            format!("{}{unit} × {}", decimal(entry.quantity), decimal(points.abs()))
        }
        Measure::Each { points, beyond } => format!(
            "{}, {} beyond {} × {}",
            decimal(entry.quantity),
            decimal(entry.quantity - beyond),
            decimal(*beyond),
            decimal(points.abs())
        ),
        Measure::Assessed { .. } => match record.fact(fact) {
            Some(Value::Amounts(amounts)) => {
                format!(
                    "{} cases assessed [{}]",
                    amounts.len(),
                    amounts.iter().map(|a| decimal(*a)).collect::<Vec<_>>().join(", ")
                )
            }
            _ => decimal(entry.quantity),
        },
        Measure::ByLevel(table) => {
            let level = entry.level.and_then(|l| policy.levels.get(l));
            let each = entry.level.and_then(|l| table.get(l)).copied().unwrap_or_default();
            format!("{} {} × {}", decimal(entry.quantity), level.map_or("", |l| l.label.as_str()), decimal(each.abs()))
        }
    }
}

fn signed(value: Decimal) -> String {
    if value.is_sign_positive() && !value.is_zero() {
        format!("+{}", decimal(value))
    } else {
        decimal(value)
    }
}

fn sign_word(value: Decimal) -> &'static str {
    if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        "+"
    }
}

fn band_words(band: &Band) -> String {
    match (band.from, band.below) {
        (Some(from), Some(below)) => format!("{} ≤ total < {}", decimal(from), decimal(below)),
        (Some(from), None) => format!("total ≥ {}", decimal(from)),
        (None, Some(below)) => format!("total < {}", decimal(below)),
        (None, None) => "every total".into(),
    }
}
