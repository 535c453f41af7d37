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

/// ⌊percent% × assessed⌋, exactly.
pub fn quota_limit(percent: Decimal, assessed: usize) -> usize {
    use rust_decimal::prelude::ToPrimitive;
    (percent * Decimal::from(assessed) / Decimal::ONE_HUNDRED).floor().to_usize().unwrap_or(0)
}

/// Pick, highest total first, at most `limit` of `candidates` (record,
/// total). Ties are never broken by input order: a tied group that would
/// pass the limit is left out whole, and nothing below it is taken.
pub fn choose(candidates: &[(usize, Decimal)], limit: usize) -> (Vec<usize>, Option<Tie>) {
    let (chosen, tie) = cut(candidates.to_vec(), limit);
    (chosen, tie.map(|(total, members)| Tie { total, members }))
}

/// [`choose`] over any exact sort key: the group tied at the cut comes back
/// with its key.
fn cut<K: Ord + Copy>(mut sorted: Vec<(usize, K)>, limit: usize) -> (Vec<usize>, Option<(K, Vec<usize>)>) {
    sorted.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let key = sorted[i].1;
        let group: Vec<usize> = sorted[i..].iter().take_while(|c| c.1 == key).map(|c| c.0).collect();
        if chosen.len() + group.len() > limit {
            let tie = (group.len() > 1 && chosen.len() < limit).then_some((key, group));
            return (chosen, tie);
        }
        i += group.len();
        chosen.extend(group);
    }
    (chosen, None)
}

/// Every total as one integer at the largest scale among them, so that
/// sorting and ranking a hundred thousand totals compares plain integers.
/// Raising a scale is exact; None when a total would not fit in an `i128`
/// at that scale (a huge total beside one with many places), and the
/// totals are then compared as decimals, which is exact too, only slower.
fn integer_keys(totals: &[Option<Decimal>]) -> Option<Vec<Option<i128>>> {
    let scale = totals.iter().flatten().map(|t| t.scale()).max().unwrap_or(0);
    totals
        .iter()
        .map(|t| match t {
            Some(t) => 10i128.checked_pow(scale - t.scale()).and_then(|p| t.mantissa().checked_mul(p)).map(Some),
            None => Some(None),
        })
        .collect()
}

/// Grade every record: `totals[i]` is None for a record not assessed;
/// `vetoed(i, grade)` says whether record i may not have that chosen grade.
/// Totals are compared exactly, however many places they have.
pub fn grade_all(
    subject: &Subject,
    totals: &[Option<Decimal>],
    vetoed: impl Fn(usize, usize) -> bool,
) -> (Vec<Option<Standing>>, Vec<Selection>) {
    match integer_keys(totals) {
        Some(keys) => grade_by(subject, totals, &keys, vetoed),
        None => grade_by(subject, totals, totals, vetoed),
    }
}

