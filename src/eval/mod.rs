//! Stage 4, policy + facts → scores. Staff are scored first, since a window's
//! averaged category is built from its staff's scores. Every rule that moves
//! a score leaves an [`Entry`] in the record's trace, and so does every floor,
//! so that a trace always adds up to its total.
//!
//! Nothing here is worded: a veto, flag or `not assessed` line that applies
//! is a [`Reason`] (which line, and each test that decided it with the
//! values read; see [`reason`]), a quota's outcome is a [`Selection`], and
//! `render` says them in Chinese or in the policy's notation.
//!
//! All arithmetic is `rust_decimal`; the only rounding is the one an average
//! declares. Policy numbers are at most 10⁹ and fact quantities at most 10⁶
//! (both checked on the way in), which keeps every sum far from overflow.

pub mod annual;
mod arith;
pub mod diff;
mod evidence;
pub mod reason;
pub mod standing;

use std::collections::HashMap;

use rust_decimal::Decimal;

pub use arith::{apply_floor, beyond, round_half_away, weighted_average};

pub use evidence::{Cited, Whose};
pub use reason::{Read, Reason, Test};
pub use standing::{Proposal, Selection, Standing, Tie};

use crate::facts::{Quarter, Record, Value, WindowIx};
use crate::policy::{FactId, GradeId, Measure, Part, Policy, Scope, Subject, Term, TermScope};

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
    pub grade: GradeId,
    /// The band of the total, whatever was chosen.
    pub band: GradeId,
    pub rank: usize,
    /// Left out of a chosen grade with a group tied at the quota cut.
    pub left_out_tied: bool,
    /// Vetoes that applied, indexing the subject's vetoes, each with why.
    pub vetoes: Vec<Reason>,
    /// Flags raised, indexing the subject's flags, each with why.
    pub flags: Vec<Reason>,
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
    /// What made the quantity, as the facts gave it: on the first entry of
    /// each rule, empty when the facts carry no evidence.
    pub evidence: Vec<Cited>,
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
    let (staff_rules, window_rules) = (RuleIndex::new(&policy.staff), RuleIndex::new(&policy.window));
    let mut staff: Vec<Scored> = quarter
        .staff
        .iter()
        .map(|person| {
            let window = person.window.unwrap_or(WindowIx(0));
            let in_window = |rule: usize| sums.get(policy.staff.rules[rule].fact, window);
            score(&policy.staff, &staff_rules, person, in_window, |_| None)
        })
        .collect();
    let averages = averages(policy, quarter, &staff);
    let mut windows: Vec<Scored> = quarter
        .windows
        .iter()
        .enumerate()
        .map(|(w, window)| {
            let average = |category: usize| averages.get(&(category, WindowIx(w))).copied();
            score(&policy.window, &window_rules, window, |_| Decimal::ZERO, average)
        })
        .collect();
    evidence::attach(policy, quarter, &mut staff, &mut windows);
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
    for (subject, scored, is_staff) in
        [(&policy.staff, &mut results.staff, true), (&policy.window, &mut results.windows, false)]
    {
        let view = |i: usize, grade: Option<GradeId>| {
            let (record, window) = if is_staff {
                (&quarter.staff[i], quarter.staff[i].window)
            } else {
                (&quarter.windows[i], Some(WindowIx(i)))
            };
            QuarterView { record, window, sums, grade }
        };
        let totals: Vec<Option<Decimal>> = scored.iter().map(|s| Some(s.total)).collect();
        let settled = standing::settle(subject, &subject.vetoes, &subject.flags, &totals, view);
        let records = settled.standings.into_iter().zip(settled.vetoes).zip(settled.flags);
        for (record, ((standing, vetoes), flags)) in scored.iter_mut().zip(records) {
            if let Some(standing) = standing {
                record.band = standing.band;
                record.grade = standing.grade;
                record.rank = standing.rank;
                record.left_out_tied = standing.left_out_tied;
            }
            record.vetoes = vetoes;
            record.flags = flags;
        }
        let totals: Vec<Decimal> = scored.iter().map(|s| s.total).collect();
        let proposals = standing::propose(subject, &totals, |i, honour| {
            let record = &scored[i];
            record.grade == honour.from
                && honour.condition.as_ref().is_none_or(|c| reason::holds(c, &view(i, Some(record.grade))))
        });
        for proposal in &proposals {
            for &i in &proposal.proposed {
                scored[i].proposals.push(proposal.honour);
            }
        }
        if is_staff {
            results.staff_selections = settled.selections;
            results.staff_proposals = proposals;
        } else {
            results.window_selections = settled.selections;
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
        let facts = quarter.staff.iter().flat_map(|p| p.facts.iter().map(|(f, _)| f.index() + 1)).max().unwrap_or(0);
        let mut sums = vec![Decimal::ZERO; facts * quarter.windows.len()];
        for person in &quarter.staff {
            let Some(w) = person.window else { continue };
            for (fact, value) in &person.facts {
                if let Some(slot) = sums.get_mut(w.index() * facts + fact.index()) {
                    *slot += magnitude(value);
                }
            }
        }
        StaffSums { sums, facts }
    }

    /// The sum of a staff fact over a window's staff.
    ///
    /// ```
    /// use kaohe::eval::StaffSums;
    /// use kaohe::facts::Quarter;
    /// use kaohe::policy::FactId;
    /// use rust_decimal::Decimal;
    ///
    /// /// A fact summed over the staff of the window staff member `person` is in.
    /// fn in_window(quarter: &Quarter, sums: &StaffSums, person: usize, fact: FactId) -> Option<Decimal> {
    ///     let window = quarter.staff.get(person)?.window?;
    ///     Some(sums.get(fact, window))
    /// }
    /// ```
    ///
    /// A staff member's own index taken for their window's does not compile
    /// ([`WindowIx`]):
    ///
    /// ```compile_fail
    /// use kaohe::eval::StaffSums;
    /// use kaohe::facts::Quarter;
    /// use kaohe::policy::FactId;
    /// use rust_decimal::Decimal;
    ///
    /// fn in_window(quarter: &Quarter, sums: &StaffSums, person: usize, fact: FactId) -> Option<Decimal> {
    ///     Some(sums.get(fact, person))
    /// }
    /// ```
    pub fn get(&self, fact: FactId, window: WindowIx) -> Decimal {
        if fact.index() >= self.facts {
            return Decimal::ZERO;
        }
        self.sums.get(window.index() * self.facts + fact.index()).copied().unwrap_or_default()
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
    window: Option<WindowIx>,
    sums: &'a StaffSums,
    grade: Option<GradeId>,
}

impl reason::Record for QuarterView<'_> {
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

    fn role(&self) -> Option<crate::policy::RoleId> {
        self.record.role
    }

    fn grade(&self) -> Option<GradeId> {
        self.grade
    }

    // check keeps `in every quarter` out of quarterly conditions.
    fn quarters_with(&self, _grade: GradeId) -> (usize, usize) {
        (0, 1)
    }
}

