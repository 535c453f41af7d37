//! Counting: the tables read into rows, then each staff member's workdays
//! in the hall walked day by day (punches, leave, exemptions), and the
//! findings, cases and reviews added, each by the policy's rules.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use super::error::{Expected, Hint, Needed, NoRules, RecordsError, Unknown};
use super::read::{self, Cells, FastTime, Index, SPECS};
use super::{Evidence, Gathered, Gathered1};
use crate::facts::{Period, Value};
use crate::policy::records::{
    clock, CaseEvent, Deadline, Minute, PunchEvent, Records, Schedule, Slot, SlotEnd, Target, Whose,
};
use crate::policy::{FactId, FactKind, Policy, Subject};
use crate::source::table::{Found, Origin, Position, Table};
use crate::suggest::{closest, Suggestion};

const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

struct Window {
    id: String,
    name: String,
}

struct Person {
    id: String,
    name: String,
    window: usize,
    role: usize,
    joined: Option<NaiveDate>,
    left: Option<NaiveDate>,
    institution: bool,
}

struct Leave {
    kind: usize,
    from: NaiveDateTime,
    to: NaiveDateTime,
    approved: bool,
    signed: bool,
    row: u32,
}

/// A 补卡说明: a day and a punch (by its index among the slots), or the whole day.
struct Exemption {
    day: NaiveDate,
    slot: Option<usize>,
}

enum Whom {
    Staff(usize),
    Window(usize),
}

struct Finding {
    day: NaiveDate,
    whom: Whom,
    what: FindingItem,
    note: Option<String>,
    row: u32,
}

enum FindingItem {
    /// A derived item of the policy, and how many.
    Item { item: usize, quantity: Decimal, label: String },
    /// A fact by its id or label: a number, one amount, or a count at a level.
    Fact { fact: usize, value: Value, label: String },
}

struct Case {
    id: String,
    window: usize,
    operator: usize,
    kind: usize,
    joint: bool,
    /// The day the deadline counts from: accepted, or materials completed.
    deadline: NaiveDate,
    finished: Option<NaiveDate>,
    card: Option<(String, NaiveDate)>,
    row: u32,
}

struct Review {
    day: NaiveDate,
    window: usize,
    staff: Option<usize>,
    rating: usize,
    case: Option<String>,
    row: u32,
}

/// Counts of what was left out, by table, for the notes.
#[derive(Default)]
struct Outside {
    period: usize,
    before_joined: usize,
    after_left: usize,
    not_workday: usize,
}

/// What a table's rows give a position by: the table itself and the
/// column a source points at.
struct Place<'t> {
    table: &'t Table,
    column: Option<usize>,
}

impl Place<'_> {
    fn at(&self, row: u32) -> Position {
        self.table.at(row, self.column)
    }
}

/// A record's facts that are not zero, and the evidence of each.
type Finished = (Vec<(FactId, Value)>, Vec<(FactId, Vec<Evidence>)>);

/// The facts of one record as they are counted.
struct Tally {
    numbers: Vec<Decimal>,
    amounts: Vec<Vec<Decimal>>,
    levels: Vec<Vec<Decimal>>,
    evidence: Vec<Vec<Evidence>>,
}

impl Tally {
    fn new(subject: &Subject, levels: usize) -> Tally {
        let n = subject.facts.len();
        Tally {
            numbers: vec![Decimal::ZERO; n],
            amounts: vec![Vec::new(); n],
            levels: (0..n).map(|_| if levels == 0 { Vec::new() } else { vec![Decimal::ZERO; levels] }).collect(),
            evidence: vec![Vec::new(); n],
        }
    }

    fn add(&mut self, fact: usize, amount: Decimal, evidence: Evidence) {
        self.numbers[fact] += amount;
        self.evidence[fact].push(evidence);
    }

    fn finish(mut self, subject: &Subject) -> Finished {
        let mut facts = Vec::new();
        let mut evidence = Vec::new();
        for (i, fact) in subject.facts.iter().enumerate() {
            let value = match fact.kind {
                FactKind::Count | FactKind::Days => {
                    (self.numbers[i] != Decimal::ZERO).then(|| Value::Number(self.numbers[i].normalize()))
                }
                FactKind::Amounts { .. } => {
                    (!self.amounts[i].is_empty()).then(|| Value::Amounts(std::mem::take(&mut self.amounts[i])))
                }
                FactKind::Levels => {
                    let levels: Vec<(usize, Decimal)> =
                        self.levels[i].iter().enumerate().filter(|(_, n)| !n.is_zero()).map(|(l, n)| (l, *n)).collect();
                    (!levels.is_empty()).then_some(Value::Levels(levels))
                }
            };
            if let Some(value) = value {
                facts.push((FactId(i), value));
                let mut items = std::mem::take(&mut self.evidence[i]);
                items.sort_by_key(|e| e.date);
                evidence.push((FactId(i), items));
            }
        }
        (facts, evidence)
    }
}

/// Everything read from the tables.
struct Input<'t> {
    windows: Vec<Window>,
    staff: Vec<Person>,
    /// Per person: (day, minute, row), sorted, one a minute.
    punches: Vec<Vec<(NaiveDate, Minute, u32)>>,
    leave: Vec<Vec<Leave>>,
    exemptions: Vec<Vec<Exemption>>,
    findings: Vec<Finding>,
    cases: Vec<Case>,
    reviews: Vec<Review>,
    places: [Option<Place<'t>>; 8],
}

pub(super) fn gather(policy: &Policy, path: &Path, period: Period) -> Result<Gathered, Vec<RecordsError>> {
    let Some(rules) = policy.records.as_ref() else {
        return Err(vec![RecordsError::NoRules { what: NoRules::Counting }]);
    };
    let (Some(start), Some(end)) = (period.start(), period.end()) else {
        return Err(vec![RecordsError::NoRules { what: NoRules::Period { period: period.to_string() } }]);
    };
    let mut errors = Vec::new();
    for year in start.year()..=end.year() {
        if policy.calendar.year(year).is_none() {
            errors.push(RecordsError::NoCalendar { year, needed: Needed::Workdays { period: period.to_string() } });
        }
    }
    if rules.schedules.is_empty() {
        errors.push(RecordsError::NoRules { what: NoRules::Schedule });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut notes = Vec::new();
    let (tables, errors) = read::open(path, &mut notes)?;
    let mut reader = Reader { policy, rules, start, end, errors, outside: Default::default() };
    let input = reader.read(&tables);
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    for (i, outside) in reader.outside.iter() {
        let spec = &SPECS[*i];
        let name = tables[*i].as_ref().map_or(spec.file, |t| t.name());
        let mut parts = Vec::new();
        if outside.period > 0 {
            parts.push(format!("{} 条在 {period} 之外", outside.period));
        }
        if outside.before_joined > 0 {
            parts.push(format!("{} 条在进驻日期之前", outside.before_joined));
        }
        if outside.after_left > 0 {
            parts.push(format!("{} 条在离开日期之后", outside.after_left));
        }
        if outside.not_workday > 0 {
            parts.push(format!("{} 条打卡不在工作日", outside.not_workday));
        }
        if !parts.is_empty() {
            notes.push(format!("{name}：{}，未计", parts.join("，")));
        }
    }
    let workdays = match policy.calendar.workdays(start, end) {
        Ok(days) => days,
        Err(missing) => {
            return Err(vec![RecordsError::NoCalendar {
                year: missing.year,
                needed: Needed::Workdays { period: period.to_string() },
            }])
        }
    };
    let counter = Counter { workdays, policy, rules, start, end, input: &input };
    counter.count(period, notes)
}

struct Reader<'p> {
    policy: &'p Policy,
    rules: &'p Records,
    start: NaiveDate,
    end: NaiveDate,
    errors: Vec<RecordsError>,
    outside: Vec<(usize, Outside)>,
}