/// [`grade_all`], ordering by `keys`: one for each assessed total, ordered as the totals are.
fn grade_by<K: Ord + Copy>(
    subject: &Subject,
    totals: &[Option<Decimal>],
    keys: &[Option<K>],
    vetoed: impl Fn(usize, usize) -> bool,
) -> (Vec<Option<Standing>>, Vec<Selection>) {
    let assessed: Vec<(usize, K)> = keys.iter().enumerate().filter_map(|(i, k)| k.map(|k| (i, k))).collect();
    // Highest first: a record's rank is 1 + how many totals are above its own.
    let mut descending: Vec<K> = assessed.iter().map(|(_, k)| *k).collect();
    descending.sort_unstable_by(|a, b| b.cmp(a));
    let mut standings: Vec<Option<Standing>> = totals
        .iter()
        .zip(keys)
        .map(|(total, key)| {
            let (total, key) = (total.as_ref()?, key.as_ref()?);
            let band = subject.grade(*total).unwrap_or(0);
            let rank = 1 + descending.partition_point(|other| other > key);
            Some(Standing { band, grade: band, rank, left_out_tied: false })
        })
        .collect();
    let mut selections = Vec::new();
    for (g, grade) in subject.grades.iter().enumerate() {
        let Some(quota) = &grade.quota else { continue };
        let limit = quota_limit(quota.percent, assessed.len());
        let candidates: Vec<(usize, K)> = assessed
            .iter()
            .copied()
            .filter(|(i, _)| standings[*i].as_ref().is_some_and(|s| s.grade == quota.from) && !vetoed(*i, g))
            .collect();
        let (chosen, tie) = cut(candidates, limit);
        for i in &chosen {
            if let Some(s) = standings[*i].as_mut() {
                s.grade = g;
            }
        }
        // The group's own total, exactly as scored.
        let tie = tie.and_then(|(_, members)| {
            let total = members.first().and_then(|&i| totals.get(i).copied().flatten())?;
            Some(Tie { total, members })
        });
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

    fn label(id: &str) -> crate::policy::Label {
        crate::policy::Label { id: id.into(), label: id.into() }
    }

    /// One band holding every total, and `excellent` chosen from it, at most `percent`%.
    fn subject(percent: &str) -> Subject {
        use crate::policy::{Band, Quota};
        let band = Band { name: label("competent"), from: None, below: None, quota: None };
        let quota = Quota { from: 0, percent: d(percent), cite: String::new(), wording: None };
        let chosen = Band { name: label("excellent"), from: None, below: None, quota: Some(quota) };
        Subject {
            name: label("staff"),
            total: Decimal::ONE_HUNDRED,
            roles: Vec::new(),
            attributes: Vec::new(),
            facts: Vec::new(),
            categories: Vec::new(),
            penalties: None,
            bonus: None,
            rules: Vec::new(),
            grades: vec![band, chosen],
            vetoes: Vec::new(),
            flags: Vec::new(),
            annual: None,
        }
    }

    fn grade(percent: &str, totals: &[&str]) -> (Vec<usize>, Selection) {
        let totals: Vec<Option<Decimal>> = totals.iter().map(|t| Some(d(t))).collect();
        let (standings, mut selections) = grade_all(&subject(percent), &totals, |_, _| false);
        let ranks = standings.iter().map(|s| s.as_ref().map_or(0, |s| s.rank)).collect();
        (ranks, selections.remove(0))
    }

    #[test]
    fn totals_apart_in_the_eleventh_place_rank_apart() {
        let (ranks, selection) = grade("25", &["94.99999999998", "94.99999999999", "90", "90.000"]);
        assert_eq!(ranks, [2, 1, 3, 3]);
        assert_eq!((selection.chosen, selection.tie), (vec![1], None));
        // 28 places, where rescaling to 10 would have made one total of the two.
        let (ranks, selection) = grade("25", &["1.0000000000000000000000000001", "1", "0.5", "0"]);
        assert_eq!(ranks, [1, 2, 3, 4]);
        assert_eq!(selection.chosen, [0]);
    }

    #[test]
    fn a_tie_reports_the_total_its_members_have() {
        let (ranks, selection) = grade("25", &["92.5", "92.50", "80", "70"]);
        assert_eq!(ranks, [1, 1, 3, 4]);
        assert!(selection.chosen.is_empty());
        assert_eq!(selection.tie, Some(Tie { total: d("92.5"), members: vec![0, 1] }));
        assert_eq!(selection.unfilled(), 1);
    }

    #[test]
    fn totals_too_wide_for_one_integer_scale_still_compare_exactly() {
        let totals =
            ["79228162514264337593543950334", "0.0000000000000000000000000001", "79228162514264337593543950335"];
        assert!(integer_keys(&totals.map(|t| Some(d(t)))).is_none());
        let (ranks, selection) = grade("34", &totals);
        assert_eq!(ranks, [2, 3, 1]);
        assert_eq!(selection.chosen, [2]);
    }

    #[test]
    fn integer_keys_order_as_the_totals() {
        let totals: Vec<Option<Decimal>> =
            ["-68.5", "0", "23.25", "23.250", "100", "0.0000000001"].iter().map(|t| Some(d(t))).chain([None]).collect();
        let Some(keys) = integer_keys(&totals) else { unreachable!("these fit") };
        for (a, ka) in totals.iter().zip(&keys) {
            for (b, kb) in totals.iter().zip(&keys) {
                assert_eq!(a.cmp(b), ka.cmp(kb), "{a:?} {b:?}");
            }
        }
    }
}
