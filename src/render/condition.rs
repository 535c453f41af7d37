//! The words a condition is written with, in the policy's notation
//! (`role chief_rep and red_yellow_cards in window > 0`) or in Chinese
//! (`角色为首席代表 且 本窗口办件出现红黄牌 > 0`). The printed rubric, `diff`,
//! and every veto, flag and `not assessed` reason use these, so a reason
//! reads in the words of the line it comes from.

use super::decimal;
use crate::policy::{Comparator, Condition, FactId, GradeId, Label, RoleId, Subject, Term, TermScope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// As the policy writes it: ids and the language's keywords.
    Policy,
    Chinese,
}

/// A subject's conditions in one language. `members` is the subject whose
/// facts `… of staff` reads (the staff, for a window).
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub lang: Lang,
    pub subject: &'a Subject,
    pub members: &'a Subject,
}

impl<'a> Words<'a> {
    pub fn new(lang: Lang, subject: &'a Subject, members: &'a Subject) -> Words<'a> {
        Words { lang, subject, members }
    }

    fn chinese(&self) -> bool {
        self.lang == Lang::Chinese
    }

    pub fn and(&self) -> &'static str {
        if self.chinese() {
            " 且 "
        } else {
            " and "
        }
    }

    fn or(&self) -> &'static str {
        if self.chinese() {
            " 或 "
        } else {
            " or "
        }
    }

    /// Put before what does not hold: `并非`, `not `.
    pub fn not(&self) -> &'static str {
        if self.chinese() {
            "并非"
        } else {
            "not "
        }
    }

    pub fn grouped(&self, text: &str) -> String {
        if self.chinese() {
            format!("（{text}）")
        } else {
            format!("({text})")
        }
    }

    /// `角色为首席代表`, `role chief_rep`.
    pub fn role(&self, role: RoleId) -> String {
        if self.chinese() {
            format!("角色为{}", self.role_name(Some(role)))
        } else {
            format!("role {}", self.role_name(Some(role)))
        }
    }

    /// A role's label or id; empty for none.
    pub fn role_name(&self, role: Option<RoleId>) -> &'a str {
        self.name(role.and_then(|r| self.subject.role(r)))
    }

    /// A grade's label or id; empty for none.
    pub fn grade_name(&self, grade: Option<GradeId>) -> &'a str {
        self.name(grade.and_then(|g| self.subject.band(g)).map(|g| &g.name))
    }

    fn name(&self, label: Option<&'a Label>) -> &'a str {
        label.map_or("", |l| if self.chinese() { l.label.as_str() } else { l.id.as_str() })
    }

    /// `等次为不称职`, `四个季度等次均为红旗`; `grade unfit`, `grade red_flag in every quarter`.
    pub fn grade(&self, grade: GradeId, every_quarter: bool) -> String {
        let name = self.grade_name(Some(grade));
        match (self.lang, every_quarter) {
            (Lang::Chinese, false) => format!("等次为{name}"),
            (Lang::Chinese, true) => format!("四个季度等次均为{name}"),
            (Lang::Policy, false) => format!("grade {name}"),
            (Lang::Policy, true) => format!("grade {name} in every quarter"),
        }
    }

    /// `本窗口办件出现红黄牌`, `red_yellow_cards in window`.
    pub fn term(&self, term: Term) -> String {
        let fact = |subject: &'a Subject, fact: FactId| self.name(subject.facts.get(fact.index()).map(|f| &f.name));
        match (self.lang, term) {
            (_, Term::Fact { fact: f, scope: TermScope::Own }) => fact(self.subject, f).to_string(),
            (Lang::Chinese, Term::Fact { fact: f, scope: TermScope::Window }) => {
                format!("本窗口{}", fact(self.subject, f))
            }
            (Lang::Chinese, Term::Fact { fact: f, scope: TermScope::Staff }) => {
                format!("本窗口工作人员{}", fact(self.members, f))
            }
            (Lang::Policy, Term::Fact { fact: f, scope: TermScope::Window }) => {
                format!("{} in window", fact(self.subject, f))
            }
            (Lang::Policy, Term::Fact { fact: f, scope: TermScope::Staff }) => {
                format!("{} of staff", fact(self.members, f))
            }
            (_, Term::Attribute(a)) => self.name(self.subject.attributes.get(a).map(|f| &f.name)).to_string(),
            (Lang::Chinese, Term::MonthsInHall) => "在大厅工作月数".into(),
            (Lang::Policy, Term::MonthsInHall) => "months_in_hall".into(),
        }
    }

    /// `本窗口办件出现红黄牌 + 旷工天数`.
    pub fn terms(&self, terms: impl IntoIterator<Item = Term>) -> String {
        terms.into_iter().map(|t| self.term(t)).collect::<Vec<_>>().join(" + ")
    }

    /// `≥`, `>=`.
    pub fn comparator(&self, op: Comparator) -> &'static str {
        if !self.chinese() {
            return op.symbol();
        }
        match op {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::Above => ">",
            Comparator::Below => "<",
            Comparator::Equal => "=",
            Comparator::NotEqual => "≠",
        }
    }

    /// A whole condition, as the printed rubric and `diff` show it.
    pub fn condition(&self, c: &Condition) -> String {
        match c {
            Condition::Or(parts) => parts.iter().map(|p| self.condition(p)).collect::<Vec<_>>().join(self.or()),
            // `and` binds tighter than `or`: an `or` inside it needs its parentheses.
            Condition::And(parts) => parts
                .iter()
                .map(|p| match p {
                    Condition::Or(_) => self.grouped(&self.condition(p)),
                    _ => self.condition(p),
                })
                .collect::<Vec<_>>()
                .join(self.and()),
            Condition::Not(inner) => match **inner {
                Condition::Or(_) | Condition::And(_) | Condition::Not(_) => {
                    format!("{}{}", self.not(), self.grouped(&self.condition(inner)))
                }
                _ => format!("{}{}", self.not(), self.condition(inner)),
            },
            Condition::Role(r) => self.role(*r),
            Condition::Grade { grade, every_quarter } => self.grade(*grade, *every_quarter),
            Condition::Compare { terms, op, value } => {
                format!("{} {} {}", self.terms(terms.iter().copied()), self.comparator(*op), decimal(*value))
            }
        }
    }
}
