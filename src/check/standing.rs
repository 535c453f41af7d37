//! Checks for what decides a standing beyond the score: conditions, the
//! vetoes on chosen grades, flags, and the annual roll-up.

use super::error::{Block, CheckError, Cited, Quantity};
use super::{undeclared, unknown_role, Checker};
use crate::policy::{self, Band, Condition, FactId, Label, Term, TermScope};
use crate::source::Named;
use crate::suggest::did_you_mean_name;
use crate::syntax::ast::{self, ConditionKind, QuantityScope, Spanned};

/// Conditions may nest in parentheses, but not without end: a policy
/// is read by people, and a deeper tree is a mistake, not a rubric.
pub const MAX_CONDITION_DEPTH: usize = 32;

/// What a condition of one subject may name.
pub struct Scope<'a> {
    pub src: &'a Named,
    pub subject: &'a str,
    pub facts: &'a [policy::Fact],
    pub attributes: &'a [policy::Fact],
    pub roles: &'a [Label],
    pub grades: &'a [Band],
    /// The staff's facts, when checking a window (`… of staff`).
    pub members: Option<&'a [policy::Fact]>,
}

/// Where a condition stands decides what it may test.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A veto decides a grade, so it cannot test the grade.
    Veto,
    Flag,
    AnnualVeto,
    AnnualFlag,
    AnnualGate,
}

impl Place {
    fn annual(self) -> bool {
        matches!(self, Place::AnnualVeto | Place::AnnualFlag | Place::AnnualGate)
    }
}

impl Checker {
    pub(super) fn veto(&mut self, scope: &Scope<'_>, veto: &ast::Veto, annual: bool) -> Option<policy::Veto> {
        let place = if annual { Place::AnnualVeto } else { Place::Veto };
        let grade = scope.grades.iter().position(|g| g.name.id == veto.grade.value);
        match grade {
            Some(g) if scope.grades[g].quota.is_none() => {
                self.error(scope.src, veto.grade.span, CheckError::VetoOnBand { grade: veto.grade.value.clone() });
            }
            Some(_) => {}
            None => {
                let error = unknown_grade(&veto.grade.value, scope);
                self.error(scope.src, veto.grade.span, error);
            }
        }
        let condition = self.condition(scope, &veto.condition, place, 0);
        let cite = self.cite_of(scope.src, veto.span, &veto.cite, Cited::Veto);
        let readings = self.readings(scope.src, &veto.notes.readings);
        Some(policy::Veto {
            grade: policy::GradeId(grade?),
            condition: condition?,
            cite: cite?,
            wording: text(&veto.wording),
            readings,
        })
    }

    pub(super) fn flag(&mut self, scope: &Scope<'_>, flag: &ast::Flag, annual: bool) -> Option<policy::Flag> {
        let place = if annual { Place::AnnualFlag } else { Place::Flag };
        let condition = self.condition(scope, &flag.condition, place, 0);
        let cite = self.cite_of(scope.src, flag.span, &flag.cite, Cited::Flag);
        let readings = self.readings(scope.src, &flag.notes.readings);
        Some(policy::Flag {
            readings,
            name: Label { id: flag.name.value.clone(), label: flag.label.value.clone() },
            condition: condition?,
            cite: cite?,
            wording: text(&flag.wording),
        })
    }

