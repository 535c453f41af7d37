//! The hall's tables → typed rows: every cell read as its column says,
//! every id resolved, every problem collected with its place.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rust_decimal::Decimal;

use super::error::{Expected, Hint, NotATable, RecordsError, Unknown};
use crate::policy::records::Minute;
use crate::policy::Label;
use crate::source::table::{self, Cell, Found, Position, Row, Table, Workbook};
use crate::suggest::{closest, Suggestion};

/// A table kaohe reads: its CSV file, its sheet, its columns.
pub(super) struct Spec {
    pub file: &'static str,
    pub sheet: &'static str,
    /// What a message calls it: `打卡（punches.csv）`.
    pub required: bool,
    /// (Chinese, English, required)
    pub columns: &'static [(&'static str, &'static str, bool)],
}

pub(super) const WINDOWS: usize = 0;
pub(super) const ROSTER: usize = 1;
pub(super) const PUNCHES: usize = 2;
pub(super) const LEAVE: usize = 3;
pub(super) const EXEMPTIONS: usize = 4;
pub(super) const FINDINGS: usize = 5;
pub(super) const CASES: usize = 6;
pub(super) const REVIEWS: usize = 7;

pub(super) const SPECS: [Spec; 8] = [
    Spec {
        file: "windows.csv",
        sheet: "窗口",
        required: true,
        columns: &[("窗口编号", "id", true), ("窗口名称", "name", true)],
    },
    Spec {
        file: "roster.csv",
        sheet: "人员",
        required: true,
        columns: &[
            ("工号", "id", true),
            ("姓名", "name", true),
            ("窗口编号", "window", true),
            ("角色", "role", true),
            ("进驻日期", "joined", false),
            ("离开日期", "left", false),
            ("人员类别", "kind", false),
        ],
    },
    Spec {
        file: "punches.csv",
        sheet: "打卡",
        required: true,
        columns: &[("工号", "id", true), ("打卡时间", "time", true)],
    },
    Spec {
        file: "leave.csv",
        sheet: "请假",
        required: false,
        columns: &[
            ("工号", "id", true),
            ("类型", "kind", true),
            ("开始时间", "from", true),
            ("结束时间", "to", true),
            ("是否批准", "approved", true),
            ("中心签字", "signed", false),
        ],
    },
    Spec {
        file: "exemptions.csv",
        sheet: "补卡说明",
        required: false,
        columns: &[("工号", "id", true), ("日期", "date", true), ("时段", "slot", true), ("说明", "note", false)],
    },
    Spec {
        file: "findings.csv",
        sheet: "巡查记录",
        required: false,
        columns: &[
            ("日期", "date", true),
            ("对象", "subject", true),
            ("事项", "item", true),
            ("分值", "points", false),
            ("级别", "level", false),
            ("数量", "quantity", false),
            ("记录人", "recorder", false),
            ("说明", "note", false),
        ],
    },
    Spec {
        file: "cases.csv",
        sheet: "办件",
        required: false,
        columns: &[
            ("办件编号", "id", true),
            ("窗口编号", "window", true),
            ("受理人", "operator", true),
            ("类型", "kind", true),
            ("联办", "joint", false),
            ("受理时间", "accepted", true),
            ("补齐日期", "completed_materials", false),
            ("承诺时限", "days", false),
            ("办结时间", "finished", false),
            ("红黄牌", "card", false),
            ("亮牌日期", "card_date", false),
        ],
    },
    Spec {
        file: "reviews.csv",
        sheet: "评价",
        required: false,
        columns: &[
            ("评价时间", "time", true),
            ("窗口编号", "window", true),
            ("工号", "id", false),
            ("评价", "rating", true),
            ("办件编号", "case", false),
        ],
    },
];

/// The tables found, by the index of their [`Spec`], and what is wrong with
/// the set (a table missing, a file that is no table): the tables there are
/// are still read, so that every error of the run is reported at once.
pub(super) type Opened = (Vec<Option<Table>>, Vec<RecordsError>);

