//! The words of a veto, flag or `not assessed` reason ([`crate::eval::Reason`]).
//!
//! In Chinese (tables, ledgers) a reason is the condition in the printed
//! rubric's own words, each test with what it read:
//! `角色为首席代表 且 本窗口办件出现红黄牌 > 0（实为 1）`,
//! `并非四个季度等次均为红旗（4 个季度中 0 个为红旗）`. In the policy's
//! notation (the JSON `reason`) it is what was read: `role chief_rep and
//! red_yellow_cards in window = 1`, `not (grade red_flag in 0 of 4 quarters)`.
//! The JSON also carries every test as data ([`write_tests`]).

use std::io::{self, Write};

use super::condition::{Lang, Words};
use super::decimal;
use super::json::string;
use crate::eval::{Read, Test};
use crate::policy::{Subject, Term, TermScope};

/// A reason in the policy's notation: `role chief_rep and red_yellow_cards in window = 1`.
pub fn reason_text(subject: &Subject, members: &Subject, tests: &[Test]) -> String {
    let words = Words::new(Lang::Policy, subject, members);
    let text = |test: &Test| match (&test.read, test.held) {
        (Read::Role { role, .. }, true) => words.role(*role),
        (Read::Grade { grade, .. }, true) => words.grade(*grade, false),
        (Read::EveryQuarter { grade, of, .. }, true) => {
            format!("grade {} in all {of} quarters", words.grade_name(Some(*grade)))
        }
        (Read::Compare { terms, sum, .. }, true) => {
            format!("{} = {}", words.terms(terms.iter().map(|(t, _)| *t)), decimal(*sum))
        }
        (read, false) => {
            let what = match read {
                Read::Role { role, .. } => words.role(*role),
                Read::Grade { grade, .. } => words.grade(*grade, false),
                Read::EveryQuarter { grade, quarters, of } => {
                    format!("grade {} in {quarters} of {of} quarters", words.grade_name(Some(*grade)))
                }
                Read::Compare { terms, sum, op, limit } => format!(
                    "{} {} {}: {}",
                    words.terms(terms.iter().map(|(t, _)| *t)),
                    op.symbol(),
                    decimal(*limit),
                    decimal(*sum)
                ),
            };
            format!("{}{}", words.not(), words.grouped(&what))
        }
    };
    tests.iter().map(text).collect::<Vec<_>>().join(words.and())
}

/// A reason in Chinese: `角色为首席代表 且 本窗口办件出现红黄牌 > 0（实为 1）`.
pub fn reason_chinese(subject: &Subject, members: &Subject, tests: &[Test]) -> String {
    let words = Words::new(Lang::Chinese, subject, members);
    let text = |test: &Test| {
        // The test as the printed rubric words it, and what the record had when that says more.
        let (condition, read) = match &test.read {
            Read::Role { role, actual } => {
                (words.role(*role), actual.filter(|a| a != role).map(|a| format!("实为{}", words.role_name(Some(a)))))
            }
            Read::Grade { grade, actual } => (
                words.grade(*grade, false),
                actual.filter(|a| a != grade).map(|a| format!("实为{}", words.grade_name(Some(a)))),
            ),
            Read::EveryQuarter { grade, quarters, of } => (
                words.grade(*grade, true),
                (!test.held).then(|| format!("{of} 个季度中 {quarters} 个为{}", words.grade_name(Some(*grade)))),
            ),
            Read::Compare { terms, sum, op, limit } => {
                let condition = format!(
                    "{} {} {}",
                    words.terms(terms.iter().map(|(t, _)| *t)),
                    words.comparator(*op),
                    decimal(*limit)
                );
                // `实为 6`; of several terms, each and their sum: `实为 2 + 1 = 3`.
                let values: Vec<String> = terms.iter().map(|(_, v)| decimal(*v)).collect();
                let read = match values.len() {
                    1 => values.join(""),
                    _ => format!("{} = {}", values.join(" + "), decimal(*sum)),
                };
                (condition, Some(format!("实为 {read}")))
            }
        };
        let not = if test.held { "" } else { words.not() };
        match read {
            Some(read) => format!("{not}{condition}（{read}）"),
            None => format!("{not}{condition}"),
        }
    };
    tests.iter().map(text).collect::<Vec<_>>().join(words.and())
}

