//! Facts in a spreadsheet: the summary layout of [`layout`] (docs/io.md,
//! "Facts in a spreadsheet"), read into the same [`Quarter`] as a facts JSON
//! file, so that scoring cannot tell the two apart.
//!
//! A summary is an `.xlsx` workbook with sheets 人员, 窗口 and 说明, or a
//! folder holding the same as `人员.csv`, `窗口.csv` and `说明.csv` (UTF-8 or
//! GBK, as [`crate::source::table`] reads them). [`open`] reads the tables
//! and the period, [`load`] reads every row against the policy version in
//! force for that period. Both report every problem they find at once, each
//! with its sheet (or file), row, column and header.

mod cells;
mod error;
pub mod layout;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

pub use error::{AmountsProblem, CellProblem, LevelsProblem, PeriodProblem, SheetError, UnknownHeader, WindowHint};
use layout::{Column, Field};

use super::{Period, Quarter, Record};
use crate::policy::{Policy, Subject};
use crate::source::table::{self, Position, Table, Workbook};
use crate::suggest;

/// A summary's tables and its period, before any policy is known.
#[derive(Debug)]
pub struct Summary {
    /// The path as given.
    pub path: String,
    /// The period, when the summary says one (else [`load`] reports why
    /// not, with every other problem, read by the newest version).
    pub period: Option<Period>,
    period_error: Option<SheetError>,
    staff: Table,
    windows: Table,
}

/// Whether `path` names a summary (a workbook, a CSV file, or a folder of
/// them) rather than a facts JSON file.
pub fn is_summary(path: &Path) -> bool {
    path.is_dir() || path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("csv"))
}

/// Read a summary's tables and its period.
pub fn open(path: &Path) -> Result<Summary, Vec<SheetError>> {
    let shown = path.display().to_string();
    let is = |ext: &str| path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext));
    let (staff, windows, info, name) = if is("xlsx") {
        let mut workbook = Workbook::open(path).map_err(|e| vec![e.into()])?;
        let mut errors = Vec::new();
        let mut sheet = |name: &'static str, required: bool| match workbook.sheet(name) {
            Ok(Some(table)) => Some(table),
            Ok(None) => {
                if required {
                    errors.push(missing_sheet(&shown, false, name, workbook.sheet_names().to_vec()));
                }
                None
            }
            Err(err) => {
                errors.push(err.into());
                None
            }
        };
        let staff = sheet(layout::STAFF_SHEET, true);
        let windows = sheet(layout::WINDOW_SHEET, true);
        let info = sheet(layout::INFO_SHEET, false);
        match (staff, windows) {
            (Some(staff), Some(windows)) if errors.is_empty() => {
                (staff, windows, info, path.file_stem().map(|s| s.to_string_lossy().into_owned()))
            }
            _ => return Err(errors),
        }
    } else {
        let folder = folder(path, &shown)?;
        let sheet_file = |sheet: &str| folder.join(format!("{sheet}.csv")).is_file();
        if !sheet_file(layout::STAFF_SHEET) && !sheet_file(layout::WINDOW_SHEET) {
            let found = csv_files(&folder);
            let records = found.iter().any(|f| f.starts_with("roster") || f.starts_with("punches"));
            return Err(vec![SheetError::NoSheets { path: shown, found, records }]);
        }
        let mut errors = Vec::new();
        let mut file = |sheet: &str, required: bool| {
            let file = folder.join(format!("{sheet}.csv"));
            if !file.is_file() {
                if required {
                    let found = csv_files(&folder);
                    errors.push(missing_sheet(&folder.display().to_string(), true, sheet, found));
                }
                return None;
            }
            table::read_csv(&file).map_err(|err| errors.push(err.into())).ok()
        };
        let staff = file(layout::STAFF_SHEET, true);
        let windows = file(layout::WINDOW_SHEET, true);
        let info = file(layout::INFO_SHEET, false);
        match (staff, windows) {
            (Some(staff), Some(windows)) if errors.is_empty() => {
                let name =
                    folder.canonicalize().ok().and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()));
                (staff, windows, info, name)
            }
            _ => return Err(errors),
        }
    };
    let (period, period_error) = match period(&shown, info.as_ref(), name.as_deref()) {
        Ok(period) => (Some(period), None),
        Err(err) => (None, Some(*err)),
    };
    Ok(Summary { path: shown, period, period_error, staff, windows })
}

