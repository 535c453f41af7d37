//! Why a veto, a flag or a `not assessed` line applied to a record, as data.
//!
//! Evaluation says *which* line applied (its index) and *what decided it*:
//! the tests of its condition that came out as they did, each with the
//! values it read. It words nothing; `render` says it in the policy's
//! notation (the JSON `reason`) or in Chinese (tables, ledgers).
//!
//! The tests that decide a condition are found by pushing `not` down to the
//! tests (De Morgan): for `a and b` both decide it, for `a or b` the first
//! that holds; under `not`, `not (a and b)` is decided by the first part that
//! fails and `not (a or b)` by every part, each failing. So every [`Test`] of
//! a [`Reason`] is true of the record as stated: a test that `held`, or one
//! that did not hold (`held: false`) where the condition asks that it not.
//!
//! ```text
//! not excellent when role chief_rep and red_yellow_cards in window > 0
//! → Reason { index: 1, tests: [
//!       Test { held: true, read: Role { role: chief_rep, actual: Some(chief_rep) } },
//!       Test { held: true, read: Compare { terms: [(red_yellow_cards in window, 1)], sum: 1, op: >, limit: 0 } } ] }
//! not red_flag when not grade red_flag in every quarter
//! → Reason { index: 2, tests: [
//!       Test { held: false, read: EveryQuarter { grade: red_flag, quarters: 0, of: 4 } } ] }
//! ```

use rust_decimal::Decimal;

use crate::policy::{Comparator, Condition, GradeId, RoleId, Term};

/// What a condition reads about one record: a quarter's record, or a
/// record across the year.
pub trait Record {
    fn term(&self, term: Term) -> Decimal;
    fn role(&self) -> Option<RoleId>;
    /// The final grade, once known.
    fn grade(&self) -> Option<GradeId>;
    /// In how many of the year's quarters the record had this grade, and of how many.
    fn quarters_with(&self, grade: GradeId) -> (usize, usize);
}

/// A line of the policy that applied to a record, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// Index into the list the line comes from: the subject's `vetoes` or
    /// `flags`, or its annual rules' `not_assessed`, `vetoes` or `flags`.
    pub index: usize,
    /// The tests that decided the condition, in the condition's order.
    pub tests: Vec<Test>,
}

/// One test of a condition, as it came out for the record.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// Whether the test held. `false` only where the condition asks that it
    /// not hold (`not …`): its failing is the reason.
    pub held: bool,
    pub read: Read,
}

/// What a test asked and what it read.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    /// `role R`: the role asked for, and the record's.
    Role { role: RoleId, actual: Option<RoleId> },
    /// `grade G`: the grade asked for, and the record's final grade.
    Grade { grade: GradeId, actual: Option<GradeId> },
    /// `grade G in every quarter`: in how many quarters the record had it, of how many.
    EveryQuarter { grade: GradeId, quarters: usize, of: usize },
    /// `t₁ + t₂ … OP limit`: each term with the value read, and their sum.
    Compare { terms: Vec<(Term, Decimal)>, sum: Decimal, op: Comparator, limit: Decimal },
}

/// Every line whose condition holds for the record, with why, in policy order.
/// The one loop behind vetoes, flags and `not assessed`, quarter and year.
pub fn applying<'c>(conditions: impl IntoIterator<Item = &'c Condition>, record: &dyn Record) -> Vec<Reason> {
    conditions
        .into_iter()
        .enumerate()
        .filter_map(|(index, condition)| why(condition, record).map(|tests| Reason { index, tests }))
        .collect()
}

/// If the condition holds for the record, the tests that decide it.
pub fn why(condition: &Condition, record: &dyn Record) -> Option<Vec<Test>> {
    if !holds(condition, record) {
        return None;
    }
    let mut tests = Vec::new();
    decided(condition, true, record, &mut tests);
    Some(tests)
}

/// Whether the condition holds. Allocates nothing: most conditions of most
/// records do not hold, and only those that do need a reason.
pub fn holds(condition: &Condition, record: &dyn Record) -> bool {
    match condition {
        Condition::Or(parts) => parts.iter().any(|p| holds(p, record)),
        Condition::And(parts) => parts.iter().all(|p| holds(p, record)),
        Condition::Not(inner) => !holds(inner, record),
        Condition::Role(role) => record.role() == Some(*role),
        Condition::Grade { grade, every_quarter: false } => record.grade() == Some(*grade),
        Condition::Grade { grade, every_quarter: true } => every_quarter(record.quarters_with(*grade)),
        Condition::Compare { terms, op, value } => op.holds(terms.iter().map(|t| record.term(*t)).sum(), *value),
    }
}

/// A record had a grade in every quarter when it had it in all four.
fn every_quarter((with, of): (usize, usize)) -> bool {
    of == 4 && with == 4
}

