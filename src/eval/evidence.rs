//! The evidence behind each trace entry: after scoring, every rule entry
//! is given what made its quantity, so that the trace answers "which days?"
//! by itself. Nothing here touches a score.

use std::sync::Arc;

use super::{Entry, Scored, Source};
use crate::facts::{Evidence, Evidenced, Quarter, Record};
use crate::policy::{Policy, Scope, Subject};

/// One list of evidence behind a trace entry, and whose record it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    pub whose: Whose,
    pub items: Arc<[Evidence]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// The scored record's own.
    Own,
    /// What the record's substitute at this index earned for it (第十四条).
    Substitute(usize),
    /// A member of the window, by index in the quarter's staff: the
    /// evidence of an `in window` rule is on each member's record.
    Member(usize),
}

/// Give each rule's first entry in every trace the evidence of its fact.
/// (A level table's entries share one list: an item does not say its level.)
pub(super) fn attach(policy: &Policy, quarter: &Quarter, staff: &mut [Scored], windows: &mut [Scored]) {
    let Some(members) = Members::of(quarter) else { return };
    for (i, scored) in staff.iter_mut().enumerate() {
        members.staff(policy, quarter, i, &mut scored.trace);
    }
    for (w, scored) in windows.iter_mut().enumerate() {
        members.window(policy, quarter, w, &mut scored.trace);
    }
}

/// Each window's staff, by index in the quarter's staff: whose evidence an
/// `in window` rule cites.
pub(super) struct Members(Vec<Vec<usize>>);

impl Members {
    /// None when no record of the quarter carries evidence: there is none to attach.
    pub(super) fn of(quarter: &Quarter) -> Option<Members> {
        let any = |records: &[Record]| {
            records.iter().any(|r| !r.evidence.is_empty() || r.substitutions.iter().any(|s| !s.evidence.is_empty()))
        };
        if !any(&quarter.staff) && !any(&quarter.windows) {
            return None;
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); quarter.windows.len()];
        for (i, person) in quarter.staff.iter().enumerate() {
            if let Some(list) = person.window.and_then(|w| members.get_mut(w.index())) {
                list.push(i);
            }
        }
        Some(Members(members))
    }

    /// Attach evidence to staff member `i`'s trace.
    pub(super) fn staff(&self, policy: &Policy, quarter: &Quarter, i: usize, trace: &mut [Entry]) {
        let Some(record) = quarter.staff.get(i) else { return };
        let window = record.window.and_then(|w| self.0.get(w.index())).map_or(&[][..], Vec::as_slice);
        fill(&policy.staff, quarter, record, window, trace);
    }

    /// Attach evidence to window `w`'s trace.
    pub(super) fn window(&self, policy: &Policy, quarter: &Quarter, w: usize, trace: &mut [Entry]) {
        if let Some(record) = quarter.windows.get(w) {
            fill(&policy.window, quarter, record, &[], trace);
        }
    }
}

fn fill(subject: &Subject, quarter: &Quarter, record: &Record, members: &[usize], trace: &mut [Entry]) {
    let mut last = None;
    for entry in trace {
        let Source::Rule(r) = entry.source else { continue };
        if last == Some(r) {
            continue;
        }
        last = Some(r);
        let rule = &subject.rules[r];
        let of = Evidenced::Fact(rule.fact);
        entry.evidence = match rule.scope {
            Scope::Own => {
                let own = record.evidence(of).map(|items| Cited { whose: Whose::Own, items: Arc::clone(items) });
                let substitutes = record.substitutions.iter().enumerate().filter_map(|(s, sub)| {
                    let items = sub.evidence.iter().find(|(e, _)| *e == of).map(|(_, items)| items)?;
                    Some(Cited { whose: Whose::Substitute(s), items: Arc::clone(items) })
                });
                own.into_iter().chain(substitutes).collect()
            }
            Scope::Window => members
                .iter()
                .filter_map(|&m| {
                    let items = quarter.staff.get(m)?.evidence(of)?;
                    Some(Cited { whose: Whose::Member(m), items: Arc::clone(items) })
                })
                .collect(),
        };
    }
}
