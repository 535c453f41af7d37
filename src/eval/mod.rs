//! Stage 4, policy + facts → scores. Staff are scored first, since a window's
//! averaged category is built from its staff's scores. Every rule that moves
//! a score leaves an [`Entry`] in the record's trace, and so does every floor,
//! so that a trace always adds up to its total.
//!
//! All arithmetic is `rust_decimal`; the only rounding is the one an average
//! declares. Policy numbers are at most 10⁹ and fact quantities at most 10⁶
//! (both checked on the way in), which keeps every sum far from overflow.

pub mod annual;
mod arith;
pub mod standing;

use std::collections::HashMap;

use rust_decimal::Decimal;

pub use arith::{apply_floor, beyond, round_half_away, weighted_average};

pub use standing::{Proposal, Selection, Standing};

use crate::facts::{Quarter, Record, Value};
use crate::policy::{Measure, Part, Policy, Scope, Subject, Term, TermScope};

#[derive(Debug, Clone)]
pub struct Results {
    pub staff: Vec<Scored>,
    pub windows: Vec<Scored>,
    /// How each chosen grade was filled.
    pub staff_selections: Vec<Selection>,
    pub window_selections: Vec<Selection>,
    /// How each honour's proposals were made (第十七条(四)): never grades.
    pub staff_proposals: Vec<Proposal>,
    pub window_proposals: Vec<Proposal>,
}

/// One record's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// One score per category of the subject, floors applied.
    pub categories: Vec<Decimal>,
    /// The sum of penalty points (≤ 0 for a policy that only deducts there).
    pub penalties: Decimal,
    pub bonus: Decimal,
    pub total: Decimal,
    /// Index into the subject's grades: the band of the total, until a
    /// chosen grade (`excellent`) replaces it.
    pub grade: usize,
    /// The band of the total, whatever was chosen.
    pub band: usize,
    pub rank: usize,
    /// Left out of a chosen grade with a group tied at the quota cut.
    pub left_out_tied: bool,
    /// Vetoes that applied: (index in the subject's vetoes, why).
    pub vetoes: Vec<(usize, String)>,
    /// Flags raised: (index in the subject's flags, why).
    pub flags: Vec<(usize, String)>,
    /// The honours it is proposed for: indices into the subject's honours.
    pub proposals: Vec<usize>,
    pub trace: Vec<Entry>,
}

/// One line of a record's ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub source: Source,
    /// What the rule counted: cases, days, cards in the window, or for an
    /// average the averaged value; for a floor, the category's score before it.
    pub quantity: Decimal,
    /// For `by level` rules, the level this entry counts.
    pub level: Option<usize>,
    pub points: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The subject's rule at this index.
    Rule(usize),
    /// The floor of this category: deductions stop when its points are used up.
    Floor(usize),
    /// This category's average of the members' scores.
    Average(usize),
}

/// Score every staff member, then every window.
pub fn evaluate(policy: &Policy, quarter: &Quarter) -> Results {
    let sums = StaffSums::new(quarter);
    let staff: Vec<Scored> = quarter
        .staff
        .iter()
        .map(|person| {
            let window = person.window.unwrap_or(0);
            score(&policy.staff, person, |rule| sums.get(policy.staff.rules[rule].fact, window), |_| None)
        })
        .collect();
    let averages = averages(policy, quarter, &staff);
    let windows = quarter
        .windows
        .iter()
        .enumerate()
        .map(|(w, window)| {
            score(&policy.window, window, |_| Decimal::ZERO, |category| averages.get(&(category, w)).copied())
        })
        .collect();
    let mut results = Results {
        staff,
        windows,
        staff_selections: Vec::new(),
        window_selections: Vec::new(),
        staff_proposals: Vec::new(),
        window_proposals: Vec::new(),
    };
    stand(policy, quarter, &sums, &mut results);
    results
}

