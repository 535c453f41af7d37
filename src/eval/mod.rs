//! Stage 4, policy + facts → scores. Staff are scored first, since a window's
//! averaged category is built from its staff's scores. Every rule that moves
//! a score leaves an [`Entry`] in the record's trace, and so does every floor,
//! so that a trace always adds up to its total.
//!
//! Nothing here is worded: a veto, flag or `not assessed` line that applies
//! is a [`Reason`] (which line, and each test that decided it with the
//! values read; see [`reason`]), a quota's outcome is a [`Selection`], and
//! `render` says them in Chinese or in the policy's notation.
//!
//! All arithmetic is `rust_decimal`; the only rounding is the one an average
//! declares. Policy numbers are at most 10⁹ and fact quantities at most 10⁶
//! (both checked on the way in), which keeps every sum far from overflow.

pub mod annual;
mod arith;
pub mod diff;
mod evidence;
pub mod reason;
pub mod standing;
mod standings;

use rust_decimal::Decimal;

pub use arith::{apply_floor, beyond, round_half_away, weighted_average, WeightedMean};

pub use evidence::{Cited, Whose};
pub use reason::{Read, Reason, Test};
pub use standing::{Proposal, Selection, Standing, Tie};
pub use standings::{standings, Rescore, Standings};

use crate::facts::{Quarter, Record, Value, WindowIx};
use crate::policy::{Average, FactId, GradeId, Measure, Part, Policy, Scope, Subject, Term, TermScope};

#[derive(Debug, Clone)]
pub struct Results {
    pub staff: Vec<Scored>,
    pub windows: Vec<Scored>,
    /// How each chosen grade was filled.
    pub staff_selections: Vec<Selection>,
    pub window_selections: Vec<Selection>,
    /// How each honour's proposals were made (第十七条(四)): never grades.
    pub staff_proposals: Vec<Proposal>,
    pub window_proposals: Vec<Proposal>,
}

/// One record's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// One score per category of the subject, floors applied.
    pub categories: Vec<Decimal>,
    /// The sum of penalty points (≤ 0 for a policy that only deducts there).
    pub penalties: Decimal,
    pub bonus: Decimal,
    pub total: Decimal,
    /// Index into the subject's grades: the band of the total, until a
    /// chosen grade (`excellent`) replaces it.
    pub grade: GradeId,
    /// The band of the total, whatever was chosen.
    pub band: GradeId,
    pub rank: usize,
    /// Left out of a chosen grade with a group tied at the quota cut.
    pub left_out_tied: bool,
    /// Vetoes that applied, indexing the subject's vetoes, each with why.
    pub vetoes: Vec<Reason>,
    /// Flags raised, indexing the subject's flags, each with why.
    pub flags: Vec<Reason>,
    /// The honours it is proposed for: indices into the subject's honours.
    pub proposals: Vec<usize>,
    pub trace: Vec<Entry>,
}

/// One line of a record's ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub source: Source,
    /// What the rule counted: cases, days, cards in the window, or for an
    /// average the averaged value; for a floor, the category's score before it.
    pub quantity: Decimal,
    /// For `by level` rules, the level this entry counts.
    pub level: Option<usize>,
    pub points: Decimal,
    /// What made the quantity, as the facts gave it: on the first entry of
    /// each rule, empty when the facts carry no evidence.
    pub evidence: Vec<Cited>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The subject's rule at this index.
    Rule(usize),
    /// The floor of this category: deductions stop when its points are used up.
    Floor(usize),
    /// This category's average of the members' scores.
    Average(usize),
}

/// Score every staff member, then every window, each with its trace.
pub fn evaluate(policy: &Policy, quarter: &Quarter) -> Results {
    let sums = StaffSums::new(quarter);
    let (mut staff, mut windows, _) = score_all(policy, quarter, &sums, |categories, trace: &mut Vec<Entry>, tally| {
        let mut scored = Scored::unscored();
        (scored.categories, scored.trace) = (std::mem::take(categories), std::mem::take(trace));
        scored.tally(tally);
        scored
    });
    evidence::attach(policy, quarter, &mut staff, &mut windows);
    let totals = |list: &[Scored]| list.iter().map(|s| s.total).collect::<Vec<_>>();
    let (staff_places, staff_selections, staff_proposals) = stand(policy, quarter, &sums, true, &totals(&staff));
    let (window_places, window_selections, window_proposals) = stand(policy, quarter, &sums, false, &totals(&windows));
    for (scored, place) in staff.iter_mut().zip(&staff_places).chain(windows.iter_mut().zip(&window_places)) {
        scored.place(place);
    }
    Results { staff, windows, staff_selections, window_selections, staff_proposals, window_proposals }
}

