//! The syntax of the records section of the grammar: the calendar, the
//! work schedule, and the blocks that say what each of the hall's tables
//! counts toward. Its tree, and one `parse_<rule>` per grammar rule.

use pest::iterators::Pair;

use super::ast::{Name, Number, Spanned};
use super::parse::{cite, name, next, number, span_of, string};
use super::Rule as R;
use crate::source::Span;

type Result<T> = std::result::Result<T, String>;
type Text = Spanned<String>;

/// A block of the records section, as written.
#[derive(Debug, Clone)]
pub enum Block {
    Calendar(Calendar),
    Schedule(Schedule),
    Punches(Counting),
    Leave(Counting),
    Findings(Counting),
    Cases(Counting),
    Reviews(Counting),
}

/// A month and a day as written (`02-15`); `check` says whether it is a day.
pub type MonthDay = Spanned<(u32, u32)>;
/// An hour and a minute as written (`08:55`); `check` says whether it is a time.
pub type Clock = Spanned<(u32, u32)>;

/// `calendar 2026 "…通知" issued 2025-11-04 { holiday … }`
#[derive(Debug, Clone)]
pub struct Calendar {
    pub year: Number,
    pub notice: Text,
    pub issued: Spanned<chrono::NaiveDate>,
    pub holidays: Vec<Holiday>,
    pub span: Span,
}

/// `holiday "春节" 02-15 to 02-23, working 02-14, 02-28`
#[derive(Debug, Clone)]
pub struct Holiday {
    pub name: Text,
    pub from: MonthDay,
    pub to: Option<MonthDay>,
    pub working: Vec<MonthDay>,
    pub span: Span,
}

/// `schedule "作息时间" [from 05-01 to 09-30] { … }`
#[derive(Debug, Clone)]
pub struct Schedule {
    pub label: Text,
    pub season: Option<(MonthDay, MonthDay)>,
    pub halves: Vec<HalfDay>,
    pub punches: Vec<Punch>,
    pub span: Span,
}

