//! The records section → [`Records`] and [`Calendar`]: every name resolved
//! (a fact of the staff or of the window, a half day, a kind of leave), every
//! time and day a real one, every counting row cited, the schedules alike
//! in shape.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use rust_decimal::Decimal;

use super::error::{CountingPart, PunchAt, RecordsCheck as R};
use super::{CheckError, Checker};
use crate::policy::calendar::{Calendar, Year};
use crate::policy::records::{
    Away, CaseEvent, CaseKind, Condition, Counted, EventRule, Half, Minute, PunchEvent, Records, Schedule, Slot,
    SlotEnd, Target, Whose,
};
use crate::policy::{FactKind, Label, Subject};
use crate::source::{Named, Span};
use crate::suggest::{did_you_mean, did_you_mean_name};
use crate::syntax::ast::Spanned;
use crate::syntax::records::{self as ast, Block, Off, PunchEnd, Row};

const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// The block a row is in: what it may name and count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum In {
    Punches,
    Leave,
    Findings,
    Cases,
    Reviews,
}

impl In {
    fn word(self) -> &'static str {
        match self {
            In::Punches => "punches",
            In::Leave => "leave",
            In::Findings => "findings",
            In::Cases => "cases",
            In::Reviews => "reviews",
        }
    }
}

struct Scope<'a> {
    src: &'a Named,
    staff: &'a Subject,
    window: &'a Subject,
}

/// A schedule as checked, with where it was written.
struct Written<'a> {
    schedule: Schedule,
    ast: &'a ast::Schedule,
    src: &'a Named,
}

impl Checker {
    /// Check the records section's blocks, each with its file. `None` when
    /// the policy has no counting rules at all (a calendar alone is not).
    pub(super) fn records(
        &mut self,
        blocks: &[(&Block, &Named)],
        staff: &Subject,
        window: &Subject,
    ) -> (Option<Records>, Calendar) {
        let mut calendar = Calendar::default();
        let mut records = Records::default();
        let mut any = false;
        let mut seen: Vec<(&'static str, Span, &Named)> = Vec::new();
        let mut schedules: Vec<Written<'_>> = Vec::new();
        for &(block, src) in blocks {
            let once = match block {
                Block::Calendar(_) | Block::Schedule(_) => None,
                Block::Punches(c) => Some(("punches", c)),
                Block::Leave(c) => Some(("leave", c)),
                Block::Findings(c) => Some(("findings", c)),
                Block::Cases(c) => Some(("cases", c)),
                Block::Reviews(c) => Some(("reviews", c)),
            };
            if let Some((word, counting)) = once {
                if let Some((_, first, first_src)) = seen.iter().find(|(w, _, _)| *w == word) {
                    let same = first_src.name() == src.name();
                    let error = R::BlockTwice {
                        block: word,
                        first: same.then_some(*first),
                        first_file: (!same).then(|| first_src.name().to_string()),
                    };
                    self.refuse(src, counting.keyword, error);
                    continue;
                }
                seen.push((word, counting.keyword, src));
            }
            let scope = Scope { src, staff, window };
            match block {
                Block::Calendar(c) => {
                    if let Some(year) = self.calendar(src, c) {
                        if calendar.year(year.year).is_some() {
                            self.refuse(src, c.year.span, R::CalendarTwice { year: year.year });
                        } else {
                            calendar.years.push(year);
                        }
                    }
                }
                Block::Schedule(s) => {
                    any = true;
                    if let Some(schedule) = self.schedule(src, s) {
                        schedules.push(Written { schedule, ast: s, src });
                    }
                }
                Block::Punches(c) => {
                    any = true;
                    records.punches = self.events(&scope, c, In::Punches, punch_event);
                }
                Block::Leave(c) => {
                    any = true;
                    records.leave = self.counted(&scope, c, In::Leave);
                    records.away = self.away(&scope, c, &records.leave);
                }
                Block::Findings(c) => {
                    any = true;
                    records.items = self.counted(&scope, c, In::Findings);
                    records.by_fact = self.by_fact(src, c, staff, window, &records.items);
                }
                Block::Cases(c) => {
                    any = true;
                    records.case_kinds = self.case_kinds(src, c);
                    records.cases = self.events(&scope, c, In::Cases, case_event);
                    if records.case_kinds.is_empty() {
                        self.refuse(src, c.keyword, R::NoCaseKinds);
                    }
                }
                Block::Reviews(c) => {
                    any = true;
                    records.ratings = self.counted(&scope, c, In::Reviews);
                }
            }
        }
        calendar.years.sort_by_key(|y| y.year);
        records.schedules = self.alike(schedules, blocks);
        (any.then_some(records), calendar)
    }

    // -----------------------------------------------------------------------
    // The calendar
    // -----------------------------------------------------------------------

    fn calendar(&mut self, src: &Named, c: &ast::Calendar) -> Option<Year> {
        let year = whole(c.year.value).filter(|y| (1900..=2200).contains(y));
        let Some(year) = year.and_then(|y| i32::try_from(y).ok()) else {
            self.refuse(src, c.year.span, R::NotAYear { number: c.year.value });
            return None;
        };
        if c.notice.value.trim().is_empty() {
            self.refuse(src, c.notice.span, R::NoNotice);
        }
        let mut off: BTreeSet<NaiveDate> = BTreeSet::new();
        let mut working: BTreeSet<NaiveDate> = BTreeSet::new();
        let mut holidays = Vec::new();
        for holiday in &c.holidays {
            let from = self.day_of(src, year, &holiday.from);
            let to = match &holiday.to {
                Some(to) => self.day_of(src, year, to),
                None => from,
            };
            let mut days = Vec::new();
            if let (Some(from), Some(to)) = (from, to) {
                if to < from {
                    self.refuse(src, holiday.span, R::HolidayBackwards { holiday: holiday.name.value.clone() });
                }
                for day in from.iter_days().take_while(|d| *d <= to) {
                    if !off.insert(day) {
                        self.refuse(src, holiday.span, R::HolidayTwice { day });
                    }
                    days.push(day);
                }
            }
            for worked in &holiday.working {
                let Some(day) = self.day_of(src, year, worked) else { continue };
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    self.refuse(src, worked.span, R::WorkedNotWeekend { day });
                } else if !working.insert(day) {
                    self.refuse(src, worked.span, R::WorkedTwice { day });
                }
            }
            holidays.push((holiday.name.value.clone(), days));
        }
        for day in off.intersection(&working) {
            self.refuse(src, c.span, R::HolidayAndWorked { day: *day });
        }
        Some(Year { year, notice: c.notice.value.clone(), issued: c.issued.value, holidays, off, working })
    }