/// For each averaged window category, each window's weighted average:
/// keyed (category, window).
fn averages(policy: &Policy, quarter: &Quarter, staff: &[Scored]) -> HashMap<(usize, WindowIx), Decimal> {
    let mut out = HashMap::new();
    for (c, category) in policy.window.categories.iter().enumerate() {
        let Some(average) = &category.average else {
            continue;
        };
        let mut parts: Vec<Vec<(Decimal, Decimal)>> = vec![Vec::new(); quarter.windows.len()];
        for (person, scored) in quarter.staff.iter().zip(staff) {
            if let (Some(w), Some(score)) = (person.window, scored.categories.get(average.category)) {
                parts[w.index()].push((*score, person.attributes[average.weight]));
            }
        }
        for (w, values) in parts.iter().enumerate() {
            if let Some(value) = weighted_average(values, average.places) {
                out.insert((c, WindowIx(w)), value);
            }
        }
    }
    out
}

/// A subject's rules by what they read, so that a record is scored by the
/// rules that can move it: those of the facts it has, looked up by the
/// fact's index, and those reading its window.
struct RuleIndex {
    /// For each fact, the rules reading the record's own value of it, in policy order.
    own: Vec<Vec<usize>>,
    /// The `in window` rules, in policy order.
    window: Vec<usize>,
}