/// `morning "上午" 09:00-12:00`
#[derive(Debug, Clone)]
pub struct HalfDay {
    pub name: Name,
    pub label: Text,
    pub start: Clock,
    pub end: Clock,
    pub cite: Option<Text>,
    pub wording: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PunchEnd {
    In,
    Out,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Off {
    Late,
    Early,
}

/// `morning_in "上午签到" morning in, on time until 08:55, late before 12:00`
#[derive(Debug, Clone)]
pub struct Punch {
    pub name: Name,
    pub label: Text,
    pub half: Name,
    pub end: Spanned<PunchEnd>,
    pub on_from: Option<Clock>,
    pub on_until: Option<Clock>,
    pub on_before: Option<Clock>,
    pub off: Spanned<Off>,
    pub off_before: Clock,
    pub cite: Option<Text>,
    pub wording: Option<Text>,
    pub span: Span,
}

/// A `punches`, `leave`, `findings`, `cases` or `reviews` block: its rows in order.
#[derive(Debug, Clone)]
pub struct Counting {
    pub label: Text,
    pub rows: Vec<Row>,
    /// The block's keyword, to point at it.
    pub keyword: Span,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Row {
    /// `late late_early_away 1 each`, `overdue window overdue_cases 1 each`:
    /// a built-in event (the keyword as written) and its targets.
    Event { event: Text, targets: Vec<Target>, cite: Option<Text>, wording: Option<Text>, span: Span },
    /// `personal "事假" personal_leave_days 1 per day`, or the name alone
    /// with more targets: a kind of leave, an item, a rating.
    Counted {
        name: Name,
        label: Option<Text>,
        targets: Vec<Target>,
        cite: Option<Text>,
        wording: Option<Text>,
        span: Span,
    },
    /// `days_away = absent_days + personal + sick`
    Away { attribute: Name, terms: Vec<Name>, cite: Option<Text>, wording: Option<Text>, span: Span },
    /// `facts by id or label`
    ByFact { cite: Option<Text>, wording: Option<Text>, span: Span },
    /// `immediate "即办件" due same day`
    CaseKind {
        name: Name,
        label: Text,
        deadline: Spanned<Deadline>,
        cite: Option<Text>,
        wording: Option<Text>,
        span: Span,
    },
}

impl Row {
    pub fn cite(&self) -> Option<&Text> {
        match self {
            Row::Event { cite, .. }
            | Row::Counted { cite, .. }
            | Row::Away { cite, .. }
            | Row::ByFact { cite, .. }
            | Row::CaseKind { cite, .. } => cite.as_ref(),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Row::Event { span, .. }
            | Row::Counted { span, .. }
            | Row::Away { span, .. }
            | Row::ByFact { span, .. }
            | Row::CaseKind { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// 当日办结: the day it was accepted.
    SameDay,
    /// Its 承诺时限 in workdays, from the next workday.
    InWorkingDays,
}

/// `window overdue_cases 1 each`, `unsigned_leave_days 1 per day unless signed`
#[derive(Debug, Clone)]
pub struct Target {
    /// `window` or `staff`, when written.
    pub subject: Option<Text>,
    pub fact: Name,
    pub amount: Number,
    /// `per day` rather than `each`.
    pub per_day: bool,
    /// `when signed` (true) or `unless signed` (false).
    pub condition: Option<(bool, Name)>,
    /// `over 2 hours`: the number and whether it is in hours.
    pub over: Option<(Number, bool)>,
    pub span: Span,
}

/// Every cite of the records section's blocks, for the lints.
pub fn cites(block: &Block) -> Vec<&Text> {
    match block {
        Block::Calendar(_) => Vec::new(),
        Block::Schedule(s) => {
            let halves = s.halves.iter().filter_map(|h| h.cite.as_ref());
            halves.chain(s.punches.iter().filter_map(|p| p.cite.as_ref())).collect()
        }
        Block::Punches(c) | Block::Leave(c) | Block::Findings(c) | Block::Cases(c) | Block::Reviews(c) => {
            c.rows.iter().filter_map(Row::cite).collect()
        }
    }
}

/// The children that carry meaning (keywords and comments dropped).
fn meaningful(pair: Pair<'_, R>) -> impl Iterator<Item = Pair<'_, R>> {
    super::parse::meaningful(pair)
}

/// Whether a top-level pair is a block of the records section.
pub(super) fn is_block(which: R) -> bool {
    matches!(which, R::calendar | R::schedule | R::punches | R::leave | R::findings | R::cases | R::reviews)
}

pub(super) fn parse_block(pair: Pair<'_, R>) -> Result<Block> {
    Ok(match pair.as_rule() {
        R::calendar => Block::Calendar(parse_calendar(pair)?),
        R::schedule => Block::Schedule(parse_schedule(pair)?),
        R::punches => Block::Punches(parse_counting(pair)?),
        R::leave => Block::Leave(parse_counting(pair)?),
        R::findings => Block::Findings(parse_counting(pair)?),
        R::cases => Block::Cases(parse_counting(pair)?),
        R::reviews => Block::Reviews(parse_counting(pair)?),
        other => return Err(format!("unexpected {other:?} in the records section")),
    })
}

fn month_day(pair: Pair<'_, R>) -> Result<MonthDay> {
    let span = span_of(&pair);
    let (m, d) = pair.as_str().split_once('-').ok_or("month-day")?;
    Ok(Spanned { value: (m.parse().map_err(|_| "month")?, d.parse().map_err(|_| "day")?), span })
}

fn clock(pair: Pair<'_, R>) -> Result<Clock> {
    let span = span_of(&pair);
    let (h, m) = pair.as_str().split_once(':').ok_or("time")?;
    Ok(Spanned { value: (h.parse().map_err(|_| "hour")?, m.parse().map_err(|_| "minute")?), span })
}

/// The time inside `from 08:55`, `until 08:55`, `before 12:00`.
fn inner_clock(pair: Pair<'_, R>) -> Result<Clock> {
    clock(next(&mut meaningful(pair), "time")?)
}

fn parse_calendar(pair: Pair<'_, R>) -> Result<Calendar> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let year = number(next(&mut it, "year")?)?;
    let notice = string(next(&mut it, "notice")?);
    let date = next(&mut it, "date")?;
    let issued = Spanned {
        value: chrono::NaiveDate::parse_from_str(date.as_str(), "%Y-%m-%d")
            .map_err(|_| format!("date `{}`", date.as_str()))?,
        span: span_of(&date),
    };
    let mut holidays = Vec::new();
    for holiday in it {
        let span = span_of(&holiday);
        let mut h = meaningful(holiday);
        let name = string(next(&mut h, "holiday name")?);
        let from = month_day(next(&mut h, "day")?)?;
        let mut to = None;
        let mut working = Vec::new();
        for part in h {
            match part.as_rule() {
                R::day_to => to = Some(month_day(next(&mut meaningful(part), "day")?)?),
                R::working => working = meaningful(part).map(month_day).collect::<Result<_>>()?,
                other => return Err(format!("unexpected {other:?} in a holiday")),
            }
        }
        holidays.push(Holiday { name, from, to, working, span });
    }
    Ok(Calendar { year, notice, issued, holidays, span })
}

/// The optional `[cite] "wording"` that ends a row.
fn trailers<'i>(it: impl Iterator<Item = Pair<'i, R>>) -> Result<(Option<Text>, Option<Text>)> {
    let (mut c, mut w) = (None, None);
    for item in it {
        match item.as_rule() {
            R::cite => c = Some(cite(item)),
            R::string => w = Some(string(item)),
            other => return Err(format!("unexpected {other:?} at the end of a row")),
        }
    }
    Ok((c, w))
}

fn parse_schedule(pair: Pair<'_, R>) -> Result<Schedule> {
    let span = span_of(&pair);
    let mut it = meaningful(pair).peekable();
    let label = string(next(&mut it, "label")?);
    let season = match it.peek() {
        Some(p) if p.as_rule() == R::season => {
            let mut s = meaningful(it.next().ok_or("season")?);
            Some((month_day(next(&mut s, "from")?)?, month_day(next(&mut s, "to")?)?))
        }
        _ => None,
    };
    let mut schedule = Schedule { label, season, halves: Vec::new(), punches: Vec::new(), span };
    for row in it {
        let row_span = span_of(&row);
        match row.as_rule() {
            R::half_day => {
                let mut r = meaningful(row);
                let name = name(next(&mut r, "half day")?);
                let label = string(next(&mut r, "label")?);
                let start = clock(next(&mut r, "start")?)?;
                let end = clock(next(&mut r, "end")?)?;
                let (cite, wording) = trailers(r)?;
                schedule.halves.push(HalfDay { name, label, start, end, cite, wording, span: row_span });
            }
            R::punch => schedule.punches.push(parse_punch(row)?),
            other => return Err(format!("unexpected {other:?} in a schedule")),
        }
    }
    Ok(schedule)
}

fn parse_punch(pair: Pair<'_, R>) -> Result<Punch> {
    let span = span_of(&pair);
    let mut it = meaningful(pair);
    let punch = name(next(&mut it, "punch")?);
    let label = string(next(&mut it, "label")?);
    let half = name(next(&mut it, "half day")?);
    let end_pair = next(&mut it, "in or out")?;
    let end = Spanned {
        value: if end_pair.as_str() == "out" { PunchEnd::Out } else { PunchEnd::In },
        span: span_of(&end_pair),
    };
    let on_time = next(&mut it, "on time")?;
    let (mut on_from, mut on_until, mut on_before) = (None, None, None);
    for bound in meaningful(on_time) {
        match bound.as_rule() {
            R::time_from => on_from = Some(inner_clock(bound)?),
            R::time_until => on_until = Some(inner_clock(bound)?),
            R::time_before => on_before = Some(inner_clock(bound)?),
            other => return Err(format!("unexpected {other:?} in `on time`")),
        }
    }
    let off_pair = next(&mut it, "late or early")?;
    let off_text = off_pair.as_str().trim_start();
    let off = Spanned {
        value: if off_text.starts_with("early") { Off::Early } else { Off::Late },
        span: Span::new(span_of(&off_pair).start(), span_of(&off_pair).start() + 5),
    };
    let off_before = inner_clock(next(&mut meaningful(off_pair), "before")?)?;
    let (cite, wording) = trailers(it)?;
    Ok(Punch { name: punch, label, half, end, on_from, on_until, on_before, off, off_before, cite, wording, span })
}

fn parse_counting(pair: Pair<'_, R>) -> Result<Counting> {
    let span = span_of(&pair);
    let keyword = pair.clone().into_inner().next().map_or(span, |k| span_of(&k));
    let mut it = meaningful(pair);
    let label = string(next(&mut it, "label")?);
    let rows = it.map(parse_row).collect::<Result<Vec<_>>>()?;
    Ok(Counting { label, rows, keyword, span })
}

fn parse_row(pair: Pair<'_, R>) -> Result<Row> {
    let span = span_of(&pair);
    let which = pair.as_rule();
    let mut it = meaningful(pair);
    Ok(match which {
        R::punch_rule | R::case_rule => {
            let event = next(&mut it, "event")?;
            let event = Spanned { value: event.as_str().trim().to_string(), span: span_of(&event) };
            let targets = parse_targets(next(&mut it, "targets")?)?;
            let (cite, wording) = trailers(it)?;
            Row::Event { event, targets, cite, wording, span }
        }
        R::counted => {
            let name = name(next(&mut it, "name")?);
            let mut label = None;
            let mut targets = Vec::new();
            let mut cite_ = None;
            let mut wording = None;
            for part in it {
                match part.as_rule() {
                    R::string if label.is_none() && targets.is_empty() && cite_.is_none() => label = Some(string(part)),
                    R::string => wording = Some(string(part)),
                    R::targets => targets = parse_targets(part)?,
                    R::cite => cite_ = Some(cite(part)),
                    other => return Err(format!("unexpected {other:?} in a row")),
                }
            }
            // `name "wording"` alone cannot be told from `name "label"`: a label it is.
            Row::Counted { name, label, targets, cite: cite_, wording, span }
        }
        R::away => {
            let attribute = name(next(&mut it, "attribute")?);
            let mut terms = Vec::new();
            let mut rest = Vec::new();
            for part in it {
                if part.as_rule() == R::ident {
                    terms.push(name(part));
                } else {
                    rest.push(part);
                }
            }
            let (cite, wording) = trailers(rest.into_iter())?;
            Row::Away { attribute, terms, cite, wording, span }
        }
        R::by_fact => {
            let (cite, wording) = trailers(it)?;
            Row::ByFact { cite, wording, span }
        }
        R::case_kind => {
            let name = name(next(&mut it, "case kind")?);
            let label = string(next(&mut it, "label")?);
            let deadline_pair = next(&mut it, "deadline")?;
            let deadline = Spanned {
                value: if deadline_pair.as_rule() == R::same_day { Deadline::SameDay } else { Deadline::InWorkingDays },
                span: span_of(&deadline_pair),
            };
            let (cite, wording) = trailers(it)?;
            Row::CaseKind { name, label, deadline, cite, wording, span }
        }
        other => return Err(format!("unexpected {other:?} in a block")),
    })
}

fn parse_targets(pair: Pair<'_, R>) -> Result<Vec<Target>> {
    meaningful(pair).map(parse_target).collect()
}

fn parse_target(pair: Pair<'_, R>) -> Result<Target> {
    let span = span_of(&pair);
    let mut it = meaningful(pair).peekable();
    let subject = match it.peek() {
        Some(p) if p.as_rule() == R::target_of => {
            let p = it.next().ok_or("subject")?;
            Some(Spanned { value: p.as_str().trim().to_string(), span: span_of(&p) })
        }
        _ => None,
    };
    let fact = name(next(&mut it, "fact")?);
    let amount = number(next(&mut it, "amount")?)?;
    let unit = next(&mut it, "each or per day")?;
    let mut target = Target {
        subject,
        fact,
        amount,
        per_day: unit.as_rule() == R::target_per_day,
        condition: None,
        over: None,
        span,
    };
    for part in it {
        match part.as_rule() {
            R::target_when | R::target_unless => {
                let when = part.as_rule() == R::target_when;
                target.condition = Some((when, name(next(&mut meaningful(part), "condition")?)));
            }
            R::target_over => {
                let hours = part.as_str().trim_end().ends_with("hours");
                target.over = Some((number(next(&mut meaningful(part), "duration")?)?, hours));
            }
            other => return Err(format!("unexpected {other:?} in a target")),
        }
    }
    Ok(target)
}

/// The keywords of the records section, as written.
pub(super) fn keyword_text(which: R) -> Option<&'static str> {
    Some(match which {
        R::kw_calendar => "calendar",
        R::kw_issued => "issued",
        R::kw_holiday => "holiday",
        R::kw_working => "working",
        R::kw_schedule => "schedule",
        R::kw_out => "out",
        R::kw_on => "on",
        R::kw_time => "time",
        R::kw_until => "until",
        R::kw_before => "before",
        R::kw_late => "late",
        R::kw_early => "early",
        R::kw_punches => "punches",
        R::kw_missing => "missing",
        R::kw_absent => "absent",
        R::kw_leave => "leave",
        R::kw_findings => "findings",
        R::kw_id => "id",
        R::kw_label => "label",
        R::kw_cases => "cases",
        R::kw_due => "due",
        R::kw_same => "same",
        R::kw_overdue => "overdue",
        R::kw_card => "card",
        R::kw_reviews => "reviews",
        R::kw_unless => "unless",
        R::kw_over => "over",
        R::kw_hours => "hours",
        R::kw_minutes => "minutes",
        _ => return None,
    })
}