    fn day_of(&mut self, src: &Named, year: i32, day: &ast::MonthDay) -> Option<NaiveDate> {
        let (m, d) = day.value;
        let found = NaiveDate::from_ymd_opt(year, m, d);
        if found.is_none() {
            self.refuse(src, day.span, R::NoSuchDay { year: Some(year), month: m, day: d });
        }
        found
    }

    // -----------------------------------------------------------------------
    // Schedules
    // -----------------------------------------------------------------------

    fn schedule(&mut self, src: &Named, s: &ast::Schedule) -> Option<Schedule> {
        let mut ok = true;
        let season = match &s.season {
            None => None,
            Some((from, to)) => {
                // A leap year, so that 02-29 may end a season.
                let valid = |d: &ast::MonthDay| NaiveDate::from_ymd_opt(2024, d.value.0, d.value.1).is_some();
                for day in [from, to] {
                    if !valid(day) {
                        let (m, d) = day.value;
                        self.refuse(src, day.span, R::NoSuchDay { year: None, month: m, day: d });
                        ok = false;
                    }
                }
                Some((from.value, to.value))
            }
        };
        let mut halves: Vec<Half> = Vec::new();
        for h in &s.halves {
            self.cited(src, h.cite.as_ref(), h.span, CountingPart::HalfDay);
            let (start, end) = (self.minute(src, &h.start), self.minute(src, &h.end));
            let (Some(start), Some(end)) = (start, end) else {
                ok = false;
                continue;
            };
            if start >= end {
                self.refuse(src, h.span, R::HalfBackwards { half: h.name.value.clone() });
                ok = false;
            }
            if halves.iter().any(|o| o.name.id == h.name.value) {
                self.refuse(src, h.name.span, R::HalfTwice { half: h.name.value.clone() });
                ok = false;
                continue;
            }
            halves.push(Half { name: label(&h.name, &h.label), start, end, in_slot: usize::MAX, out_slot: usize::MAX });
        }
        if halves.len() != 2 {
            let error = R::HalvesNotTwo { schedule: s.label.value.clone(), halves: halves.len() };
            self.refuse(src, s.label.span, error);
            return None;
        }
        if halves[0].end > halves[1].start {
            self.refuse(src, s.span, R::HalvesOverlap);
            ok = false;
        }
        let mut slots: Vec<Slot> = Vec::new();
        for p in &s.punches {
            self.cited(src, p.cite.as_ref(), p.span, CountingPart::Punch);
            let Some(half) = halves.iter().position(|h| h.name.id == p.half.value) else {
                let suggestion = did_you_mean_name(&p.half.value, halves.iter().map(|h| h.name.id.as_str()));
                let error = R::NoSuchHalf { punch: p.name.value.clone(), half: p.half.value.clone(), suggestion };
                self.refuse(src, p.half.span, error);
                ok = false;
                continue;
            };
            if slots.iter().any(|o| o.name.id == p.name.value) {
                self.refuse(src, p.name.span, R::PunchTwice { punch: p.name.value.clone() });
                ok = false;
                continue;
            }
            let end = match p.end.value {
                PunchEnd::In => SlotEnd::In,
                PunchEnd::Out => SlotEnd::Out,
            };
            let taken = match end {
                SlotEnd::In => &mut halves[half].in_slot,
                SlotEnd::Out => &mut halves[half].out_slot,
            };
            if *taken != usize::MAX {
                let end = at(end);
                self.refuse(src, p.end.span, R::SecondPunch { half: p.half.value.clone(), end });
                ok = false;
                continue;
            }
            *taken = slots.len();
            let (from, until, before) = (
                self.maybe_minute(src, &p.on_from),
                self.maybe_minute(src, &p.on_until),
                self.maybe_minute(src, &p.on_before),
            );
            let off_before = self.minute(src, &p.off_before);
            let (Some(from), Some(until), Some(before), Some(off_before)) = (from, until, before, off_before) else {
                ok = false;
                continue;
            };
            let slot = Slot {
                name: label(&p.name, &p.label),
                half,
                end,
                from,
                until,
                before,
                off_before,
                cite: p.cite.as_ref().map(|c| c.value.clone()).unwrap_or_default(),
            };
            ok &= self.windows(src, p, &slot, &halves[half]);
            slots.push(slot);
        }
        for h in &halves {
            for (slot, end) in [(h.in_slot, PunchAt::In), (h.out_slot, PunchAt::Out)] {
                if slot == usize::MAX {
                    self.refuse(src, s.label.span, R::NoPunch { half: h.name.id.clone(), end });
                    ok = false;
                }
            }
        }
        ok.then(|| Schedule { label: s.label.value.clone(), season, halves, slots })
    }