/// Vetoes, chosen grades, ranks and flags, once every total is known.
fn stand(policy: &Policy, quarter: &Quarter, sums: &StaffSums, results: &mut Results) {
    let view = |is_staff: bool, i: usize, grade: Option<usize>| {
        let (record, window) =
            if is_staff { (&quarter.staff[i], quarter.staff[i].window) } else { (&quarter.windows[i], Some(i)) };
        QuarterView { record, window, sums, grade }
    };
    for (subject, scored, is_staff) in
        [(&policy.staff, &mut results.staff, true), (&policy.window, &mut results.windows, false)]
    {
        for (i, record) in scored.iter_mut().enumerate() {
            let view = view(is_staff, i, None);
            record.vetoes = subject
                .vetoes
                .iter()
                .enumerate()
                .filter_map(|(v, veto)| {
                    standing::test(subject, &policy.staff, &veto.condition, &view).map(|why| (v, why))
                })
                .collect();
        }
        let totals: Vec<Option<Decimal>> = scored.iter().map(|s| Some(s.total)).collect();
        let (standings, selections) = standing::grade_all(subject, &totals, |i, g| {
            scored[i].vetoes.iter().any(|(v, _)| subject.vetoes[*v].grade == g)
        });
        for (record, standing) in scored.iter_mut().zip(standings) {
            if let Some(standing) = standing {
                record.band = standing.band;
                record.grade = standing.grade;
                record.rank = standing.rank;
                record.left_out_tied = standing.left_out_tied;
            }
        }
        for (i, record) in scored.iter_mut().enumerate() {
            let view = view(is_staff, i, Some(record.grade));
            record.flags = subject
                .flags
                .iter()
                .enumerate()
                .filter_map(|(f, flag)| {
                    standing::test(subject, &policy.staff, &flag.condition, &view).map(|why| (f, why))
                })
                .collect();
        }
        let totals: Vec<Decimal> = scored.iter().map(|s| s.total).collect();
        let proposals = standing::propose(subject, &totals, |i, honour| {
            let record = &scored[i];
            record.grade == honour.from
                && honour.condition.as_ref().is_none_or(|c| {
                    standing::test(subject, &policy.staff, c, &view(is_staff, i, Some(record.grade))).is_some()
                })
        });
        for proposal in &proposals {
            for &i in &proposal.proposed {
                scored[i].proposals.push(proposal.honour);
            }
        }
        if is_staff {
            results.staff_selections = selections;
            results.staff_proposals = proposals;
        } else {
            results.window_selections = selections;
            results.window_proposals = proposals;
        }
    }
}

/// The sum of each staff fact over each window's staff, for `in window`
/// rules and for `in window` and `of staff` in conditions.
pub struct StaffSums {
    /// Indexed `window * facts + fact`.
    sums: Vec<Decimal>,
    facts: usize,
}

impl StaffSums {
    pub fn new(quarter: &Quarter) -> StaffSums {
        let facts = quarter.staff.iter().flat_map(|p| p.facts.iter().map(|(f, _)| f + 1)).max().unwrap_or(0);
        let mut sums = vec![Decimal::ZERO; facts * quarter.windows.len()];
        for person in &quarter.staff {
            let Some(w) = person.window else { continue };
            for (fact, value) in &person.facts {
                if let Some(slot) = sums.get_mut(w * facts + fact) {
                    *slot += magnitude(value);
                }
            }
        }
        StaffSums { sums, facts }
    }

    pub fn get(&self, fact: usize, window: usize) -> Decimal {
        if fact >= self.facts {
            return Decimal::ZERO;
        }
        self.sums.get(window * self.facts + fact).copied().unwrap_or_default()
    }
}

/// A fact as one number: counts and days as they are, amounts as the number
/// of cases, levels as all levels together.
pub fn magnitude(value: &Value) -> Decimal {
    value.magnitude()
}

/// One record of one quarter, as a condition reads it.
struct QuarterView<'a> {
    record: &'a Record,
    window: Option<usize>,
    sums: &'a StaffSums,
    grade: Option<usize>,
}

impl standing::Record for QuarterView<'_> {
    fn term(&self, term: Term) -> Decimal {
        match term {
            Term::Fact { fact, scope: TermScope::Own } => self.record.fact(fact).map(magnitude).unwrap_or_default(),
            Term::Fact { fact, scope: TermScope::Window | TermScope::Staff } => {
                self.window.map(|w| self.sums.get(fact, w)).unwrap_or_default()
            }
            Term::Attribute(a) => self.record.attributes.get(a).copied().unwrap_or_default(),
            // check keeps months_in_hall out of quarterly conditions.
            Term::MonthsInHall => Decimal::ZERO,
        }
    }

    fn role(&self) -> Option<usize> {
        self.record.role
    }

    fn grade(&self) -> Option<usize> {
        self.grade
    }

    // check keeps `in every quarter` out of quarterly conditions.
    fn quarters_with(&self, _grade: usize) -> (usize, usize) {
        (0, 1)
    }
}