impl RuleIndex {
    fn new(subject: &Subject) -> RuleIndex {
        let mut own = vec![Vec::new(); subject.facts.len()];
        let mut window = Vec::new();
        for (r, rule) in subject.rules.iter().enumerate() {
            match rule.scope {
                Scope::Own => own.get_mut(rule.fact.index()).into_iter().for_each(|rules| rules.push(r)),
                Scope::Window => window.push(r),
            }
        }
        RuleIndex { own, window }
    }
}

/// What a rule reads: the record's own value of its fact, or the sum over its window.
#[derive(Clone, Copy)]
enum Quantity<'a> {
    Fact(&'a Value),
    Window,
}

/// The entries rule `r` makes of a value: none when it moves no points.
fn measure(r: usize, measure: &Measure, value: &Value, trace: &mut Vec<Entry>) {
    match (measure, value) {
        (Measure::Each { points, beyond: threshold }, Value::Number(n)) => {
            let counted = beyond(*n, *threshold);
            if !counted.is_zero() {
                trace.push(Entry {
                    source: Source::Rule(r),
                    quantity: *n,
                    level: None,
                    points: counted * points,
                    evidence: Vec::new(),
                });
            }
        }
        (Measure::Assessed { sign }, Value::Amounts(amounts)) if !amounts.is_empty() => {
            let sum: Decimal = amounts.iter().sum();
            trace.push(Entry {
                source: Source::Rule(r),
                quantity: Decimal::from(amounts.len()),
                level: None,
                points: sum * sign,
                evidence: Vec::new(),
            });
        }
        (Measure::ByLevel(table), Value::Levels(counts)) => {
            for (level, n) in counts {
                let points = table.get(*level).copied().unwrap_or_default() * n;
                if !points.is_zero() {
                    trace.push(Entry {
                        source: Source::Rule(r),
                        quantity: *n,
                        level: Some(*level),
                        points,
                        evidence: Vec::new(),
                    });
                }
            }
        }
        // check fits every rule to its fact's kind.
        _ => {}
    }
}

