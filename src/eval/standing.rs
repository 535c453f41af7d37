//! From totals to standings: grade bands, the vetoes on chosen grades, quota
//! selection, ranks and flags. Shared by the quarter and the year.

use rust_decimal::Decimal;

use crate::policy::{Condition, Subject, Term};

/// What a condition reads about one record.
pub trait Record {
    fn term(&self, term: Term) -> Decimal;
    fn role(&self) -> Option<usize>;
    /// The final grade, once known.
    fn grade(&self) -> Option<usize>;
    /// In how many of the year's quarters the record had this grade, and of how many.
    fn quarters_with(&self, grade: usize) -> (usize, usize);
}

/// Whether a condition holds, and if it does, why, in the policy's words:
/// `days_away = 6`, `role chief_rep and red_yellow_cards in window = 1`.
pub fn test(subject: &Subject, members: &Subject, c: &Condition, record: &dyn Record) -> Option<String> {
    match c {
        Condition::Or(parts) => parts.iter().find_map(|p| test(subject, members, p, record)),
        Condition::And(parts) => {
            let reasons: Option<Vec<String>> = parts.iter().map(|p| test(subject, members, p, record)).collect();
            reasons.map(|r| r.join(" and "))
        }
        Condition::Not(inner) => match test(subject, members, inner, record) {
            Some(_) => None,
            None => Some(format!("not ({})", describe(subject, members, inner, record))),
        },
        Condition::Role(role) => (record.role() == Some(*role))
            .then(|| format!("role {}", subject.roles.get(*role).map_or("", |r| r.id.as_str()))),
        Condition::Grade { grade, every_quarter: false } => {
            (record.grade() == Some(*grade)).then(|| format!("grade {}", grade_id(subject, *grade)))
        }
        Condition::Grade { grade, every_quarter: true } => {
            let (with, of) = record.quarters_with(*grade);
            (of == 4 && with == 4).then(|| format!("grade {} in all 4 quarters", grade_id(subject, *grade)))
        }
        Condition::Compare { terms, op, value } => {
            let sum: Decimal = terms.iter().map(|t| record.term(*t)).sum();
            op.holds(sum, *value).then(|| format!("{} = {}", terms_text(subject, members, terms), shown(sum)))
        }
    }
}

/// What a condition looks at, whether or not it holds (for `not (…)`).
fn describe(subject: &Subject, members: &Subject, c: &Condition, record: &dyn Record) -> String {
    match c {
        Condition::Or(parts) | Condition::And(parts) => {
            let word = if matches!(c, Condition::Or(_)) { " or " } else { " and " };
            parts.iter().map(|p| describe(subject, members, p, record)).collect::<Vec<_>>().join(word)
        }
        Condition::Not(inner) => format!("not ({})", describe(subject, members, inner, record)),
        Condition::Role(role) => format!("role {}", subject.roles.get(*role).map_or("", |r| r.id.as_str())),
        Condition::Grade { grade, every_quarter: false } => format!("grade {}", grade_id(subject, *grade)),
        Condition::Grade { grade, every_quarter: true } => {
            let (with, of) = record.quarters_with(*grade);
            format!("grade {} in {with} of {of} quarters", grade_id(subject, *grade))
        }
        Condition::Compare { terms, op, value } => {
            let sum: Decimal = terms.iter().map(|t| record.term(*t)).sum();
            format!("{} {} {}: {}", terms_text(subject, members, terms), op.symbol(), shown(*value), shown(sum))
        }
    }
}