/// Score every staff member, then every window (a window's averaged
/// category is made from its staff's scores), keeping of each record what
/// `keep` makes of its category scores, trace and tally (it may take the
/// buffers, or leave them to the next record); and the windows' averages.
fn score_all<T, R: Trace + Default>(
    policy: &Policy,
    quarter: &Quarter,
    sums: &StaffSums,
    mut keep: impl FnMut(&mut Vec<Decimal>, &mut R, Tally) -> T,
) -> (Vec<T>, Vec<T>, Averages) {
    let book = Book::new(policy, sums);
    let mut averages = AverageSums::new(policy, quarter);
    let (mut categories, mut trace) = (Vec::new(), R::default());
    let staff = quarter
        .staff
        .iter()
        .map(|person| {
            let tally = book.staff(person, &mut categories, &mut trace);
            averages.add(person, &categories);
            keep(&mut categories, &mut trace, tally)
        })
        .collect();
    let averages = averages.finish();
    let windows = quarter
        .windows
        .iter()
        .enumerate()
        .map(|(w, window)| {
            let tally = book.window(WindowIx(w), window, &averages, &mut categories, &mut trace);
            keep(&mut categories, &mut trace, tally)
        })
        .collect();
    (staff, windows, averages)
}

/// A record's standing in its list, once every total of the list is known:
/// all that grading makes of a record, besides its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub total: Decimal,
    /// Band, final grade, rank, and whether it was left out with a tie.
    pub standing: Standing,
    /// Vetoes that applied, indexing the subject's vetoes, each with why.
    pub vetoes: Vec<Reason>,
    /// Flags raised, indexing the subject's flags, each with why.
    pub flags: Vec<Reason>,
    /// The honours it is proposed for: indices into the subject's honours.
    pub proposals: Vec<usize>,
}

impl Scored {
    /// Nothing yet: the buffers [`score`] fills, and no place.
    fn unscored() -> Scored {
        Scored {
            categories: Vec::new(),
            penalties: Decimal::ZERO,
            bonus: Decimal::ZERO,
            total: Decimal::ZERO,
            grade: GradeId(0),
            band: GradeId(0),
            rank: 0,
            left_out_tied: false,
            vetoes: Vec::new(),
            flags: Vec::new(),
            proposals: Vec::new(),
            trace: Vec::new(),
        }
    }

    /// The points [`score`] gave besides the categories and trace it filled
    /// in place. Band, grade and rank are [`Scored::place`]'s to give.
    fn tally(&mut self, tally: Tally) {
        let Tally { penalties, bonus, total } = tally;
        (self.penalties, self.bonus, self.total) = (penalties, bonus, total);
    }

    /// Give the record the place grading gave it (reusing its lists' room).
    fn place(&mut self, place: &Place) {
        let Standing { band, grade, rank, left_out_tied } = place.standing;
        (self.band, self.grade, self.rank, self.left_out_tied) = (band, grade, rank, left_out_tied);
        self.vetoes.clone_from(&place.vetoes);
        self.flags.clone_from(&place.flags);
        self.proposals.clone_from(&place.proposals);
    }
}

/// Vetoes, chosen grades, ranks, flags and proposals of one list (the
/// staff, or the windows), once every total is known: each record's place,
/// how each chosen grade was filled and how each honour's proposals were made.
fn stand(
    policy: &Policy,
    quarter: &Quarter,
    sums: &StaffSums,
    is_staff: bool,
    totals: &[Decimal],
) -> (Vec<Place>, Vec<Selection>, Vec<Proposal>) {
    let subject = if is_staff { &policy.staff } else { &policy.window };
    let view = |i: usize, grade: Option<GradeId>| {
        let (record, window) = if is_staff {
            (&quarter.staff[i], quarter.staff[i].window)
        } else {
            (&quarter.windows[i], Some(WindowIx(i)))
        };
        QuarterView { record, window, sums, grade }
    };
    let assessed: Vec<Option<Decimal>> = totals.iter().copied().map(Some).collect();
    let settled = standing::settle(subject, &subject.vetoes, &subject.flags, &assessed, view);
    drop(assessed);
    let records = settled.standings.into_iter().zip(settled.vetoes).zip(settled.flags);
    let mut places: Vec<Place> = totals
        .iter()
        .zip(records)
        .map(|(&total, ((standing, vetoes), flags))| {
            // Every record of a quarter is assessed; the fallback is its band, unranked.
            let standing = standing.unwrap_or_else(|| {
                let band = subject.grade(total).unwrap_or(GradeId(0));
                Standing { band, grade: band, rank: 0, left_out_tied: false }
            });
            Place { total, standing, vetoes, flags, proposals: Vec::new() }
        })
        .collect();
    let proposals = standing::propose(subject, totals, |i, honour| {
        let grade = places[i].standing.grade;
        grade == honour.from && honour.condition.as_ref().is_none_or(|c| reason::holds(c, &view(i, Some(grade))))
    });
    for proposal in &proposals {
        for &i in &proposal.proposed {
            places[i].proposals.push(proposal.honour);
        }
    }
    (places, settled.selections, proposals)
}