    /// An in is on time until a time and late after it; an out is on time
    /// from a time and early before it.
    fn windows(&mut self, src: &Named, p: &ast::Punch, slot: &Slot, half: &Half) -> bool {
        let mut ok = true;
        let mut fail = |this: &mut Self, span: Span, error: R| {
            this.refuse(src, span, error);
            ok = false;
        };
        let punch = || p.name.value.clone();
        match (slot.end, p.off.value) {
            (SlotEnd::In, Off::Early) | (SlotEnd::Out, Off::Late) => {
                fail(self, p.off.span, R::WrongOff { punch: punch(), end: at(slot.end) })
            }
            _ => {}
        }
        match slot.end {
            SlotEnd::In => match slot.until.or(slot.before) {
                None => fail(self, p.span, R::Unbounded { punch: punch(), end: PunchAt::In }),
                Some(last) if last >= slot.off_before => {
                    let before = crate::policy::records::clock(slot.off_before);
                    fail(self, p.off_before.span, R::LateNotAfter { punch: punch(), before })
                }
                _ => {}
            },
            SlotEnd::Out => match slot.from {
                None => fail(self, p.span, R::Unbounded { punch: punch(), end: PunchAt::Out }),
                Some(from) if slot.off_before > from => {
                    fail(self, p.off_before.span, R::EarlyInsideWindow { punch: punch() })
                }
                _ => {}
            },
        }
        if let (Some(from), Some(last)) = (slot.from, slot.until.or(slot.before.map(|b| b.saturating_sub(1)))) {
            if from > last {
                fail(self, p.span, R::NeverOnTime { punch: punch() });
            }
        }
        let _ = half;
        ok
    }