/// `"tests": [...]`: each test of a reason as data, for scripts.
///
/// `{"test": "role", "role", "actual", "held"}`, `{"test": "grade", "grade",
/// "actual", "held"}`, `{"test": "grade_in_every_quarter", "grade",
/// "quarters", "of", "held"}`, `{"test": "compare", "terms": [{"fact",
/// "scope", "value"} | {"attribute", "value"} | {"derived", "value"}],
/// "sum", "op", "limit", "held"}`.
pub fn write_tests(
    out: &mut (impl Write + ?Sized),
    subject: &Subject,
    members: &Subject,
    tests: &[Test],
) -> io::Result<()> {
    let words = Words::new(Lang::Policy, subject, members);
    write!(out, ", \"tests\": [")?;
    for (n, test) in tests.iter().enumerate() {
        write!(out, "{}{{\"test\": ", if n > 0 { ", " } else { "" })?;
        match &test.read {
            Read::Role { role, actual } => {
                write!(out, "\"role\", \"role\": ")?;
                string(out, words.role_name(Some(*role)))?;
                write!(out, ", \"actual\": ")?;
                optional(out, words.role_name(*actual))?;
            }
            Read::Grade { grade, actual } => {
                write!(out, "\"grade\", \"grade\": ")?;
                string(out, words.grade_name(Some(*grade)))?;
                write!(out, ", \"actual\": ")?;
                optional(out, words.grade_name(*actual))?;
            }
            Read::EveryQuarter { grade, quarters, of } => {
                write!(out, "\"grade_in_every_quarter\", \"grade\": ")?;
                string(out, words.grade_name(Some(*grade)))?;
                write!(out, ", \"quarters\": {quarters}, \"of\": {of}")?;
            }
            Read::Compare { terms, sum, op, limit } => {
                write!(out, "\"compare\", \"terms\": [")?;
                for (t, (term, value)) in terms.iter().enumerate() {
                    write!(out, "{}{{", if t > 0 { ", " } else { "" })?;
                    match *term {
                        Term::Fact { fact, scope } => {
                            write!(out, "\"fact\": ")?;
                            let facts = if scope == TermScope::Staff { &members.facts } else { &subject.facts };
                            string(out, facts.get(fact.index()).map_or("", |f| f.name.id.as_str()))?;
                            let scope = match scope {
                                TermScope::Own => "own",
                                TermScope::Window => "window",
                                TermScope::Staff => "staff",
                            };
                            write!(out, ", \"scope\": \"{scope}\"")?;
                        }
                        Term::Attribute(a) => {
                            write!(out, "\"attribute\": ")?;
                            string(out, subject.attributes.get(a).map_or("", |f| f.name.id.as_str()))?;
                        }
                        Term::MonthsInHall => write!(out, "\"derived\": \"months_in_hall\"")?,
                    }
                    write!(out, ", \"value\": {}}}", decimal(*value))?;
                }
                write!(
                    out,
                    "], \"sum\": {}, \"op\": \"{}\", \"limit\": {}",
                    decimal(*sum),
                    op.symbol(),
                    decimal(*limit)
                )?;
            }
        }
        write!(out, ", \"held\": {}}}", test.held)?;
    }
    write!(out, "]")
}

