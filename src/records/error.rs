//! What can be wrong with a period's records, one variant a kind of
//! problem, each saying where (the file or sheet, the 1-based row, the
//! column), what was expected and what was found, and how to fix it; and
//! beside them their words, in Chinese and English.
//!
//! The tables' own names (`punches.csv`, `打卡`) and their columns' headers
//! (`工号`, `打卡时间`) are quoted as the hall's files have them, in either
//! language: they are what the clerk sees in the spreadsheet.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::source::diagnostic::{list, Diagnostic, Lang, Text};
use crate::source::table::{CellKind, Found, Position, TableError};
use crate::source::IoReason;
use crate::suggest::Suggestion;

#[derive(Debug, Clone, PartialEq)]
pub enum RecordsError {
    /// `--records` that cannot be read at all.
    NoRecords {
        path: String,
        reason: IoReason,
    },
    Table(TableError),
    /// A table a records folder (`file`) or workbook (`sheets`: the sheets
    /// it has) lacks.
    MissingTable {
        table: &'static str,
        path: String,
        file: &'static str,
        sheets: Option<Vec<String>>,
    },
    /// A CSV file in the records folder that is no table kaohe reads.
    UnknownTable {
        name: String,
        why: NotATable,
    },
    /// `header`: the table's header as it is, for the help.
    MissingColumn {
        table: String,
        column: &'static str,
        english: &'static str,
        header: Vec<String>,
        suggestion: Option<String>,
    },
    /// A cell that is not what its column holds.
    Cell {
        at: Position,
        column: &'static str,
        expected: Expected,
        found: Found,
        help: Option<Hint>,
    },
    /// An id or label that names no staff member, window, kind, item or rating.
    Unknown {
        at: Position,
        column: &'static str,
        what: Unknown,
        found: String,
        help: Option<Hint>,
    },
    /// An id (of column `column`) given twice.
    Duplicate {
        at: Position,
        column: &'static str,
        id: String,
        first: Position,
    },
    /// The policy has no calendar of `year`, which counting needs.
    NoCalendar {
        year: i32,
        needed: Needed,
    },
    NoRules {
        what: NoRules,
    },
}

impl From<TableError> for RecordsError {
    fn from(error: TableError) -> RecordsError {
        RecordsError::Table(error)
    }
}

impl RecordsError {
    /// The file system refused, rather than the records being wrong.
    pub fn is_io(&self) -> bool {
        match self {
            RecordsError::NoRecords { .. } => true,
            RecordsError::Table(table) => table.is_io(),
            _ => false,
        }
    }
}

/// Why a CSV file is not a table kaohe reads.
#[derive(Debug, Clone, PartialEq)]
pub enum NotATable {
    /// `tables`: the files kaohe reads.
    Unknown { suggestion: Option<String>, tables: Vec<&'static str> },
    /// The same table as `file` (`punches.csv` and `打卡.csv`).
    SameAs { file: &'static str, sheet: &'static str },
}

/// What a calendar is needed for.
#[derive(Debug, Clone, PartialEq)]
pub enum Needed {
    /// The workdays of a period.
    Workdays { period: String },
    /// The deadline of case `case`, at `at`.
    Deadline { case: String, at: Position },
}

/// What the policy lacks to count records.
#[derive(Debug, Clone, PartialEq)]
pub enum NoRules {
    /// No records section at all.
    Counting,
    Schedule,
    /// A period no date can be made of.
    Period {
        period: String,
    },
}

/// What a cell should have held.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Cell(CellKind),
    NotEmpty,
    YesNo,
    Role,
    /// `事业单位` or nothing.
    StaffType,
    /// A day leaving not before the day joining.
    NotBeforeJoined {
        joined: NaiveDate,
    },
    /// An end not before the start.
    NotBeforeStart {
        start: String,
    },
    /// A positive multiple of 0.5.
    Halves,
    Whole,
    Points {
        min: Decimal,
        max: Decimal,
    },
    Level,
    /// `红牌`, `黄牌` or nothing.
    Card,
    CardDate,
    /// A whole number of working days.
    WorkingDays,
    /// The working days a case was promised in.
    Deadline,
    /// Either a staff member's id or a window's, not both.
    StaffOrWindow,
    /// An item a window can be given.
    WindowItem,
}