    pub(super) fn annual(&mut self, scope: &Scope<'_>, blocks: &[ast::Annual]) -> Option<policy::AnnualRules> {
        let block = blocks.first()?;
        if let Some(extra) = blocks.get(1) {
            self.error(scope.src, extra.span, CheckError::BlockTwice { block: Block::Annual });
        }
        let Some(total) = block.totals.first() else {
            self.error(scope.src, block.span, CheckError::NoAnnualTotal);
            return None;
        };
        if let Some(extra) = block.totals.get(1) {
            self.error(scope.src, extra.span, CheckError::AnnualTotalTwice);
        }
        let places =
            u32::try_from(total.places.value.mantissa()).ok().filter(|p| total.places.value.scale() == 0 && *p <= 10);
        if places.is_none() {
            self.error(scope.src, total.places.span, CheckError::BadPlaces);
        }
        let cite = self.cite_of(scope.src, total.span, &total.cite, Cited::AnnualTotal);
        let mut not_assessed = Vec::new();
        for gate in &block.not_assessed {
            let condition = self.condition(scope, &gate.condition, Place::AnnualGate, 0);
            let cite = self.cite_of(scope.src, gate.span, &gate.cite, Cited::Rule);
            let readings = self.readings(scope.src, &gate.notes.readings);
            if let (Some(condition), Some(cite)) = (condition, cite) {
                not_assessed.push(policy::Gate { condition, cite, wording: text(&gate.wording), readings });
            }
        }
        let vetoes = block.vetoes.iter().filter_map(|v| self.veto(scope, v, true)).collect();
        let flags = block.flags.iter().filter_map(|f| self.flag(scope, f, true)).collect();
        let readings = self.readings(scope.src, &total.notes.readings);
        Some(policy::AnnualRules {
            readings,
            places: places?,
            cite: cite?,
            wording: text(&total.wording),
            not_assessed,
            vetoes,
            flags,
        })
    }

    pub(super) fn cite_of(
        &mut self,
        src: &Named,
        span: crate::source::Span,
        cite: &Option<Spanned<String>>,
        what: Cited,
    ) -> Option<String> {
        match cite {
            Some(c) if !c.value.is_empty() => Some(c.value.clone()),
            _ => {
                self.error(src, span, CheckError::NoCite { what });
                None
            }
        }
    }

    /// A condition of an honour: read once grades are known, like a flag's.
    pub(super) fn honour_condition(&mut self, scope: &Scope<'_>, c: &ast::Condition) -> Option<Condition> {
        self.condition(scope, c, Place::Flag, 0)
    }

    fn condition(&mut self, scope: &Scope<'_>, c: &ast::Condition, place: Place, depth: usize) -> Option<Condition> {
        if depth > MAX_CONDITION_DEPTH {
            self.error(scope.src, c.span, CheckError::ConditionTooDeep { limit: MAX_CONDITION_DEPTH });
            return None;
        }
        let src = scope.src;
        match &c.kind {
            ConditionKind::Or(parts) | ConditionKind::And(parts) => {
                let resolved: Vec<Option<Condition>> =
                    parts.iter().map(|p| self.condition(scope, p, place, depth + 1)).collect();
                let resolved: Option<Vec<Condition>> = resolved.into_iter().collect();
                let resolved = resolved?;
                Some(if matches!(c.kind, ConditionKind::Or(_)) {
                    Condition::Or(resolved)
                } else {
                    Condition::And(resolved)
                })
            }
            ConditionKind::Not(inner) => {
                Some(Condition::Not(Box::new(self.condition(scope, inner, place, depth + 1)?)))
            }
            ConditionKind::Role(role) => {
                if scope.roles.is_empty() {
                    self.error(src, role.span, CheckError::NoRoles { subject: scope.subject.to_string() });
                    return None;
                }
                match scope.roles.iter().position(|r| r.id == role.value) {
                    Some(i) => Some(Condition::Role(crate::policy::RoleId(i))),
                    None => {
                        self.error(src, role.span, unknown_role(&role.value, scope.roles));
                        None
                    }
                }
            }
            ConditionKind::Grade { grade, every_quarter } => {
                // A veto decides the grade, so it may test only the quarters' grades.
                if !*every_quarter && matches!(place, Place::Veto | Place::AnnualVeto | Place::AnnualGate) {
                    self.error(src, c.span, CheckError::VetoTestsGrade);
                }
                if *every_quarter && !place.annual() {
                    self.error(src, c.span, CheckError::EveryQuarterOutsideAnnual);
                }
                match scope.grades.iter().position(|g| g.name.id == grade.value) {
                    Some(g) => Some(Condition::Grade { grade: policy::GradeId(g), every_quarter: *every_quarter }),
                    None => {
                        self.error(src, grade.span, unknown_grade(&grade.value, scope));
                        None
                    }
                }
            }
            ConditionKind::Compare { terms, op, value } => {
                let resolved: Vec<Option<Term>> = terms.iter().map(|t| self.term(scope, t, place)).collect();
                let terms: Option<Vec<Term>> = resolved.into_iter().collect();
                Some(Condition::Compare { terms: terms?, op: comparator(op.value), value: value.value })
            }
        }
    }