/// The folder of CSV files `path` names: the folder itself, or the folder
/// of one of its files.
fn folder(path: &Path, shown: &str) -> Result<PathBuf, Vec<SheetError>> {
    if path.is_dir() {
        return Ok(path.to_path_buf());
    }
    let sheets = [layout::STAFF_SHEET, layout::WINDOW_SHEET, layout::INFO_SHEET];
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if !sheets.contains(&stem.as_str()) {
        return Err(vec![SheetError::NotSummary { path: shown.to_string() }]);
    }
    if !path.is_file() {
        let reason = std::io::Error::from(std::io::ErrorKind::NotFound).into();
        return Err(vec![SheetError::Read(table::TableError::Io { path: shown.to_string(), reason })]);
    }
    Ok(path
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
        .unwrap_or(Path::new("."))
        .to_path_buf())
}

/// The CSV files in a folder, for a message.
fn csv_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.to_ascii_lowercase().ends_with(".csv"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A sheet (or, `csv`, a CSV file) missing, with what there is instead.
fn missing_sheet(path: &str, csv: bool, sheet: &str, found: Vec<String>) -> SheetError {
    let records = ["roster", "punches", "打卡", "请假", "办件"];
    let looks_like_records = found.iter().any(|f| records.iter().any(|r| f.starts_with(r)));
    let sheet = if csv { format!("{sheet}.csv") } else { sheet.to_string() };
    SheetError::MissingSheet { path: path.to_string(), csv, sheet, found, records: looks_like_records }
}

/// The period of a summary: the 考核期 of its 说明 sheet, or the period its
/// name starts with (`2026-Q3.xlsx`); when both are there they must agree,
/// which catches last quarter's workbook copied under a new name.
fn period(path: &str, info: Option<&Table>, name: Option<&str>) -> Result<Period, Box<SheetError>> {
    let from_name = name.and_then(name_period);
    let stated = match info {
        Some(info) => stated_period(info)?,
        None => None,
    };
    match (stated, from_name) {
        (Some((period, _)), None) => Ok(period),
        (Some((period, _)), Some(named)) if period == named => Ok(period),
        (Some((period, at)), Some(named)) => Err(Box::new(SheetError::Period {
            at: Some(at),
            path: path.to_string(),
            problem: PeriodProblem::Disagrees {
                period: period.to_string(),
                name: name.unwrap_or_default().to_string(),
                named: named.to_string(),
            },
        })),
        (None, Some(named)) => Ok(named),
        (None, None) => {
            Err(Box::new(SheetError::Period { at: None, path: path.to_string(), problem: PeriodProblem::Missing }))
        }
    }
}

/// The row `考核期 | 2026-Q3` of the 说明 table (its header row, or a row
/// under it), and where its value is.
fn stated_period(info: &Table) -> Result<Option<(Period, Position)>, Box<SheetError>> {
    let is_label = |text: &str| text == layout::PERIOD_LABEL || text.eq_ignore_ascii_case(layout::PERIOD_ID);
    let read = |text: Option<String>, at: Position| match text.as_deref().map(str::trim).and_then(Period::parse) {
        Some(period) => Ok(Some((period, at))),
        None => Err(Box::new(SheetError::Period {
            path: at.table.to_string(),
            at: Some(at),
            problem: PeriodProblem::NotAPeriod { text },
        })),
    };
    if info.header().first().is_some_and(|h| is_label(h)) {
        return read(info.header().get(1).cloned(), info.header_position(Some(1)));
    }
    let mut rows = info.rows();
    while let Some(row) = rows.next_row() {
        let row = row.map_err(|e| Box::new(e.into()))?;
        if row.cell(0).text().is_some_and(|t| is_label(t.trim())) {
            return read(row.cell(1).text().map(|t| t.into_owned()), row.position(Some(1)));
        }
    }
    Ok(None)
}

/// `2026-Q3` (or a month, `2026-07`) from a name that starts with it
/// (`2026-Q3`, `2026-Q3-汇总`);
/// a year alone is not taken from a name (`2026年第三季度`).
fn name_period(name: &str) -> Option<Period> {
    let head: String = name.chars().take(7).collect();
    let rest = name.chars().nth(7);
    if rest.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Period::parse(&head).filter(|p| matches!(p, Period::Quarter { .. } | Period::Month { .. }))
}

/// Read a summary against the policy version in force for its period.
pub fn load(summary: Summary, policy: &Policy) -> Result<Quarter, Vec<SheetError>> {
    let mut errors: Vec<SheetError> = summary.period_error.into_iter().collect();
    let window_columns = columns(&summary.windows, policy, &policy.window, &policy.staff, false, &mut errors);
    let staff_columns = columns(&summary.staff, policy, &policy.staff, &policy.window, true, &mut errors);
    let mut reader = Reader { policy, errors };
    let windows = reader.records(&summary.windows, &policy.window, &window_columns, None);
    let staff = reader.records(&summary.staff, &policy.staff, &staff_columns, Some(&windows));
    let mut errors = reader.errors;
    if errors.is_empty() {
        unweighted(policy, &windows, &staff, &mut errors);
    }
    match summary.period {
        Some(period) if errors.is_empty() => {
            let records = |read: Vec<Read>| read.into_iter().map(|r| r.record).collect();
            Ok(Quarter { period, windows: records(windows), staff: records(staff) })
        }
        _ => Err(errors),
    }
}

/// The column each header of `table` names (`None`: not read), with the
/// errors of headers that name nothing, or something twice; and every
/// column a record needs is there.
fn columns(
    table: &Table,
    policy: &Policy,
    subject: &Subject,
    other: &Subject,
    is_staff: bool,
    errors: &mut Vec<SheetError>,
) -> Vec<Option<Column>> {
    let layout = layout::columns(subject, is_staff);
    let mut out: Vec<Option<Column>> = Vec::with_capacity(table.header().len());
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for (c, header) in table.header().iter().enumerate() {
        let header = header.trim();
        if header.is_empty() || layout::IGNORED_HEADERS.contains(&header) {
            out.push(None);
            continue;
        }
        let found = layout.iter().position(|col| col.is_named(header)).or_else(|| loose_match(&layout, header));
        match found {
            Some(i) => {
                if let Some(&first) = seen.get(&i) {
                    errors.push(SheetError::DuplicateHeader {
                        at: table.header_position(Some(c)),
                        header: header.to_string(),
                        first: table.header_position(Some(first)),
                    });
                    out.push(None);
                } else {
                    seen.insert(i, c);
                    out.push(Some(layout[i].clone()));
                }
            }
            None => {
                errors.push(unknown_header(table, c, header, policy, subject, other, &layout));
                out.push(None);
            }
        }
    }
    let weight = weight(policy).filter(|_| is_staff);
    for (i, column) in layout.iter().enumerate() {
        let required = match column.field {
            Field::Id => true,
            Field::Window | Field::Role => true,
            Field::Attribute(a) => Some(a) == weight,
            _ => false,
        };
        if required && !seen.contains_key(&i) {
            errors.push(SheetError::MissingColumn {
                table: table.name().to_string(),
                column: column.header.clone(),
                id: column.id.clone(),
                weight: matches!(column.field, Field::Attribute(_)),
            });
        }
    }
    out
}

/// A header that names a column once punctuation and spaces are set aside
/// (`迟到早退离岗串岗` for `迟到、早退、离岗、串岗`), when just one does.
fn loose_match(layout: &[Column], header: &str) -> Option<usize> {
    let key = loose(header);
    let mut found = layout.iter().enumerate().filter(|(_, col)| loose(&col.header) == key);
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// Whether every character of `short` is in `long`, in order
/// (`好差评不满意` in `好差评出现不满意`).
fn in_order(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// Text with punctuation and whitespace removed, ASCII lowercased.
fn loose(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn unknown_header(
    table: &Table,
    c: usize,
    header: &str,
    policy: &Policy,
    subject: &Subject,
    other: &Subject,
    layout: &[Column],
) -> SheetError {
    let names = layout.iter().flat_map(|col| [col.header.as_str(), col.id.as_str()]);
    let key = loose(header);
    // A close spelling, or the one label that holds what was typed.
    let suggestion = suggest::closest(header, names.clone()).map(str::to_string).or_else(|| {
        let mut holding = layout.iter().filter(|col| !key.is_empty() && in_order(&key, &loose(&col.header)));
        match (holding.next(), holding.next()) {
            (Some(col), None) => Some(col.header.clone()),
            _ => None,
        }
    });
    let elsewhere = other.facts.iter().find(|f| f.name.label == header || f.name.id == header);
    let why = match (elsewhere, suggestion) {
        (Some(fact), _) => UnknownHeader::Elsewhere {
            of: other.name.label.clone(),
            fact: fact.name.id.clone(),
            sheet: if std::ptr::eq(other, &policy.window) { layout::WINDOW_SHEET } else { layout::STAFF_SHEET },
        },
        (None, Some(header)) => UnknownHeader::Near { header },
        (None, None) => UnknownHeader::Unknown,
    };
    SheetError::UnknownHeader {
        at: table.header_position(Some(c)),
        header: header.to_string(),
        subject: subject.name.label.clone(),
        why,
    }
}

/// The staff attribute that weights the window average.
fn weight(policy: &Policy) -> Option<usize> {
    policy.window.categories.iter().find_map(|c| c.average.as_ref()).map(|a| a.weight)
}

/// A record read from a row, and where its row is.
struct Read {
    record: Record,
    row: Position,
}

struct Reader<'p> {
    policy: &'p Policy,
    errors: Vec<SheetError>,
}

impl Reader<'_> {
    /// Every row of `table` as a record; `windows` are the windows read,
    /// for staff.
    fn records(
        &mut self,
        table: &Table,
        subject: &Subject,
        columns: &[Option<Column>],
        windows: Option<&[Read]>,
    ) -> Vec<Read> {
        let window_ids: HashMap<&str, usize> =
            windows.unwrap_or_default().iter().enumerate().map(|(i, w)| (w.record.id.as_str(), i)).collect();
        let weight = weight(self.policy).filter(|_| windows.is_some());
        let mut seen: HashMap<String, Position> = HashMap::new();
        // Columns without a header that hold a value, each reported once
        // (a CSV row may run past its header).
        let mut unnamed_reported = std::collections::HashSet::new();
        let mut out = Vec::new();
        let mut rows = table.rows();
        while let Some(row) = rows.next_row() {
            let row = match row {
                Ok(row) => row,
                Err(err) => {
                    self.errors.push(err.into());
                    break;
                }
            };
            // A row with nothing in the columns read (only a 序号) is empty.
            let read = |c: usize| columns.get(c).is_some_and(Option::is_some);
            if (0..row.len()).all(|c| !read(c) || row.cell(c).is_empty()) {
                continue;
            }
            for c in 0..row.len() {
                let header = table.header().get(c).map_or("", |h| h.trim());
                if header.is_empty() && !row.cell(c).is_empty() && unnamed_reported.insert(c) {
                    self.errors.push(SheetError::Unnamed { at: row.position(Some(c)), found: row.cell(c).found() });
                }
            }
            let mut record = Record { attributes: vec![Decimal::ZERO; subject.attributes.len()], ..Record::default() };
            for (c, column) in columns.iter().enumerate() {
                let Some(column) = column else { continue };
                let cell = row.cell(c);
                let bad = |problem: CellProblem| SheetError::Cell {
                    at: row.position(Some(c)),
                    header: column.header.clone(),
                    found: cell.found(),
                    problem,
                };
                match column.field {
                    Field::Id => match cell.text() {
                        Some(id) => record.id = id.trim().to_string(),
                        None => {
                            self.errors.push(bad(CellProblem::NoId));
                        }
                    },
                    Field::Name => record.name = cell.text().map(|t| t.trim().to_string()).unwrap_or_default(),
                    Field::Window => match cell.text() {
                        Some(text) => match window_ids.get(text.trim()) {
                            Some(&w) => record.window = Some(super::WindowIx(w)),
                            None => {
                                self.errors.push(unknown_window(
                                    &row.position(Some(c)),
                                    column,
                                    text.trim(),
                                    windows.unwrap_or_default(),
                                ));
                            }
                        },
                        None => {
                            self.errors.push(bad(CellProblem::NoWindow));
                        }
                    },
                    Field::Role => {
                        let role = cell.text().and_then(|t| {
                            let t = t.trim();
                            subject.roles.iter().position(|r| r.label == t || r.id.eq_ignore_ascii_case(t))
                        });
                        match role {
                            Some(r) => record.role = Some(crate::policy::RoleId(r)),
                            None => {
                                let roles = subject.roles.iter().map(|r| r.label.clone()).collect();
                                self.errors.push(bad(CellProblem::Role { roles }));
                            }
                        }
                    }
                    Field::StaffType => {
                        if let Some(text) = cell.text() {
                            match layout::staff_type(subject, &text) {
                                Some(t) => record.staff_type = Some(t),
                                None => {
                                    let types = subject.label_sets.iter().map(|s| s.name.label.clone()).collect();
                                    self.errors.push(bad(CellProblem::StaffType { types }));
                                }
                            }
                        }
                    }
                    Field::Joined => {
                        if !cell.is_empty() {
                            match cell.date() {
                                Ok(day) => record.joined = Some(day),
                                Err(_) => self.errors.push(bad(CellProblem::Joined)),
                            }
                        }
                    }
                    Field::Attribute(a) => {
                        let kind = subject.attributes[a].kind;
                        if cell.is_empty() {
                            if Some(a) == weight {
                                self.errors.push(bad(CellProblem::NoWeight));
                            }
                            continue;
                        }
                        match cells::quantity(&cell, kind) {
                            Ok(n) => record.attributes[a] = n,
                            Err(problem) => self.errors.push(bad(problem)),
                        }
                    }
                    Field::Fact(f) => match cells::fact(&cell, subject.facts[f].kind, &self.policy.levels) {
                        Ok(Some(value)) => record.facts.push((crate::policy::FactId(f), value)),
                        Ok(None) => {}
                        Err(problem) => self.errors.push(bad(problem)),
                    },
                }
            }
            if record.id.is_empty() {
                continue;
            }
            let at = row.position(None);
            if let Some(first) = seen.get(&record.id) {
                let c = columns.iter().position(|c| c.as_ref().is_some_and(|c| c.field == Field::Id));
                self.errors.push(SheetError::DuplicateId {
                    at: row.position(c),
                    header: c.and_then(|c| columns[c].as_ref()).map_or(String::new(), |c| c.header.clone()),
                    id: record.id.clone(),
                    first: first.clone(),
                });
                continue;
            }
            seen.insert(record.id.clone(), at.clone());
            record.facts.sort_by_key(|(f, _)| *f);
            out.push(Read { record, row: at });
        }
        out
    }
}

/// A window id that no window has: did you mean one, or is it a name?
fn unknown_window(at: &Position, column: &Column, found: &str, windows: &[Read]) -> SheetError {
    let by_name = windows.iter().find(|w| w.record.name == found);
    let hint = match by_name {
        Some(w) => WindowHint::Name { id: w.record.id.clone() },
        None => match suggest::closest(found, windows.iter().map(|w| w.record.id.as_str())) {
            Some(id) => WindowHint::Near { id: id.to_string() },
            None => WindowHint::None,
        },
    };
    SheetError::UnknownWindow { at: at.clone(), header: column.header.clone(), found: found.to_string(), hint }
}

/// Windows whose staff have no workdays: their averaged category cannot be taken.
fn unweighted(policy: &Policy, windows: &[Read], staff: &[Read], errors: &mut Vec<SheetError>) {
    let Some(w) = weight(policy) else { return };
    let weight = &policy.staff.attributes[w].name.label;
    let category =
        policy.window.categories.iter().find(|c| c.average.is_some()).map_or(String::new(), |c| c.name.label.clone());
    for (i, members) in super::unweighted(policy, windows.len(), staff.iter().map(|r| &r.record)) {
        let window = &windows[i.index()];
        errors.push(SheetError::Unweighted {
            at: window.row.clone(),
            id: window.record.id.clone(),
            members,
            weight: weight.clone(),
            category: category.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_gives_a_quarter_only_when_it_starts_with_one() {
        let q3 = Some(Period::Quarter { year: 2026, quarter: 3 });
        assert_eq!(name_period("2026-Q3"), q3);
        assert_eq!(name_period("2026-Q3-汇总"), q3);
        assert_eq!(name_period("2026-Q3 副本"), q3);
        assert_eq!(name_period("2026-Q31"), None);
        assert_eq!(name_period("2026年第三季度"), None);
        assert_eq!(name_period("2026"), None);
        assert_eq!(name_period("2026-07-考勤"), Some(Period::Month { year: 2026, month: 7 }));
        assert_eq!(name_period("汇总"), None);
    }

    #[test]
    fn headers_match_with_punctuation_set_aside() {
        assert_eq!(loose("迟到、早退、离岗、串岗"), loose("迟到早退离岗串岗"));
        assert_eq!(loose("“好差评”出现不满意"), "好差评出现不满意");
        assert_eq!(loose(" Late_Early "), "lateearly");
        assert!(in_order("好差评不满意", "好差评出现不满意"));
        assert!(!in_order("不满意好差评", "好差评出现不满意"));
    }
}