/// What an unknown id or label was meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    Window,
    Staff,
    StaffOrWindow,
    Leave,
    Slot,
    StaffItem,
    WindowItem,
    CaseKind,
    Rating,
}

/// How to fix a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Hint {
    /// A name where an id belongs: the ids with that name.
    NameNotId {
        name: String,
        ids: Vec<String>,
    },
    /// A near id, item or label.
    Near(Suggestion),
    /// What the column may hold (`all_day`: `全天` too), and the nearest.
    Labels {
        suggestion: Option<String>,
        labels: Vec<String>,
        all_day: bool,
    },
    /// The policy declares no kind of leave.
    NoLeaveKinds,
    /// An item only staff are given.
    StaffOnly {
        item: String,
    },
    /// An id that is a staff member's and a window's.
    IdsClash,
    CardDateNeeded,
    /// A case of `kind` needs its promised working days.
    DeadlineNeeded {
        kind: String,
    },
}

impl Expected {
    fn text(&self, lang: Lang) -> String {
        let p = |zh: &str, en: &str| lang.pick(zh, en).to_string();
        match self {
            Expected::Cell(kind) => kind.text(lang).to_string(),
            Expected::NotEmpty => p("非空", "a value"),
            Expected::YesNo => p("`是` 或 `否`", "`是` or `否` (yes or no)"),
            Expected::Role => p("角色", "a role"),
            Expected::StaffType => p("`事业单位` 或空", "`事业单位` or nothing"),
            Expected::NotBeforeJoined { joined } => {
                lang.pick(format!("不早于进驻日期 {joined}"), format!("a day not before the day joined ({joined})"))
            }
            Expected::NotBeforeStart { start } => {
                lang.pick(format!("不早于开始时间 {start}"), format!("a time not before the start ({start})"))
            }
            Expected::Halves => p("正数，0.5 的倍数", "a positive multiple of 0.5"),
            Expected::Whole => p("正整数", "a positive whole number"),
            Expected::Points { min, max } => {
                lang.pick(format!("{min} 至 {max} 之间的分值"), format!("points from {min} to {max}"))
            }
            Expected::Level => p("级别", "a level"),
            Expected::Card => p("`红牌`、`黄牌` 或空", "`红牌`, `黄牌` or nothing"),
            Expected::CardDate => p("亮牌日期", "the day of the card"),
            Expected::WorkingDays => p("正整数（工作日）", "a positive whole number (of working days)"),
            Expected::Deadline => p("承诺时限（工作日）", "the promised time (in working days)"),
            Expected::StaffOrWindow => p("工号或窗口编号之一", "a staff id or a window id, not both"),
            Expected::WindowItem => p("窗口的事项", "an item of a window"),
        }
    }
}

impl Unknown {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Unknown::Window => lang.pick("窗口编号", "window id"),
            Unknown::Staff => lang.pick("工号", "staff id"),
            Unknown::StaffOrWindow => lang.pick("工号或窗口编号", "staff or window id"),
            Unknown::Leave => lang.pick("请假类型", "kind of leave"),
            Unknown::Slot => lang.pick("打卡时段", "punch"),
            Unknown::StaffItem => lang.pick("工作人员的事项", "staff item"),
            Unknown::WindowItem => lang.pick("窗口的事项", "window item"),
            Unknown::CaseKind => lang.pick("办件类型", "kind of case"),
            Unknown::Rating => lang.pick("评价等级", "rating"),
        }
    }
}