    /// `Some(None)` when no time is written, `None` when a wrong one is.
    fn maybe_minute(&mut self, src: &Named, clock: &Option<ast::Clock>) -> Option<Option<Minute>> {
        match clock {
            None => Some(None),
            Some(c) => self.minute(src, c).map(Some),
        }
    }

    fn minute(&mut self, src: &Named, clock: &ast::Clock) -> Option<Minute> {
        let (h, m) = clock.value;
        if h > 23 || m > 59 {
            self.refuse(src, clock.span, R::NotATime { hour: h, minute: m });
            return None;
        }
        Some(h * 60 + m)
    }

    /// The schedules, the one with no season first; each season's like it in
    /// its half days and punches, and no two seasons on one day.
    fn alike(&mut self, written: Vec<Written<'_>>, blocks: &[(&Block, &Named)]) -> Vec<Schedule> {
        let needs = blocks.iter().any(|(b, _)| matches!(b, Block::Punches(_)));
        let defaults: Vec<&Written<'_>> = written.iter().filter(|w| w.ast.season.is_none()).collect();
        if let [_, second, ..] = defaults.as_slice() {
            self.refuse(second.src, second.ast.label.span, R::TwoWithoutSeason);
        }
        let Some(base) = defaults.first() else {
            if let Some(first) = written.first() {
                self.refuse(first.src, first.ast.label.span, R::AllSeasoned);
            } else if needs && !blocks.iter().any(|(b, _)| matches!(b, Block::Schedule(_))) {
                if let Some((Block::Punches(c), src)) = blocks.iter().find(|(b, _)| matches!(b, Block::Punches(_))) {
                    self.refuse(src, c.keyword, R::PunchesWithoutSchedule);
                }
            }
            return Vec::new();
        };
        for w in &written {
            if w.ast.season.is_none() {
                continue;
            }
            let same_halves =
                w.schedule.halves.iter().map(|h| &h.name).eq(base.schedule.halves.iter().map(|h| &h.name));
            let shape = |s: &Schedule| s.slots.iter().map(|x| (x.name.clone(), x.half, x.end)).collect::<Vec<_>>();
            if !same_halves || shape(&w.schedule) != shape(&base.schedule) {
                let error =
                    R::ScheduleUnlike { schedule: w.ast.label.value.clone(), base: base.ast.label.value.clone() };
                self.refuse(w.src, w.ast.label.span, error);
            }
        }
        // No day of a (leap) year in two seasons.
        let seasonal: Vec<&Written<'_>> = written.iter().filter(|w| w.ast.season.is_some()).collect();
        for (i, a) in seasonal.iter().enumerate() {
            for b in seasonal.iter().skip(i + 1) {
                let shared = NaiveDate::from_ymd_opt(2024, 1, 1)
                    .into_iter()
                    .flat_map(|d| d.iter_days().take(366))
                    .find(|d| a.schedule.holds((d.month(), d.day())) && b.schedule.holds((d.month(), d.day())));
                if let Some(day) = shared {
                    let error = R::SeasonsOverlap {
                        first: a.ast.label.value.clone(),
                        second: b.ast.label.value.clone(),
                        month: day.month(),
                        day: day.day(),
                    };
                    self.refuse(b.src, b.ast.label.span, error);
                }
            }
        }
        let mut out = Vec::new();
        let mut rest = Vec::new();
        for w in written {
            if w.ast.season.is_none() && out.is_empty() {
                out.push(w.schedule);
            } else if w.ast.season.is_some() {
                rest.push(w.schedule);
            }
        }
        out.extend(rest);
        out
    }

    // -----------------------------------------------------------------------
    // Counting rows
    // -----------------------------------------------------------------------

    fn refuse(&mut self, src: &Named, span: Span, error: R) {
        self.error(src, span, error.into());
    }

    fn cited(&mut self, src: &Named, cite: Option<&Spanned<String>>, span: Span, what: CountingPart) -> String {
        match cite {
            Some(c) if !c.value.is_empty() => c.value.clone(),
            Some(c) => {
                self.refuse(src, c.span, R::EmptyCite);
                String::new()
            }
            None => {
                self.refuse(src, span, R::NoCite { what });
                String::new()
            }
        }
    }

