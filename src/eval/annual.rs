//! The year from its quarters (第十二条, 第十三条, 第十七条, 第十章 四.6):
//! each person's and window's quarterly totals averaged, who is not
//! assessed for the year, the annual vetoes and quota, and flags.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::reason::{self, Reason};
use super::standing::{self, Selection, Standing};
use super::{magnitude, round_half_away, Results, StaffSums};
use crate::facts::{Period, Quarter, Record, WindowIx};
use crate::policy::{AnnualRules, GradeId, Policy, Subject, Term, TermScope};

/// One quarter of the year, scored.
pub struct ScoredQuarter<'a> {
    pub policy: &'a Policy,
    pub quarter: &'a Quarter,
    pub results: &'a Results,
}

#[derive(Debug, Clone)]
pub struct AnnualResults {
    pub year: i32,
    /// The quarters given, in order, and the ones missing.
    pub quarters: Vec<Period>,
    pub missing: Vec<Period>,
    pub staff: Vec<AnnualRecord>,
    pub windows: Vec<AnnualRecord>,
    pub staff_selections: Vec<Selection>,
    pub window_selections: Vec<Selection>,
}

#[derive(Debug, Clone)]
pub struct AnnualRecord {
    pub id: String,
    pub name: String,
    /// For staff: every window they were in, in order; the last one counts.
    pub windows: Vec<String>,
    /// For staff: the role in their last quarter.
    pub role: Option<crate::policy::RoleId>,
    /// For staff: their staff type in their last quarter (第十八条).
    pub staff_type: Option<usize>,
    /// (quarter, total, final grade id) for each quarter the record was in.
    pub quarters: Vec<(Period, Decimal, String)>,
    /// Months in the hall this year: from `joined` where given, else three
    /// for each quarter assessed.
    pub months_in_hall: Decimal,
    /// The mean of the quarterly totals, rounded as the policy says.
    pub total: Decimal,
    /// Why the record is not assessed for the year: the `not assessed`
    /// lines that apply, indexing the annual rules' `not_assessed`.
    pub not_assessed: Vec<Reason>,
    /// None when not assessed.
    pub standing: Option<Standing>,
    /// Indexing the annual rules' `vetoes`; none when not assessed.
    pub vetoes: Vec<Reason>,
    /// Indexing the annual rules' `flags`; none when not assessed.
    pub flags: Vec<Reason>,
}

impl AnnualRecord {
    pub fn window(&self) -> Option<&str> {
        self.windows.last().map(String::as_str)
    }
}

/// Roll up a year. `policy` is the version in force at the year's start;
/// `quarters` are the year's scored quarters, in order, each once.
pub fn roll_up(policy: &Policy, year: i32, quarters: &[ScoredQuarter<'_>]) -> AnnualResults {
    let present: Vec<Period> = quarters.iter().map(|q| q.quarter.period).collect();
    let missing = (1..=4).map(|quarter| Period::Quarter { year, quarter }).filter(|p| !present.contains(p)).collect();
    let sums: Vec<StaffSums> = quarters.iter().map(|q| StaffSums::new(q.quarter)).collect();

    let mut out = AnnualResults {
        year,
        quarters: present,
        missing,
        staff: Vec::new(),
        windows: Vec::new(),
        staff_selections: Vec::new(),
        window_selections: Vec::new(),
    };
    for is_staff in [true, false] {
        let subject = if is_staff { &policy.staff } else { &policy.window };
        let Some(rules) = &subject.annual else { continue };
        let members = collect(quarters, is_staff);
        let mut records: Vec<AnnualRecord> = members
            .iter()
            .map(|appearances| {
                let view =
                    YearView { subject, quarters, sums: &sums, appearances, is_staff, year, grade: None, months: None };
                record(&view, rules)
            })
            .collect();
        let totals: Vec<Option<Decimal>> =
            records.iter().map(|r| r.not_assessed.is_empty().then_some(r.total)).collect();
        let view = |i: usize, grade: Option<GradeId>| YearView {
            subject,
            quarters,
            sums: &sums,
            appearances: &members[i],
            is_staff,
            year,
            grade,
            months: Some(records[i].months_in_hall),
        };
        let settled = standing::settle(subject, &rules.vetoes, &rules.flags, &totals, view);
        let settled_records = settled.standings.into_iter().zip(settled.vetoes).zip(settled.flags);
        for (record, ((standing, vetoes), flags)) in records.iter_mut().zip(settled_records) {
            record.standing = standing;
            record.vetoes = vetoes;
            record.flags = flags;
        }
        let selections = settled.selections;
        if is_staff {
            out.staff = records;
            out.staff_selections = selections;
        } else {
            out.windows = records;
            out.window_selections = selections;
        }
    }
    out
}

/// Every record id across the quarters, in order of first appearance, with
/// (quarter index, record index) for each quarter it is in.
fn collect(quarters: &[ScoredQuarter<'_>], is_staff: bool) -> Vec<Vec<(usize, usize)>> {
    let mut order: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut members: Vec<Vec<(usize, usize)>> = Vec::new();
    for (q, scored) in quarters.iter().enumerate() {
        let list = if is_staff { &scored.quarter.staff } else { &scored.quarter.windows };
        for (r, record) in list.iter().enumerate() {
            let slot = *index.entry(record.id.clone()).or_insert_with(|| {
                order.push(record.id.clone());
                members.push(Vec::new());
                members.len() - 1
            });
            members[slot].push((q, r));
        }
    }
    members
}

fn record(view: &YearView<'_>, rules: &AnnualRules) -> AnnualRecord {
    let quarters = view.quarters;
    let mut windows: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let (mut id, mut name, mut role, mut joined) = (String::new(), String::new(), None, None);
    let mut staff_type = None;
    for &(q, r) in view.appearances {
        let scored = &quarters[q];
        let record = view.record(q, r);
        let result = if view.is_staff { &scored.results.staff[r] } else { &scored.results.windows[r] };
        let subject_q = if view.is_staff { &scored.policy.staff } else { &scored.policy.window };
        let grade = subject_q.band(result.grade).map_or(String::new(), |g| g.name.id.clone());
        entries.push((scored.quarter.period, result.total, grade));
        if let Some(window) = record.window.and_then(|w| scored.quarter.window(w)) {
            if windows.last() != Some(&window.id) {
                windows.push(window.id.clone());
            }
        }
        id.clone_from(&record.id);
        if !record.name.is_empty() {
            name.clone_from(&record.name);
        }
        role = record.role;
        staff_type = record.staff_type;
        joined = record.joined.or(joined);
    }
    let sum: Decimal = entries.iter().map(|(_, total, _)| *total).sum();
    let total = round_half_away(sum / Decimal::from(entries.len().max(1)), rules.places).normalize();
    let months_in_hall = match joined {
        Some(date) => months_left(date, view.year),
        None => Decimal::from(3 * entries.len()),
    };
    let with_months = YearView { months: Some(months_in_hall), ..view.clone() };
    let not_assessed = reason::applying(rules.not_assessed.iter().map(|g| &g.condition), &with_months);
    AnnualRecord {
        id,
        name,
        windows,
        role,
        staff_type,
        quarters: entries,
        months_in_hall,
        total,
        not_assessed,
        standing: None,
        vetoes: Vec::new(),
        flags: Vec::new(),
    }
}

/// Calendar months in the hall from `joined` to the end of `year`, the first
/// month counted by the share of its days: 2026-07-01 gives 6, 2026-07-02
/// gives 5 + 30/31.
pub fn months_left(joined: NaiveDate, year: i32) -> Decimal {
    if joined.year() < year {
        return Decimal::from(12);
    }
    if joined.year() > year {
        return Decimal::ZERO;
    }
    let month = joined.month();
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    let days_in_month = next.and_then(|n| n.pred_opt()).map_or(30, |last| last.day());
    let first = Decimal::from(days_in_month - joined.day() + 1) / Decimal::from(days_in_month);
    round_half_away(Decimal::from(12 - month) + first, 2).normalize()
}

/// One record across the year, as a condition reads it.
#[derive(Clone)]
struct YearView<'a> {
    subject: &'a Subject,
    quarters: &'a [ScoredQuarter<'a>],
    sums: &'a [StaffSums],
    appearances: &'a [(usize, usize)],
    is_staff: bool,
    year: i32,
    grade: Option<GradeId>,
    /// Months in the hall, once known.
    months: Option<Decimal>,
}