impl Hint {
    fn text(&self, lang: Lang) -> String {
        match self {
            Hint::NameNotId { name, ids } => {
                let ids = list(lang, ids.iter().map(String::as_str));
                lang.pick(
                    format!("`{name}` 是姓名或名称，这里应填编号：{name} 的编号是 {ids}"),
                    format!("`{name}` is a name, and the column takes an id: the id of {name} is {ids}"),
                )
            }
            Hint::Near(suggestion) => suggestion.help(lang),
            Hint::Labels { suggestion, labels, all_day } => {
                let mut all = list(lang, labels.iter().map(String::as_str));
                if *all_day {
                    all.push_str(lang.pick("，或 `全天`", ", or `全天` (all day)"));
                }
                match suggestion {
                    Some(near) => lang
                        .pick(format!("是不是 `{near}`？可填：{all}"), format!("did you mean `{near}`? one of {all}")),
                    None => lang.pick(format!("可填：{all}"), format!("one of {all}")),
                }
            }
            Hint::NoLeaveKinds => {
                lang.pick("政策的 `leave` 中没有请假类型", "the policy's `leave` declares no kind of leave").to_string()
            }
            Hint::StaffOnly { item } => {
                lang.pick(format!("`{item}` 只记给工作人员"), format!("`{item}` is given to staff only"))
            }
            Hint::IdsClash => lang.pick("工号与窗口编号不可相同", "a staff id and a window id must differ").to_string(),
            Hint::CardDateNeeded => lang
                .pick("有红黄牌的办件须写明亮牌日期", "a case with a red or yellow card gives the day of the card")
                .to_string(),
            Hint::DeadlineNeeded { kind } => {
                lang.pick(format!("{kind} 须写明承诺时限"), format!("a case of {kind} gives its promised working days"))
            }
        }
    }
}