/// The sum of each staff fact over each window's staff, for `in window`
/// rules and for `in window` and `of staff` in conditions.
#[derive(Debug, Clone)]
pub struct StaffSums {
    /// Indexed `window * facts + fact`.
    sums: Vec<Decimal>,
    facts: usize,
}

impl StaffSums {
    pub fn new(quarter: &Quarter) -> StaffSums {
        let facts = quarter.staff.iter().flat_map(|p| p.facts.iter().map(|(f, _)| f.index() + 1)).max().unwrap_or(0);
        let mut sums = vec![Decimal::ZERO; facts * quarter.windows.len()];
        for person in &quarter.staff {
            let Some(w) = person.window else { continue };
            for (fact, value) in &person.facts {
                if let Some(slot) = sums.get_mut(w.index() * facts + fact.index()) {
                    *slot += magnitude(value);
                }
            }
        }
        StaffSums { sums, facts }
    }

    /// The sum of a staff fact over a window's staff.
    ///
    /// ```
    /// use kaohe::eval::StaffSums;
    /// use kaohe::facts::Quarter;
    /// use kaohe::policy::FactId;
    /// use rust_decimal::Decimal;
    ///
    /// /// A fact summed over the staff of the window staff member `person` is in.
    /// fn in_window(quarter: &Quarter, sums: &StaffSums, person: usize, fact: FactId) -> Option<Decimal> {
    ///     let window = quarter.staff.get(person)?.window?;
    ///     Some(sums.get(fact, window))
    /// }
    /// ```
    ///
    /// A staff member's own index taken for their window's does not compile
    /// ([`WindowIx`]):
    ///
    /// ```compile_fail
    /// use kaohe::eval::StaffSums;
    /// use kaohe::facts::Quarter;
    /// use kaohe::policy::FactId;
    /// use rust_decimal::Decimal;
    ///
    /// fn in_window(quarter: &Quarter, sums: &StaffSums, person: usize, fact: FactId) -> Option<Decimal> {
    ///     Some(sums.get(fact, person))
    /// }
    /// ```
    pub fn get(&self, fact: FactId, window: WindowIx) -> Decimal {
        if fact.index() >= self.facts {
            return Decimal::ZERO;
        }
        self.sums.get(window.index() * self.facts + fact.index()).copied().unwrap_or_default()
    }
}

/// A fact as one number: counts and days as they are, amounts as the number
/// of cases, levels as all levels together.
pub fn magnitude(value: &Value) -> Decimal {
    value.magnitude()
}

/// One record of one quarter, as a condition reads it.
struct QuarterView<'a> {
    record: &'a Record,
    window: Option<WindowIx>,
    sums: &'a StaffSums,
    grade: Option<GradeId>,
}

impl reason::Record for QuarterView<'_> {
    fn term(&self, term: Term) -> Decimal {
        match term {
            Term::Fact { fact, scope: TermScope::Own } => self.record.fact(fact).map(magnitude).unwrap_or_default(),
            Term::Fact { fact, scope: TermScope::Window | TermScope::Staff } => {
                self.window.map(|w| self.sums.get(fact, w)).unwrap_or_default()
            }
            Term::Attribute(a) => self.record.attributes.get(a).copied().unwrap_or_default(),
            // check keeps months_in_hall out of quarterly conditions.
            Term::MonthsInHall => Decimal::ZERO,
        }
    }

    fn role(&self) -> Option<crate::policy::RoleId> {
        self.record.role
    }

    fn grade(&self) -> Option<GradeId> {
        self.grade
    }

    // check keeps `in every quarter` out of quarterly conditions.
    fn quarters_with(&self, _grade: GradeId) -> (usize, usize) {
        (0, 1)
    }
}

