//! A quarter graded on its totals alone, for output too large to hold with
//! every trace: each record keeps only its [`Place`] (its total, band, grade,
//! rank, vetoes, flags and proposals), and [`Rescore`] scores any record
//! again, trace and evidence included, when it is written. Scoring is
//! deterministic, so a record scored again is the one graded: `Rescore`
//! gives exactly what [`evaluate`](super::evaluate) holds for it.

use super::evidence::Members;
use super::{score_all, stand, Averages, Book, Place, Proposal, Scored, Selection, StaffSums, Untraced};
use crate::facts::{Quarter, WindowIx};
use crate::policy::Policy;

/// Every record's place in a quarter, without its points' trace.
#[derive(Debug, Clone)]
pub struct Standings {
    pub staff: Vec<Place>,
    pub windows: Vec<Place>,
    /// How each chosen grade was filled.
    pub staff_selections: Vec<Selection>,
    pub window_selections: Vec<Selection>,
    /// How each honour's proposals were made (第十七条(四)): never grades.
    pub staff_proposals: Vec<Proposal>,
    pub window_proposals: Vec<Proposal>,
    /// What scoring a record again reads besides the record.
    sums: StaffSums,
    averages: Averages,
}

/// Score every staff member, then every window, keeping each record's
/// total only; then grade them, as [`evaluate`](super::evaluate) does.
pub fn standings(policy: &Policy, quarter: &Quarter) -> Standings {
    let sums = StaffSums::new(quarter);
    let (staff, windows, averages) = score_all(policy, quarter, &sums, |_, _: &mut Untraced, tally| tally.total);
    let (staff, staff_selections, staff_proposals) = stand(policy, quarter, &sums, true, &staff);
    let (windows, window_selections, window_proposals) = stand(policy, quarter, &sums, false, &windows);
    Standings { staff, windows, staff_selections, window_selections, staff_proposals, window_proposals, sums, averages }
}

impl Standings {
    /// Score records again, one at a time. `policy` and `quarter` must be
    /// the ones these standings were made from.
    pub fn rescore<'a>(&'a self, policy: &'a Policy, quarter: &'a Quarter) -> Rescore<'a> {
        Rescore { standings: self, quarter, book: Book::new(policy, &self.sums), members: Members::of(quarter) }
    }
}

/// Records of a graded quarter scored again, each as
/// [`evaluate`](super::evaluate) scores it: points, trace, evidence, place.
pub struct Rescore<'a> {
    standings: &'a Standings,
    quarter: &'a Quarter,
    book: Book<'a>,
    /// Who is in each window, when any record carries evidence.
    members: Option<Members>,
}

impl Rescore<'_> {
    /// Staff member `i`, scored again; None past the last.
    pub fn staff(&self, i: usize) -> Option<Scored> {
        let mut scored = Scored::unscored();
        self.staff_into(i, &mut scored).then_some(scored)
    }

    /// Window `w`, scored again; None past the last.
    pub fn window(&self, w: usize) -> Option<Scored> {
        let mut scored = Scored::unscored();
        self.window_into(w, &mut scored).then_some(scored)
    }

    /// [`Rescore::staff`] into `into`, whose lists' room is reused (one
    /// buffer for a whole list): false, and `into` untouched, past the last.
    pub fn staff_into(&self, i: usize, into: &mut Scored) -> bool {
        let (Some(person), Some(place)) = (self.quarter.staff.get(i), self.standings.staff.get(i)) else {
            return false;
        };
        let tally = self.book.staff(person, &mut into.categories, &mut into.trace);
        into.tally(tally);
        if let Some(members) = &self.members {
            members.staff(self.book.policy, self.quarter, i, &mut into.trace);
        }
        placed(into, place);
        true
    }

    /// [`Rescore::window`] into `into`, as [`Rescore::staff_into`].
    pub fn window_into(&self, w: usize, into: &mut Scored) -> bool {
        let (Some(window), Some(place)) = (self.quarter.windows.get(w), self.standings.windows.get(w)) else {
            return false;
        };
        let averages = &self.standings.averages;
        let tally = self.book.window(WindowIx(w), window, averages, &mut into.categories, &mut into.trace);
        into.tally(tally);
        if let Some(members) = &self.members {
            members.window(self.book.policy, self.quarter, w, &mut into.trace);
        }
        placed(into, place);
        true
    }
}

fn placed(scored: &mut Scored, place: &Place) {
    debug_assert_eq!(scored.total, place.total, "a record scored again must score as it was graded");
    scored.place(place);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::eval::evaluate;

    fn quarter(policy: &Policy, path: &str) -> Quarter {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let file = crate::source::SourceFile::read(&path).map_err(|e| format!("{e:?}")).unwrap();
        crate::facts::load(&file, policy).map_err(|e| format!("{e:?}")).unwrap()
    }

    /// Every record scored again is the record `evaluate` holds, trace,
    /// evidence and place included; the lists are the same lists.
    #[test]
    fn a_record_scored_again_is_the_record_evaluated() {
        let policy = crate::eval::tests::shipped_policy();
        // Between them: vetoes, flags and proposals; a tie left out at a cut; evidence.
        let paths =
            ["examples/2026-Q3.json", "tests/cases/standing/tie_at_cut.json", "tests/cases/evidence/2026-Q3.json"];
        let mut seen: Vec<Scored> = Vec::new();
        for path in paths {
            let quarter = quarter(&policy, path);
            let (results, standings) = (evaluate(&policy, &quarter), standings(&policy, &quarter));
            assert_eq!(results.staff_selections, standings.staff_selections, "{path}");
            assert_eq!(results.window_selections, standings.window_selections, "{path}");
            assert_eq!(results.staff_proposals, standings.staff_proposals, "{path}");
            assert_eq!(results.window_proposals, standings.window_proposals, "{path}");
            let again = standings.rescore(&policy, &quarter);
            for (i, scored) in results.staff.iter().enumerate() {
                assert_eq!(again.staff(i).as_ref(), Some(scored), "{path}: staff {i}");
            }
            for (w, scored) in results.windows.iter().enumerate() {
                assert_eq!(again.window(w).as_ref(), Some(scored), "{path}: window {w}");
            }
            assert_eq!(again.staff(results.staff.len()), None);
            assert_eq!(again.window(results.windows.len()), None);
            // One buffer, reused from record to record, keeps nothing of the one before.
            let mut buffer = again.staff(0).unwrap();
            for (i, scored) in results.staff.iter().enumerate().rev() {
                assert!(again.staff_into(i, &mut buffer));
                assert_eq!(&buffer, scored, "{path}: staff {i} into a used buffer");
            }
            seen.extend(results.staff);
        }
        let has = |f: fn(&Scored) -> bool| seen.iter().any(f);
        assert!(has(|s| !s.vetoes.is_empty()) && has(|s| !s.flags.is_empty()) && has(|s| !s.proposals.is_empty()));
        assert!(has(|s| s.left_out_tied) && has(|s| s.trace.iter().any(|e| !e.evidence.is_empty())));
    }
}