impl Diagnostic for RecordsError {
    fn code(&self) -> &'static str {
        match self {
            RecordsError::NoRecords { .. } => "kaohe::records::no_records",
            RecordsError::Table(table) => table.code(),
            RecordsError::MissingTable { .. } => "kaohe::records::missing_table",
            RecordsError::UnknownTable { .. } => "kaohe::records::unknown_table",
            RecordsError::MissingColumn { .. } => "kaohe::records::missing_column",
            RecordsError::Cell { .. } => "kaohe::records::cell",
            RecordsError::Unknown { .. } => "kaohe::records::unknown",
            RecordsError::Duplicate { .. } => "kaohe::records::duplicate",
            RecordsError::NoCalendar { .. } => "kaohe::records::no_calendar",
            RecordsError::NoRules { .. } => "kaohe::records::no_rules",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
        match self {
            RecordsError::NoRecords { path, reason } => {
                let reason = reason.text(lang);
                t(format!("找不到记录 `{path}`：{reason}"), format!("cannot read the records `{path}`: {reason}")).help(p(
                    "`--records` 是一个存放 CSV 文件的文件夹，或一个 .xlsx 工作簿",
                    "`--records` is a folder of CSV files, or an .xlsx workbook",
                ))
            }
            RecordsError::Table(table) => table.text(lang),
            RecordsError::MissingTable { table, path, file, sheets: None } => t(
                format!("缺少表 {table}：`{path}` 中没有 `{file}`"),
                format!("no table {table}: `{path}` has no `{file}`"),
            )
            .help(lang.pick(format!("导出{table}表，存为 `{file}`"), format!("export the {table} table as `{file}`"))),
            RecordsError::MissingTable { table, path, sheets: Some(sheets), .. } => {
                let sheets = list(lang, sheets.iter().map(String::as_str));
                t(
                    format!("缺少表 {table}：`{path}` 中没有工作表 `{table}`"),
                    format!("no table {table}: `{path}` has no sheet `{table}`"),
                )
                .help(lang.pick(format!("工作簿的工作表：{sheets}"), format!("the workbook's sheets: {sheets}")))
            }
            RecordsError::UnknownTable { name, why } => {
                let help = match why {
                    NotATable::Unknown { suggestion: Some(near), .. } => {
                        lang.pick(format!("是不是 `{near}`？"), format!("did you mean `{near}`?"))
                    }
                    NotATable::Unknown { suggestion: None, tables } => {
                        let tables = list(lang, tables.iter().copied());
                        lang.pick(
                            format!("kaohe 读取的表：{tables}；其它文件请移出该文件夹"),
                            format!("kaohe reads the tables {tables}; move other files out of the folder"),
                        )
                    }
                    NotATable::SameAs { file, sheet } => lang.pick(
                        format!("`{file}` 和 `{sheet}.csv` 是同一张表，只留一个"),
                        format!("`{file}` and `{sheet}.csv` are one table: keep one of them"),
                    ),
                };
                t(format!("`{name}` 不是 kaohe 读取的表"), format!("`{name}` is not a table kaohe reads")).help(help)
            }
            RecordsError::MissingColumn { table, column, english, header, suggestion } => {
                let help = match suggestion {
                    Some(near) => lang.pick(
                        format!("表头有 `{near}`，是否就是 `{column}`？"),
                        format!("the header has `{near}`: is it `{column}`?"),
                    ),
                    None if header.is_empty() => {
                        p("表是空的：第一行应为列名", "the table is empty: its first row names the columns").to_string()
                    }
                    None => {
                        let header = list(lang, header.iter().map(String::as_str));
                        lang.pick(format!("表头是：{header}"), format!("the header is {header}"))
                    }
                };
                t(
                    format!("{table} 缺少列 `{column}`（{english}）"),
                    format!("{table} has no column `{column}` ({english})"),
                )
                .help(help)
            }
            RecordsError::Cell { at, column, expected, found, help } => {
                let (expected, found) = (expected.text(lang), found.text(lang));
                t(
                    format!("{at} 列 `{column}`：应为 {expected}，实为 {found}"),
                    format!("{at} column `{column}`: expected {expected}, found {found}"),
                )
                .help_if(help.as_ref().map(|h| h.text(lang)))
            }
            RecordsError::Unknown { at, column, what, found, help } => {
                let what = what.text(lang);
                t(format!("{at} 列 `{column}`：没有{what} `{found}`"), format!("{at} column `{column}`: no {what} `{found}`"))
                    .help_if(help.as_ref().map(|h| h.text(lang)))
            }
            RecordsError::Duplicate { at, column, id, first } => t(
                format!("{at} 列 `{column}`：{column} `{id}` 重复（第一次在 {first}）"),
                format!("{at} column `{column}`: `{id}` is given twice (first at {first})"),
            )
            .help(p("每个编号只能出现一次", "each id is given once")),
            RecordsError::NoCalendar { year, needed } => match needed {
                Needed::Workdays { period } => t(
                    format!("政策没有 {year} 年的日历：期间 {period} 的工作日"),
                    format!("the policy has no calendar of {year}, which the workdays of {period} need"),
                ),
                Needed::Deadline { case, at } => t(
                    format!("政策没有 {year} 年的日历：办件 `{case}`（{at}）的承诺期限"),
                    format!("the policy has no calendar of {year}, which the deadline of case `{case}` ({at}) needs"),
                ),
            }
            .help(lang.pick(
                format!("在政策的 calendar.rules 中按国务院办公厅当年的节假日安排通知加上 `calendar {year} \"…\" issued … {{ … }}`"),
                format!("add `calendar {year} \"…\" issued … {{ … }}` to the policy's calendar.rules, from the State Council's notice of the year's holidays"),
            )),
            RecordsError::NoRules { what: NoRules::Counting } => Text::new(p(
                "政策没有计数规则：政策中没有 `schedule`、`punches` 等计数规则",
                "the policy has no counting rules: no `schedule`, `punches` and the like",
            ))
            .help(p(
                "在政策版本目录中加上 records.rules（见 docs/records.md）",
                "add a records.rules to the policy's version directory (docs/records.md)",
            )),
            RecordsError::NoRules { what: NoRules::Schedule } => Text::new(p(
                "政策没有计数规则：政策中没有作息时间（`schedule`）",
                "the policy has no counting rules: no work hours (`schedule`)",
            ))
            .help(p(
                "在 records.rules 中写明上午、下午的工作时间和四次打卡",
                "give the morning's and the afternoon's hours and the four punches in records.rules",
            )),
            RecordsError::NoRules { what: NoRules::Period { period } } => {
                t(format!("期间 {period} 无效"), format!("period {period} is out of range"))
            }
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            RecordsError::NoRecords { path, .. } | RecordsError::MissingTable { path, .. } => Some(path),
            RecordsError::Table(table) => table.file(),
            RecordsError::UnknownTable { name, .. } => Some(name),
            RecordsError::MissingColumn { table, .. } => Some(table),
            RecordsError::Cell { at, .. } | RecordsError::Unknown { at, .. } | RecordsError::Duplicate { at, .. } => {
                Some(&at.table)
            }
            RecordsError::NoCalendar { .. } | RecordsError::NoRules { .. } => None,
        }
    }

