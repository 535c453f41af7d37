//! From totals to standings: grade bands, the vetoes on chosen grades, quota
//! selection, ranks and flags. Shared by the quarter and the year.

use rust_decimal::Decimal;

use super::reason::{applying, Reason, Record};
use crate::policy::{Flag, GradeId, Subject, Veto};

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
    view: impl Fn(usize, Option<GradeId>) -> V,
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
    pub band: GradeId,
    /// The final grade: a chosen grade, or the band.
    pub grade: GradeId,
    /// 1 + the number of records with a higher total (ties share a rank).
    pub rank: usize,
    /// Eligible and in the band, but left out with a tied group at the quota cut.
    pub left_out_tied: bool,
}

/// How one chosen grade was filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    pub grade: GradeId,
    pub from: GradeId,
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
    pub tie: Option<Tie>,
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
    sorted.sort_unstable_by(highest_first);
    let (chosen, tie) = cut(&sorted, limit);
    (chosen, tie.map(|(total, members)| Tie { total, members }))
}

/// Highest key first, equal keys in input order.
fn highest_first<K: Ord>(a: &(usize, K), b: &(usize, K)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// [`choose`] over candidates already sorted [`highest_first`], by any
/// exact key: the group tied at the cut comes back with its key.
fn cut<K: Ord + Copy>(sorted: &[(usize, K)], limit: usize) -> (Vec<usize>, Option<(K, Vec<usize>)>) {
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

/// Grade every record: `totals[i]` is None for a record not assessed;
/// `vetoed(i, grade)` says whether record i may not have that chosen grade.
///
/// Totals are compared exactly, however many places they have. To sort a
/// hundred thousand of them cheaply, each becomes one integer at the largest
/// scale among them (raising a scale is exact): an `i64` when all fit, else
/// an `i128`; when even that cannot hold them (a huge total beside one with
/// many places) they are compared as decimals, exact too, only slower.
pub fn grade_all(
    subject: &Subject,
    totals: &[Option<Decimal>],
    vetoed: impl Fn(usize, GradeId) -> bool,
) -> (Vec<Option<Standing>>, Vec<Selection>) {
    let scale = totals.iter().flatten().map(|t| t.scale()).max().unwrap_or(0);
    if let Some(keys) = keyed(totals, |t| integer_at(t, scale).and_then(|k| i64::try_from(k).ok())) {
        grade_by(subject, totals, keys, vetoed)
    } else if let Some(keys) = keyed(totals, |t| integer_at(t, scale)) {
        grade_by(subject, totals, keys, vetoed)
    } else {
        grade_by(subject, totals, keyed(totals, Some).unwrap_or_default(), vetoed)
    }
}

/// A total as an integer at `scale` (≥ its own): 94.5 at 2 is 9450.
fn integer_at(total: Decimal, scale: u32) -> Option<i128> {
    10i128.checked_pow(scale.checked_sub(total.scale())?).and_then(|p| total.mantissa().checked_mul(p))
}

/// (record, key) for every assessed total; None if one has no key. Made
/// at its full size at once: collected through `Option` it would grow by
/// doubling, to up to twice the room (a hundred thousand keys, 8 MB).
fn keyed<K>(totals: &[Option<Decimal>], key: impl Fn(Decimal) -> Option<K>) -> Option<Vec<(usize, K)>> {
    let mut keys = Vec::with_capacity(totals.len());
    for (i, total) in totals.iter().enumerate() {
        if let Some(total) = total {
            keys.push((i, key(*total)?));
        }
    }
    Some(keys)
}

/// [`grade_all`] by `assessed`: (record, key) for every assessed total, the
/// keys ordered as the totals are.
fn grade_by<K: Ord + Copy>(
    subject: &Subject,
    totals: &[Option<Decimal>],
    mut assessed: Vec<(usize, K)>,
    vetoed: impl Fn(usize, GradeId) -> bool,
) -> (Vec<Option<Standing>>, Vec<Selection>) {
    assessed.sort_unstable_by(highest_first);
    // A record's rank is 1 + how many totals are above its own: the place
    // of the first of its equals.
    let mut standings: Vec<Option<Standing>> = vec![None; totals.len()];
    let mut rank = 0;
    for (at, &(i, key)) in assessed.iter().enumerate() {
        if at == 0 || assessed[at - 1].1 != key {
            rank = at + 1;
        }
        let band = totals[i].and_then(|t| subject.grade(t)).unwrap_or(GradeId(0));
        standings[i] = Some(Standing { band, grade: band, rank, left_out_tied: false });
    }
    let mut selections = Vec::new();
    for (g, grade) in subject.grades.iter().enumerate() {
        let g = GradeId(g);
        let Some(quota) = &grade.quota else { continue };
        let limit = quota_limit(quota.percent, assessed.len());
        let candidates: Vec<(usize, K)> = assessed
            .iter()
            .copied()
            .filter(|(i, _)| standings[*i].as_ref().is_some_and(|s| s.grade == quota.from) && !vetoed(*i, g))
            .collect();
        let (chosen, tie) = cut(&candidates, limit);
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
        let band = Band {
            name: label("competent"),
            from: None,
            below: None,
            quota: None,
            cite: None,
            wording: None,
            readings: Vec::new(),
        };
        let quota = Quota { from: GradeId(0), percent: d(percent), cite: String::new(), wording: None };
        let chosen = Band { name: label("excellent"), quota: Some(quota), ..band.clone() };
        Subject {
            name: label("staff"),
            total: Decimal::ONE_HUNDRED,
            annex: None,
            rows: Vec::new(),
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
            label_sets: Vec::new(),
            honours: Vec::new(),
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
        let (ranks, selection) = grade("34", &totals);
        assert_eq!(ranks, [2, 3, 1]);
        assert_eq!(selection.chosen, [2]);
    }

    /// Whether every total's key fits an i64, and an i128.
    fn fits(totals: &[&str]) -> (bool, bool) {
        let totals: Vec<Option<Decimal>> = totals.iter().map(|t| Some(d(t))).collect();
        let scale = totals.iter().flatten().map(|t| t.scale()).max().unwrap_or(0);
        let narrow = keyed(&totals, |t| integer_at(t, scale).and_then(|k| i64::try_from(k).ok())).is_some();
        (narrow, keyed(&totals, |t| integer_at(t, scale)).is_some())
    }

    #[test]
    fn ranks_are_the_same_whatever_the_key() {
        let common = ["-68.5", "0", "23.25", "23.250", "100", "23.25"];
        // i64 keys; i128 keys (28 places); decimals (too wide for one scale).
        for (extra, keys) in [
            (&["0.5"][..], (true, true)),
            (&["0.0000000000000000000000000005"][..], (false, true)),
            (&["0.0000000000000000000000000005", "79228162514264337593543950335"][..], (false, false)),
        ] {
            let totals: Vec<&str> = common.iter().chain(extra).copied().collect();
            assert_eq!(fits(&totals), keys, "{totals:?}");
            let (ranks, _) = grade("50", &totals);
            let values: Vec<Decimal> = totals.iter().map(|t| d(t)).collect();
            for (value, rank) in values.iter().zip(&ranks) {
                assert_eq!(*rank, 1 + values.iter().filter(|v| *v > value).count(), "{value} among {totals:?}");
            }
        }
    }
}