pub(super) fn open(path: &Path, notes: &mut Vec<String>) -> Result<Opened, Vec<RecordsError>> {
    let no_records =
        |e: std::io::Error| vec![RecordsError::NoRecords { path: path.display().to_string(), reason: e.into() }];
    let meta = std::fs::metadata(path).map_err(no_records)?;
    let mut tables: Vec<Option<Table>> = SPECS.iter().map(|_| None).collect();
    let mut errors = Vec::new();
    if meta.is_dir() {
        let mut entries: Vec<String> = std::fs::read_dir(path)
            .map_err(no_records)?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        entries.sort();
        for name in entries.iter().filter(|n| n.to_ascii_lowercase().ends_with(".csv")) {
            let stem = &name[..name.len() - 4];
            let Some(i) = SPECS.iter().position(|s| s.file.eq_ignore_ascii_case(name) || s.sheet == stem) else {
                let suggestion = closest(name, SPECS.iter().map(|s| s.file)).map(str::to_string);
                let why = NotATable::Unknown { suggestion, tables: SPECS.iter().map(|s| s.file).collect() };
                errors.push(RecordsError::UnknownTable { name: name.clone(), why });
                continue;
            };
            if tables[i].is_some() {
                let why = NotATable::SameAs { file: SPECS[i].file, sheet: SPECS[i].sheet };
                errors.push(RecordsError::UnknownTable { name: name.clone(), why });
                continue;
            }
            match table::read_csv(&path.join(name)) {
                Ok(t) => tables[i] = Some(t),
                Err(e) => errors.push(e.into()),
            }
        }
        for (i, spec) in SPECS.iter().enumerate() {
            if spec.required && tables[i].is_none() && !errors.iter().any(|e| matches!(e, RecordsError::Table(_))) {
                errors.push(RecordsError::MissingTable {
                    table: spec.sheet,
                    path: path.display().to_string(),
                    file: spec.file,
                    sheets: None,
                });
            }
        }
    } else {
        let mut book = Workbook::open(path).map_err(|e| vec![RecordsError::from(e)])?;
        let names: Vec<String> = book.sheet_names().to_vec();
        for name in &names {
            let Some(i) =
                SPECS.iter().position(|s| s.sheet == name.trim() || s.file.trim_end_matches(".csv") == name.trim())
            else {
                notes.push(format!("工作表 `{name}` 不是 kaohe 读取的表，未读"));
                continue;
            };
            match book.sheet(name) {
                Ok(t) => tables[i] = t,
                Err(e) => errors.push(e.into()),
            }
        }
        for (i, spec) in SPECS.iter().enumerate() {
            if spec.required && tables[i].is_none() {
                errors.push(RecordsError::MissingTable {
                    table: spec.sheet,
                    path: path.display().to_string(),
                    file: spec.file,
                    sheets: Some(names.clone()),
                });
            }
        }
    }
    Ok((tables, errors))
}

/// A table's columns, by the index of each in its spec; an error for each
/// required one missing.
pub(super) fn columns(table: &Table, spec: &Spec, errors: &mut Vec<RecordsError>) -> Option<Vec<Option<usize>>> {
    let mut ok = true;
    let mut out = Vec::new();
    for &(zh, en, required) in spec.columns {
        let found = table.find(&[zh, en]);
        if found.is_none() && required {
            let suggestion = closest(zh, table.header().iter().map(String::as_str)).map(str::to_string);
            errors.push(RecordsError::MissingColumn {
                table: table.name().to_string(),
                column: zh,
                english: en,
                header: table.header().to_vec(),
                suggestion,
            });
            ok = false;
        }
        out.push(found);
    }
    ok.then_some(out)
}

/// Reading the cells of one table's rows, with its columns and the errors
/// of the run.
pub(super) struct Cells<'a> {
    pub spec: &'a Spec,
    pub cols: Vec<Option<usize>>,
    pub errors: &'a mut Vec<RecordsError>,
}

impl Cells<'_> {
    pub fn name(&self, i: usize) -> &'static str {
        self.spec.columns[i].0
    }

    pub fn at(&self, row: &Row<'_>, i: usize) -> Position {
        row.position(self.cols[i])
    }

    pub fn cell<'r>(&self, row: &Row<'r>, i: usize) -> Cell<'r> {
        self.cols[i].map_or(Cell::Empty, |c| row.cell(c))
    }

    pub fn fail(&mut self, row: &Row<'_>, i: usize, expected: Expected, found: Found, help: Option<Hint>) {
        let at = self.at(row, i);
        self.errors.push(RecordsError::Cell { at, column: self.name(i), expected, found, help });
    }

    /// The cell's text; an error when it is empty.
    pub fn text<'r>(&mut self, row: &Row<'r>, i: usize) -> Option<Cow<'r, str>> {
        let cell = self.cell(row, i);
        match cell.text() {
            Some(text) => Some(text),
            None => {
                self.fail(row, i, Expected::NotEmpty, cell.found(), None);
                None
            }
        }
    }

    pub fn optional_text<'r>(&self, row: &Row<'r>, i: usize) -> Option<Cow<'r, str>> {
        self.cell(row, i).text()
    }

    pub fn datetime(&mut self, row: &Row<'_>, i: usize) -> Option<NaiveDateTime> {
        match self.cell(row, i).datetime() {
            Ok(t) => Some(t),
            Err(m) => {
                self.fail(row, i, Expected::Cell(m.expected), m.found, None);
                None
            }
        }
    }

    pub fn date(&mut self, row: &Row<'_>, i: usize) -> Option<NaiveDate> {
        match self.cell(row, i).date() {
            Ok(t) => Some(t),
            Err(m) => {
                self.fail(row, i, Expected::Cell(m.expected), m.found, None);
                None
            }
        }
    }

    /// An optional date: `Some(None)` when empty, `None` when wrong.
    pub fn optional_date(&mut self, row: &Row<'_>, i: usize) -> Option<Option<NaiveDate>> {
        if self.cell(row, i).is_empty() {
            return Some(None);
        }
        self.date(row, i).map(Some)
    }

    pub fn optional_datetime(&mut self, row: &Row<'_>, i: usize) -> Option<Option<NaiveDateTime>> {
        if self.cell(row, i).is_empty() {
            return Some(None);
        }
        self.datetime(row, i).map(Some)
    }

    /// 是 / 否 (or a TRUE/FALSE cell); `default` when the cell is empty and may be.
    pub fn yes_no(&mut self, row: &Row<'_>, i: usize, default: Option<bool>) -> Option<bool> {
        let cell = self.cell(row, i);
        match cell {
            Cell::Bool(b) => return Some(b),
            Cell::Empty => {
                if default.is_none() {
                    self.fail(row, i, Expected::YesNo, cell.found(), None);
                }
                return default;
            }
            _ => {}
        }
        match cell.text().as_deref().map(str::trim) {
            Some("是" | "Y" | "y" | "yes" | "Yes" | "YES" | "TRUE" | "true") => Some(true),
            Some("否" | "N" | "n" | "no" | "No" | "NO" | "FALSE" | "false") => Some(false),
            _ => {
                self.fail(row, i, Expected::YesNo, cell.found(), None);
                None
            }
        }
    }

    /// An optional decimal.
    pub fn decimal(&mut self, row: &Row<'_>, i: usize) -> Option<Option<Decimal>> {
        let cell = self.cell(row, i);
        if cell.is_empty() {
            return Some(None);
        }
        match cell.decimal() {
            Ok(d) => Some(Some(d)),
            Err(m) => {
                self.fail(row, i, Expected::Cell(m.expected), m.found, None);
                None
            }
        }
    }
}

