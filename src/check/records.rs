//! The records section → [`Records`] and [`Calendar`]: every name resolved
//! (a fact of the staff or of the window, a half day, a kind of leave), every
//! time and day a real one, every counting row cited, the schedules alike
//! in shape.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use rust_decimal::Decimal;

use super::{CheckError, Checker};
use crate::policy::calendar::{Calendar, Year};
use crate::policy::records::{
    Away, CaseEvent, CaseKind, Condition, Counted, EventRule, Half, Minute, PunchEvent, Records, Schedule, Slot,
    SlotEnd, Target, Whose,
};
use crate::policy::{FactKind, Label, Subject};
use crate::source::{Named, Span};
use crate::suggest::closest;
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
                    self.errors.push(CheckError {
                        message: format!("`{word}` is declared twice"),
                        src: src.clone(),
                        span: counting.keyword,
                        label: "second block".into(),
                        first: same.then_some(*first),
                        help: Some(if same {
                            "put all its rows in one block".to_string()
                        } else {
                            format!("the first is in `{}`; put all its rows in one block", first_src.name())
                        }),
                    });
                    continue;
                }
                seen.push((word, counting.keyword, src));
            }
            let scope = Scope { src, staff, window };
            match block {
                Block::Calendar(c) => {
                    if let Some(year) = self.calendar(src, c) {
                        if calendar.year(year.year).is_some() {
                            let message = format!("the calendar of {} is given twice", year.year);
                            self.error(src, c.year.span, message, "again", None);
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
                        let help = "name each kind of case and its deadline, for example `promised \"承诺件\" due in working days`";
                        self.error(
                            src,
                            c.keyword,
                            "`cases` declares no kind of case".into(),
                            "no kinds",
                            Some(help.into()),
                        );
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
            self.error(src, c.year.span, format!("`{}` is not a year", c.year.value), "not a year", None);
            return None;
        };
        if c.notice.value.trim().is_empty() {
            let help = "name the notice that sets the year's holidays, for example \"国务院办公厅关于2026年部分节假日安排的通知\"";
            self.error(src, c.notice.span, "the calendar names no notice".into(), "empty", Some(help.into()));
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
                    let message = format!("holiday `{}` ends before it starts", holiday.name.value);
                    self.error(src, holiday.span, message, "backwards", None);
                }
                for day in from.iter_days().take_while(|d| *d <= to) {
                    if !off.insert(day) {
                        let message = format!("{day} is given as a holiday twice");
                        self.error(src, holiday.span, message, "overlaps another holiday", None);
                    }
                    days.push(day);
                }
            }
            for worked in &holiday.working {
                let Some(day) = self.day_of(src, year, worked) else { continue };
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    let message = format!("{day} is a {}, a workday already", weekday_word(day.weekday()));
                    let help = "`working` names the weekend days the notice makes workdays (调休上班)";
                    self.error(src, worked.span, message, "not a weekend day", Some(help.into()));
                } else if !working.insert(day) {
                    self.error(src, worked.span, format!("{day} is given as worked twice"), "again", None);
                }
            }
            holidays.push((holiday.name.value.clone(), days));
        }
        for day in off.intersection(&working) {
            let message = format!("{day} is both a holiday and a day worked");
            self.error(src, c.span, message, "in this calendar", None);
        }
        Some(Year { year, notice: c.notice.value.clone(), issued: c.issued.value, holidays, off, working })
    }

    fn day_of(&mut self, src: &Named, year: i32, day: &ast::MonthDay) -> Option<NaiveDate> {
        let (m, d) = day.value;
        let found = NaiveDate::from_ymd_opt(year, m, d);
        if found.is_none() {
            self.error(src, day.span, format!("{year} has no day {m:02}-{d:02}"), "not a day", None);
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
                        self.error(src, day.span, format!("no year has a day {m:02}-{d:02}"), "not a day", None);
                        ok = false;
                    }
                }
                Some((from.value, to.value))
            }
        };
        let mut halves: Vec<Half> = Vec::new();
        for h in &s.halves {
            self.cited(src, h.cite.as_ref(), h.span, "the half day");
            let (start, end) = (self.minute(src, &h.start), self.minute(src, &h.end));
            let (Some(start), Some(end)) = (start, end) else {
                ok = false;
                continue;
            };
            if start >= end {
                self.error(
                    src,
                    h.span,
                    format!("half day `{}` ends before it starts", h.name.value),
                    "backwards",
                    None,
                );
                ok = false;
            }
            if halves.iter().any(|o| o.name.id == h.name.value) {
                self.error(src, h.name.span, format!("half day `{}` is declared twice", h.name.value), "again", None);
                ok = false;
                continue;
            }
            halves.push(Half { name: label(&h.name, &h.label), start, end, in_slot: usize::MAX, out_slot: usize::MAX });
        }
        if halves.len() != 2 {
            let message = format!(
                "a schedule has a morning and an afternoon; `{}` has {} half days",
                s.label.value,
                halves.len()
            );
            let help = "write both, for example `morning \"上午\" 09:00-12:00` and `afternoon \"下午\" 13:00-17:00`";
            self.error(src, s.label.span, message, "two half days", Some(help.into()));
            return None;
        }
        if halves[0].end > halves[1].start {
            self.error(src, s.span, "the first half day must end before the second starts".into(), "overlap", None);
            ok = false;
        }
        let mut slots: Vec<Slot> = Vec::new();
        for p in &s.punches {
            self.cited(src, p.cite.as_ref(), p.span, "the punch");
            let Some(half) = halves.iter().position(|h| h.name.id == p.half.value) else {
                let help = closest(&p.half.value, halves.iter().map(|h| h.name.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"));
                let message = format!("punch `{}` names no half day `{}`", p.name.value, p.half.value);
                self.error(src, p.half.span, message, "not a half day of this schedule", help);
                ok = false;
                continue;
            };
            if slots.iter().any(|o| o.name.id == p.name.value) {
                self.error(src, p.name.span, format!("punch `{}` is declared twice", p.name.value), "again", None);
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
                let which = if end == SlotEnd::In { "in" } else { "out" };
                let message = format!("half day `{}` has two `{which}` punches", p.half.value);
                self.error(src, p.end.span, message, "the second", None);
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
            for (slot, which) in [(h.in_slot, "in"), (h.out_slot, "out")] {
                if slot == usize::MAX {
                    let message = format!("half day `{}` has no `{which}` punch", h.name.id);
                    let help = format!(
                        "four punches are due each workday (第十一条); declare one like `{}_{which} \"…\" {} {which}, on time …`",
                        h.name.id, h.name.id
                    );
                    self.error(src, s.label.span, message, "in this schedule", Some(help));
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
        let mut fail = |this: &mut Self, span: Span, message: String, help: &str| {
            this.error(src, span, message, "here", Some(help.to_string()));
            ok = false;
        };
        match (slot.end, p.off.value) {
            (SlotEnd::In, Off::Early) => fail(
                self,
                p.off.span,
                format!("`{}` opens a half day: it is late, not early", p.name.value),
                "write `late before …`",
            ),
            (SlotEnd::Out, Off::Late) => fail(
                self,
                p.off.span,
                format!("`{}` closes a half day: it is early, not late", p.name.value),
                "write `early before …`",
            ),
            _ => {}
        }
        match slot.end {
            SlotEnd::In => match slot.until.or(slot.before) {
                None => fail(
                    self,
                    p.span,
                    format!("`{}` is on time with no end: it could never be late", p.name.value),
                    "write `on time until 08:55`",
                ),
                Some(last) if last >= slot.off_before => fail(
                    self,
                    p.off_before.span,
                    format!(
                        "`{}` is late only before {}, which is not after its on-time window",
                        p.name.value,
                        crate::policy::records::clock(slot.off_before)
                    ),
                    "late is after the window and before this time, usually the end of the half day",
                ),
                _ => {}
            },
            SlotEnd::Out => match slot.from {
                None => fail(
                    self,
                    p.span,
                    format!("`{}` is on time with no start: it could never be early", p.name.value),
                    "write `on time from 12:00`",
                ),
                Some(from) if slot.off_before > from => fail(
                    self,
                    p.off_before.span,
                    format!("`{}` is early up to a time inside its on-time window", p.name.value),
                    "early is before the window: write `early before` its start",
                ),
                _ => {}
            },
        }
        if let (Some(from), Some(last)) = (slot.from, slot.until.or(slot.before.map(|b| b.saturating_sub(1)))) {
            if from > last {
                fail(
                    self,
                    p.span,
                    format!("`{}` is never on time: its window is empty", p.name.value),
                    "check the times",
                );
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
            self.error(src, clock.span, format!("`{h:02}:{m:02}` is not a time of day"), "not a time", None);
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
            let help = "give the other its days of the year: `schedule \"夏季作息\" from 05-01 to 09-30 { … }`";
            self.error(
                second.src,
                second.ast.label.span,
                "two schedules without a season".into(),
                "second",
                Some(help.into()),
            );
        }
        let Some(base) = defaults.first() else {
            if let Some(first) = written.first() {
                let help = "write the schedule of the rest of the year without `from … to …`";
                self.error(
                    first.src,
                    first.ast.label.span,
                    "every schedule has a season: some days would have none".into(),
                    "a season",
                    Some(help.into()),
                );
            } else if needs && !blocks.iter().any(|(b, _)| matches!(b, Block::Schedule(_))) {
                if let Some((Block::Punches(c), src)) = blocks.iter().find(|(b, _)| matches!(b, Block::Punches(_))) {
                    let help = "declare the work hours and the punches: `schedule \"作息时间\" { morning \"上午\" 09:00-12:00 … }`";
                    self.error(src, c.keyword, "`punches` needs a `schedule`".into(), "no schedule", Some(help.into()));
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
                let help = format!(
                    "a season changes the times only: give it the half days and punches of `{}`, with the same names and labels",
                    base.ast.label.value
                );
                self.error(
                    w.src,
                    w.ast.label.span,
                    format!("schedule `{}` is not like `{}`", w.ast.label.value, base.ast.label.value),
                    "other half days or punches",
                    Some(help),
                );
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
                    let message = format!(
                        "schedules `{}` and `{}` both hold {:02}-{:02}",
                        a.ast.label.value,
                        b.ast.label.value,
                        day.month(),
                        day.day()
                    );
                    self.error(b.src, b.ast.label.span, message, "overlapping seasons", None);
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

    fn cited(&mut self, src: &Named, cite: Option<&Spanned<String>>, span: Span, what: &str) -> String {
        match cite {
            Some(c) if !c.value.is_empty() => c.value.clone(),
            Some(c) => {
                let help = "name the place in the document, for example `[第十章/二]`";
                self.error(src, c.span, "the cite is empty".into(), "empty cite", Some(help.into()));
                String::new()
            }
            None => {
                let help =
                    "every counting rule names the place in the document it encodes, for example `[第十章/三/1]`";
                self.error(src, span, format!("{what} has no cite"), "no cite", Some(help.into()));
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
                    let cite = self.cited(scope.src, cite.as_ref(), *span, "the rule");
                    let targets = self.targets(scope, targets, block, &cite);
                    out.push(EventRule { event: e, targets });
                }
                Row::CaseKind { .. } if block == In::Cases => {}
                other => {
                    let message = format!("`{}` has no such row", block.word());
                    self.error(scope.src, other.span(), message, "not a row of this block", None);
                }
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
                self.errors.push(CheckError {
                    message: format!("`{}` is declared twice", name.value),
                    src: src.clone(),
                    span: name.span,
                    label: "declared again here".into(),
                    first: Some(spans[i]),
                    help: Some("a row with the name alone adds to it: drop the label".into()),
                });
                continue;
            }
            if let Some(i) = out.iter().position(|o| o.name.label == text.value) {
                self.errors.push(CheckError {
                    message: format!("the label \"{}\" is given twice", text.value),
                    src: src.clone(),
                    span: text.span,
                    label: "again".into(),
                    first: Some(spans[i]),
                    help: Some("the tables name each by its label: keep them apart".into()),
                });
                continue;
            }
            if text.value.trim().is_empty() {
                self.error(src, text.span, "the label is empty".into(), "empty", None);
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
                            let help = closest(&name.value, out.iter().map(|o| o.name.id.as_str()))
                                .map(|s| format!("did you mean `{s}`?"))
                                .or_else(|| Some(format!("declare it with its label first: `{} \"…\"`", name.value)));
                            let message = format!("`{}` is not declared in `{}`", name.value, block.word());
                            self.error(src, name.span, message, "no label anywhere", help);
                        }
                        continue;
                    };
                    if targets.is_empty() {
                        if label.is_none() {
                            let message = format!("the row of `{}` adds nothing", name.value);
                            self.error(src, *span, message, "no targets", None);
                        }
                        continue;
                    }
                    let cite = self.cited(src, cite.as_ref(), *span, "the row");
                    let targets = self.targets(scope, targets, block, &cite);
                    out[i].targets.extend(targets);
                }
                Row::Away { .. } if block == In::Leave => {}
                Row::ByFact { .. } if block == In::Findings => {}
                other => {
                    let message = format!("`{}` has no such row", block.word());
                    self.error(src, other.span(), message, "not a row of this block", None);
                }
            }
        }
        out
    }

    fn away(&mut self, scope: &Scope<'_>, c: &ast::Counting, leave: &[Counted]) -> Vec<Away> {
        let src = scope.src;
        let mut out = Vec::new();
        for row in &c.rows {
            let Row::Away { attribute, terms, cite, span, .. } = row else { continue };
            let cite = self.cited(src, cite.as_ref(), *span, "the sum");
            let Some(index) = scope.staff.attribute_index(&attribute.value) else {
                let help = closest(&attribute.value, scope.staff.attributes.iter().map(|a| a.name.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"));
                let message = format!("staff have no attribute `{}`", attribute.value);
                self.error(src, attribute.span, message, "not a staff attribute", help);
                continue;
            };
            if attribute.value == "workdays" {
                let help =
                    "`workdays` are the workdays in the hall, which gather counts from the calendar and the roster";
                self.error(
                    src,
                    attribute.span,
                    "`workdays` cannot be summed".into(),
                    "counted by gather",
                    Some(help.into()),
                );
                continue;
            }
            let mut away = Away { attribute: index, facts: Vec::new(), leave: Vec::new(), cite };
            for term in terms {
                let fact = scope.staff.fact_index(&term.value);
                let kind = leave.iter().position(|k| k.name.id == term.value);
                match (fact, kind) {
                    (Some(_), Some(_)) => {
                        let message = format!("`{}` is both a fact and a kind of leave", term.value);
                        self.error(src, term.span, message, "ambiguous", Some("rename the kind of leave".into()));
                    }
                    (Some(f), None) if matches!(scope.staff.facts[f].kind, FactKind::Days) => away.facts.push(f),
                    (Some(f), None) => {
                        let message = format!(
                            "`{}` is a `{}` fact; a sum of days takes `days` facts",
                            term.value,
                            scope.staff.facts[f].kind.word()
                        );
                        self.error(src, term.span, message, "not days", None);
                    }
                    (None, Some(k)) => away.leave.push(k),
                    (None, None) => {
                        let names = scope
                            .staff
                            .facts
                            .iter()
                            .map(|f| f.name.id.as_str())
                            .chain(leave.iter().map(|k| k.name.id.as_str()));
                        let help = closest(&term.value, names).map(|s| format!("did you mean `{s}`?"));
                        let message = format!("`{}` is neither a staff fact nor a kind of leave", term.value);
                        self.error(src, term.span, message, "unknown", help);
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
                self.error(src, *span, "`facts by id or label` is given twice".into(), "again", None);
                continue;
            }
            cite = Some(self.cited(src, c.as_ref(), *span, "the rule"));
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
                let same = matches!(item.targets.as_slice(), [t] if t.fact == fact && t.whose == whose && t.amount == Decimal::ONE && !t.per_day);
                if !same {
                    let span = c.rows.iter().find_map(|r| match r {
                        Row::Counted { name, label: Some(l), .. } if name.value == item.name.id => Some(l.span),
                        _ => None,
                    });
                    let message = format!("the item \"{}\" is also fact `{id}`, but counts otherwise", item.name.label);
                    let help = format!("give the item another label, or count it as `{id} 1 each`");
                    self.error(src, span.unwrap_or(c.keyword), message, "names a fact", Some(help));
                }
            }
        }
        cite
    }

    fn case_kinds(&mut self, src: &Named, c: &ast::Counting) -> Vec<CaseKind> {
        let mut out: Vec<CaseKind> = Vec::new();
        for row in &c.rows {
            let Row::CaseKind { name, label: text, deadline, cite, span, .. } = row else { continue };
            self.cited(src, cite.as_ref(), *span, "the kind of case");
            if out.iter().any(|k| k.name.id == name.value || k.name.label == text.value) {
                self.error(src, name.span, format!("kind of case `{}` is declared twice", name.value), "again", None);
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
            let message = format!("a `{}` row counts toward a staff member, not a window", block.word());
            self.error(
                src,
                span,
                message,
                "not a window's",
                Some("window facts are counted from `cases` and `reviews`".into()),
            );
            return None;
        }
        let (subject, other, word, other_word) = match whose {
            Whose::Staff => (scope.staff, scope.window, "staff", "window"),
            Whose::Window => (scope.window, scope.staff, "window", "staff"),
        };
        let Some(fact) = subject.fact_index(&t.fact.value) else {
            let help = if other.fact_index(&t.fact.value).is_some() && whose == Whose::Staff {
                Some(format!("`{}` is a {other_word} fact: write `{other_word} {}`", t.fact.value, t.fact.value))
            } else {
                closest(&t.fact.value, subject.facts.iter().map(|f| f.name.id.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
            };
            let message = format!("{word} have no fact `{}`", t.fact.value);
            self.error(src, t.fact.span, message, "not a declared fact", help);
            return None;
        };
        let kind = subject.facts[fact].kind;
        let amount = t.amount.value;
        match kind {
            FactKind::Count if amount.fract() != Decimal::ZERO || t.per_day => {
                let message = if t.per_day {
                    format!("`{}` is a count: `per day` would add half days to it", t.fact.value)
                } else {
                    format!("`{}` is a count: it adds whole numbers, not {amount}", t.fact.value)
                };
                self.error(src, t.amount.span, message, "not a whole number", Some("write `1 each`".into()));
                return None;
            }
            FactKind::Days if (amount / HALF).fract() != Decimal::ZERO => {
                let message = format!("`{}` counts days in halves, not {amount}", t.fact.value);
                self.error(src, t.amount.span, message, "not a multiple of 0.5", None);
                return None;
            }
            FactKind::Amounts { .. } | FactKind::Levels => {
                let message =
                    format!("`{}` is `{}`: a counting rule adds to counts and days", t.fact.value, kind.word());
                let help = "amounts and levels come from the findings log, by the fact's id or label";
                self.error(src, t.fact.span, message, "not a count or days", Some(help.into()));
                return None;
            }
            _ => {}
        }
        if amount > Decimal::from(1000) {
            self.error(src, t.amount.span, format!("`{amount}` is too large for a counting rule"), "too large", None);
            return None;
        }
        if t.per_day && block != In::Leave {
            let message = format!("`per day` counts the days of a leave; `{}` rows count `each`", block.word());
            self.error(src, t.amount.span, message, "not a leave", None);
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
                        let help = match allowed {
                            [] => format!("`{}` rows take no condition", block.word()),
                            _ => closest(&name.value, allowed.iter().map(|(n, _)| *n))
                                .map(|s| format!("did you mean `{s}`?"))
                                .unwrap_or_else(|| format!("`{}` rows may say `when {}`", block.word(), allowed[0].0)),
                        };
                        self.error(
                            src,
                            name.span,
                            format!("unknown condition `{}`", name.value),
                            "not a column kaohe reads",
                            Some(help),
                        );
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
                    self.error(src, n.span, "`over` is for the length of a leave".into(), "not a leave", None);
                    return None;
                }
                let Some(m) = whole_minutes else {
                    self.error(
                        src,
                        n.span,
                        "a duration is whole minutes, at most a day".into(),
                        "not whole minutes",
                        None,
                    );
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

fn weekday_word(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}