    fn events<E: Copy>(
        &mut self,
        scope: &Scope<'_>,
        c: &ast::Counting,
        block: In,
        event: fn(&str) -> Option<E>,
    ) -> Vec<EventRule<E>> {
        let mut out = Vec::new();
        for row in &c.rows {
            match row {
                Row::Event { event: name, targets, cite, span, .. } => {
                    let Some(e) = event(&name.value) else { continue };
                    let cite = self.cited(scope.src, cite.as_ref(), *span, CountingPart::Rule);
                    let targets = self.targets(scope, targets, block, &cite);
                    out.push(EventRule { event: e, targets });
                }
                Row::CaseKind { .. } if block == In::Cases => {}
                other => self.refuse(scope.src, other.span(), R::NoSuchRow { block: block.word() }),
            }
        }
        out
    }

    /// Declared names with their labels, and the rows that add targets to them.
    fn counted(&mut self, scope: &Scope<'_>, c: &ast::Counting, block: In) -> Vec<Counted> {
        let src = scope.src;
        let mut out: Vec<Counted> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        // Declarations first, so that a row may add to one declared below it.
        for row in &c.rows {
            let Row::Counted { name, label: Some(text), .. } = row else { continue };
            if let Some(i) = out.iter().position(|o| o.name.id == name.value) {
                self.refuse(src, name.span, R::NameTwice { name: name.value.clone(), first: spans[i] });
                continue;
            }
            if let Some(i) = out.iter().position(|o| o.name.label == text.value) {
                self.refuse(src, text.span, R::LabelTwice { label: text.value.clone(), first: spans[i] });
                continue;
            }
            if text.value.trim().is_empty() {
                self.refuse(src, text.span, R::EmptyLabel);
            }
            out.push(Counted {
                name: Label { id: name.value.clone(), label: text.value.clone() },
                targets: Vec::new(),
            });
            spans.push(name.span);
        }
        for row in &c.rows {
            match row {
                Row::Counted { name, label, targets, cite, span, .. } => {
                    let Some(i) = out.iter().position(|o| o.name.id == name.value) else {
                        if label.is_none() {
                            let suggestion = did_you_mean_name(&name.value, out.iter().map(|o| o.name.id.as_str()));
                            let error = R::Undeclared { name: name.value.clone(), block: block.word(), suggestion };
                            self.refuse(src, name.span, error);
                        }
                        continue;
                    };
                    if targets.is_empty() {
                        if label.is_none() {
                            self.refuse(src, *span, R::AddsNothing { name: name.value.clone() });
                        }
                        continue;
                    }
                    let cite = self.cited(src, cite.as_ref(), *span, CountingPart::Row);
                    let targets = self.targets(scope, targets, block, &cite);
                    out[i].targets.extend(targets);
                }
                Row::Away { .. } if block == In::Leave => {}
                Row::ByFact { .. } if block == In::Findings => {}
                other => self.refuse(src, other.span(), R::NoSuchRow { block: block.word() }),
            }
        }
        out
    }

    fn away(&mut self, scope: &Scope<'_>, c: &ast::Counting, leave: &[Counted]) -> Vec<Away> {
        let src = scope.src;
        let mut out = Vec::new();
        for row in &c.rows {
            let Row::Away { attribute, terms, cite, span, .. } = row else { continue };
            let cite = self.cited(src, cite.as_ref(), *span, CountingPart::Sum);
            let Some(index) = scope.staff.attribute_index(&attribute.value) else {
                let names = scope.staff.attributes.iter().map(|a| a.name.id.as_str());
                let suggestion = did_you_mean_name(&attribute.value, names);
                let error = CheckError::NoStaffAttribute { attribute: attribute.value.clone(), suggestion };
                self.error(src, attribute.span, error);
                continue;
            };
            if attribute.value == "workdays" {
                self.refuse(src, attribute.span, R::WorkdaysSummed);
                continue;
            }
            let mut away = Away { attribute: index, facts: Vec::new(), leave: Vec::new(), cite };
            for term in terms {
                let fact = scope.staff.fact_index(&term.value);
                let kind = leave.iter().position(|k| k.name.id == term.value);
                match (fact, kind) {
                    (Some(_), Some(_)) => {
                        self.refuse(src, term.span, R::FactAndLeave { name: term.value.clone() });
                    }
                    (Some(f), None) if matches!(scope.staff.facts[f.index()].kind, FactKind::Days) => {
                        away.facts.push(f)
                    }
                    (Some(f), None) => {
                        let error =
                            R::NotDays { name: term.value.clone(), kind: scope.staff.facts[f.index()].kind.word() };
                        self.refuse(src, term.span, error);
                    }
                    (None, Some(k)) => away.leave.push(k),
                    (None, None) => {
                        let names = scope
                            .staff
                            .facts
                            .iter()
                            .map(|f| f.name.id.as_str())
                            .chain(leave.iter().map(|k| k.name.id.as_str()));
                        let suggestion = did_you_mean_name(&term.value, names);
                        self.refuse(src, term.span, R::NotFactNorLeave { name: term.value.clone(), suggestion });
                    }
                }
            }
            out.push(away);
        }
        out
    }