impl<'p> Reader<'p> {
    fn outside(&mut self, table: usize) -> &mut Outside {
        if let Some(i) = self.outside.iter().position(|(t, _)| *t == table) {
            return &mut self.outside[i].1;
        }
        self.outside.push((table, Outside::default()));
        let last = self.outside.len() - 1;
        &mut self.outside[last].1
    }

    /// Count a record of a staff member dated `day` as outside, or not.
    fn in_hall(&mut self, table: usize, person: &Person, day: NaiveDate) -> bool {
        if day < self.start || day > self.end {
            self.outside(table).period += 1;
            false
        } else if person.joined.is_some_and(|j| day < j) {
            self.outside(table).before_joined += 1;
            false
        } else if person.left.is_some_and(|l| day > l) {
            self.outside(table).after_left += 1;
            false
        } else {
            true
        }
    }

    fn read<'t>(&mut self, tables: &'t [Option<Table>]) -> Input<'t> {
        let key_column = [0, 0, 1, 2, 1, 2, 0, 3];
        let mut places: [Option<Place<'t>>; 8] = Default::default();
        let mut cols: Vec<Option<Vec<Option<usize>>>> = Vec::new();
        for (i, table) in tables.iter().enumerate() {
            let c = table.as_ref().and_then(|t| read::columns(t, &SPECS[i], &mut self.errors));
            places[i] = match (table, &c) {
                (Some(table), Some(c)) => {
                    // A sheet's source names the cell that matters; a CSV file's, the line.
                    let column = match table.origin() {
                        Origin::Sheet => c[key_column[i]],
                        Origin::Csv => None,
                    };
                    Some(Place { table, column })
                }
                _ => None,
            };
            cols.push(c);
        }
        let mut input = Input {
            windows: Vec::new(),
            staff: Vec::new(),
            punches: Vec::new(),
            leave: Vec::new(),
            exemptions: Vec::new(),
            findings: Vec::new(),
            cases: Vec::new(),
            reviews: Vec::new(),
            places,
        };
        let mut windows = Index::new(Unknown::Window);
        let mut staff = Index::new(Unknown::Staff);
        let take =
            |i: usize| -> Option<(&'t Table, Vec<Option<usize>>)> { Some((tables[i].as_ref()?, cols[i].clone()?)) };
        if let Some((t, c)) = take(read::WINDOWS) {
            self.windows(t, c, &mut input, &mut windows);
        }
        if let Some((t, c)) = take(read::ROSTER) {
            self.roster(t, c, &mut input, &windows, &mut staff);
        }
        input.punches = (0..input.staff.len()).map(|_| Vec::new()).collect();
        input.leave = (0..input.staff.len()).map(|_| Vec::new()).collect();
        input.exemptions = (0..input.staff.len()).map(|_| Vec::new()).collect();
        if let Some((t, c)) = take(read::PUNCHES) {
            self.punches(t, c, &mut input, &staff);
        }
        if let Some((t, c)) = take(read::LEAVE) {
            self.leave(t, c, &mut input, &staff);
        }
        if let Some((t, c)) = take(read::EXEMPTIONS) {
            self.exemptions(t, c, &mut input, &staff);
        }
        if let Some((t, c)) = take(read::FINDINGS) {
            self.findings(t, c, &mut input, &staff, &windows);
        }
        if let Some((t, c)) = take(read::CASES) {
            self.cases(t, c, &mut input, &staff, &windows);
        }
        if let Some((t, c)) = take(read::REVIEWS) {
            self.reviews(t, c, &mut input, &staff, &windows);
        }
        input
    }

    fn cells(&mut self, spec: usize, cols: Vec<Option<usize>>) -> Cells<'_> {
        Cells { spec: &SPECS[spec], cols, errors: &mut self.errors }
    }

    /// An id of `index` in column `i`: an error naming what it is not.
    fn id(cells: &mut Cells<'_>, row: &crate::source::table::Row<'_>, i: usize, index: &Index) -> Option<usize> {
        let text = cells.text(row, i)?;
        match index.ids.get(text.as_ref()) {
            Some(&found) => Some(found),
            None => {
                let at = cells.at(row, i);
                let help = index.help(&text);
                let what = index.what;
                cells.errors.push(RecordsError::Unknown {
                    at,
                    column: cells.name(i),
                    what,
                    found: text.into_owned(),
                    help,
                });
                None
            }
        }
    }

    fn windows(&mut self, table: &Table, cols: Vec<Option<usize>>, input: &mut Input<'_>, index: &mut Index) {
        let mut cells = self.cells(read::WINDOWS, cols);
        let mut rows = table.rows();
        let mut first: HashMap<String, Position> = HashMap::new();
        while let Some(row) = rows.next_row() {
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    cells.errors.push(e.into());
                    break;
                }
            };
            let (Some(id), Some(name)) = (cells.text(&row, 0), cells.text(&row, 1)) else { continue };
            if let Some(at) = first.get(id.as_ref()) {
                let dup = RecordsError::Duplicate {
                    at: cells.at(&row, 0),
                    column: "窗口编号",
                    id: id.into_owned(),
                    first: at.clone(),
                };
                cells.errors.push(dup);
                continue;
            }
            first.insert(id.to_string(), cells.at(&row, 0));
            index.add(&id, &name);
            input.windows.push(Window { id: id.into_owned(), name: name.into_owned() });
        }
    }

    fn roster(
        &mut self,
        table: &Table,
        cols: Vec<Option<usize>>,
        input: &mut Input<'_>,
        windows: &Index,
        index: &mut Index,
    ) {
        let roles: Vec<_> = self.policy.staff.roles.iter().collect();
        let mut cells = self.cells(read::ROSTER, cols);
        let mut rows = table.rows();
        let mut first: HashMap<String, Position> = HashMap::new();
        while let Some(row) = rows.next_row() {
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    cells.errors.push(e.into());
                    break;
                }
            };
            let id = cells.text(&row, 0);
            let name = cells.text(&row, 1);
            let window = Self::id(&mut cells, &row, 2, windows);
            let role = cells.text(&row, 3).and_then(|text| match read::find_label(&roles, &text) {
                Some(r) => Some(r),
                None => {
                    let help = Some(read::label_help(&roles, &text));
                    cells.fail(&row, 3, Expected::Role, Found::Value(text.into_owned()), help);
                    None
                }
            });
            let joined = cells.optional_date(&row, 4);
            let left = cells.optional_date(&row, 5);
            let institution = match cells.optional_text(&row, 6).as_deref() {
                None => Some(false),
                Some("事业单位" | "institution") => Some(true),
                Some(other) => {
                    cells.fail(&row, 6, Expected::StaffType, Found::Value(other.to_string()), None);
                    None
                }
            };
            let (Some(id), Some(name), Some(window), Some(role), Some(joined), Some(left), Some(institution)) =
                (id, name, window, role, joined, left, institution)
            else {
                continue;
            };
            if let (Some(j), Some(l)) = (joined, left) {
                if l < j {
                    cells.fail(&row, 5, Expected::NotBeforeJoined { joined: j }, Found::Value(l.to_string()), None);
                    continue;
                }
            }
            if let Some(at) = first.get(id.as_ref()) {
                let dup = RecordsError::Duplicate {
                    at: cells.at(&row, 0),
                    column: "工号",
                    id: id.into_owned(),
                    first: at.clone(),
                };
                cells.errors.push(dup);
                continue;
            }
            first.insert(id.to_string(), cells.at(&row, 0));
            index.add(&id, &name);
            input.staff.push(Person {
                id: id.into_owned(),
                name: name.into_owned(),
                window,
                role,
                joined,
                left,
                institution,
            });
        }
    }

    fn punches(&mut self, table: &Table, cols: Vec<Option<usize>>, input: &mut Input<'_>, staff: &Index) {
        let (start, end) = (self.start, self.end);
        let calendar = &self.policy.calendar;
        // The workdays of the period, by their distance from its start.
        let days = (end - start).num_days().max(0) as usize + 1;
        let workday: Vec<bool> = (0..days)
            .map(|d| {
                start.checked_add_days(Days::new(d as u64)).is_some_and(|day| calendar.is_workday(day).unwrap_or(false))
            })
            .collect();
        let mut fast = FastTime::new();
        let mut last: Option<(String, usize)> = None;
        let mut outside = Outside::default();
        let mut cells = Cells { spec: &SPECS[read::PUNCHES], cols, errors: &mut self.errors };
        let (id_col, time_col) = (cells.cols[0], cells.cols[1]);
        let mut rows = table.rows();
        while let Some(row) = rows.next_row() {
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    cells.errors.push(e.into());
                    break;
                }
            };
            // The same person as the last row, without a lookup.
            let id_cell = id_col.map(|c| row.cell(c));
            let person = match (id_cell, &last) {
                (Some(crate::source::table::Cell::Text(text)), Some((id, p))) if id == text => Some(*p),
                _ => {
                    let p = Self::id(&mut cells, &row, 0, staff);
                    if let (Some(p), Some(text)) = (p, id_cell.and_then(|c| c.text())) {
                        last = Some((text.into_owned(), p));
                    }
                    p
                }
            };
            let time = match time_col.map(|c| row.cell(c)) {
                Some(crate::source::table::Cell::Text(text)) => fast.read(text),
                _ => None,
            };
            let time = match time {
                Some(t) => Some(t),
                None => cells.datetime(&row, 1).map(|t| (t.date(), read::minute_of(t))),
            };
            let (Some(p), Some((day, minute))) = (person, time) else { continue };
            if day < start || day > end {
                outside.period += 1;
                continue;
            }
            let person = &input.staff[p];
            if person.joined.is_some_and(|j| day < j) {
                outside.before_joined += 1;
                continue;
            }
            if person.left.is_some_and(|l| day > l) {
                outside.after_left += 1;
                continue;
            }
            if !workday[(day - start).num_days() as usize] {
                outside.not_workday += 1;
                continue;
            }
            input.punches[p].push((day, minute, row.number()));
        }
        for list in &mut input.punches {
            list.sort_unstable();
            // A person's punches within one minute are one punch: the first row.
            list.dedup_by(|b, a| a.0 == b.0 && a.1 == b.1);
        }
        let o = self.outside(read::PUNCHES);
        *o = outside;
    }

    fn leave(&mut self, table: &Table, cols: Vec<Option<usize>>, input: &mut Input<'_>, staff: &Index) {
        let kinds: Vec<_> = self.rules.leave.iter().map(|k| &k.name).collect();
        let mut counted = Vec::new();
        {
            let mut cells = self.cells(read::LEAVE, cols);
            let mut rows = table.rows();
            while let Some(row) = rows.next_row() {
                let row = match row {
                    Ok(row) => row,
                    Err(e) => {
                        cells.errors.push(e.into());
                        break;
                    }
                };
                let person = Self::id(&mut cells, &row, 0, staff);
                let kind = cells.text(&row, 1).and_then(|text| match read::find_label(&kinds, &text) {
                    Some(k) => Some(k),
                    None => {
                        let help = if kinds.is_empty() {
                            Some(Hint::NoLeaveKinds)
                        } else {
                            Some(read::label_help(&kinds, &text))
                        };
                        let at = cells.at(&row, 1);
                        cells.errors.push(RecordsError::Unknown {
                            at,
                            column: "类型",
                            what: Unknown::Leave,
                            found: text.into_owned(),
                            help,
                        });
                        None
                    }
                });
                let from = cells.datetime(&row, 2);
                let to = cells.datetime(&row, 3);
                let approved = cells.yes_no(&row, 4, None);
                let signed = cells.yes_no(&row, 5, Some(false));
                if let (Some(from), Some(to)) = (from, to) {
                    if to < from {
                        let found = Found::Value(to.format("%Y-%m-%d %H:%M").to_string());
                        let start = from.format("%Y-%m-%d %H:%M").to_string();
                        cells.fail(&row, 3, Expected::NotBeforeStart { start }, found, None);
                        continue;
                    }
                }
                let (Some(p), Some(kind), Some(from), Some(to), Some(approved), Some(signed)) =
                    (person, kind, from, to, approved, signed)
                else {
                    continue;
                };
                counted.push((p, Leave { kind, from, to, approved, signed, row: row.number() }));
            }
        }
        for (p, leave) in counted {
            // A leave none of whose days is a day in the hall is left out, and noted.
            let person = &input.staff[p];
            let (first, last) = (leave.from.date(), leave.to.date());
            let hall_from = person.joined.map_or(self.start, |j| j.max(self.start));
            let hall_to = person.left.map_or(self.end, |l| l.min(self.end));
            if last < hall_from || first > hall_to {
                let day = if last < hall_from { last } else { first };
                let person = &input.staff[p];
                let _ = self.in_hall(read::LEAVE, person, day);
                if day >= self.start && day <= self.end {
                    // In the period, but before joining or after leaving: counted above.
                }
                continue;
            }
            input.leave[p].push(leave);
        }
    }

    fn exemptions(&mut self, table: &Table, cols: Vec<Option<usize>>, input: &mut Input<'_>, staff: &Index) {
        let slots: Vec<_> =
            self.rules.schedules.first().map(|s| s.slots.iter().map(|x| &x.name).collect()).unwrap_or_default();
        let mut found = Vec::new();
        {
            let mut cells = self.cells(read::EXEMPTIONS, cols);
            let mut rows = table.rows();
            while let Some(row) = rows.next_row() {
                let row = match row {
                    Ok(row) => row,
                    Err(e) => {
                        cells.errors.push(e.into());
                        break;
                    }
                };
                let person = Self::id(&mut cells, &row, 0, staff);
                let day = cells.date(&row, 1);
                let slot = cells.text(&row, 2).and_then(|text| {
                    if text == "全天" || text.eq_ignore_ascii_case("all") {
                        return Some(None);
                    }
                    match read::find_label(&slots, &text) {
                        Some(s) => Some(Some(s)),
                        None => {
                            let mut help = read::label_help(&slots, &text);
                            if let Hint::Labels { all_day, .. } = &mut help {
                                *all_day = true;
                            }
                            let at = cells.at(&row, 2);
                            cells.errors.push(RecordsError::Unknown {
                                at,
                                column: "时段",
                                what: Unknown::Slot,
                                found: text.into_owned(),
                                help: Some(help),
                            });
                            None
                        }
                    }
                });
                let (Some(p), Some(day), Some(slot)) = (person, day, slot) else { continue };
                found.push((p, Exemption { day, slot }));
            }
        }
        for (p, e) in found {
            if self.in_hall(read::EXEMPTIONS, &input.staff[p], e.day) {
                input.exemptions[p].push(e);
            }
        }
    }

    fn findings(
        &mut self,
        table: &Table,
        cols: Vec<Option<usize>>,
        input: &mut Input<'_>,
        staff: &Index,
        windows: &Index,
    ) {
        let items: Vec<_> = self.rules.items.iter().map(|i| &i.name).collect();
        let levels: Vec<_> = self.policy.levels.iter().collect();
        let level_words = [("county", "县级"), ("city", "市级"), ("province", "省级"), ("national", "国家级")];
        let by_fact = self.rules.by_fact.is_some();
        let policy = self.policy;
        let mut found = Vec::new();
        {
            let mut cells = self.cells(read::FINDINGS, cols);
            let mut rows = table.rows();
            while let Some(row) = rows.next_row() {
                let row = match row {
                    Ok(row) => row,
                    Err(e) => {
                        cells.errors.push(e.into());
                        break;
                    }
                };
                let day = cells.date(&row, 0);
                let whom = cells.text(&row, 1).and_then(|text| {
                    match (staff.ids.get(text.as_ref()), windows.ids.get(text.as_ref())) {
                        (Some(&s), None) => Some(Whom::Staff(s)),
                        (None, Some(&w)) => Some(Whom::Window(w)),
                        (Some(_), Some(_)) => {
                            let found = Found::Value(text.into_owned());
                            cells.fail(&row, 1, Expected::StaffOrWindow, found, Some(Hint::IdsClash));
                            None
                        }
                        (None, None) => {
                            let help = staff.help(&text).or_else(|| windows.help(&text));
                            let at = cells.at(&row, 1);
                            cells.errors.push(RecordsError::Unknown {
                                at,
                                column: "对象",
                                what: Unknown::StaffOrWindow,
                                found: text.into_owned(),
                                help,
                            });
                            None
                        }
                    }
                });
                let quantity = cells.decimal(&row, 5);
                let (Some(day), Some(whom), Some(quantity)) = (day, whom, quantity) else {
                    let _ = cells.text(&row, 2);
                    continue;
                };
                let Some(item_text) = cells.text(&row, 2) else { continue };
                let subject = match whom {
                    Whom::Staff(_) => &policy.staff,
                    Whom::Window(_) => &policy.window,
                };
                let what = match read::find_label(&items, &item_text) {
                    Some(item) if matches!(whom, Whom::Staff(_)) => {
                        let q = quantity.unwrap_or(Decimal::ONE);
                        if q <= Decimal::ZERO || (q / HALF).fract() != Decimal::ZERO {
                            cells.fail(&row, 5, Expected::Halves, Found::Value(q.to_string()), None);
                            continue;
                        }
                        FindingItem::Item { item, quantity: q, label: items[item].label.clone() }
                    }
                    Some(_) => {
                        let help = Some(Hint::StaffOnly { item: item_text.to_string() });
                        cells.fail(&row, 2, Expected::WindowItem, Found::Value(item_text.into_owned()), help);
                        continue;
                    }
                    None => {
                        let fact = if by_fact {
                            subject.facts.iter().position(|f| f.name.id == item_text || f.name.label == item_text)
                        } else {
                            None
                        };
                        let Some(fact) = fact else {
                            let names = items.iter().map(|l| l.label.as_str()).chain(
                                subject
                                    .facts
                                    .iter()
                                    .filter(|_| by_fact)
                                    .flat_map(|f| [f.name.label.as_str(), f.name.id.as_str()]),
                            );
                            let names: Vec<&str> = names.collect();
                            let help = closest(&item_text, names.iter().copied())
                                .or_else(|| {
                                    names
                                        .iter()
                                        .copied()
                                        .find(|n| n.contains(item_text.as_ref()) || item_text.contains(*n))
                                })
                                .or_else(|| {
                                    // `迟到早退` for `迟到、早退、离岗、串岗`: every character in one label.
                                    names.iter().copied().find(|n| item_text.chars().all(|c| n.contains(c)))
                                })
                                .map(|s| Hint::Near(Suggestion::Near { name: s.to_string(), label: String::new() }));
                            let at = cells.at(&row, 2);
                            let what =
                                if matches!(whom, Whom::Staff(_)) { Unknown::StaffItem } else { Unknown::WindowItem };
                            cells.errors.push(RecordsError::Unknown {
                                at,
                                column: "事项",
                                what,
                                found: item_text.into_owned(),
                                help,
                            });
                            continue;
                        };
                        let label = subject.facts[fact].name.label.clone();
                        let value = match subject.facts[fact].kind {
                            FactKind::Count => {
                                let q = quantity.unwrap_or(Decimal::ONE);
                                if q <= Decimal::ZERO || q.fract() != Decimal::ZERO {
                                    cells.fail(&row, 5, Expected::Whole, Found::Value(q.to_string()), None);
                                    continue;
                                }
                                Value::Number(q)
                            }
                            FactKind::Days => {
                                let q = quantity.unwrap_or(Decimal::ONE);
                                if q <= Decimal::ZERO || (q / HALF).fract() != Decimal::ZERO {
                                    cells.fail(&row, 5, Expected::Halves, Found::Value(q.to_string()), None);
                                    continue;
                                }
                                Value::Number(q)
                            }
                            FactKind::Amounts { min, max } => {
                                let Some(Some(points)) = cells.decimal(&row, 3) else {
                                    if let Some(None) = cells.decimal(&row, 3) {
                                        cells.fail(&row, 3, Expected::Points { min, max }, Found::Empty, None);
                                    }
                                    continue;
                                };
                                if points < min || points > max {
                                    let found = Found::Value(points.to_string());
                                    cells.fail(&row, 3, Expected::Points { min, max }, found, None);
                                    continue;
                                }
                                Value::Amounts(vec![points])
                            }
                            FactKind::Levels => {
                                let q = quantity.unwrap_or(Decimal::ONE);
                                let Some(level_text) = cells.text(&row, 4) else { continue };
                                let level = read::find_label(&levels, &level_text).or_else(|| {
                                    level_words
                                        .iter()
                                        .find(|(en, zh)| *zh == level_text || en.eq_ignore_ascii_case(&level_text))
                                        .and_then(|(en, _)| levels.iter().position(|l| l.id == *en))
                                });
                                let Some(level) = level else {
                                    let help = Some(read::label_help(&levels, &level_text));
                                    cells.fail(&row, 4, Expected::Level, Found::Value(level_text.into_owned()), help);
                                    continue;
                                };
                                if q <= Decimal::ZERO || q.fract() != Decimal::ZERO {
                                    cells.fail(&row, 5, Expected::Whole, Found::Value(q.to_string()), None);
                                    continue;
                                }
                                Value::Levels(vec![(level, q)])
                            }
                        };
                        FindingItem::Fact { fact, value, label }
                    }
                };
                let note = cells.optional_text(&row, 7).map(|t| t.into_owned());
                found.push(Finding { day, whom, what, note, row: row.number() });
            }
        }
        for f in found {
            let keep = match f.whom {
                Whom::Staff(p) => self.in_hall(read::FINDINGS, &input.staff[p], f.day),
                Whom::Window(_) => {
                    let inside = f.day >= self.start && f.day <= self.end;
                    if !inside {
                        self.outside(read::FINDINGS).period += 1;
                    }
                    inside
                }
            };
            if keep {
                input.findings.push(f);
            }
        }
    }

    fn cases(
        &mut self,
        table: &Table,
        cols: Vec<Option<usize>>,
        input: &mut Input<'_>,
        staff: &Index,
        windows: &Index,
    ) {
        let kinds: Vec<_> = self.rules.case_kinds.iter().map(|k| &k.name).collect();
        let deadlines: Vec<Deadline> = self.rules.case_kinds.iter().map(|k| k.deadline).collect();
        let calendar = &self.policy.calendar;
        let (start, end) = (self.start, self.end);
        let mut missing_years: Vec<(i32, Needed)> = Vec::new();
        let mut cells = Cells { spec: &SPECS[read::CASES], cols, errors: &mut self.errors };
        let mut first: HashMap<String, Position> = HashMap::new();
        let mut rows = table.rows();
        while let Some(row) = rows.next_row() {
            let row = match row {
                Ok(row) => row,
                Err(e) => {
                    cells.errors.push(e.into());
                    break;
                }
            };
            let id = cells.text(&row, 0);
            let window = Self::id(&mut cells, &row, 1, windows);
            let operator = Self::id(&mut cells, &row, 2, staff);
            let kind = cells.text(&row, 3).and_then(|text| match read::find_label(&kinds, &text) {
                Some(k) => Some(k),
                None => {
                    let help = Some(read::label_help(&kinds, &text));
                    let at = cells.at(&row, 3);
                    cells.errors.push(RecordsError::Unknown {
                        at,
                        column: "类型",
                        what: Unknown::CaseKind,
                        found: text.into_owned(),
                        help,
                    });
                    None
                }
            });
            let joint = cells.yes_no(&row, 4, Some(false));
            let accepted = cells.datetime(&row, 5).map(|t| t.date());
            let completed = cells.optional_date(&row, 6);
            let days = cells.decimal(&row, 7);
            let finished = cells.optional_datetime(&row, 8).map(|t| t.map(|t| t.date()));
            let card = match cells.optional_text(&row, 9).as_deref() {
                None => Some(None),
                Some(text @ ("红牌" | "黄牌")) => Some(Some(text.to_string())),
                Some(other) => {
                    cells.fail(&row, 9, Expected::Card, Found::Value(other.to_string()), None);
                    None
                }
            };
            let card_date = cells.optional_date(&row, 10);
            let (
                Some(id),
                Some(window),
                Some(operator),
                Some(kind),
                Some(joint),
                Some(accepted),
                Some(completed),
                Some(days),
                Some(finished),
                Some(card),
                Some(card_date),
            ) = (id, window, operator, kind, joint, accepted, completed, days, finished, card, card_date)
            else {
                continue;
            };
            if let Some(at) = first.get(id.as_ref()) {
                let dup = RecordsError::Duplicate {
                    at: cells.at(&row, 0),
                    column: "办件编号",
                    id: id.into_owned(),
                    first: at.clone(),
                };
                cells.errors.push(dup);
                continue;
            }
            first.insert(id.to_string(), cells.at(&row, 0));
            let card = match (card, card_date) {
                (Some(c), Some(d)) => Some((c, d)),
                (Some(_), None) => {
                    cells.fail(&row, 10, Expected::CardDate, Found::Empty, Some(Hint::CardDateNeeded));
                    continue;
                }
                (None, _) => None,
            };
            let from = completed.map_or(accepted, |c| c.max(accepted));
            let deadline = match deadlines[kind] {
                Deadline::SameDay => accepted,
                Deadline::InWorkingDays => {
                    let n = match days {
                        Some(n)
                            if n >= Decimal::ONE
                                && n.fract().is_zero()
                                && n <= Decimal::from(crate::policy::calendar::MAX_WORKDAYS) =>
                        {
                            n
                        }
                        Some(n) => {
                            cells.fail(&row, 7, Expected::WorkingDays, Found::Value(n.to_string()), None);
                            continue;
                        }
                        None => {
                            let help = Some(Hint::DeadlineNeeded { kind: kinds[kind].label.clone() });
                            cells.fail(&row, 7, Expected::Deadline, Found::Empty, help);
                            continue;
                        }
                    };
                    // A case accepted after the period cannot be due in it.
                    if from > end {
                        continue;
                    }
                    match calendar.workday_after(from, u32::try_from(n.mantissa()).unwrap_or(1)) {
                        Ok(d) => d,
                        Err(missing) => {
                            if !missing_years.iter().any(|(y, _)| *y == missing.year) {
                                let needed = Needed::Deadline { case: id.to_string(), at: cells.at(&row, 0) };
                                missing_years.push((missing.year, needed));
                            }
                            continue;
                        }
                    }
                }
            };
            let _ = start;
            input.cases.push(Case {
                id: id.into_owned(),
                window,
                operator,
                kind,
                joint,
                deadline,
                finished,
                card,
                row: row.number(),
            });
        }
        for (year, needed) in missing_years {
            self.errors.push(RecordsError::NoCalendar { year, needed });
        }
    }

    fn reviews(
        &mut self,
        table: &Table,
        cols: Vec<Option<usize>>,
        input: &mut Input<'_>,
        staff: &Index,
        windows: &Index,
    ) {
        let ratings: Vec<_> = self.rules.ratings.iter().map(|r| &r.name).collect();
        let mut found = Vec::new();
        {
            let mut cells = self.cells(read::REVIEWS, cols);
            let mut rows = table.rows();
            while let Some(row) = rows.next_row() {
                let row = match row {
                    Ok(row) => row,
                    Err(e) => {
                        cells.errors.push(e.into());
                        break;
                    }
                };
                let day = cells.datetime(&row, 0).map(|t| t.date());
                let window = Self::id(&mut cells, &row, 1, windows);
                let person = if cells.cell(&row, 2).is_empty() {
                    Some(None)
                } else {
                    Self::id(&mut cells, &row, 2, staff).map(Some)
                };
                let rating = cells.text(&row, 3).and_then(|text| match read::find_label(&ratings, &text) {
                    Some(r) => Some(r),
                    None => {
                        let help = Some(read::label_help(&ratings, &text));
                        let at = cells.at(&row, 3);
                        cells.errors.push(RecordsError::Unknown {
                            at,
                            column: "评价",
                            what: Unknown::Rating,
                            found: text.into_owned(),
                            help,
                        });
                        None
                    }
                });
                let case = cells.optional_text(&row, 4).map(|t| t.into_owned());
                let (Some(day), Some(window), Some(staff), Some(rating)) = (day, window, person, rating) else {
                    continue;
                };
                found.push(Review { day, window, staff, rating, case, row: row.number() });
            }
        }
        for r in found {
            if r.day < self.start || r.day > self.end {
                self.outside(read::REVIEWS).period += 1;
                continue;
            }
            input.reviews.push(r);
        }
    }
}