/// For each averaged window category, each window's weighted average.
fn averages(policy: &Policy, quarter: &Quarter, staff: &[Scored]) -> HashMap<(usize, usize), Decimal> {
    let mut out = HashMap::new();
    for (c, category) in policy.window.categories.iter().enumerate() {
        let Some(average) = &category.average else {
            continue;
        };
        let mut parts: Vec<Vec<(Decimal, Decimal)>> = vec![Vec::new(); quarter.windows.len()];
        for (person, scored) in quarter.staff.iter().zip(staff) {
            if let (Some(w), Some(score)) = (person.window, scored.categories.get(average.category)) {
                parts[w].push((*score, person.attributes[average.weight]));
            }
        }
        for (w, values) in parts.iter().enumerate() {
            if let Some(value) = weighted_average(values, average.places) {
                out.insert((c, w), value);
            }
        }
    }
    out
}

/// Score one record. `in_window(rule)` gives the window-wide quantity of an
/// `in window` rule; `average(category)` the value of an averaged category.
fn score(
    subject: &Subject,
    record: &Record,
    in_window: impl Fn(usize) -> Decimal,
    average: impl Fn(usize) -> Option<Decimal>,
) -> Scored {
    let mut trace = Vec::new();
    let mut raw: Vec<Decimal> = subject.categories.iter().map(|c| c.points).collect();
    let mut penalties = Decimal::ZERO;
    let mut bonus = Decimal::ZERO;
    for (r, rule) in subject.rules.iter().enumerate() {
        if rule.role.is_some() && rule.role != record.role {
            continue;
        }
        let quantity = match rule.scope {
            Scope::Window => Some(Value::Number(in_window(r))),
            Scope::Own => record.fact(rule.fact).cloned(),
        };
        let Some(quantity) = quantity else { continue };
        let before = trace.len();
        match (&rule.measure, &quantity) {
            (Measure::Each { points, beyond: threshold }, Value::Number(n)) => {
                let counted = beyond(*n, *threshold);
                if !counted.is_zero() {
                    trace.push(Entry { source: Source::Rule(r), quantity: *n, level: None, points: counted * points });
                }
            }
            (Measure::Assessed { sign }, Value::Amounts(amounts)) if !amounts.is_empty() => {
                let sum: Decimal = amounts.iter().sum();
                trace.push(Entry {
                    source: Source::Rule(r),
                    quantity: Decimal::from(amounts.len()),
                    level: None,
                    points: sum * sign,
                });
            }
            (Measure::ByLevel(table), Value::Levels(counts)) => {
                for (level, n) in counts {
                    let points = table.get(*level).copied().unwrap_or_default() * n;
                    if !points.is_zero() {
                        trace.push(Entry { source: Source::Rule(r), quantity: *n, level: Some(*level), points });
                    }
                }
            }
            _ => {}
        }
        let moved: Decimal = trace[before..].iter().map(|e| e.points).sum();
        match rule.part {
            Part::Category(c) => raw[c] += moved,
            Part::Penalties => penalties += moved,
            Part::Bonus => bonus += moved,
        }
    }
    let mut categories = Vec::with_capacity(raw.len());
    for (c, category) in subject.categories.iter().enumerate() {
        if let Some(value) = average(c) {
            trace.push(Entry {
                source: Source::Average(c),
                quantity: value,
                level: None,
                points: value - category.points,
            });
            categories.push(value);
            continue;
        }
        let (score, restored) = apply_floor(raw[c]);
        if !restored.is_zero() {
            trace.push(Entry { source: Source::Floor(c), quantity: raw[c], level: None, points: restored });
        }
        categories.push(score);
    }
    let total = categories.iter().sum::<Decimal>() + penalties + bonus;
    // check proves the bands cover every total; the fallback is never taken.
    let grade = subject.grade(total).unwrap_or(0);
    Scored {
        categories,
        penalties,
        bonus,
        total,
        grade,
        band: grade,
        rank: 0,
        left_out_tied: false,
        vetoes: Vec::new(),
        flags: Vec::new(),
        proposals: Vec::new(),
        trace,
    }
}
