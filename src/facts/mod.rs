//! Stage 3, facts JSON → [`Quarter`]: reads one period's facts file against
//! a checked policy. Every value is validated against the kind its policy
//! declares (a count is whole, days come in halves, an amount lies in its
//! range, a level is declared), and every problem in the file is reported
//! with the record, the field and the line and column.

pub mod error;
mod evidence;
mod load;
mod period;
mod recognise;
pub mod sheet;

pub use error::FactsError;
pub use load::{leading_period, load, load_once, load_parsed, parse, peek_period, Error, Parsed};
pub use period::Period;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::policy::FactId;

/// One period's records, in input order.
#[derive(Debug, Clone)]
pub struct Quarter {
    pub period: Period,
    pub windows: Vec<Record>,
    pub staff: Vec<Record>,
}

impl Quarter {
    /// The window record at an index.
    pub fn window(&self, window: WindowIx) -> Option<&Record> {
        self.windows.get(window.0)
    }
}

/// A window's index in its period's `Quarter::windows`: a type of its own,
/// so that a staff member's index in `staff`, a fact's or a count cannot be
/// taken for the window they sit in (`StaffSums::get(fact, window)`,
/// `unweighted`'s (window, members)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WindowIx(pub usize);

impl WindowIx {
    pub fn index(self) -> usize {
        self.0
    }
}

#[derive(Debug, Clone, Default)]
pub struct Record {
    pub id: String,
    pub name: String,
    /// For staff: the index of their window in `Quarter::windows`.
    pub window: Option<WindowIx>,
    /// For staff: the index of their role in the policy's roles.
    pub role: Option<crate::policy::RoleId>,
    /// For staff: their `staff_type`, an index into the policy's label sets
    /// (第十八条: 事业单位人员 are graded 优秀/合格/基本合格/不合格).
    pub staff_type: Option<usize>,
    /// One value per policy attribute (absent means zero).
    pub attributes: Vec<Decimal>,
    /// The facts given, sorted by the fact's index in the policy, with what
    /// substitutes earned for this person added in. Absent facts are zero,
    /// so most records hold only a handful.
    pub facts: Vec<(FactId, Value)>,
    /// For staff: the day they started in the hall, when given; it decides
    /// their months in the hall for the year.
    pub joined: Option<chrono::NaiveDate>,
    /// What substitutes earned standing in for this person (第十四条),
    /// already included in `facts`; kept to explain it.
    pub substitutions: Vec<Substitution>,
    /// What made each fact (or attribute), as the facts file lists it;
    /// only facts with evidence appear, in the order given.
    pub evidence: Vec<(Evidenced, Arc<[Evidence]>)>,
}

/// One item of what made a fact: a punch, a leave slip, a finding, a case,
/// a review (records.md): `{"date", "note", "source"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub date: chrono::NaiveDate,
    /// A short Chinese note: `上午签到 09:07（应不晚于 08:55）`.
    pub note: String,
    /// The file or sheet and its 1-based row: `punches.csv:118`, `办件!B7`.
    pub source: String,
}

/// What a list of evidence is about: a fact or an attribute (`days_away`)
/// of the record's subject, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Evidenced {
    Fact(FactId),
    Attribute(usize),
}

/// `{"substitute": "T01", "name": "王五", "for": "S0007", "facts": {…}}`
#[derive(Debug, Clone)]
pub struct Substitution {
    /// The substitute's id (they need not be on the staff list).
    pub by: String,
    pub name: String,
    pub facts: Vec<(FactId, Value)>,
    /// What made the substitute's facts, as the entry lists it.
    pub evidence: Vec<(Evidenced, Arc<[Evidence]>)>,
}

impl Record {
    /// The evidence given for a fact or attribute (empty when none is).
    pub fn evidence(&self, of: Evidenced) -> Option<&Arc<[Evidence]>> {
        self.evidence.iter().find(|(e, _)| *e == of).map(|(_, items)| items)
    }

    /// The value of the fact with this index in the policy, if given:
    /// `facts` is sorted by index, each once.
    pub fn fact(&self, index: FactId) -> Option<&Value> {
        self.facts.binary_search_by_key(&index, |(i, _)| *i).ok().map(|at| &self.facts[at].1)
    }

    /// How much of a fact substitutes earned for this person: the count or
    /// days, the number of assessed cases, or one level's count.
    pub fn substituted(&self, fact: FactId, level: Option<usize>) -> Decimal {
        let mut sum = Decimal::ZERO;
        for substitution in &self.substitutions {
            for (_, value) in substitution.facts.iter().filter(|(i, _)| *i == fact) {
                sum += match (value, level) {
                    (Value::Number(n), _) => *n,
                    (Value::Amounts(a), _) => Decimal::from(a.len()),
                    (Value::Levels(l), Some(level)) => l.iter().filter(|(x, _)| *x == level).map(|(_, n)| *n).sum(),
                    (Value::Levels(l), None) => l.iter().map(|(_, n)| *n).sum(),
                };
            }
        }
        sum
    }

    /// Add a fact to this record's own: counts and days sum, amounts join,
    /// levels sum level by level.
    pub fn add_fact(&mut self, index: FactId, value: &Value) {
        let Some(slot) = self.facts.iter_mut().find(|(i, _)| *i == index) else {
            self.facts.push((index, value.clone()));
            self.facts.sort_by_key(|(i, _)| *i);
            return;
        };
        match (&mut slot.1, value) {
            (Value::Number(a), Value::Number(b)) => *a += *b,
            (Value::Amounts(a), Value::Amounts(b)) => a.extend_from_slice(b),
            (Value::Levels(a), Value::Levels(b)) => {
                for (level, n) in b {
                    match a.iter_mut().find(|(l, _)| l == level) {
                        Some((_, m)) => *m += *n,
                        None => a.push((*level, *n)),
                    }
                }
                a.sort_by_key(|(l, _)| *l);
            }
            // One fact has one kind: the loader never mixes them.
            _ => {}
        }
    }
}

/// The windows whose staff weigh nothing in total, so that the policy's
/// averaged category cannot be taken for them: (window, how many staff it
/// has). Empty when no category is averaged.
pub(crate) fn unweighted<'r>(
    policy: &crate::policy::Policy,
    windows: usize,
    staff: impl IntoIterator<Item = &'r Record>,
) -> Vec<(WindowIx, usize)> {
    let Some(weight) = policy.window.categories.iter().find_map(|c| c.average.as_ref()).map(|a| a.weight) else {
        return Vec::new();
    };
    let mut totals = vec![Decimal::ZERO; windows];
    let mut members = vec![0usize; windows];
    for person in staff {
        if let Some(w) = person.window.map(WindowIx::index).filter(|w| *w < windows) {
            totals[w] += person.attributes.get(weight).copied().unwrap_or_default();
            members[w] += 1;
        }
    }
    let zero = totals.iter().zip(members).enumerate().filter(|(_, (total, _))| total.is_zero());
    zero.map(|(w, (_, n))| (WindowIx(w), n)).collect()
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A count or a number of days.
    Number(Decimal),
    /// Each assessed amount, in the order given.
    Amounts(Vec<Decimal>),
    /// (level index, count) for each level given, in policy order.
    Levels(Vec<(usize, Decimal)>),
}

impl Value {
    /// The value as one number: counts and days as they are, amounts as the
    /// number of cases, levels as all levels together.
    pub fn magnitude(&self) -> Decimal {
        match self {
            Value::Number(n) => *n,
            Value::Amounts(a) => Decimal::from(a.len()),
            Value::Levels(l) => l.iter().map(|(_, n)| *n).sum(),
        }
    }
}
