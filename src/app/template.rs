//! `kaohe template`: the summary-layout workbook of a period, made by the
//! policy version in force for it and filled in with the roster.

use std::path::Path;

use super::error::{problems, AppError, Error, Fault, Made};
use super::load::Loaded;
use super::period::load;
use rust_decimal::Decimal;

use crate::facts::sheet::{CellProblem, SheetError};
use crate::facts::Period;
use crate::policy::calendar::NoCalendar;
use crate::policy::{Policy, Version};
use crate::render::{Note, Roster, RosterStaff, RosterWindow};
use crate::source::table::{self, Table, Workbook};

/// A workbook to write, and what it was made from.
pub struct Template {
    pub version: Version,
    pub roster: Roster,
    /// Roster entries not in the hall during the period.
    pub left_out: usize,
    /// A year of the period the policy has no calendar for: the workdays
    /// in the hall are then left for the clerk to fill in.
    pub no_calendar: Option<i32>,
    /// The `.xlsx` file's bytes.
    pub bytes: Vec<u8>,
}

impl Template {
    /// What was written, by which version: for stderr.
    pub fn summary(&self, period: Period, out: &Path) -> Note {
        Note::Template {
            period,
            staff: self.roster.staff.len(),
            windows: self.roster.windows.len(),
            left_out: self.left_out,
            no_calendar: self.no_calendar,
            by: (&self.version).into(),
            out: out.to_path_buf(),
        }
    }
}

/// `--period` of a template: a quarter like `2026-Q4`, a year or a month.
pub fn parse_period(text: &str) -> Result<Period, Error> {
    Period::parse(text)
        .ok_or_else(|| Error::one(Fault::Usage, AppError::NotAPeriod { text: text.to_string(), year: true }))
}

/// The template of `period` by the policy in `dir`, with the staff of
/// `roster` in the hall during the period.
/// Returns the policy directory read too: its warnings and its files.
pub fn template(dir: &Path, period: Period, roster: Option<&Path>) -> Result<(Loaded, Template), Error> {
    let mut policies = load(dir)?;
    let start = period
        .start()
        .ok_or_else(|| Error::one(Fault::Usage, AppError::PeriodOutOfRange { period: period.to_string() }))?;
    let version = policies.in_force(start, &period.to_string())?.clone();
    let (roster, counts) = match roster {
        Some(path) => read_roster(path, &version.policy, period)?,
        None => (Roster::default(), Counts::default()),
    };
    let bytes = crate::render::write_template(&version.policy, period, &roster).map_err(|err| {
        Error::one(Fault::Io, AppError::NotMade { what: Made::Workbook, reason: Some(err.to_string()) })
    })?;
    Ok((policies, Template { version, roster, left_out: counts.left_out, no_calendar: counts.no_calendar, bytes }))
}