struct Counter<'a> {
    /// The workdays of the period, in order.
    workdays: Vec<NaiveDate>,
    policy: &'a Policy,
    rules: &'a Records,
    start: NaiveDate,
    end: NaiveDate,
    input: &'a Input<'a>,
}

/// `2026-07-03 09:00`
fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn at_minute(day: NaiveDate, minute: Minute) -> NaiveDateTime {
    day.and_hms_opt(minute / 60, minute % 60, 0).unwrap_or_default()
}

/// How a punch slot of a day was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    OnTime,
    Late(Minute, u32),
    Early(Minute, u32),
    Missing,
    Excused,
}

impl Counter<'_> {
    fn place(&self, table: usize) -> Option<&Place<'_>> {
        self.input.places[table].as_ref()
    }

    fn source(&self, table: usize, row: u32) -> Position {
        match self.place(table) {
            Some(p) => p.at(row),
            None => Position { table: SPECS[table].file.into(), origin: Origin::Csv, row, column: None },
        }
    }

    fn schedule(&self, day: NaiveDate) -> &Schedule {
        let key = (day.month(), day.day());
        let rules = self.rules;
        rules.schedules.iter().skip(1).find(|s| s.holds(key)).unwrap_or(&rules.schedules[0])
    }

    fn count(&self, period: Period, mut notes: Vec<String>) -> Result<Gathered, Vec<RecordsError>> {
        let levels = self.policy.levels.len();
        let input = self.input;
        let mut windows: Vec<Tally> = input.windows.iter().map(|_| Tally::new(&self.policy.window, levels)).collect();
        let mut staff: Vec<Tally> = input.staff.iter().map(|_| Tally::new(&self.policy.staff, levels)).collect();
        let mut leave_days: Vec<Vec<Decimal>> =
            input.staff.iter().map(|_| vec![Decimal::ZERO; self.rules.leave.len()]).collect();
        let mut workdays: Vec<usize> = vec![0; input.staff.len()];
        for (p, person) in input.staff.iter().enumerate() {
            let from = person.joined.map_or(self.start, |j| j.max(self.start));
            let to = person.left.map_or(self.end, |l| l.min(self.end));
            let first = self.workdays.partition_point(|d| *d < from);
            let last = self.workdays.partition_point(|d| *d <= to);
            let days = self.workdays.get(first..last.max(first)).unwrap_or_default();
            workdays[p] = days.len();
            self.attendance(p, days, &mut staff[p], &mut leave_days[p]);
        }
        self.findings(&mut staff, &mut windows);
        self.cases(&mut staff, &mut windows, &workdays);
        self.reviews(&mut staff, &mut windows);

        let workdays_attr = self.policy.staff.attribute_index("workdays");
        let mut out_staff = Vec::new();
        let mut left_out = Vec::new();
        for (p, (person, tally)) in input.staff.iter().zip(staff).enumerate() {
            if workdays[p] == 0 {
                left_out.push(person.id.clone());
                continue;
            }
            let mut attributes = Vec::new();
            if let Some(w) = workdays_attr {
                attributes.push((w, Decimal::from(workdays[p])));
            }
            for away in &self.rules.away {
                let mut sum: Decimal = away.facts.iter().map(|&f| tally.numbers[f.index()]).sum();
                sum += away.leave.iter().map(|&k| leave_days[p][k]).sum::<Decimal>();
                attributes.push((away.attribute, sum.normalize()));
            }
            let (facts, evidence) = tally.finish(&self.policy.staff);
            out_staff.push(Gathered1 {
                id: person.id.clone(),
                name: person.name.clone(),
                window: Some(input.windows[person.window].id.clone()),
                role: self.policy.staff.roles.get(person.role).map(|r| r.id.clone()),
                joined: person.joined,
                institution: person.institution,
                attributes,
                facts,
                evidence,
            });
        }
        if !left_out.is_empty() {
            let n = left_out.len();
            let shown: Vec<&str> = left_out.iter().take(10).map(String::as_str).collect();
            let more = if n > 10 { format!(" 等 {n} 人") } else { String::new() };
            notes.push(format!(
                "{} 在 {period} 没有在岗工作日，未列入：{}{more}",
                if n == 1 { "1 人" } else { "以下人员" },
                shown.join("、")
            ));
        }
        let out_windows = input
            .windows
            .iter()
            .zip(windows)
            .map(|(w, tally)| {
                let (facts, evidence) = tally.finish(&self.policy.window);
                Gathered1 { id: w.id.clone(), name: w.name.clone(), facts, evidence, ..Default::default() }
            })
            .collect();
        Ok(Gathered { period, windows: out_windows, staff: out_staff, notes })
    }

    /// Add to the targets of a rule: for each `each` target `amount × times`;
    /// `per_day` targets `amount × days`.
    fn apply(
        &self,
        targets: &[Target],
        staff: Option<&mut Tally>,
        window: Option<&mut Tally>,
        times: Decimal,
        flags: (bool, bool),
        evidence: impl Fn() -> Evidence,
    ) {
        let (mut staff, mut window) = (staff, window);
        for t in targets.iter().filter(|t| !t.per_day && t.over.is_none() && t.applies(flags.0, flags.1)) {
            let tally = match t.whose {
                Whose::Staff => staff.as_deref_mut(),
                Whose::Window => window.as_deref_mut(),
            };
            if let Some(tally) = tally {
                tally.add(t.fact.index(), t.amount * times, evidence());
            }
        }
    }

    fn attendance(&self, p: usize, days: &[NaiveDate], tally: &mut Tally, leave_days: &mut [Decimal]) {
        let input = self.input;
        let punches = &input.punches[p];
        let leaves = &input.leave[p];
        let exemptions = &input.exemptions[p];
        let rules = &self.rules.punches;
        let mut at = 0;
        for &day in days {
            while at < punches.len() && punches[at].0 < day {
                at += 1;
            }
            let mut end = at;
            while end < punches.len() && punches[end].0 == day {
                end += 1;
            }
            let today = &punches[at..end];
            let schedule = self.schedule(day);
            let day_leaves: Vec<&Leave> =
                leaves.iter().filter(|l| l.from.date() <= day && l.to.date() >= day).collect();
            let exempt = |slot: usize| exemptions.iter().any(|e| e.day == day && e.slot.is_none_or(|s| s == slot));
            // At most every punch of the day: no list to make.
            let mut missing_slots: [Option<&Slot>; 8] = [None; 8];
            let mut missing_count = 0;
            for half in &schedule.halves {
                let (half_start, half_end) = (at_minute(day, half.start), at_minute(day, half.end));
                let readings = self.read_half(schedule, half.in_slot, half.out_slot, today);
                let excused = |slot: usize, due: NaiveDateTime| {
                    exempt(slot) || day_leaves.iter().any(|l| l.approved && l.from <= due && due <= l.to)
                };
                let in_reading = if excused(half.in_slot, half_start) { Reading::Excused } else { readings.0 };
                let out_reading = if excused(half.out_slot, half_end) { Reading::Excused } else { readings.1 };
                let unapproved = day_leaves.iter().find(|l| !l.approved && l.from < half_end && l.to > half_start);
                let both_missing = in_reading == Reading::Missing && out_reading == Reading::Missing;
                if unapproved.is_some() || both_missing {
                    let (note, source) = match unapproved {
                        Some(l) => (
                            format!(
                                "{} 旷工：{}未批准（{} 至 {}）",
                                half.name.label,
                                self.rules.leave[l.kind].name.label,
                                stamp(l.from),
                                stamp(l.to)
                            ),
                            self.source(read::LEAVE, l.row),
                        ),
                        None => (
                            format!(
                                "{} 旷工：{}、{}均未打卡{}",
                                half.name.label,
                                schedule.slots[half.in_slot].name.label,
                                schedule.slots[half.out_slot].name.label,
                                punched_today(today)
                            ),
                            self.source(read::PUNCHES, 0),
                        ),
                    };
                    for rule in rules.iter().filter(|r| r.event == PunchEvent::Absent) {
                        self.apply(&rule.targets, Some(tally), None, Decimal::ONE, (false, false), || Evidence {
                            date: day,
                            note: note.clone(),
                            source: source.clone(),
                        });
                    }
                    continue;
                }
                for (slot, reading) in [(half.in_slot, in_reading), (half.out_slot, out_reading)] {
                    let slot = &schedule.slots[slot];
                    let (event, minute, row) = match reading {
                        Reading::Late(m, r) => (PunchEvent::Late, m, r),
                        Reading::Early(m, r) => (PunchEvent::Early, m, r),
                        Reading::Missing => {
                            if let Some(place) = missing_slots.get_mut(missing_count) {
                                *place = Some(slot);
                                missing_count += 1;
                            }
                            continue;
                        }
                        _ => continue,
                    };
                    let note = match event {
                        PunchEvent::Late => format!("{} {}（{}）", slot.name.label, clock(minute), slot.window_text()),
                        _ => format!(
                            "{} {}（应不早于 {}）",
                            slot.name.label,
                            clock(minute),
                            clock(slot.from.unwrap_or(0))
                        ),
                    };
                    let source = self.source(read::PUNCHES, row);
                    for rule in rules.iter().filter(|r| r.event == event) {
                        self.apply(&rule.targets, Some(tally), None, Decimal::ONE, (false, false), || Evidence {
                            date: day,
                            note: note.clone(),
                            source: source.clone(),
                        });
                    }
                }
            }
            if missing_count > 0 {
                let names: Vec<&str> = missing_slots.iter().flatten().map(|s| s.name.label.as_str()).collect();
                let note = format!("{}未打卡，事后未说明{}", names.join("、"), punched_today(today));
                let source = self.source(read::PUNCHES, 0);
                for rule in rules.iter().filter(|r| r.event == PunchEvent::Missing) {
                    self.apply(&rule.targets, Some(tally), None, Decimal::ONE, (false, false), || Evidence {
                        date: day,
                        note: note.clone(),
                        source: source.clone(),
                    });
                }
            }
            // The days of approved leave: each half day whose hours it holds whole.
            for leave in day_leaves.iter().filter(|l| l.approved) {
                let covered: Vec<&str> = schedule
                    .halves
                    .iter()
                    .filter(|h| leave.from <= at_minute(day, h.start) && leave.to >= at_minute(day, h.end))
                    .map(|h| h.name.label.as_str())
                    .collect();
                if covered.is_empty() {
                    continue;
                }
                let days = HALF * Decimal::from(covered.len());
                leave_days[leave.kind] += days;
                let kind = &self.rules.leave[leave.kind];
                let part =
                    if covered.len() == schedule.halves.len() { "全天".to_string() } else { covered.join("、") };
                let note = format!(
                    "{} {part}（{} 天；{} 至 {}）",
                    kind.name.label,
                    days.normalize(),
                    stamp(leave.from),
                    stamp(leave.to)
                );
                let source = self.source(read::LEAVE, leave.row);
                for t in kind.targets.iter().filter(|t| t.per_day && t.applies(leave.signed, false)) {
                    tally.add(
                        t.fact.index(),
                        t.amount * days,
                        Evidence { date: day, note: note.clone(), source: source.clone() },
                    );
                }
            }
            // A leave counted once, on the day it starts.
            for leave in day_leaves.iter().filter(|l| l.approved && l.from.date() == day) {
                let kind = &self.rules.leave[leave.kind];
                let minutes = (leave.to - leave.from).num_minutes();
                let source = self.source(read::LEAVE, leave.row);
                for t in kind.targets.iter().filter(|t| !t.per_day && t.applies(leave.signed, false)) {
                    if t.over.is_some_and(|over| minutes <= i64::from(over)) {
                        continue;
                    }
                    let over = t.over.map_or(String::new(), |o| format!("，超过 {}", duration(o)));
                    let note = format!(
                        "{} {} 至 {}（{}{over}）",
                        kind.name.label,
                        stamp(leave.from),
                        stamp(leave.to),
                        duration(minutes.max(0) as u32)
                    );
                    tally.add(t.fact.index(), t.amount, Evidence { date: day, note, source: source.clone() });
                }
            }
            at = end;
        }
    }

    /// The in and out punches of one half day, before leave and exemptions.
    fn read_half(
        &self,
        schedule: &Schedule,
        in_slot: usize,
        out_slot: usize,
        today: &[(NaiveDate, Minute, u32)],
    ) -> (Reading, Reading) {
        let (in_s, out_s) = (&schedule.slots[in_slot], &schedule.slots[out_slot]);
        debug_assert!(in_s.end == SlotEnd::In && out_s.end == SlotEnd::Out);
        let lower = in_s.from.unwrap_or(0);
        // The in: the earliest punch from its window's start until it is no longer late.
        let first = today.iter().find(|(_, m, _)| *m >= lower && *m < in_s.off_before);
        let in_reading = match first {
            Some(&(_, m, _)) if in_s.on_time(m) => Reading::OnTime,
            Some(&(_, m, row)) => Reading::Late(m, row),
            None => Reading::Missing,
        };
        let in_minute = first.map(|(_, m, _)| *m);
        let others = today.iter().filter(|(_, m, _)| Some(*m) != in_minute);
        let out_reading = if others.clone().any(|(_, m, _)| out_s.on_time(*m)) {
            Reading::OnTime
        } else {
            // Early: the last punch after the in and before the window.
            match others.clone().rfind(|(_, m, _)| *m >= lower && *m < out_s.off_before) {
                Some(&(_, m, row)) => Reading::Early(m, row),
                None => Reading::Missing,
            }
        };
        (in_reading, out_reading)
    }

    fn findings(&self, staff: &mut [Tally], windows: &mut [Tally]) {
        for f in &self.input.findings {
            let source = self.source(read::FINDINGS, f.row);
            let note = |label: &str, times: Decimal| {
                let mut note = label.to_string();
                if times != Decimal::ONE {
                    note.push_str(&format!(" × {}", times.normalize()));
                }
                if let Some(n) = &f.note {
                    note.push('：');
                    note.push_str(n);
                }
                note
            };
            match (&f.what, &f.whom) {
                (FindingItem::Item { item, quantity, label }, Whom::Staff(p)) => {
                    let text = note(label, *quantity);
                    let targets = &self.rules.items[*item].targets;
                    self.apply(targets, Some(&mut staff[*p]), None, *quantity, (false, false), || Evidence {
                        date: f.day,
                        note: text.clone(),
                        source: source.clone(),
                    });
                }
                (FindingItem::Item { .. }, Whom::Window(_)) => {}
                (FindingItem::Fact { fact, value, label }, whom) => {
                    let tally = match whom {
                        Whom::Staff(p) => &mut staff[*p],
                        Whom::Window(w) => &mut windows[*w],
                    };
                    let text = match value {
                        Value::Number(n) => note(label, *n),
                        Value::Amounts(a) => note(
                            &format!("{label}（{} 分）", a.first().copied().unwrap_or_default().normalize()),
                            Decimal::ONE,
                        ),
                        Value::Levels(l) => {
                            let (level, n) = l.first().copied().unwrap_or_default();
                            let level = self.policy.levels.get(level).map_or("", |l| l.label.as_str());
                            note(&format!("{label}（{level}）"), n)
                        }
                    };
                    let evidence = Evidence { date: f.day, note: text, source };
                    match value {
                        Value::Number(n) => tally.add(*fact, *n, evidence),
                        Value::Amounts(a) => {
                            tally.amounts[*fact].extend_from_slice(a);
                            tally.evidence[*fact].push(evidence);
                        }
                        Value::Levels(l) => {
                            for (level, n) in l {
                                if let Some(slot) = tally.levels[*fact].get_mut(*level) {
                                    *slot += *n;
                                }
                            }
                            tally.evidence[*fact].push(evidence);
                        }
                    }
                }
            }
        }
    }

    fn cases(&self, staff: &mut [Tally], windows: &mut [Tally], workdays: &[usize]) {
        let in_hall = |p: usize, day: NaiveDate| {
            let person = &self.input.staff[p];
            workdays[p] > 0 && person.joined.is_none_or(|j| day >= j) && person.left.is_none_or(|l| day <= l)
        };
        for case in &self.input.cases {
            let source = self.source(read::CASES, case.row);
            let kind = &self.rules.case_kinds[case.kind].name.label;
            let deadline_in = case.deadline >= self.start && case.deadline <= self.end;
            let overdue = match case.finished {
                Some(done) => done > case.deadline,
                None => case.deadline <= self.end,
            };
            if deadline_in && overdue {
                let done = case.finished.map_or("期末未办结".to_string(), |d| format!("{d} 办结"));
                let joint = if case.joint { "（联办）" } else { "" };
                let note = format!("{kind} `{}`{joint} 应于 {} 办结，{done}", case.id, case.deadline);
                let person = in_hall(case.operator, case.deadline).then_some(case.operator);
                for rule in self.rules.cases.iter().filter(|r| r.event == CaseEvent::Overdue) {
                    let staff_tally = person.map(|p| &mut staff[p]);
                    self.apply(
                        &rule.targets,
                        staff_tally,
                        Some(&mut windows[case.window]),
                        Decimal::ONE,
                        (false, case.joint),
                        || Evidence { date: case.deadline, note: note.clone(), source: source.clone() },
                    );
                }
            }
            if let Some((card, day)) = &case.card {
                if *day >= self.start && *day <= self.end {
                    let note = format!("{card}：{kind} `{}`", case.id);
                    let person = in_hall(case.operator, *day).then_some(case.operator);
                    for rule in self.rules.cases.iter().filter(|r| r.event == CaseEvent::Card) {
                        let staff_tally = person.map(|p| &mut staff[p]);
                        self.apply(
                            &rule.targets,
                            staff_tally,
                            Some(&mut windows[case.window]),
                            Decimal::ONE,
                            (false, case.joint),
                            || Evidence { date: *day, note: note.clone(), source: source.clone() },
                        );
                    }
                }
            }
        }
    }

    fn reviews(&self, staff: &mut [Tally], windows: &mut [Tally]) {
        for r in &self.input.reviews {
            let rating = &self.rules.ratings[r.rating];
            if rating.targets.is_empty() {
                continue;
            }
            let source = self.source(read::REVIEWS, r.row);
            let case = r.case.as_ref().map_or(String::new(), |c| format!("（办件 `{c}`）"));
            let note = format!("“{}”评价{case}", rating.name.label);
            let person = r.staff.filter(|&p| {
                let person = &self.input.staff[p];
                person.joined.is_none_or(|j| r.day >= j) && person.left.is_none_or(|l| r.day <= l)
            });
            let staff_tally = person.map(|p| &mut staff[p]);
            self.apply(
                &rating.targets,
                staff_tally,
                Some(&mut windows[r.window]),
                Decimal::ONE,
                (false, false),
                || Evidence { date: r.day, note: note.clone(), source: source.clone() },
            );
        }
    }
}

/// `（当日打卡：08:50、12:03）`, or `（当日无打卡）`.
fn punched_today(today: &[(NaiveDate, Minute, u32)]) -> String {
    if today.is_empty() {
        return "（当日无打卡）".into();
    }
    let times: Vec<String> = today.iter().map(|(_, m, _)| clock(*m)).collect();
    format!("（当日打卡：{}）", times.join("、"))
}

/// `2 小时`, `2 小时 30 分钟`, `45 分钟`.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} 分钟"),
        (h, 0) => format!("{h} 小时"),
        (h, m) => format!("{h} 小时 {m} 分钟"),
    }
}