/// Each averaged window category's value for each window: the weighted
/// average of its staff's scores in the averaged staff category.
#[derive(Debug, Clone, Default)]
struct Averages {
    /// Per window category, per window; empty for a category not averaged,
    /// None for a window whose members' weights sum to zero.
    values: Vec<Vec<Option<Decimal>>>,
}

impl Averages {
    fn get(&self, category: usize, window: WindowIx) -> Option<Decimal> {
        self.values.get(category)?.get(window.index()).copied().flatten()
    }
}

/// [`Averages`] summed as the staff are scored, so that no staff member's
/// category scores need be kept: per window category, how it averages and
/// each window's running sums.
struct AverageSums<'a> {
    categories: Vec<Option<(&'a Average, Vec<WeightedMean>)>>,
}

impl<'a> AverageSums<'a> {
    fn new(policy: &'a Policy, quarter: &Quarter) -> AverageSums<'a> {
        let windows = quarter.windows.len();
        let categories = policy.window.categories.iter();
        AverageSums {
            categories: categories
                .map(|c| Some((c.average.as_ref()?, vec![WeightedMean::default(); windows])))
                .collect(),
        }
    }

    /// Add a staff member's category scores to their window's averages.
    fn add(&mut self, person: &Record, categories: &[Decimal]) {
        let Some(w) = person.window else { return };
        for (average, sums) in self.categories.iter_mut().flatten() {
            if let (Some(sum), Some(score)) = (sums.get_mut(w.index()), categories.get(average.category)) {
                sum.add(*score, person.attributes.get(average.weight).copied().unwrap_or_default());
            }
        }
    }

    fn finish(self) -> Averages {
        let values = self.categories.into_iter().map(|category| match category {
            Some((average, sums)) => sums.iter().map(|sum| sum.value(average.places)).collect(),
            None => Vec::new(),
        });
        Averages { values: values.collect() }
    }
}

/// A subject's rules by what they read, so that a record is scored by the
/// rules that can move it: those of the facts it has, looked up by the
/// fact's index, and those reading its window.
struct RuleIndex {
    /// For each fact, the rules reading the record's own value of it, in policy order.
    own: Vec<Vec<usize>>,
    /// The `in window` rules, in policy order.
    window: Vec<usize>,
}

impl RuleIndex {
    fn new(subject: &Subject) -> RuleIndex {
        let mut own = vec![Vec::new(); subject.facts.len()];
        let mut window = Vec::new();
        for (r, rule) in subject.rules.iter().enumerate() {
            match rule.scope {
                Scope::Own => own.get_mut(rule.fact.index()).into_iter().for_each(|rules| rules.push(r)),
                Scope::Window => window.push(r),
            }
        }
        RuleIndex { own, window }
    }
}

/// What a rule reads: the record's own value of its fact, or the sum over its window.
#[derive(Clone, Copy)]
enum Quantity<'a> {
    Fact(&'a Value),
    Window,
}

/// Where scoring puts the lines of a record's ledger: a trace, or nowhere
/// when only the points are wanted (grading reads totals, not traces).
trait Trace {
    fn clear(&mut self);
    fn line(&mut self, entry: impl FnOnce() -> Entry);
    /// Put the rules' entries in policy order, each rule's in the order made.
    fn sort(&mut self);
}

impl Trace for Vec<Entry> {
    fn clear(&mut self) {
        Vec::clear(self);
    }

    fn line(&mut self, entry: impl FnOnce() -> Entry) {
        self.push(entry());
    }

    fn sort(&mut self) {
        // Stable: a level table's entries keep their level order.
        self.sort_by_key(|e| match e.source {
            Source::Rule(r) => r,
            Source::Floor(_) | Source::Average(_) => usize::MAX,
        });
    }
}

/// No trace: the points alone.
#[derive(Default)]
struct Untraced;

impl Trace for Untraced {
    fn clear(&mut self) {}
    fn line(&mut self, _: impl FnOnce() -> Entry) {}
    fn sort(&mut self) {}
}

/// A record's points besides its categories' (which [`score`] leaves in
/// the buffer it is given), floors applied.
#[derive(Debug, Clone, Copy)]
struct Tally {
    penalties: Decimal,
    bonus: Decimal,
    total: Decimal,
}

/// What scoring one record of a quarter reads besides the record: each
/// subject's rules by fact, and the sums over each window's staff.
struct Book<'a> {
    policy: &'a Policy,
    sums: &'a StaffSums,
    staff: RuleIndex,
    window: RuleIndex,
}