/// The minute of a time (seconds dropped: 08:55:59 is 08:55).
pub(super) fn minute_of(time: NaiveDateTime) -> Minute {
    time.hour() * 60 + time.minute()
}

/// A `YYYY-MM-DD HH:MM[:SS]` text read fast, the date reused when it is
/// the last one's (punch exports are in order); `None` for anything else,
/// which the full reader then takes or refuses.
pub(super) struct FastTime {
    last: Option<([u8; 10], NaiveDate)>,
}

impl FastTime {
    pub fn new() -> FastTime {
        FastTime { last: None }
    }

    pub fn read(&mut self, text: &str) -> Option<(NaiveDate, Minute)> {
        let b = text.as_bytes();
        if !(b.len() == 16 || b.len() == 19) || b[10] != b' ' || b[13] != b':' {
            return None;
        }
        let digit = |i: usize| b.get(i).filter(|c| c.is_ascii_digit()).map(|c| u32::from(c - b'0'));
        let date_bytes: [u8; 10] = b.get(..10)?.try_into().ok()?;
        let date = match &self.last {
            Some((bytes, date)) if *bytes == date_bytes => *date,
            _ => {
                if b[4] != b'-' || b[7] != b'-' {
                    return None;
                }
                let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
                let date =
                    NaiveDate::from_ymd_opt(year as i32, digit(5)? * 10 + digit(6)?, digit(8)? * 10 + digit(9)?)?;
                self.last = Some((date_bytes, date));
                date
            }
        };
        let hour = digit(11)? * 10 + digit(12)?;
        let minute = digit(14)? * 10 + digit(15)?;
        if b.len() == 19 && (b[16] != b':' || digit(17)? > 5 || digit(18).is_none()) {
            return None;
        }
        (hour < 24 && minute < 60).then_some((date, hour * 60 + minute))
    }
}

/// Ids and names of staff or windows, for resolving a cell.
pub(super) struct Index {
    pub what: Unknown,
    pub ids: HashMap<String, usize>,
    /// Each name and the ids with it.
    pub names: HashMap<String, Vec<String>>,
    pub list: Vec<String>,
}

impl Index {
    pub fn new(what: Unknown) -> Index {
        Index { what, ids: HashMap::new(), names: HashMap::new(), list: Vec::new() }
    }

    pub fn add(&mut self, id: &str, name: &str) -> usize {
        let i = self.list.len();
        self.ids.insert(id.to_string(), i);
        self.names.entry(name.to_string()).or_default().push(id.to_string());
        self.list.push(id.to_string());
        i
    }

    /// Why `found` is not an id: a name said which id has it, or the id it
    /// is probably a typo of.
    pub fn help(&self, found: &str) -> Option<Hint> {
        if let Some(ids) = self.names.get(found) {
            return Some(Hint::NameNotId { name: found.to_string(), ids: ids.clone() });
        }
        if found.chars().count() > 40 {
            return None;
        }
        closest(found, self.list.iter().map(String::as_str))
            .map(|s| Hint::Near(Suggestion::Near { name: s.to_string(), label: String::new() }))
    }
}

/// A label or an id among the policy's, for a kind, a rating, a level, a role.
pub(super) fn find_label(labels: &[&Label], text: &str) -> Option<usize> {
    labels.iter().position(|l| l.label == text || l.id == text)
}

pub(super) fn label_help(labels: &[&Label], text: &str) -> Hint {
    let suggestion = closest(text, labels.iter().map(|l| l.label.as_str())).map(str::to_string);
    Hint::Labels { suggestion, labels: labels.iter().map(|l| l.label.clone()).collect(), all_day: false }
}
