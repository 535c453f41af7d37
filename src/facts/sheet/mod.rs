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

pub use error::SheetError;
use layout::{Column, Field};

use super::{Period, Quarter, Record};
use crate::policy::{Policy, Subject};
use crate::source::table::{self, column_letters, Origin, Position, Table, Workbook};
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
                    errors.push(missing_sheet(&shown, "工作表", name, workbook.sheet_names()));
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
            return Err(vec![SheetError::NoSheets {
                path: shown,
                found: if found.is_empty() {
                    String::new()
                } else {
                    format!("（有：{}）", found.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join("、"))
                },
                help: if records {
                    "这是记录文件夹：请用 `kaohe gather` 由记录生成事实".into()
                } else {
                    "`--facts` 是事实 JSON 文件、.xlsx 汇总表，或存有 人员.csv、窗口.csv、说明.csv 的文件夹".into()
                },
            }]);
        }
        let mut errors = Vec::new();
        let mut file = |sheet: &str, required: bool| {
            let file = folder.join(format!("{sheet}.csv"));
            if !file.is_file() {
                if required {
                    let found = csv_files(&folder);
                    errors.push(missing_sheet(&folder.display().to_string(), "文件", sheet, &found));
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
        Err(err) => (None, Some(err)),
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
        return Err(vec![SheetError::NotSummary {
            path: shown.to_string(),
            why: "汇总表的 CSV 文件以其工作表命名".into(),
            help: "把“人员”“窗口”“说明”三张表分别存为同一文件夹中的 人员.csv、窗口.csv、说明.csv，再用 `--facts` 指这个文件夹（或其中一个文件）；或用 .xlsx 工作簿".into(),
        }]);
    }
    if !path.is_file() {
        return Err(vec![SheetError::Read(table::TableError::Io {
            path: shown.to_string(),
            reason: "文件不存在".into(),
        })]);
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

fn missing_sheet(path: &str, what: &'static str, sheet: &str, found: &[String]) -> SheetError {
    let records = ["roster", "punches", "打卡", "请假", "办件"];
    let looks_like_records = found.iter().any(|f| records.iter().any(|r| f.starts_with(r)));
    let help = if looks_like_records {
        "这像是记录（打卡、请假、办件……）而不是汇总表：请用 `kaohe gather` 由记录生成事实".to_string()
    } else if what == "文件" {
        "汇总表的文件夹中应有 人员.csv 与 窗口.csv；`kaohe template` 可生成带列名的工作簿".to_string()
    } else {
        "汇总表应有“人员”与“窗口”两张工作表；`kaohe template` 可生成带列名的工作簿".to_string()
    };
    let sheet = if what == "文件" { format!("{sheet}.csv") } else { sheet.to_string() };
    let found = if found.is_empty() {
        String::new()
    } else {
        format!("（有：{}）", found.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join("、"))
    };
    SheetError::MissingSheet { path: path.to_string(), what, sheet, found, help }
}

/// The period of a summary: the 考核期 of its 说明 sheet, or the period its
/// name starts with (`2026-Q3.xlsx`); when both are there they must agree,
/// which catches last quarter's workbook copied under a new name.
fn period(path: &str, info: Option<&Table>, name: Option<&str>) -> Result<Period, SheetError> {
    let from_name = name.and_then(name_period);
    let stated = match info {
        Some(info) => stated_period(info)?,
        None => None,
    };
    match (stated, from_name) {
        (Some((period, _)), None) => Ok(period),
        (Some((period, _)), Some(named)) if period == named => Ok(period),
        (Some((period, at)), Some(named)) => Err(SheetError::Period {
            at,
            message: format!("考核期为 {period}，但文件名 `{}` 表明是 {named}", name.unwrap_or_default()),
            help: "复制上一期的表格时请同时改写“说明”中的考核期；或把文件改名".into(),
        }),
        (None, Some(named)) => Ok(named),
        (None, None) => Err(SheetError::Period {
            at: path.to_string(),
            message: "没有写明考核期".into(),
            help: format!(
                "在“{}”表（或 {}.csv）第一行写上 `{}` 和考核期，如 `2026-Q3`；或把文件命名为 `2026-Q3.xlsx`",
                layout::INFO_SHEET,
                layout::INFO_SHEET,
                layout::PERIOD_LABEL
            ),
        }),
    }
}

/// The row `考核期 | 2026-Q3` of the 说明 table (its header row, or a row
/// under it), and where its value is.
fn stated_period(info: &Table) -> Result<Option<(Period, String)>, SheetError> {
    let is_label = |text: &str| text == layout::PERIOD_LABEL || text.eq_ignore_ascii_case(layout::PERIOD_ID);
    let read = |text: Option<String>, at: Position| {
        let place = place(&at);
        match text.as_deref().map(str::trim).and_then(Period::parse) {
            Some(period) => Ok(Some((period, place))),
            None => Err(SheetError::Period {
                at: place,
                message: format!(
                    "考核期应为季度（如 `2026-Q3`）、年度（如 `2026`）或月份（如 `2026-07`），实为 {}",
                    text.map_or("空".to_string(), |t| format!("`{t}`"))
                ),
                help: "写成 年-Q季度：2026-Q1 … 2026-Q4".into(),
            }),
        }
    };
    if info.header().first().is_some_and(|h| is_label(h)) {
        return read(info.header().get(1).cloned(), info.header_position(Some(1)));
    }
    let mut rows = info.rows();
    while let Some(row) = rows.next_row() {
        let row = row?;
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

/// Where a cell is, as a person finds it: `人员!C5`, or `人员.csv:5，C 列`.
pub(crate) fn place(at: &Position) -> String {
    match (at.origin, at.column) {
        (Origin::Csv, Some(column)) => format!("{}:{}，{} 列", at.table, at.row, column_letters(column)),
        _ => at.to_string(),
    }
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
                        at: place(&table.header_position(Some(c))),
                        header: header.to_string(),
                        first: place(&table.header_position(Some(first))),
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
            let help = match column.field {
                Field::Attribute(_) => "在岗工作日用于窗口工作考勤的加权平均，每人必填".to_string(),
                _ => format!("第 1 行加上列名 `{}`", column.header),
            };
            errors.push(SheetError::MissingColumn {
                table: table.name().to_string(),
                column: column.header.clone(),
                id: column.id.clone(),
                help,
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
    let (also, help) = match (elsewhere, suggestion) {
        (Some(fact), _) => (
            format!("，而是{}的事实 `{}`", other.name.label, fact.name.id),
            format!(
                "这一列应放在“{}”表中",
                if std::ptr::eq(other, &policy.window) { layout::WINDOW_SHEET } else { layout::STAFF_SHEET }
            ),
        ),
        (None, Some(s)) => (String::new(), format!("是否应为 `{s}`？")),
        (None, None) => (
            String::new(),
            format!(
                "列名用考核办法中{}事实的名称或编号（见“说明”表）；自用的列可命名为“序号”或“备注”",
                subject.name.label
            ),
        ),
    };
    SheetError::UnknownHeader {
        at: place(&table.header_position(Some(c))),
        header: header.to_string(),
        subject: subject.name.label.clone(),
        also,
        help,
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
                    self.errors
                        .push(SheetError::Unnamed { at: place(&row.position(Some(c))), found: row.cell(c).found() });
                }
            }
            let mut record = Record { attributes: vec![Decimal::ZERO; subject.attributes.len()], ..Record::default() };
            for (c, column) in columns.iter().enumerate() {
                let Some(column) = column else { continue };
                let cell = row.cell(c);
                let bad = |expected: &str, help: String| SheetError::Cell {
                    at: place(&row.position(Some(c))),
                    header: column.header.clone(),
                    expected: expected.to_string(),
                    found: cell.found(),
                    help,
                };
                match column.field {
                    Field::Id => match cell.text() {
                        Some(id) => record.id = id.trim().to_string(),
                        None => {
                            self.errors.push(bad("编号", "每行一条记录，编号必填".into()));
                        }
                    },
                    Field::Name => record.name = cell.text().map(|t| t.trim().to_string()).unwrap_or_default(),
                    Field::Window => match cell.text() {
                        Some(text) => match window_ids.get(text.trim()) {
                            Some(&w) => record.window = Some(w),
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
                            self.errors.push(bad("窗口编号", "填写所在窗口的编号（见“窗口”表）".into()));
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
                                let roles: Vec<&str> = subject.roles.iter().map(|r| r.label.as_str()).collect();
                                self.errors.push(bad(
                                    &format!("角色（{}）", roles.join(" 或 ")),
                                    format!("角色为 {}（或其编号）", roles.join("、")),
                                ));
                            }
                        }
                    }
                    Field::StaffType => {
                        if let Some(text) = cell.text() {
                            match layout::staff_type(subject, &text) {
                                Some(t) => record.staff_type = Some(t),
                                None => {
                                    let types: Vec<&str> =
                                        subject.label_sets.iter().map(|s| s.name.label.as_str()).collect();
                                    self.errors.push(bad(
                                        &format!("人员类别（{}，或留空）", types.join("、")),
                                        "只有等次另有称谓的人员（第十八条）填写；其他人员留空".into(),
                                    ));
                                }
                            }
                        }
                    }
                    Field::Joined => {
                        if !cell.is_empty() {
                            match cell.date() {
                                Ok(day) => record.joined = Some(day),
                                Err(mismatch) => {
                                    self.errors.push(bad(mismatch.expected, "进驻大厅的日期，如 2026-08-15".into()));
                                }
                            }
                        }
                    }
                    Field::Attribute(a) => {
                        let kind = subject.attributes[a].kind;
                        if cell.is_empty() {
                            if Some(a) == weight {
                                self.errors.push(bad(
                                    "天数（0.5 的倍数）",
                                    "在岗工作日用于窗口工作考勤的加权平均，每人必填".into(),
                                ));
                            }
                            continue;
                        }
                        match cells::quantity(&cell, kind) {
                            Ok(n) => record.attributes[a] = n,
                            Err(problem) => {
                                self.errors.push(bad(&problem.expected, problem.help));
                            }
                        }
                    }
                    Field::Fact(f) => match cells::fact(&cell, subject.facts[f].kind, &self.policy.levels) {
                        Ok(Some(value)) => record.facts.push((f, value)),
                        Ok(None) => {}
                        Err(problem) => {
                            self.errors.push(bad(&problem.expected, problem.help));
                        }
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
                    at: place(&row.position(c)),
                    header: c.and_then(|c| columns[c].as_ref()).map_or(String::new(), |c| c.header.clone()),
                    id: record.id.clone(),
                    first: place(first),
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
    let help = match by_name {
        Some(w) => format!("`{found}` 是窗口名称；请填写其编号 `{}`", w.record.id),
        None => match suggest::closest(found, windows.iter().map(|w| w.record.id.as_str())) {
            Some(id) => format!("是否应为 `{id}`？"),
            None => "填写“窗口”表中已有的窗口编号".into(),
        },
    };
    SheetError::UnknownWindow { at: place(at), header: column.header.clone(), found: found.to_string(), help }
}

/// Windows whose staff have no workdays: their averaged category cannot be taken.
fn unweighted(policy: &Policy, windows: &[Read], staff: &[Read], errors: &mut Vec<SheetError>) {
    let Some(w) = weight(policy) else { return };
    let weight_label = &policy.staff.attributes[w].name.label;
    let category =
        policy.window.categories.iter().find(|c| c.average.is_some()).map_or(String::new(), |c| c.name.label.clone());
    for (i, members) in super::unweighted(policy, windows.len(), staff.iter().map(|r| &r.record)) {
        let window = &windows[i];
        let why = if members == 0 {
            "没有工作人员".to_string()
        } else {
            format!("的 {members} 名工作人员{weight_label}合计为 0")
        };
        errors.push(SheetError::Unweighted {
            at: place(&window.row),
            id: window.record.id.clone(),
            why,
            category: category.clone(),
            help: format!("在“人员”表中填写该窗口工作人员的{weight_label}，或把该窗口从本期删去"),
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
