//! The checked counting rules: how the hall's record tables become facts
//! (docs/records.md). Every name is resolved to an index of the staff or
//! window subject; every time is minutes after midnight.

use rust_decimal::Decimal;

use super::Label;

/// Minutes after midnight: `08:55` is 535.
pub type Minute = u32;

/// `08:55`
pub fn clock(minute: Minute) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

#[derive(Debug, Clone, Default)]
pub struct Records {
    /// The schedule with no season first, then the seasons' own. Each has
    /// the same half days and punches, in the same order.
    pub schedules: Vec<Schedule>,
    pub punches: Vec<EventRule<PunchEvent>>,
    /// The kinds of leave, by the 类型 they are written as.
    pub leave: Vec<Counted>,
    /// The attributes summed from facts and leave (`days_away`).
    pub away: Vec<Away>,
    /// Whether a finding's 事项 may name a fact by its id or its label, and the cite.
    pub by_fact: Option<String>,
    /// The items of the log that are not facts (脱岗超过2小时 …).
    pub items: Vec<Counted>,
    pub case_kinds: Vec<CaseKind>,
    pub cases: Vec<EventRule<CaseEvent>>,
    pub ratings: Vec<Counted>,
}

/// The hours of a workday and its punches: the default, or a season's.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub label: String,
    /// The days of the year it holds, (month, day) to (month, day), both
    /// included; wrapping past the year's end when the first is the later.
    pub season: Option<((u32, u32), (u32, u32))>,
    /// Two, morning first.
    pub halves: Vec<Half>,
    /// Each half day's in and out, in the order the policy gives them.
    pub slots: Vec<Slot>,
}

impl Schedule {
    /// Whether the season holds the day of the year `(month, day)`.
    pub fn holds(&self, day: (u32, u32)) -> bool {
        match self.season {
            None => true,
            Some((from, to)) if from <= to => from <= day && day <= to,
            Some((from, to)) => day >= from || day <= to,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Half {
    pub name: Label,
    pub start: Minute,
    pub end: Minute,
    /// Indices into `Schedule::slots`.
    pub in_slot: usize,
    pub out_slot: usize,
}

/// A punch due each workday: its half day's start (`in`) or end (`out`).
#[derive(Debug, Clone)]
pub struct Slot {
    pub name: Label,
    pub half: usize,
    pub end: SlotEnd,
    /// On time from (included) …
    pub from: Option<Minute>,
    /// … until (included) or before (not included) …
    pub until: Option<Minute>,
    pub before: Option<Minute>,
    /// … and late (an in) or early (an out) before this time.
    pub off_before: Minute,
    pub cite: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotEnd {
    In,
    Out,
}

impl Slot {
    /// Whether a punch at `minute` is inside the on-time window.
    pub fn on_time(&self, minute: Minute) -> bool {
        self.from.is_none_or(|f| minute >= f)
            && self.until.is_none_or(|u| minute <= u)
            && self.before.is_none_or(|b| minute < b)
    }

    /// The on-time window as a note says it: `应不晚于 08:55`, `应在 12:50 至 13:00`.
    pub fn window_text(&self) -> String {
        let last = self.until.or(self.before.map(|b| b.saturating_sub(1)));
        match (self.from, last) {
            (None, Some(last)) => format!("应不晚于 {}", clock(last)),
            (Some(from), None) => format!("应不早于 {}", clock(from)),
            (Some(from), Some(last)) => format!("应在 {} 至 {}", clock(from), clock(last)),
            (None, None) => "任何时间".to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PunchEvent {
    /// An in punch after its window: 迟到.
    Late,
    /// An out punch before its window: 早退.
    Early,
    /// A workday with a punch missing in a half day that was not absent.
    Missing,
    /// A half day of 旷工.
    Absent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseEvent {
    Overdue,
    Card,
}

/// `late late_early_away 1 each [第十章/三/1]`
#[derive(Debug, Clone)]
pub struct EventRule<E> {
    pub event: E,
    pub targets: Vec<Target>,
}

/// A kind of leave, an item of the log or a rating, and what it counts toward.
#[derive(Debug, Clone)]
pub struct Counted {
    pub name: Label,
    pub targets: Vec<Target>,
}

/// `days_away = absent_days + personal + …`
#[derive(Debug, Clone)]
pub struct Away {
    /// Index among the staff attributes.
    pub attribute: usize,
    /// Staff facts summed in.
    pub facts: Vec<crate::policy::FactId>,
    /// Kinds of leave (indices into `Records::leave`) whose days are summed in.
    pub leave: Vec<usize>,
    pub cite: String,
}

#[derive(Debug, Clone)]
pub struct CaseKind {
    pub name: Label,
    pub deadline: Deadline,
}

pub use crate::syntax::records::Deadline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    Staff,
    Window,
}

/// What a row adds to one fact.
#[derive(Debug, Clone)]
pub struct Target {
    pub whose: Whose,
    /// Index among that subject's facts.
    pub fact: crate::policy::FactId,
    pub amount: Decimal,
    /// For each day (of a leave) rather than for each thing counted.
    pub per_day: bool,
    /// Only when the record says so (`when signed`) or does not (`unless signed`).
    pub condition: Option<(bool, Condition)>,
    /// Only what lasts longer than this many minutes.
    pub over: Option<u32>,
    pub cite: String,
}

/// What a target may be conditioned on: a column of the record counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// 中心签字 of a leave.
    Signed,
    /// 联办 of a case.
    Joint,
}

impl Target {
    /// Whether the target counts a record that is (or is not) signed or joint.
    pub fn applies(&self, signed: bool, joint: bool) -> bool {
        match self.condition {
            None => true,
            Some((when, Condition::Signed)) => signed == when,
            Some((when, Condition::Joint)) => joint == when,
        }
    }
}