fn terms_text(subject: &Subject, members: &Subject, terms: &[Term]) -> String {
    use crate::policy::TermScope;
    terms
        .iter()
        .map(|t| match *t {
            Term::Fact { fact, scope: TermScope::Own } => subject.facts[fact].name.id.clone(),
            Term::Fact { fact, scope: TermScope::Window } => format!("{} in window", subject.facts[fact].name.id),
            Term::Fact { fact, scope: TermScope::Staff } => format!("{} of staff", members.facts[fact].name.id),
            Term::Attribute(a) => subject.attributes[a].name.id.clone(),
            Term::MonthsInHall => "months_in_hall".to_string(),
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

fn grade_id(subject: &Subject, grade: usize) -> &str {
    subject.grades.get(grade).map_or("", |g| g.name.id.as_str())
}

fn shown(value: Decimal) -> String {
    if value.is_zero() {
        "0".into()
    } else {
        value.normalize().to_string()
    }
}

/// A record's place once grades are settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The band its total falls in.
    pub band: usize,
    /// The final grade: a chosen grade, or the band.
    pub grade: usize,
    /// 1 + the number of records with a higher total (ties share a rank).
    pub rank: usize,
    /// Eligible and in the band, but left out with a tied group at the quota cut.
    pub left_out_tied: bool,
}

/// How one chosen grade was filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub grade: usize,
    pub from: usize,
    pub percent: Decimal,
    /// Records assessed: the base of the quota.
    pub assessed: usize,
    /// ⌊percent × assessed⌋.
    pub limit: usize,
    pub chosen: Vec<usize>,
    /// A group tied at the cut that would have passed the limit, left out whole.
    pub tie: Option<(Decimal, Vec<usize>)>,
}

/// How one honour's proposals were made.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Index into the subject's honours.
    pub honour: usize,
    /// At most this many are proposed.
    pub limit: usize,
    /// Records of the grade proposed from for which the honour's condition holds.
    pub candidates: Vec<usize>,
    pub proposed: Vec<usize>,
    /// A group tied at the cut that would have passed the limit, left out whole.
    pub tie: Option<(Decimal, Vec<usize>)>,
}

/// Each honour's proposals: of the records `eligible(i, honour)` admits,
/// highest total first, at most the honour's number, ties at the cut left
/// out whole, as for a chosen grade.
pub fn propose(
    subject: &Subject,
    totals: &[Decimal],
    eligible: impl Fn(usize, &crate::policy::Honour) -> bool,
) -> Vec<Proposal> {
    subject
        .honours
        .iter()
        .enumerate()
        .map(|(h, honour)| {
            let candidates: Vec<(usize, Decimal)> =
                totals.iter().copied().enumerate().filter(|(i, _)| eligible(*i, honour)).collect();
            let (proposed, tie) = choose(&candidates, honour.limit);
            Proposal {
                honour: h,
                limit: honour.limit,
                candidates: candidates.iter().map(|c| c.0).collect(),
                proposed,
                tie,
            }
        })
        .collect()
}

/// Totals are brought to one scale for sorting only up to this many places:
/// beyond it a large total could not hold the digits, and plain comparison
/// (slower, always exact) does the work.
const MAX_SORT_SCALE: u32 = 10;

/// ⌊percent% × assessed⌋, exactly.
pub fn quota_limit(percent: Decimal, assessed: usize) -> usize {
    use rust_decimal::prelude::ToPrimitive;
    (percent * Decimal::from(assessed) / Decimal::ONE_HUNDRED).floor().to_usize().unwrap_or(0)
}

/// Pick, highest total first, at most `limit` of `candidates` (record,
/// total). Ties are never broken by input order: a tied group that would
/// pass the limit is left out whole, and nothing below it is taken.
pub fn choose(candidates: &[(usize, Decimal)], limit: usize) -> (Vec<usize>, Option<(Decimal, Vec<usize>)>) {
    let mut sorted = candidates.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let total = sorted[i].1;
        let group: Vec<usize> = sorted[i..].iter().take_while(|c| c.1 == total).map(|c| c.0).collect();
        if chosen.len() + group.len() > limit {
            let tie = (group.len() > 1 && chosen.len() < limit).then_some((total, group));
            return (chosen, tie);
        }
        i += group.len();
        chosen.extend(group);
    }
    (chosen, None)
}