    fn cell(&self) -> Option<(u32, Option<u32>)> {
        match self {
            RecordsError::Table(table) => table.cell(),
            RecordsError::Cell { at, .. } | RecordsError::Unknown { at, .. } | RecordsError::Duplicate { at, .. } => {
                Some((at.row, at.column.map(|c| c + 1)))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::source::table::Origin;

    #[test]
    fn every_records_error_is_worded_in_both_languages() {
        let s = |text: &str| text.to_string();
        let at = Position { table: Arc::from("punches.csv"), origin: Origin::Csv, row: 7, column: Some(1) };
        let cell = |expected, help| RecordsError::Cell {
            at: at.clone(),
            column: "打卡时间",
            expected,
            found: Found::Value(s("9点07")),
            help,
        };
        let day = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default();
        let reason = || IoReason::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        let table = |suggestion, tables| NotATable::Unknown { suggestion, tables };
        let mut examples = vec![
            RecordsError::NoRecords { path: s("records"), reason: reason() },
            RecordsError::Table(TableError::Csv { path: s("punches.csv"), row: 3, reason: s("x") }),
            RecordsError::MissingTable { table: "打卡", path: s("records"), file: "punches.csv", sheets: None },
            RecordsError::MissingTable {
                table: "打卡",
                path: s("r.xlsx"),
                file: "punches.csv",
                sheets: Some(vec![s("人员")]),
            },
            RecordsError::UnknownTable { name: s("punch.csv"), why: table(Some(s("punches.csv")), vec![]) },
            RecordsError::UnknownTable { name: s("x.csv"), why: table(None, vec!["punches.csv"]) },
            RecordsError::UnknownTable {
                name: s("打卡.csv"),
                why: NotATable::SameAs { file: "punches.csv", sheet: "打卡" },
            },
            RecordsError::Unknown {
                at: at.clone(), column: "工号", what: Unknown::Staff, found: s("S9"), help: None
            },
            RecordsError::Duplicate { at: at.clone(), column: "工号", id: s("S1"), first: at.clone() },
            RecordsError::NoCalendar { year: 2027, needed: Needed::Workdays { period: s("2027-Q1") } },
            RecordsError::NoCalendar { year: 2027, needed: Needed::Deadline { case: s("B1"), at: at.clone() } },
            RecordsError::NoRules { what: NoRules::Counting },
            RecordsError::NoRules { what: NoRules::Schedule },
            RecordsError::NoRules { what: NoRules::Period { period: s("300000-Q1") } },
        ];
        for (header, suggestion) in [(vec![], Some(s("工 号"))), (vec![], None), (vec![s("姓名")], None)] {
            let (column, english, table) = ("工号", "id", s("punches.csv"));
            examples.push(RecordsError::MissingColumn { table, column, english, header, suggestion });
        }
        for expected in [
            Expected::Cell(CellKind::Time),
            Expected::Cell(CellKind::Date),
            Expected::Cell(CellKind::Number),
            Expected::NotEmpty,
            Expected::YesNo,
            Expected::Role,
            Expected::StaffType,
            Expected::NotBeforeJoined { joined: day },
            Expected::NotBeforeStart { start: s("2026-07-01 09:00") },
            Expected::Halves,
            Expected::Whole,
            Expected::Points { min: Decimal::from(5), max: Decimal::from(10) },
            Expected::Level,
            Expected::Card,
            Expected::CardDate,
            Expected::WorkingDays,
            Expected::Deadline,
            Expected::StaffOrWindow,
            Expected::WindowItem,
        ] {
            examples.push(cell(expected, None));
        }
        for help in [
            Hint::NameNotId { name: s("张三"), ids: vec![s("S1"), s("S2")] },
            Hint::Near(Suggestion::Near { name: s("S0001"), label: String::new() }),
            Hint::Labels { suggestion: Some(s("病假")), labels: vec![s("病假"), s("事假")], all_day: false },
            Hint::Labels { suggestion: None, labels: vec![s("上午签到")], all_day: true },
            Hint::NoLeaveKinds,
            Hint::StaffOnly { item: s("串岗") },
            Hint::IdsClash,
            Hint::CardDateNeeded,
            Hint::DeadlineNeeded { kind: s("承诺件") },
        ] {
            examples.push(cell(Expected::NotEmpty, Some(help)));
        }
        for what in [
            Unknown::Window,
            Unknown::Staff,
            Unknown::StaffOrWindow,
            Unknown::Leave,
            Unknown::Slot,
            Unknown::StaffItem,
            Unknown::WindowItem,
            Unknown::CaseKind,
            Unknown::Rating,
        ] {
            examples.push(RecordsError::Unknown { at: at.clone(), column: "x", what, found: s("x"), help: None });
        }
        let variant = |e: &RecordsError| match e {
            RecordsError::NoRecords { .. } => 0,
            RecordsError::Table(_) => 1,
            RecordsError::MissingTable { .. } => 2,
            RecordsError::UnknownTable { .. } => 3,
            RecordsError::MissingColumn { .. } => 4,
            RecordsError::Cell { .. } => 5,
            RecordsError::Unknown { .. } => 6,
            RecordsError::Duplicate { .. } => 7,
            RecordsError::NoCalendar { .. } => 8,
            RecordsError::NoRules { .. } => 9,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 10);
        // A cell's place is its table's row and 1-based column, for `--error-format json`.
        assert_eq!(examples[7].cell(), Some((7, Some(2))));
    }

    #[test]
    fn every_table_error_is_worded_in_both_languages() {
        let s = |text: &str| text.to_string();
        let examples = [
            TableError::Io { path: s("a.csv"), reason: std::io::Error::from(std::io::ErrorKind::NotFound).into() },
            TableError::TooLarge { path: s("a.csv"), size: 1 << 31, limit: 1 << 30 },
            TableError::Utf16 { path: s("a.csv") },
            TableError::Encoding { path: s("a.csv"), row: 3, byte: 0xB5, mixed: true },
            TableError::Encoding { path: s("a.csv"), row: 3, byte: 0xFF, mixed: false },
            TableError::Workbook { path: s("a.xlsx"), reason: s("x") },
            TableError::Sheet { path: s("a.xlsx"), sheet: s("打卡"), reason: s("x") },
            TableError::Csv { path: s("a.csv"), row: 3, reason: s("x") },
        ];
        let variant = |e: &TableError| match e {
            TableError::Io { .. } => 0,
            TableError::TooLarge { .. } => 1,
            TableError::Utf16 { .. } => 2,
            TableError::Encoding { .. } => 3,
            TableError::Workbook { .. } => 4,
            TableError::Sheet { .. } => 5,
            TableError::Csv { .. } => 6,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 7);
    }
}