impl<'a> YearView<'a> {
    fn record(&self, q: usize, r: usize) -> &'a Record {
        let quarter = self.quarters[q].quarter;
        if self.is_staff {
            &quarter.staff[r]
        } else {
            &quarter.windows[r]
        }
    }
}

impl reason::Record for YearView<'_> {
    fn term(&self, term: Term) -> Decimal {
        if term == Term::MonthsInHall {
            return self.months.unwrap_or_default();
        }
        let mut sum = Decimal::ZERO;
        for &(q, r) in self.appearances {
            let record = self.record(q, r);
            let window = if self.is_staff { record.window } else { Some(WindowIx(r)) };
            sum += match term {
                Term::Fact { fact, scope: TermScope::Own } => record.fact(fact).map(magnitude).unwrap_or_default(),
                Term::Fact { fact, scope: TermScope::Window | TermScope::Staff } => {
                    window.map(|w| self.sums[q].get(fact, w)).unwrap_or_default()
                }
                Term::Attribute(a) => record.attributes.get(a).copied().unwrap_or_default(),
                Term::MonthsInHall => Decimal::ZERO,
            };
        }
        sum
    }

    fn role(&self) -> Option<crate::policy::RoleId> {
        self.appearances.last().and_then(|&(q, r)| self.record(q, r).role)
    }

    fn grade(&self) -> Option<GradeId> {
        self.grade
    }

    fn quarters_with(&self, grade: GradeId) -> (usize, usize) {
        let Some(wanted) = self.subject.band(grade).map(|g| g.name.id.as_str()) else { return (0, 4) };
        let with = self
            .appearances
            .iter()
            .filter(|&&(q, r)| {
                let scored = &self.quarters[q];
                let (result, subject) = if self.is_staff {
                    (&scored.results.staff[r], &scored.policy.staff)
                } else {
                    (&scored.results.windows[r], &scored.policy.window)
                };
                subject.band(result.grade).is_some_and(|g| g.name.id == wanted)
            })
            .count();
        // The year has four quarters, whether or not all were given.
        (with, 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn months_in_hall_count_calendar_months() {
        assert_eq!(months_left(date(2026, 7, 1), 2026), Decimal::from(6));
        assert_eq!(months_left(date(2026, 1, 1), 2026), Decimal::from(12));
        assert_eq!(months_left(date(2025, 11, 3), 2026), Decimal::from(12));
        assert_eq!(months_left(date(2027, 1, 1), 2026), Decimal::ZERO);
        // 5 whole months and 30 of July's 31 days: under 6.
        assert_eq!(months_left(date(2026, 7, 2), 2026), Decimal::from_str("5.97").unwrap_or_default());
        assert_eq!(months_left(date(2026, 12, 16), 2026), Decimal::from_str("0.52").unwrap_or_default());
    }
}