/// Push the tests that make `condition` come out `outcome` (which it does).
fn decided(condition: &Condition, outcome: bool, record: &dyn Record, out: &mut Vec<Test>) {
    match condition {
        Condition::And(parts) if outcome => parts.iter().for_each(|p| decided(p, true, record, out)),
        Condition::Or(parts) if !outcome => parts.iter().for_each(|p| decided(p, false, record, out)),
        Condition::And(parts) | Condition::Or(parts) => {
            if let Some(part) = parts.iter().find(|p| holds(p, record) == outcome) {
                decided(part, outcome, record, out);
            }
        }
        Condition::Not(inner) => decided(inner, !outcome, record, out),
        Condition::Role(role) => {
            out.push(Test { held: outcome, read: Read::Role { role: *role, actual: record.role() } })
        }
        Condition::Grade { grade, every_quarter: false } => {
            out.push(Test { held: outcome, read: Read::Grade { grade: *grade, actual: record.grade() } })
        }
        Condition::Grade { grade, every_quarter: true } => {
            let (quarters, of) = record.quarters_with(*grade);
            out.push(Test { held: outcome, read: Read::EveryQuarter { grade: *grade, quarters, of } })
        }
        Condition::Compare { terms, op, value } => {
            let terms: Vec<(Term, Decimal)> = terms.iter().map(|t| (*t, record.term(*t))).collect();
            let sum = terms.iter().map(|(_, v)| *v).sum();
            out.push(Test { held: outcome, read: Read::Compare { terms, sum, op: *op, limit: *value } })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{FactId, TermScope};

    /// A record with facts 0, 1, 2 worth 6, 1, 0, role 0, grade 2, and grade 1
    /// in three of four quarters.
    struct Fixed;

    impl Record for Fixed {
        fn term(&self, term: Term) -> Decimal {
            match term {
                Term::Fact { fact: FactId(0), .. } => Decimal::from(6),
                Term::Fact { fact: FactId(1), .. } => Decimal::ONE,
                _ => Decimal::ZERO,
            }
        }
        fn role(&self) -> Option<RoleId> {
            Some(RoleId(0))
        }
        fn grade(&self) -> Option<GradeId> {
            Some(GradeId(2))
        }
        fn quarters_with(&self, grade: GradeId) -> (usize, usize) {
            (if grade == GradeId(1) { 3 } else { 0 }, 4)
        }
    }

    fn fact(fact: usize) -> Term {
        Term::Fact { fact: FactId(fact), scope: TermScope::Own }
    }

    fn compare(f: usize, op: Comparator, limit: i64) -> Condition {
        Condition::Compare { terms: vec![fact(f)], op, value: Decimal::from(limit) }
    }

    fn read(f: usize, value: i64, op: Comparator, limit: i64) -> Read {
        let value = Decimal::from(value);
        Read::Compare { terms: vec![(fact(f), value)], sum: value, op, limit: Decimal::from(limit) }
    }

    #[test]
    fn a_condition_that_holds_gives_every_test_of_an_and() {
        let c = Condition::And(vec![Condition::Role(RoleId(0)), compare(1, Comparator::Above, 0)]);
        assert_eq!(
            why(&c, &Fixed),
            Some(vec![
                Test { held: true, read: Read::Role { role: RoleId(0), actual: Some(RoleId(0)) } },
                Test { held: true, read: read(1, 1, Comparator::Above, 0) },
            ])
        );
        assert_eq!(
            why(&Condition::And(vec![Condition::Role(RoleId(1)), compare(1, Comparator::Above, 0)]), &Fixed),
            None
        );
    }

    #[test]
    fn an_or_is_decided_by_its_first_part_that_holds() {
        let c = Condition::Or(vec![
            compare(2, Comparator::Above, 0),
            compare(0, Comparator::AtLeast, 5),
            Condition::Role(RoleId(0)),
        ]);
        assert_eq!(why(&c, &Fixed), Some(vec![Test { held: true, read: read(0, 6, Comparator::AtLeast, 5) }]));
    }

    #[test]
    fn under_not_the_tests_that_failed_decide_it() {
        // not (a and b): the first part that fails.
        let c = Condition::Not(Box::new(Condition::And(vec![
            Condition::Role(RoleId(0)),
            compare(2, Comparator::Above, 0),
        ])));
        assert_eq!(why(&c, &Fixed), Some(vec![Test { held: false, read: read(2, 0, Comparator::Above, 0) }]));
        // not (a or b): every part, each failing.
        let c = Condition::Not(Box::new(Condition::Or(vec![
            Condition::Role(RoleId(1)),
            Condition::Grade { grade: GradeId(1), every_quarter: true },
        ])));
        assert_eq!(
            why(&c, &Fixed),
            Some(vec![
                Test { held: false, read: Read::Role { role: RoleId(1), actual: Some(RoleId(0)) } },
                Test { held: false, read: Read::EveryQuarter { grade: GradeId(1), quarters: 3, of: 4 } },
            ])
        );
        // not not a is a.
        let c = Condition::Not(Box::new(Condition::Not(Box::new(Condition::Grade {
            grade: GradeId(2),
            every_quarter: false,
        }))));
        assert_eq!(
            why(&c, &Fixed),
            Some(vec![Test { held: true, read: Read::Grade { grade: GradeId(2), actual: Some(GradeId(2)) } }])
        );
        assert_eq!(why(&Condition::Not(Box::new(Condition::Role(RoleId(0)))), &Fixed), None);
    }

    #[test]
    fn summed_terms_keep_each_value() {
        let c = Condition::Compare { terms: vec![fact(0), fact(1)], op: Comparator::AtLeast, value: Decimal::from(7) };
        let Some(tests) = why(&c, &Fixed) else { unreachable!("6 + 1 >= 7") };
        assert_eq!(
            tests[0].read,
            Read::Compare {
                terms: vec![(fact(0), Decimal::from(6)), (fact(1), Decimal::ONE)],
                sum: Decimal::from(7),
                op: Comparator::AtLeast,
                limit: Decimal::from(7),
            }
        );
    }

    #[test]
    fn every_line_that_applies_in_policy_order() {
        let lines = [compare(0, Comparator::Above, 5), compare(1, Comparator::Above, 5), Condition::Role(RoleId(0))];
        let indices: Vec<usize> = applying(&lines, &Fixed).iter().map(|r| r.index).collect();
        assert_eq!(indices, [0, 2]);
    }
}
