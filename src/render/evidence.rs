//! The evidence lines of a ledger: under each rule, veto or flag, the dated
//! records that made it (`2026-07-03  上午签到 09:07（应不晚于 08:55）〔punches.csv:118〕`),
//! so that a person who appeals sees the days, not only the count.

use std::fmt::{Result, Write};

use crate::eval::{Cited, Whose};
use crate::facts::{Evidenced, Quarter, Record};
use crate::policy::{Condition, Term, TermScope};

/// Write each item of `cited`, indented by `indent`; items on another
/// record say whose they are.
pub(super) fn write_cited(
    out: &mut String,
    indent: &str,
    quarter: &Quarter,
    record: &Record,
    cited: &[Cited],
) -> Result {
    for list in cited {
        let whose = match list.whose {
            Whose::Own => String::new(),
            Whose::Member(m) => quarter.staff.get(m).map_or(String::new(), |p| format!("{} {}：", p.id, p.name)),
            Whose::Substitute(s) => {
                record.substitutions.get(s).map_or(String::new(), |s| format!("{}（{}）顶岗期间：", s.name, s.by))
            }
        };
        for item in list.items.iter() {
            writeln!(out, "{indent}{}  {whose}{}〔{}〕", item.date, item.note, item.source)?;
        }
    }
    Ok(())
}

/// The evidence behind what a veto's or flag's condition reads: the
/// record's own facts and attributes, and for `in window` / `of staff`
/// terms each member's. `members` are the staff of the record's window.
pub(super) fn of_condition(condition: &Condition, record: &Record, members: &[(usize, &Record)]) -> Vec<Cited> {
    let mut terms = Vec::new();
    collect_terms(condition, &mut terms);
    let mut out: Vec<Cited> = Vec::new();
    let mut seen: Vec<(Whose, Evidenced)> = Vec::new();
    let mut push = |whose: Whose, of: Evidenced, on: &Record| {
        if seen.contains(&(whose, of)) {
            return;
        }
        seen.push((whose, of));
        if let Some(items) = on.evidence(of) {
            out.push(Cited { whose, items: items.clone() });
        }
    };
    for term in terms {
        match term {
            Term::Fact { fact, scope: TermScope::Own } => push(Whose::Own, Evidenced::Fact(fact), record),
            Term::Attribute(a) => push(Whose::Own, Evidenced::Attribute(a), record),
            Term::Fact { fact, scope: TermScope::Window | TermScope::Staff } => {
                for (m, member) in members {
                    // The record's own share of the window's is its own evidence.
                    let whose = if std::ptr::eq(*member, record) { Whose::Own } else { Whose::Member(*m) };
                    push(whose, Evidenced::Fact(fact), member);
                }
            }
            Term::MonthsInHall => {}
        }
    }
    out
}

/// The record's own facts and attributes a condition reads.
pub(super) fn read_by(condition: &Condition) -> Vec<Evidenced> {
    let mut terms = Vec::new();
    collect_terms(condition, &mut terms);
    terms
        .into_iter()
        .filter_map(|term| match term {
            Term::Fact { fact, scope: TermScope::Own } => Some(Evidenced::Fact(fact)),
            Term::Attribute(a) => Some(Evidenced::Attribute(a)),
            _ => None,
        })
        .collect()
}

fn collect_terms(condition: &Condition, out: &mut Vec<Term>) {
    match condition {
        Condition::Or(parts) | Condition::And(parts) => parts.iter().for_each(|p| collect_terms(p, out)),
        Condition::Not(inner) => collect_terms(inner, out),
        Condition::Compare { terms, .. } => out.extend(terms.iter().copied()),
        Condition::Role(_) | Condition::Grade { .. } => {}
    }
}