/// Score one record. `in_window(rule)` gives the window-wide quantity of an
/// `in window` rule; `average(category)` the value of an averaged category.
fn score(
    subject: &Subject,
    rules: &RuleIndex,
    record: &Record,
    in_window: impl Fn(usize) -> Decimal,
    average: impl Fn(usize) -> Option<Decimal>,
) -> Scored {
    let mut trace = Vec::new();
    // Each category's points and what its rules moved, floored in place below.
    let mut categories: Vec<Decimal> = subject.categories.iter().map(|c| c.points).collect();
    let mut penalties = Decimal::ZERO;
    let mut bonus = Decimal::ZERO;
    // Facts come in fact order, the trace goes in policy order: sorted after.
    let mut in_order = true;
    let mut last = None;
    let own = record.facts.iter().flat_map(|(fact, value)| {
        rules.own.get(fact.index()).into_iter().flatten().map(move |&r| (r, Quantity::Fact(value)))
    });
    let window = rules.window.iter().map(|&r| (r, Quantity::Window));
    for (r, quantity) in own.chain(window) {
        let rule = &subject.rules[r];
        if rule.role.is_some() && rule.role != record.role {
            continue;
        }
        let before = trace.len();
        let window_sum;
        let value = match quantity {
            Quantity::Fact(value) => value,
            Quantity::Window => {
                window_sum = Value::Number(in_window(r));
                &window_sum
            }
        };
        measure(r, &rule.measure, value, &mut trace);
        if trace.len() == before {
            continue;
        }
        in_order &= last < Some(r);
        last = Some(r);
        let moved: Decimal = trace[before..].iter().map(|e| e.points).sum();
        match rule.part {
            Part::Category(c) => categories[c] += moved,
            Part::Penalties => penalties += moved,
            Part::Bonus => bonus += moved,
        }
    }
    if !in_order {
        // Stable: a level table's entries keep their level order.
        trace.sort_by_key(|e| match e.source {
            Source::Rule(r) => r,
            Source::Floor(_) | Source::Average(_) => usize::MAX,
        });
    }
    for (c, (category, score)) in subject.categories.iter().zip(categories.iter_mut()).enumerate() {
        if let Some(value) = average(c) {
            trace.push(Entry {
                source: Source::Average(c),
                quantity: value,
                level: None,
                points: value - category.points,
                evidence: Vec::new(),
            });
            *score = value;
            continue;
        }
        let (floored, restored) = apply_floor(*score);
        if !restored.is_zero() {
            trace.push(Entry {
                source: Source::Floor(c),
                quantity: *score,
                level: None,
                points: restored,
                evidence: Vec::new(),
            });
        }
        *score = floored;
    }
    let total = categories.iter().sum::<Decimal>() + penalties + bonus;
    // check proves the bands cover every total; the fallback is never taken.
    let grade = subject.grade(total).unwrap_or(GradeId(0));
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

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::policy::FactKind;

    /// The shipped policy, read, parsed and checked by the stages before this one.
    pub(crate) fn shipped_policy() -> Policy {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/luoshan/2026");
        let paths = crate::source::walk::files(&dir, "rules").map_err(|e| format!("{e:?}")).unwrap();
        let parsed: Vec<_> = paths
            .iter()
            .map(|path| {
                let file = crate::source::SourceFile::read(path).map_err(|e| format!("{e:?}")).unwrap();
                let ast = crate::syntax::parse_file(&file).map_err(|e| format!("{e:?}")).unwrap();
                (file, ast)
            })
            .collect();
        crate::check::check(&parsed).map_err(|e| format!("{e:?}")).unwrap()
    }

    fn policy() -> Policy {
        shipped_policy()
    }

    /// A value of the fact's kind that moves its rules: ten of a count, the
    /// top of an amount's range, ten cases at every level.
    fn value(policy: &Policy, kind: FactKind) -> Value {
        let ten = Decimal::from(10);
        match kind {
            FactKind::Count | FactKind::Days => Value::Number(ten),
            FactKind::Amounts { max, .. } => Value::Amounts(vec![max]),
            FactKind::Levels => Value::Levels((0..policy.levels.len()).map(|l| (l, ten)).collect()),
        }
    }

    /// Rules are found by the facts a record has, in fact order; the trace
    /// still lists them in policy order, as scoring every rule in turn would.
    #[test]
    fn the_trace_is_in_policy_order_whatever_the_order_of_facts() {
        let policy = policy();
        let staff = &policy.staff;
        let record = Record {
            id: "S1".into(),
            role: staff.role_index("chief_rep"),
            attributes: vec![Decimal::from(60); staff.attributes.len()],
            facts: staff.facts.iter().enumerate().map(|(f, fact)| (FactId(f), value(&policy, fact.kind))).collect(),
            ..Record::default()
        };
        // The shipped policy declares facts in another order than its rules read them.
        let by_rule: Vec<FactId> = staff.rules.iter().filter(|r| r.scope == Scope::Own).map(|r| r.fact).collect();
        assert!(by_rule.windows(2).any(|w| w[0] > w[1]), "{by_rule:?}");
        let scored = score(staff, &RuleIndex::new(staff), &record, |_| Decimal::ZERO, |_| None);
        let rules: Vec<usize> = scored
            .trace
            .iter()
            .filter_map(|e| match e.source {
                Source::Rule(r) => Some(r),
                _ => None,
            })
            .collect();
        assert!(rules.windows(2).all(|w| w[0] <= w[1]), "{rules:?}");
        // Every own rule that applies to the role moved the score once (levels once per level).
        let expected: Vec<usize> = staff
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.scope == Scope::Own && (r.role.is_none() || r.role == record.role))
            .map(|(i, _)| i)
            .collect();
        let mut distinct = rules.clone();
        distinct.dedup();
        assert_eq!(distinct, expected);
        let sum: Decimal = scored.trace.iter().map(|e| e.points).sum();
        let points: Decimal = staff.categories.iter().map(|c| c.points).sum();
        assert_eq!(points + sum, scored.total);
    }
}