/// A name, or `null` for none.
fn optional(out: &mut (impl Write + ?Sized), name: &str) -> io::Result<()> {
    if name.is_empty() {
        write!(out, "null")
    } else {
        string(out, name)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::policy::{Comparator, Policy};
    use rust_decimal::Decimal;

    fn policy() -> Policy {
        crate::eval::tests::shipped_policy()
    }

    fn own(subject: &Subject, id: &str) -> Term {
        Term::Fact { fact: subject.fact_index(id).unwrap(), scope: TermScope::Own }
    }

    fn compare(terms: &[(Term, i64)], op: Comparator, limit: i64) -> Read {
        Read::Compare {
            terms: terms.iter().map(|(t, v)| (*t, Decimal::from(*v))).collect(),
            sum: terms.iter().map(|(_, v)| Decimal::from(*v)).sum(),
            op,
            limit: Decimal::from(limit),
        }
    }

    #[test]
    fn several_terms_show_each_value_and_their_sum() {
        let policy = policy();
        let staff = &policy.staff;
        let read =
            compare(&[(own(staff, "absent_days"), 2), (own(staff, "unsigned_leave_days"), 1)], Comparator::AtLeast, 3);
        let tests = [Test { held: true, read }];
        let chinese = reason_chinese(staff, staff, &tests);
        assert!(chinese.ends_with(" ≥ 3（实为 2 + 1 = 3）"), "{chinese}");
        assert!(chinese.contains(" + "), "{chinese}");
        assert_eq!(reason_text(staff, staff, &tests), "absent_days + unsigned_leave_days = 3");
    }

    #[test]
    fn what_did_not_hold_says_what_there_was() {
        let policy = policy();
        let staff = &policy.staff;
        let chief = staff.role_index("chief_rep").unwrap();
        let operator = staff.role_index("operator").unwrap();
        let days_away = Term::Attribute(staff.attribute_index("days_away").unwrap());
        let tests = [
            Test { held: false, read: Read::Role { role: chief, actual: Some(operator) } },
            Test { held: false, read: compare(&[(days_away, 2)], Comparator::AtLeast, 5) },
        ];
        assert_eq!(
            reason_chinese(staff, staff, &tests),
            format!(
                "并非角色为首席代表（实为{}） 且 并非{} ≥ 5（实为 2）",
                staff.roles[operator.index()].label,
                staff.attributes[staff.attribute_index("days_away").unwrap()].name.label
            )
        );
        assert_eq!(reason_text(staff, staff, &tests), "not (role chief_rep) and not (days_away >= 5: 2)");

        let window = &policy.window;
        let red_flag = window.grade_index("red_flag").unwrap();
        let tests = [Test { held: false, read: Read::EveryQuarter { grade: red_flag, quarters: 3, of: 4 } }];
        assert_eq!(reason_chinese(window, staff, &tests), "并非四个季度等次均为红旗（4 个季度中 3 个为红旗）");
        assert_eq!(reason_text(window, staff, &tests), "not (grade red_flag in 3 of 4 quarters)");
    }

    #[test]
    fn tests_as_json_data() {
        let policy = policy();
        let (staff, window) = (&policy.staff, &policy.window);
        let good = window.grade_index("good").unwrap();
        let cards = Term::Fact { fact: staff.fact_index("red_yellow_cards").unwrap(), scope: TermScope::Staff };
        let tests = [
            Test { held: true, read: Read::Grade { grade: good, actual: Some(good) } },
            Test { held: false, read: compare(&[(cards, 0)], Comparator::Above, 0) },
        ];
        let mut out = Vec::new();
        write_tests(&mut out, window, staff, &tests).unwrap();
        let text = String::from_utf8(out).unwrap();
        let json: serde_json::Value = serde_json::from_str(&format!("{{{}}}", text.trim_start_matches(", "))).unwrap();
        assert_eq!(
            json["tests"],
            serde_json::json!([
                {"test": "grade", "grade": "good", "actual": "good", "held": true},
                {"test": "compare", "terms": [{"fact": "red_yellow_cards", "scope": "staff", "value": 0}],
                 "sum": 0, "op": ">", "limit": 0, "held": false}
            ])
        );
    }
}