    fn by_fact(
        &mut self,
        src: &Named,
        c: &ast::Counting,
        staff: &Subject,
        window: &Subject,
        items: &[Counted],
    ) -> Option<String> {
        let mut cite = None;
        for row in &c.rows {
            let Row::ByFact { cite: c, span, .. } = row else { continue };
            if cite.is_some() {
                self.refuse(src, *span, R::ByFactTwice);
                continue;
            }
            cite = Some(self.cited(src, c.as_ref(), *span, CountingPart::Rule));
        }
        if cite.is_some() {
            // An item's label may name a fact only to count it as that fact
            // does (`串岗` → `desk_visiting 1 each`): else a 事项 would mean two things.
            for item in items {
                fn named<'s>(subject: &'s Subject, whose: Whose, text: &str) -> Option<(usize, Whose, &'s str)> {
                    let i = subject.facts.iter().position(|f| f.name.id == text || f.name.label == text)?;
                    Some((i, whose, subject.facts[i].name.id.as_str()))
                }
                let text = item.name.label.as_str();
                let found = named(staff, Whose::Staff, text).or_else(|| named(window, Whose::Window, text));
                let Some((fact, whose, id)) = found else { continue };
                let same = matches!(item.targets.as_slice(), [t] if t.fact.index() == fact && t.whose == whose && t.amount == Decimal::ONE && !t.per_day);
                if !same {
                    let span = c.rows.iter().find_map(|r| match r {
                        Row::Counted { name, label: Some(l), .. } if name.value == item.name.id => Some(l.span),
                        _ => None,
                    });
                    let error = R::ItemIsFact { item: item.name.label.clone(), fact: id.to_string() };
                    self.refuse(src, span.unwrap_or(c.keyword), error);
                }
            }
        }
        cite
    }

    fn case_kinds(&mut self, src: &Named, c: &ast::Counting) -> Vec<CaseKind> {
        let mut out: Vec<CaseKind> = Vec::new();
        for row in &c.rows {
            let Row::CaseKind { name, label: text, deadline, cite, span, .. } = row else { continue };
            self.cited(src, cite.as_ref(), *span, CountingPart::CaseKind);
            if out.iter().any(|k| k.name.id == name.value || k.name.label == text.value) {
                self.refuse(src, name.span, R::CaseKindTwice { kind: name.value.clone() });
                continue;
            }
            out.push(CaseKind { name: label(name, text), deadline: deadline.value });
        }
        out
    }

    fn targets(&mut self, scope: &Scope<'_>, targets: &[ast::Target], block: In, cite: &str) -> Vec<Target> {
        targets.iter().filter_map(|t| self.target(scope, t, block, cite)).collect()
    }

    fn target(&mut self, scope: &Scope<'_>, t: &ast::Target, block: In, cite: &str) -> Option<Target> {
        let src = scope.src;
        let whose = match t.subject.as_ref().map(|s| s.value.as_str()) {
            Some("window") => Whose::Window,
            _ => Whose::Staff,
        };
        if whose == Whose::Window && !matches!(block, In::Cases | In::Reviews) {
            let span = t.subject.as_ref().map_or(t.span, |s| s.span);
            self.refuse(src, span, R::WindowRow { block: block.word() });
            return None;
        }
        let (subject, other, word) = match whose {
            Whose::Staff => (scope.staff, scope.window, "staff"),
            Whose::Window => (scope.window, scope.staff, "window"),
        };
        let Some(fact) = subject.fact_index(&t.fact.value) else {
            let of_window = other.fact_index(&t.fact.value).is_some() && whose == Whose::Staff;
            let facts = subject.facts.iter().map(|f| (f.name.id.as_str(), f.name.label.as_str()));
            let suggestion = did_you_mean(&t.fact.value, facts);
            let error = R::NoFact { whose: word, fact: t.fact.value.clone(), of_window, suggestion };
            self.refuse(src, t.fact.span, error);
            return None;
        };
        let kind = subject.facts[fact.index()].kind;
        let amount = t.amount.value;
        match kind {
            FactKind::Count if amount.fract() != Decimal::ZERO || t.per_day => {
                let fact = t.fact.value.clone();
                let error = if t.per_day { R::CountPerDay { fact } } else { R::CountFraction { fact, amount } };
                self.refuse(src, t.amount.span, error);
                return None;
            }
            FactKind::Days if (amount / HALF).fract() != Decimal::ZERO => {
                self.refuse(src, t.amount.span, R::DaysNotHalves { fact: t.fact.value.clone(), amount });
                return None;
            }
            FactKind::Amounts { .. } | FactKind::Levels => {
                self.refuse(src, t.fact.span, R::NotCounted { fact: t.fact.value.clone(), kind: kind.word() });
                return None;
            }
            _ => {}
        }
        if amount > Decimal::from(1000) {
            self.refuse(src, t.amount.span, R::AmountTooLarge { amount });
            return None;
        }
        if t.per_day && block != In::Leave {
            self.refuse(src, t.amount.span, R::PerDayOutsideLeave { block: block.word() });
            return None;
        }
        let condition = match &t.condition {
            None => None,
            Some((when, name)) => {
                let allowed: &[(&str, Condition)] = match block {
                    In::Leave => &[("signed", Condition::Signed)],
                    In::Cases => &[("joint", Condition::Joint)],
                    _ => &[],
                };
                match allowed.iter().find(|(n, _)| *n == name.value) {
                    Some((_, c)) => Some((*when, *c)),
                    None => {
                        let allowed: Vec<&'static str> = allowed.iter().map(|(n, _)| *n).collect();
                        let suggestion = did_you_mean_name(&name.value, allowed.iter().copied());
                        let error = R::UnknownCondition {
                            condition: name.value.clone(),
                            block: block.word(),
                            allowed,
                            suggestion,
                        };
                        self.refuse(src, name.span, error);
                        return None;
                    }
                }
            }
        };
        let over = match &t.over {
            None => None,
            Some((n, hours)) => {
                let minutes = if *hours { n.value * Decimal::from(60) } else { n.value };
                let whole_minutes = whole(minutes).and_then(|m| u32::try_from(m).ok()).filter(|m| *m <= 24 * 60);
                if block != In::Leave {
                    self.refuse(src, n.span, R::OverOutsideLeave);
                    return None;
                }
                let Some(m) = whole_minutes else {
                    self.refuse(src, n.span, R::BadDuration);
                    return None;
                };
                Some(m)
            }
        };
        Some(Target { whose, fact, amount, per_day: t.per_day, condition, over, cite: cite.to_string() })
    }
}

fn punch_event(word: &str) -> Option<PunchEvent> {
    Some(match word {
        "late" => PunchEvent::Late,
        "early" => PunchEvent::Early,
        "missing" => PunchEvent::Missing,
        "absent" => PunchEvent::Absent,
        _ => return None,
    })
}

fn case_event(word: &str) -> Option<CaseEvent> {
    Some(match word {
        "overdue" => CaseEvent::Overdue,
        "card" => CaseEvent::Card,
        _ => return None,
    })
}

fn label(name: &Spanned<String>, text: &Spanned<String>) -> Label {
    Label { id: name.value.clone(), label: text.value.clone() }
}

fn whole(value: Decimal) -> Option<i64> {
    (value.fract() == Decimal::ZERO).then(|| i64::try_from(value).ok()).flatten()
}

fn at(end: SlotEnd) -> PunchAt {
    match end {
        SlotEnd::In => PunchAt::In,
        SlotEnd::Out => PunchAt::Out,
    }
}