/// The roster of records.md: `roster.csv` (工号, 姓名, 窗口编号, 角色,
/// 进驻日期, 离开日期), with the windows' names from `windows.csv` beside it
/// when it is there; or a records workbook's sheets 人员 and 窗口. Staff who
/// left before the period or joined after it are left out (and counted).
// The gather stage reads the same tables; this reads only what a template needs.
fn read_roster(path: &Path, policy: &Policy, period: Period) -> Result<(Roster, Counts), Error> {
    let fail = |errs: Vec<SheetError>| Error::new(Fault::Facts, problems(errs));
    let (staff, windows) = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        let mut book = Workbook::open(path).map_err(|e| fail(vec![e.into()]))?;
        let staff = book
            .sheet("人员")
            .map_err(|e| fail(vec![e.into()]))?
            .ok_or_else(|| fail(vec![SheetError::NoRoster { path: path.display().to_string() }]))?;
        (staff, book.sheet("窗口").map_err(|e| fail(vec![e.into()]))?)
    } else {
        let staff = table::read_csv(path).map_err(|e| fail(vec![e.into()]))?;
        let beside = path.with_file_name("windows.csv");
        let windows =
            if beside.is_file() { Some(table::read_csv(&beside).map_err(|e| fail(vec![e.into()]))?) } else { None };
        (staff, windows)
    };
    let mut errors = Vec::new();
    let column = |table: &Table, names: &[&str], errors: &mut Vec<SheetError>| {
        let found = table.find(names);
        if found.is_none() {
            errors.push(SheetError::RosterColumn {
                table: table.name().to_string(),
                column: names[0].to_string(),
                id: names.get(1).copied().unwrap_or_default().to_string(),
            });
        }
        found
    };
    let id = column(&staff, &["工号", "id"], &mut errors);
    let name = column(&staff, &["姓名", "name"], &mut errors);
    let window = column(&staff, &["窗口编号", "window"], &mut errors);
    let role = column(&staff, &["角色", "role"], &mut errors);
    let (joined, left) = (staff.find(&["进驻日期", "joined"]), staff.find(&["离开日期", "left"]));
    let kind = staff.find(&["人员类别", "kind"]);
    let (start, end) = (period.start(), period.end());
    let mut roster = Roster::default();
    let mut left_out = 0;
    let mut no_calendar = None;
    if let (Some(id), Some(name), Some(window), Some(role)) = (id, name, window, role) {
        let mut rows = staff.rows();
        while let Some(row) = rows.next_row() {
            let row = row.map_err(|e| fail(vec![e.into()]))?;
            let text = |c: usize| row.cell(c).text().map(|t| t.trim().to_string()).unwrap_or_default();
            let mut date = |c: Option<usize>| {
                let c = c?;
                let cell = row.cell(c);
                if cell.is_empty() {
                    return None;
                }
                cell.date()
                    .map_err(|m| {
                        errors.push(SheetError::Cell {
                            at: row.position(Some(c)),
                            header: staff.header().get(c).cloned().unwrap_or_default(),
                            found: m.found,
                            problem: CellProblem::Date,
                        })
                    })
                    .ok()
            };
            let (joined, left) = (date(joined), date(left));
            let role_text = text(role);
            let role_index =
                policy.staff.roles.iter().position(|r| r.label == role_text || r.id.eq_ignore_ascii_case(&role_text));
            if role_index.is_none() {
                let roles = policy.staff.roles.iter().map(|r| r.label.clone()).collect();
                errors.push(SheetError::Cell {
                    at: row.position(Some(role)),
                    header: staff.header().get(role).cloned().unwrap_or_default(),
                    found: row.cell(role).found(),
                    problem: CellProblem::Role { roles },
                });
            }
            let outside = left.zip(start).is_some_and(|(l, s)| l < s) || joined.zip(end).is_some_and(|(j, e)| j > e);
            if outside {
                left_out += 1;
                continue;
            }
            // Their workdays in the hall: the calendar's, from joining to leaving.
            let from = joined.into_iter().chain(start).max();
            let to = left.into_iter().chain(end).min();
            let workdays = match (from, to) {
                (Some(from), Some(to)) => match policy.calendar.workdays(from, to) {
                    Ok(days) => Some(Decimal::from(days.len())),
                    Err(NoCalendar { year }) => {
                        no_calendar.get_or_insert(year);
                        None
                    }
                },
                _ => None,
            };
            let window_id = text(window);
            if !window_id.is_empty() && !roster.windows.iter().any(|w| w.id == window_id) {
                roster.windows.push(RosterWindow { id: window_id.clone(), name: String::new() });
            }
            roster.staff.push(RosterStaff {
                id: text(id),
                name: text(name),
                window: window_id,
                role: role_index.map(crate::policy::RoleId),
                joined,
                staff_type: kind.and_then(|k| crate::facts::sheet::layout::staff_type(&policy.staff, &text(k))),
                workdays,
            });
        }
    }
    if let Some(windows) = windows {
        let (id, name) = (windows.find(&["窗口编号", "id"]), windows.find(&["窗口名称", "name"]));
        if let (Some(id), Some(name)) = (id, name) {
            let mut rows = windows.rows();
            while let Some(row) = rows.next_row() {
                let row = row.map_err(|e| fail(vec![e.into()]))?;
                let id = row.cell(id).text().map(|t| t.trim().to_string()).unwrap_or_default();
                let name = row.cell(name).text().map(|t| t.trim().to_string()).unwrap_or_default();
                match roster.windows.iter_mut().find(|w| w.id == id) {
                    Some(window) => window.name = name,
                    None if !id.is_empty() => roster.windows.push(RosterWindow { id, name }),
                    None => {}
                }
            }
        }
    }
    if errors.is_empty() {
        Ok((roster, Counts { left_out, no_calendar }))
    } else {
        Err(fail(errors))
    }
}

/// What reading the roster left out.
#[derive(Default)]
struct Counts {
    left_out: usize,
    no_calendar: Option<i32>,
}