impl<'a> Book<'a> {
    fn new(policy: &'a Policy, sums: &'a StaffSums) -> Book<'a> {
        Book { policy, sums, staff: RuleIndex::new(&policy.staff), window: RuleIndex::new(&policy.window) }
    }

    /// Score a staff member ([`score`]).
    fn staff(&self, person: &Record, categories: &mut Vec<Decimal>, trace: &mut impl Trace) -> Tally {
        let staff = &self.policy.staff;
        let window = person.window.unwrap_or(WindowIx(0));
        let in_window = |rule: usize| self.sums.get(staff.rules[rule].fact, window);
        score(staff, &self.staff, person, (in_window, |_| None), categories, trace)
    }

    /// Score window `w`, `record`, whose averaged categories are `averages`'.
    fn window(
        &self,
        w: WindowIx,
        record: &Record,
        averages: &Averages,
        categories: &mut Vec<Decimal>,
        trace: &mut impl Trace,
    ) -> Tally {
        let average = |category: usize| averages.get(category, w);
        score(&self.policy.window, &self.window, record, (|_| Decimal::ZERO, average), categories, trace)
    }
}

/// The points rule `r` moves on a value, each entry put in the trace: None
/// when it moves none.
fn measure(r: usize, measure: &Measure, value: &Value, trace: &mut impl Trace) -> Option<Decimal> {
    let entry = |quantity: Decimal, level: Option<usize>, points: Decimal| Entry {
        source: Source::Rule(r),
        quantity,
        level,
        points,
        evidence: Vec::new(),
    };
    // What a rule moved is the sum of its entries' points from zero, as
    // scoring has always added it up (`Sum` of the trace's entries).
    match (measure, value) {
        (Measure::Each { points, beyond: threshold }, Value::Number(n)) => {
            let counted = beyond(*n, *threshold);
            if counted.is_zero() {
                return None;
            }
            let points = counted * points;
            trace.line(|| entry(*n, None, points));
            Some(Decimal::ZERO + points)
        }
        (Measure::Assessed { sign }, Value::Amounts(amounts)) if !amounts.is_empty() => {
            let sum: Decimal = amounts.iter().sum();
            let points = sum * sign;
            trace.line(|| entry(Decimal::from(amounts.len()), None, points));
            Some(Decimal::ZERO + points)
        }
        (Measure::ByLevel(table), Value::Levels(counts)) => {
            // Summed from zero in level order, as the entries are.
            let mut moved = None;
            for (level, n) in counts {
                let points = table.get(*level).copied().unwrap_or_default() * n;
                if !points.is_zero() {
                    trace.line(|| entry(*n, Some(*level), points));
                    *moved.get_or_insert(Decimal::ZERO) += points;
                }
            }
            moved
        }
        // check fits every rule to its fact's kind.
        _ => None,
    }
}

