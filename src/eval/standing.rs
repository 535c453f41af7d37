//! From totals to standings: grade bands, the vetoes on chosen grades, quota
//! selection, ranks and flags. Shared by the quarter and the year.

use rust_decimal::Decimal;

use super::reason::{applying, Reason, Record};
use crate::policy::{Flag, Subject, Veto};

/// A list of records once every total is known.
#[derive(Debug, Clone)]
pub struct Settled {
    /// None for a record not assessed.
    pub standings: Vec<Option<Standing>>,
    pub selections: Vec<Selection>,
    /// The vetoes that applied to each record.
    pub vetoes: Vec<Vec<Reason>>,
    /// The flags raised for each record.
    pub flags: Vec<Vec<Reason>>,
}

/// Vetoes, grades (bands, chosen grades, ranks) and flags of every record of
/// a list, in that order: the one sequence of the quarter and of the year.
/// `totals[i]` is None for a record not assessed, which gets no veto, grade
/// or flag. `view(i, grade)` is what record i's conditions read, with its
/// final grade once known (flags may ask for it; vetoes come before it).
pub fn settle<V: Record>(
    subject: &Subject,
    vetoes: &[Veto],
    flags: &[Flag],
    totals: &[Option<Decimal>],
    view: impl Fn(usize, Option<usize>) -> V,
) -> Settled {
    let vetoed: Vec<Vec<Reason>> = totals
        .iter()
        .enumerate()
        .map(|(i, total)| match total {
            Some(_) => applying(vetoes.iter().map(|v| &v.condition), &view(i, None)),
            None => Vec::new(),
        })
        .collect();
    let (standings, selections) =
        grade_all(subject, totals, |i, g| vetoed[i].iter().any(|r| vetoes.get(r.index).is_some_and(|v| v.grade == g)));
    let flagged = standings
        .iter()
        .enumerate()
        .map(|(i, standing)| match standing {
            Some(s) => applying(flags.iter().map(|f| &f.condition), &view(i, Some(s.grade))),
            None => Vec::new(),
        })
        .collect();
    Settled { standings, selections, vetoes: vetoed, flags: flagged }
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
    /// The records chosen, highest total first.
    pub chosen: Vec<usize>,
    /// A group tied at the cut that would have passed the limit, left out whole.
    pub tie: Option<Tie>,
}

impl Selection {
    /// Places of the quota no one was chosen for: left by a tie at the cut,
    /// or by too few eligible records.
    pub fn unfilled(&self) -> usize {
        self.limit.saturating_sub(self.chosen.len())
    }
}

/// Records of equal total at a quota's cut that together would pass the
/// limit: ties are never broken, so all are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    pub total: Decimal,
    /// The records of the group, in input order.
    pub members: Vec<usize>,
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
pub fn choose(candidates: &[(usize, Decimal)], limit: usize) -> (Vec<usize>, Option<Tie>) {
    let mut sorted = candidates.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let total = sorted[i].1;
        let group: Vec<usize> = sorted[i..].iter().take_while(|c| c.1 == total).map(|c| c.0).collect();
        if chosen.len() + group.len() > limit {
            let tie = (group.len() > 1 && chosen.len() < limit).then_some(Tie { total, members: group });
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
        if let Some(tie) = &tie {
            for i in &tie.members {
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
        assert_eq!(choose(&c, 2), (vec![1], Some(Tie { total: d("92"), members: vec![2, 3] })));
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