    fn term(&mut self, scope: &Scope<'_>, quantity: &ast::Quantity, place: Place) -> Option<Term> {
        let src = scope.src;
        let name = quantity.name.value.as_str();
        match quantity.scope {
            QuantityScope::OfStaff => {
                let Some(members) = scope.members else {
                    self.error(src, quantity.span, CheckError::OfStaffOutsideWindow);
                    return None;
                };
                match members.iter().position(|f| f.name.id == name) {
                    Some(fact) => Some(Term::Fact { fact: FactId(fact), scope: TermScope::Staff }),
                    None => {
                        let known = members.iter().map(|f| f.name.id.as_str()).collect();
                        self.error(src, quantity.name.span, undeclared(name, Quantity::StaffFact, known));
                        None
                    }
                }
            }
            QuantityScope::InWindow => {
                if scope.members.is_some() {
                    self.error(src, quantity.span, CheckError::InWindowInWindowCondition);
                    return None;
                }
                match scope.facts.iter().position(|f| f.name.id == name) {
                    Some(fact) => Some(Term::Fact { fact: FactId(fact), scope: TermScope::Window }),
                    None => {
                        let known = scope.facts.iter().map(|f| f.name.id.as_str()).collect();
                        self.error(src, quantity.name.span, undeclared(name, Quantity::Fact, known));
                        None
                    }
                }
            }
            QuantityScope::Own if name == "months_in_hall" => {
                if !place.annual() {
                    self.error(src, quantity.span, CheckError::MonthsInHallOutsideAnnual);
                    return None;
                }
                Some(Term::MonthsInHall)
            }
            QuantityScope::Own => {
                if let Some(fact) = scope.facts.iter().position(|f| f.name.id == name) {
                    return Some(Term::Fact { fact: FactId(fact), scope: TermScope::Own });
                }
                if let Some(a) = scope.attributes.iter().position(|f| f.name.id == name) {
                    return Some(Term::Attribute(a));
                }
                let mut known: Vec<&str> = scope.facts.iter().map(|f| f.name.id.as_str()).collect();
                known.extend(scope.attributes.iter().map(|a| a.name.id.as_str()));
                if place.annual() {
                    known.push("months_in_hall");
                }
                self.error(src, quantity.name.span, undeclared(name, Quantity::FactOrAttribute, known));
                None
            }
        }
    }
}

/// A grade that is not one of the subject's.
fn unknown_grade(grade: &str, scope: &Scope<'_>) -> CheckError {
    let suggestion = did_you_mean_name(grade, scope.grades.iter().map(|g| g.name.id.as_str()));
    CheckError::UnknownGrade { grade: grade.to_string(), suggestion, grades: Vec::new() }
}

fn text(wording: &Option<Spanned<String>>) -> Option<String> {
    wording.as_ref().map(|w| w.value.clone())
}

/// The checked policy's comparator for the one the syntax read.
fn comparator(op: ast::Comparator) -> crate::policy::Comparator {
    use crate::policy::Comparator as C;
    match op {
        ast::Comparator::AtLeast => C::AtLeast,
        ast::Comparator::AtMost => C::AtMost,
        ast::Comparator::Above => C::Above,
        ast::Comparator::Below => C::Below,
        ast::Comparator::Equal => C::Equal,
        ast::Comparator::NotEqual => C::NotEqual,
    }
}