/// Score one record: each category's score into `categories` and each line
/// of its ledger into `trace` (both emptied first, so that one buffer serves
/// record after record), the rest returned. `in_window(rule)` gives the
/// window-wide quantity of an `in window` rule; `average(category)` the
/// value of an averaged category.
fn score(
    subject: &Subject,
    rules: &RuleIndex,
    record: &Record,
    (in_window, average): (impl Fn(usize) -> Decimal, impl Fn(usize) -> Option<Decimal>),
    categories: &mut Vec<Decimal>,
    trace: &mut impl Trace,
) -> Tally {
    trace.clear();
    // Each category's points and what its rules moved, floored in place below.
    categories.clear();
    categories.extend(subject.categories.iter().map(|c| c.points));
    let mut penalties = Decimal::ZERO;
    let mut bonus = Decimal::ZERO;
    // Facts come in fact order, the trace goes in policy order: sorted after.
    let mut in_order = true;
    let mut last = None;
    let own = record.facts.iter().flat_map(|(fact, value)| {
        rules.own.get(fact.index()).into_iter().flatten().map(move |&r| (r, Quantity::Fact(value)))
    });
    let window = rules.window.iter().map(|&r| (r, Quantity::Window));
    for (r, quantity) in own.chain(window) {
        let rule = &subject.rules[r];
        if rule.role.is_some() && rule.role != record.role {
            continue;
        }
        let window_sum;
        let value = match quantity {
            Quantity::Fact(value) => value,
            Quantity::Window => {
                window_sum = Value::Number(in_window(r));
                &window_sum
            }
        };
        let Some(moved) = measure(r, &rule.measure, value, trace) else {
            continue;
        };
        in_order &= last < Some(r);
        last = Some(r);
        match rule.part {
            Part::Category(c) => categories[c] += moved,
            Part::Penalties => penalties += moved,
            Part::Bonus => bonus += moved,
        }
    }
    if !in_order {
        trace.sort();
    }
    for (c, (category, score)) in subject.categories.iter().zip(categories.iter_mut()).enumerate() {
        if let Some(value) = average(c) {
            trace.line(|| Entry {
                source: Source::Average(c),
                quantity: value,
                level: None,
                points: value - category.points,
                evidence: Vec::new(),
            });
            *score = value;
            continue;
        }
        let (floored, restored) = apply_floor(*score);
        if !restored.is_zero() {
            let before = *score;
            trace.line(|| Entry {
                source: Source::Floor(c),
                quantity: before,
                level: None,
                points: restored,
                evidence: Vec::new(),
            });
        }
        *score = floored;
    }
    // The band of the total is grading's to find (`standing::grade_all`),
    // once for each record: scoring finds it twice, or more.
    let total = categories.iter().sum::<Decimal>() + penalties + bonus;
    Tally { penalties, bonus, total }
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::policy::FactKind;

    /// The shipped policy, read, parsed and checked by the stages before this one.
    pub(crate) fn shipped_policy() -> Policy {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/luoshan/2026");
        let paths = crate::source::walk::files(&dir, "rules").map_err(|e| format!("{e:?}")).unwrap();
        let parsed: Vec<_> = paths
            .iter()
            .map(|path| {
                let file = crate::source::SourceFile::read(path).map_err(|e| format!("{e:?}")).unwrap();
                let ast = crate::syntax::parse_file(&file).map_err(|e| format!("{e:?}")).unwrap();
                (file, ast)
            })
            .collect();
        crate::check::check(&parsed).map_err(|e| format!("{e:?}")).unwrap()
    }

    fn policy() -> Policy {
        shipped_policy()
    }

    /// A value of the fact's kind that moves its rules: ten of a count, the
    /// top of an amount's range, ten cases at every level.
    fn value(policy: &Policy, kind: FactKind) -> Value {
        let ten = Decimal::from(10);
        match kind {
            FactKind::Count | FactKind::Days => Value::Number(ten),
            FactKind::Amounts { max, .. } => Value::Amounts(vec![max]),
            FactKind::Levels => Value::Levels((0..policy.levels.len()).map(|l| (l, ten)).collect()),
        }
    }

    /// Rules are found by the facts a record has, in fact order; the trace
    /// still lists them in policy order, as scoring every rule in turn would.
    #[test]
    fn the_trace_is_in_policy_order_whatever_the_order_of_facts() {
        let policy = policy();
        let staff = &policy.staff;
        let record = Record {
            id: "S1".into(),
            role: staff.role_index("chief_rep"),
            attributes: vec![Decimal::from(60); staff.attributes.len()],
            facts: staff.facts.iter().enumerate().map(|(f, fact)| (FactId(f), value(&policy, fact.kind))).collect(),
            ..Record::default()
        };
        // The shipped policy declares facts in another order than its rules read them.
        let by_rule: Vec<FactId> = staff.rules.iter().filter(|r| r.scope == Scope::Own).map(|r| r.fact).collect();
        assert!(by_rule.windows(2).any(|w| w[0] > w[1]), "{by_rule:?}");
        let (mut categories, mut trace) = (Vec::new(), Vec::new());
        let in_window = |_| Decimal::ZERO;
        let scored = score(staff, &RuleIndex::new(staff), &record, (in_window, |_| None), &mut categories, &mut trace);
        let rules: Vec<usize> = trace
            .iter()
            .filter_map(|e| match e.source {
                Source::Rule(r) => Some(r),
                _ => None,
            })
            .collect();
        assert!(rules.windows(2).all(|w| w[0] <= w[1]), "{rules:?}");
        // Every own rule that applies to the role moved the score once (levels once per level).
        let expected: Vec<usize> = staff
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.scope == Scope::Own && (r.role.is_none() || r.role == record.role))
            .map(|(i, _)| i)
            .collect();
        let mut distinct = rules.clone();
        distinct.dedup();
        assert_eq!(distinct, expected);
        let sum: Decimal = trace.iter().map(|e| e.points).sum();
        let points: Decimal = staff.categories.iter().map(|c| c.points).sum();
        assert_eq!(points + sum, scored.total);
    }
}