/// Grade every record: `totals[i]` is None for a record not assessed;
/// `vetoed(i, grade)` says whether record i may not have that chosen grade.
pub fn grade_all(
    subject: &Subject,
    totals: &[Option<Decimal>],
    vetoed: impl Fn(usize, usize) -> bool,
) -> (Vec<Option<Standing>>, Vec<Selection>) {
    // At one scale, decimals compare by mantissa alone: sorting and ranking
    // a hundred thousand totals stays cheap. Raising the scale is exact.
    let scale = totals.iter().flatten().map(|t| t.scale()).max().unwrap_or(0).min(MAX_SORT_SCALE);
    let assessed: Vec<(usize, Decimal)> = totals
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            t.map(|mut t| {
                t.rescale(scale);
                (i, t)
            })
        })
        .collect();
    // Highest first: a record's rank is 1 + how many totals are above its own.
    let mut descending: Vec<Decimal> = assessed.iter().map(|(_, t)| *t).collect();
    descending.sort_unstable_by(|a, b| b.cmp(a));
    let mut standings: Vec<Option<Standing>> = totals
        .iter()
        .map(|t| {
            t.map(|total| {
                let band = subject.grade(total).unwrap_or(0);
                let mut key = total;
                key.rescale(scale);
                let rank = 1 + descending.partition_point(|other| *other > key);
                Standing { band, grade: band, rank, left_out_tied: false }
            })
        })
        .collect();
    let mut selections = Vec::new();
    for (g, grade) in subject.grades.iter().enumerate() {
        let Some(quota) = &grade.quota else { continue };
        let limit = quota_limit(quota.percent, assessed.len());
        let candidates: Vec<(usize, Decimal)> = assessed
            .iter()
            .copied()
            .filter(|(i, _)| standings[*i].as_ref().is_some_and(|s| s.grade == quota.from) && !vetoed(*i, g))
            .collect();
        let (chosen, tie) = choose(&candidates, limit);
        for i in &chosen {
            if let Some(s) = standings[*i].as_mut() {
                s.grade = g;
            }
        }
        if let Some((_, group)) = &tie {
            for i in group {
                if let Some(s) = standings[*i].as_mut() {
                    s.left_out_tied = true;
                }
            }
        }
        selections.push(Selection {
            grade: g,
            from: quota.from,
            percent: quota.percent,
            assessed: assessed.len(),
            limit,
            chosen,
            tie,
        });
    }
    (standings, selections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn quota_is_the_floor_of_the_share() {
        assert_eq!(quota_limit(d("15"), 6), 0);
        assert_eq!(quota_limit(d("15"), 40), 6);
        assert_eq!(quota_limit(d("15"), 7), 1);
        assert_eq!(quota_limit(d("20"), 12), 2);
        assert_eq!(quota_limit(d("20"), 4), 0);
        assert_eq!(quota_limit(d("100"), 3), 3);
        assert_eq!(quota_limit(d("0"), 50), 0);
        assert_eq!(quota_limit(d("15"), 0), 0);
    }

    #[test]
    fn highest_first_and_ties_left_out_whole() {
        let c = [(0, d("90")), (1, d("95")), (2, d("92")), (3, d("92")), (4, d("85"))];
        assert_eq!(choose(&c, 1), (vec![1], None));
        // 95 fits; the two at 92 would make 3 > 2: both are left out, and 85 is not taken over them.
        assert_eq!(choose(&c, 2), (vec![1], Some((d("92"), vec![2, 3]))));
        assert_eq!(choose(&c, 3), (vec![1, 2, 3], None));
        assert_eq!(choose(&c, 0), (vec![], None));
        assert_eq!(choose(&c, 10), (vec![1, 2, 3, 0, 4], None));
    }

    #[test]
    fn input_order_never_breaks_a_tie() {
        let forward = [(0, d("88")), (1, d("88")), (2, d("80"))];
        let backward = [(2, d("80")), (1, d("88")), (0, d("88"))];
        assert_eq!(choose(&forward, 1).0, choose(&backward, 1).0);
        assert!(choose(&forward, 1).0.is_empty());
    }
}
