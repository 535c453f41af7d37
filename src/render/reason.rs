//! The words of a veto, flag or `not assessed` reason ([`crate::eval::Reason`]).
//!
//! In Chinese (tables, ledgers) a reason is the condition in the printed
//! rubric's own words, each test with what it read:
//! `角色为首席代表 且 本窗口办件出现红黄牌 > 0（实为 1）`,
//! `并非四个季度等次均为红旗（4 个季度中 0 个为红旗）`. In the policy's
//! notation (the JSON `reason`) it is what was read: `role chief_rep and
//! red_yellow_cards in window = 1`, `not (grade red_flag in 0 of 4 quarters)`.

use super::decimal;
use super::words::{Lang, Words};
use crate::eval::{Read, Test};
use crate::policy::Subject;

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
