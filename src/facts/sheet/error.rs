//! Why a summary workbook (or its CSV files, or a roster for `kaohe
//! template`) is refused. Every problem is located as a person finds it in
//! a spreadsheet: the sheet or file, the 1-based row (the header being row
//! 1), the column's letter and header; and says what was expected and what
//! was found, in Chinese or English.
//!
//! Sheets' names (人员, 窗口, 说明) and columns' headers are the workbook's
//! own, quoted as they are in either language.

use rust_decimal::Decimal;

use super::layout;
use crate::source::diagnostic::{list, Diagnostic, Lang, Text};
use crate::source::table::{column_letters, Found, Origin, Position, TableError};

#[derive(Debug, Clone, PartialEq)]
pub enum SheetError {
    /// The file, a sheet or a CSV file could not be read at all.
    Read(TableError),
    /// A CSV file not named after a sheet of the summary.
    NotSummary {
        path: String,
    },
    /// A folder that holds no sheet of a summary at all: not facts, but
    /// the wrong path. `found`: its CSV files; `records`: they look like
    /// the hall's records.
    NoSheets {
        path: String,
        found: Vec<String>,
        records: bool,
    },
    /// A sheet (or, `csv`, a CSV file) the summary lacks.
    MissingSheet {
        path: String,
        csv: bool,
        sheet: String,
        found: Vec<String>,
        records: bool,
    },
    /// A roster workbook without its 人员 sheet (`kaohe template`).
    NoRoster {
        path: String,
    },
    /// The period is missing, unreadable, or said two ways; `at` where, or
    /// the file when nowhere.
    Period {
        at: Option<Position>,
        path: String,
        problem: PeriodProblem,
    },
    UnknownHeader {
        at: Position,
        header: String,
        subject: String,
        why: UnknownHeader,
    },
    DuplicateHeader {
        at: Position,
        header: String,
        first: Position,
    },
    /// `weight`: the attribute the window average is weighted by.
    MissingColumn {
        table: String,
        column: String,
        id: String,
        weight: bool,
    },
    /// A column a roster needs (`kaohe template`).
    RosterColumn {
        table: String,
        column: String,
        id: String,
    },
    Unnamed {
        at: Position,
        found: Found,
    },
    /// A cell whose value is not what its column holds.
    Cell {
        at: Position,
        header: String,
        found: Found,
        problem: CellProblem,
    },
    DuplicateId {
        at: Position,
        header: String,
        id: String,
        first: Position,
    },
    UnknownWindow {
        at: Position,
        header: String,
        found: String,
        hint: WindowHint,
    },
    /// A window whose staff (`members` of them) weigh nothing: its
    /// averaged `category` cannot be taken.
    Unweighted {
        at: Position,
        id: String,
        members: usize,
        weight: String,
        category: String,
    },
}

impl From<TableError> for SheetError {
    fn from(error: TableError) -> SheetError {
        SheetError::Read(error)
    }
}

/// What is wrong with a summary's period.
#[derive(Debug, Clone, PartialEq)]
pub enum PeriodProblem {
    /// 说明 says `period`, the file's name `named`.
    Disagrees {
        period: String,
        name: String,
        named: String,
    },
    Missing,
    /// `text` none: empty.
    NotAPeriod {
        text: Option<String>,
    },
}

/// Why a header names no column.
#[derive(Debug, Clone, PartialEq)]
pub enum UnknownHeader {
    /// It is a fact of the other subject (`of` its label), whose sheet is `sheet`.
    Elsewhere {
        of: String,
        fact: String,
        sheet: &'static str,
    },
    Near {
        header: String,
    },
    Unknown,
}

/// A window id that no window has.
#[derive(Debug, Clone, PartialEq)]
pub enum WindowHint {
    /// It is the name of window `id`.
    Name {
        id: String,
    },
    Near {
        id: String,
    },
    None,
}

/// What a cell should have held, and how to write it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    NoId,
    NoWindow,
    /// `roles`: the role labels.
    Role {
        roles: Vec<String>,
    },
    StaffType {
        types: Vec<String>,
    },
    /// 进驻日期 of a summary.
    Joined,
    /// A date of a roster.
    Date,
    /// The window average's weight, empty.
    NoWeight,
    /// A count, or (`days`) a days fact; `max` when it was over the most a fact may be.
    Quantity {
        days: bool,
        max: Option<Decimal>,
    },
    Amounts {
        min: Decimal,
        max: Decimal,
        example: String,
        why: AmountsProblem,
    },
    Levels {
        example: String,
        levels: Vec<String>,
        why: LevelsProblem,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum AmountsProblem {
    Outside { amount: Decimal },
    NotANumber,
    NotAnAmount { part: String },
    Empty,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LevelsProblem {
    /// A number alone.
    NoLevel,
    NoCount {
        part: String,
    },
    NotALevel {
        name: String,
    },
    Twice {
        name: String,
    },
    CountNotWhole {
        part: String,
    },
}

/// Where a cell is, as a person finds it: `人员!C5`, or `人员.csv:5，C 列`
/// (`人员.csv:5, column C`).
pub(crate) fn place(lang: Lang, at: &Position) -> String {
    match (at.origin, at.column) {
        (Origin::Csv, Some(column)) if at.row > 0 => {
            let letters = column_letters(column);
            lang.pick(
                format!("{}:{}，{letters} 列", at.table, at.row),
                format!("{}:{}, column {letters}", at.table, at.row),
            )
        }
        _ => at.to_string(),
    }
}

impl CellProblem {
    /// What was expected, and how to write it.
    fn text(&self, lang: Lang) -> (String, String) {
        let p = |zh: &str, en: &str| lang.pick(zh, en).to_string();
        match self {
            CellProblem::NoId => {
                (p("编号", "an id"), p("每行一条记录，编号必填", "each row is a record, and its id is required"))
            }
            CellProblem::NoWindow => (
                p("窗口编号", "a window id"),
                p("填写所在窗口的编号（见“窗口”表）", "give the id of the window (on the sheet 窗口)"),
            ),
            CellProblem::Role { roles } => {
                let or = roles.join(lang.pick(" 或 ", " or "));
                let all = roles.join(lang.pick("、", ", "));
                (
                    lang.pick(format!("角色（{or}）"), format!("a role ({or})")),
                    lang.pick(format!("角色为 {all}（或其编号）"), format!("the roles are {all} (or their ids)")),
                )
            }
            CellProblem::StaffType { types } => {
                let all = types.join(lang.pick("、", ", "));
                (
                    lang.pick(format!("人员类别（{all}，或留空）"), format!("a staff type ({all}, or nothing)")),
                    p(
                        "只有等次另有称谓的人员（第十八条）填写；其他人员留空",
                        "only staff whose grades have other names (第十八条) give it; leave it empty for others",
                    ),
                )
            }
            CellProblem::Joined => (
                p("日期（如 `2026-07-03`）", "a date (like `2026-07-03`)"),
                p("进驻大厅的日期，如 2026-08-15", "the day the person joined the hall, like 2026-08-15"),
            ),
            CellProblem::Date => (
                p("日期（如 `2026-07-03`）", "a date (like `2026-07-03`)"),
                p("日期写成 2026-08-15", "write a date like 2026-08-15"),
            ),
            CellProblem::NoWeight => (
                p("天数（0.5 的倍数）", "days (a multiple of 0.5)"),
                p(
                    "在岗工作日用于窗口工作考勤的加权平均，每人必填",
                    "the workdays weight the window's attendance average: give them for everyone",
                ),
            ),
            CellProblem::Quantity { days, max } => {
                let expected = if *days {
                    p("天数（0.5 的倍数）", "days (a multiple of 0.5)")
                } else {
                    p("次数（0 或正整数）", "a count (0 or a positive whole number)")
                };
                let help = match (max, days) {
                    (Some(max), _) => lang.pick(format!("一个事实最多为 {max}"), format!("a fact is at most {max}")),
                    (None, true) => p(
                        "天数按半天计：0.5、1、1.5 …；没有则留空",
                        "days are counted in halves: 0.5, 1, 1.5 …; leave it empty for none",
                    ),
                    (None, false) => {
                        p("次数是整数：0、1、2 …；没有则留空", "a count is whole: 0, 1, 2 …; leave it empty for none")
                    }
                };
                (expected, help)
            }
            CellProblem::Amounts { min, max, example, why } => {
                let (min, max) = (min.normalize(), max.normalize());
                let expected = lang.pick(
                    format!("每项 {min}–{max} 分的分值，多项用分号分隔（如 {example}）"),
                    format!("points from {min} to {max} each, several separated by semicolons (like {example})"),
                );
                let help = match why {
                    AmountsProblem::Outside { amount } => {
                        let amount = amount.normalize();
                        lang.pick(
                            format!("`{amount}` 不在 {min}–{max} 分之内：每项按评定的分值填写，不会被截断"),
                            format!(
                                "`{amount}` is not within {min}–{max}: each is given as assessed, and never cut to fit"
                            ),
                        )
                    }
                    AmountsProblem::NotANumber => p("填写数字", "give a number"),
                    AmountsProblem::NotAnAmount { part } => lang.pick(
                        format!("`{part}` 不是分值；每项只写数字，用分号隔开"),
                        format!("`{part}` is not points: give numbers only, separated by semicolons"),
                    ),
                    AmountsProblem::Empty => p("填写分值，如 5;8", "give the points, like 5;8"),
                };
                (expected, help)
            }
            CellProblem::Levels { example, levels, why } => {
                let expected =
                    lang.pick(format!("按级别的件数（如 {example}）"), format!("cases by level (like {example})"));
                let names = levels.join(lang.pick("、", ", "));
                let how = lang.pick(
                    format!("每项写“级别:件数”，用分号隔开；级别为 {names}"),
                    format!("give each as `LEVEL:COUNT`, separated by semicolons; the levels are {names}"),
                );
                let help = match why {
                    LevelsProblem::NoLevel => {
                        lang.pick(format!("只写数字看不出级别；{how}"), format!("a number alone has no level; {how}"))
                    }
                    LevelsProblem::NoCount { part } => {
                        lang.pick(format!("`{part}` 缺少件数；{how}"), format!("`{part}` has no count; {how}"))
                    }
                    LevelsProblem::NotALevel { name } => lang.pick(
                        format!("`{name}` 不是级别；级别为 {names}"),
                        format!("`{name}` is not a level; the levels are {names}"),
                    ),
                    LevelsProblem::Twice { name } => lang.pick(
                        format!("级别 `{name}` 写了两次；同一级别合计为一项"),
                        format!("level `{name}` is given twice; give a level's cases as one count"),
                    ),
                    LevelsProblem::CountNotWhole { part } => lang
                        .pick(format!("`{part}` 的件数应为整数"), format!("the count of `{part}` is a whole number")),
                };
                (expected, help)
            }
        }
    }
}

/// `（有：`a.csv`、`b.csv`）`: the files a folder has, or nothing.
fn found_files(lang: Lang, found: &[String]) -> String {
    if found.is_empty() {
        return String::new();
    }
    let files = list(lang, found.iter().map(String::as_str));
    lang.pick(format!("（有：{files}）"), format!(" (it has {files})"))
}

impl Diagnostic for SheetError {
    fn code(&self) -> &'static str {
        match self {
            SheetError::Read(table) => table.code(),
            SheetError::NotSummary { .. } => "kaohe::facts::sheet::not_summary",
            SheetError::NoSheets { .. } => "kaohe::facts::sheet::no_sheets",
            SheetError::MissingSheet { .. } | SheetError::NoRoster { .. } => "kaohe::facts::sheet::missing_sheet",
            SheetError::Period { .. } => "kaohe::facts::sheet::period",
            SheetError::UnknownHeader { .. } => "kaohe::facts::sheet::unknown_header",
            SheetError::DuplicateHeader { .. } => "kaohe::facts::sheet::duplicate_header",
            SheetError::MissingColumn { .. } | SheetError::RosterColumn { .. } => "kaohe::facts::sheet::missing_column",
            SheetError::Unnamed { .. } => "kaohe::facts::sheet::unnamed",
            SheetError::Cell { .. } => "kaohe::facts::sheet::cell",
            SheetError::DuplicateId { .. } => "kaohe::facts::sheet::duplicate_id",
            SheetError::UnknownWindow { .. } => "kaohe::facts::sheet::unknown_window",
            SheetError::Unweighted { .. } => "kaohe::facts::sheet::unweighted",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
        let at = |position: &Position| place(lang, position);
        let gather = p(
            "这是记录文件夹：请用 `kaohe gather` 由记录生成事实",
            "this is a folder of records: make facts of them with `kaohe gather`",
        );
        match self {
            SheetError::Read(table) => table.text(lang),
            SheetError::NotSummary { path } => t(
                format!("`{path}` 不是汇总表：汇总表的 CSV 文件以其工作表命名"),
                format!("`{path}` is not a summary: a summary's CSV files are named after its sheets"),
            )
            .help(p(
                "`--facts` 是事实 JSON 文件（见 docs/io.md）或汇总表：把“人员”“窗口”“说明”三张表分别存为同一文件夹中的 人员.csv、窗口.csv、说明.csv，再用 `--facts` 指这个文件夹（或其中一个文件）；或用 .xlsx 工作簿（`kaohe template` 可生成）",
                "`--facts` is a facts JSON file (docs/io.md) or a summary: save the sheets 人员, 窗口 and 说明 as 人员.csv, 窗口.csv and 说明.csv in one folder, and pass that folder (or one of the files) as `--facts`; or use an .xlsx workbook (`kaohe template` makes one)",
            )),
            SheetError::NoSheets { path, found, records } => {
                let files = found_files(lang, found);
                t(
                    format!("`{path}` 是文件夹，其中没有汇总表的 人员.csv 与 窗口.csv{files}"),
                    format!("`{path}` is a folder without a summary's 人员.csv and 窗口.csv{files}"),
                )
                .help(if *records {
                    gather
                } else {
                    p(
                        "`--facts` 是事实 JSON 文件、.xlsx 汇总表，或存有 人员.csv、窗口.csv、说明.csv 的文件夹",
                        "`--facts` is a facts JSON file, an .xlsx summary, or a folder of 人员.csv, 窗口.csv and 说明.csv",
                    )
                })
            }
            SheetError::MissingSheet { path, csv, sheet, found, records } => {
                let files = found_files(lang, found);
                let (zh, en) = if *csv { ("文件", "file") } else { ("工作表", "sheet") };
                let help = match (records, csv) {
                    (true, _) => p(
                        "这像是记录（打卡、请假、办件……）而不是汇总表：请用 `kaohe gather` 由记录生成事实",
                        "these look like records (打卡, 请假, 办件 …), not a summary: make facts of them with `kaohe gather`",
                    ),
                    (false, true) => p(
                        "汇总表的文件夹中应有 人员.csv 与 窗口.csv；`kaohe template` 可生成带列名的工作簿",
                        "a summary's folder has 人员.csv and 窗口.csv; `kaohe template` makes a workbook with the headers",
                    ),
                    (false, false) => p(
                        "汇总表应有“人员”与“窗口”两张工作表；`kaohe template` 可生成带列名的工作簿",
                        "a summary has the sheets 人员 and 窗口; `kaohe template` makes a workbook with the headers",
                    ),
                };
                t(format!("`{path}` 没有{zh} `{sheet}`{files}"), format!("`{path}` has no {en} `{sheet}`{files}")).help(help)
            }
            SheetError::NoRoster { path } => t(
                format!("`{path}` 没有工作表 `人员`"),
                format!("`{path}` has no sheet `人员`"),
            )
            .help(p(
                "名册是记录工作簿中的“人员”表（工号、姓名、窗口编号、角色……），或 roster.csv",
                "the roster is the sheet 人员 of a records workbook (工号, 姓名, 窗口编号, 角色 …), or roster.csv",
            )),
            SheetError::Period { at: place_of, path, problem } => {
                let place_of = place_of.as_ref().map_or_else(|| path.clone(), at);
                match problem {
                    PeriodProblem::Disagrees { period, name, named } => t(
                        format!("{place_of}：考核期为 {period}，但文件名 `{name}` 表明是 {named}"),
                        format!("{place_of}: the period is {period}, and the file's name `{name}` says {named}"),
                    )
                    .help(p(
                        "复制上一期的表格时请同时改写“说明”中的考核期；或把文件改名",
                        "when copying last period's workbook, change the period on 说明 too; or rename the file",
                    )),
                    PeriodProblem::Missing => t(
                        format!("{place_of}：没有写明考核期"),
                        format!("{place_of}: no period is given"),
                    )
                    .help(lang.pick(
                        format!(
                            "在“{info}”表（或 {info}.csv）第一行写上 `{label}` 和考核期，如 `2026-Q3`；或把文件命名为 `2026-Q3.xlsx`",
                            info = layout::INFO_SHEET,
                            label = layout::PERIOD_LABEL
                        ),
                        format!(
                            "write `{label}` and the period, like `2026-Q3`, in the first row of the sheet {info} (or {info}.csv); or name the file `2026-Q3.xlsx`",
                            info = layout::INFO_SHEET,
                            label = layout::PERIOD_LABEL
                        ),
                    )),
                    PeriodProblem::NotAPeriod { text } => {
                        let found = text.as_ref().map_or_else(|| p("空", "nothing").to_string(), |t| format!("`{t}`"));
                        t(
                            format!("{place_of}：考核期应为季度（如 `2026-Q3`）、年度（如 `2026`）或月份（如 `2026-07`），实为 {found}"),
                            format!("{place_of}: expected a period: a quarter (like `2026-Q3`), a year (like `2026`) or a month (like `2026-07`), found {found}"),
                        )
                        .help(p("写成 年-Q季度：2026-Q1 … 2026-Q4", "write a quarter as YEAR-QN: 2026-Q1 … 2026-Q4"))
                    }
                }
            }
            SheetError::UnknownHeader { at: position, header, subject, why } => {
                let place_of = at(position);
                let (also_zh, also_en) = match why {
                    UnknownHeader::Elsewhere { of, fact, .. } => {
                        (format!("，而是{of}的事实 `{fact}`"), format!(", but a fact of {of}, `{fact}`"))
                    }
                    _ => (String::new(), String::new()),
                };
                let help = match why {
                    UnknownHeader::Elsewhere { sheet, .. } => {
                        lang.pick(format!("这一列应放在“{sheet}”表中"), format!("the column belongs on the sheet {sheet}"))
                    }
                    UnknownHeader::Near { header } => {
                        lang.pick(format!("是否应为 `{header}`？"), format!("did you mean `{header}`?"))
                    }
                    UnknownHeader::Unknown => lang.pick(
                        format!("列名用考核办法中{subject}事实的名称或编号（见“说明”表）；自用的列可命名为“序号”或“备注”"),
                        format!("a header is the name or id of a fact of {subject} in the policy (see the sheet 说明); a column of your own may be headed 序号 or 备注"),
                    ),
                };
                t(
                    format!("{place_of}：列名 `{header}` 不是考核办法中的{subject}事实{also_zh}"),
                    format!("{place_of}: header `{header}` is not a fact of {subject} in the policy{also_en}"),
                )
                .help(help)
            }
            SheetError::DuplicateHeader { at: position, header, first } => {
                let (place_of, first) = (at(position), at(first));
                t(
                    format!("{place_of}：列 `{header}` 与 {first} 重复"),
                    format!("{place_of}: column `{header}` is also at {first}"),
                )
                .help(p(
                    "每个事实只占一列；请合并或删除其中一列",
                    "each fact has one column: merge the two, or remove one",
                ))
            }
            SheetError::MissingColumn { table, column, id, weight } => t(
                format!("{table} 缺少列 `{column}`（{id}）"),
                format!("{table} has no column `{column}` ({id})"),
            )
            .help(if *weight {
                p(
                    "在岗工作日用于窗口工作考勤的加权平均，每人必填",
                    "the workdays weight the window's attendance average: give them for everyone",
                )
                .to_string()
            } else {
                lang.pick(format!("第 1 行加上列名 `{column}`"), format!("add the header `{column}` to row 1"))
            }),
            SheetError::RosterColumn { table, column, id } => t(
                format!("{table} 缺少列 `{column}`（{id}）"),
                format!("{table} has no column `{column}` ({id})"),
            )
            .help(p(
                "名册的列见 docs/records.md：工号、姓名、窗口编号、角色，可有进驻日期、离开日期",
                "a roster's columns are in docs/records.md: 工号, 姓名, 窗口编号, 角色, and 进驻日期, 离开日期 if known",
            )),
            SheetError::Unnamed { at: position, found } => {
                let (place_of, found) = (at(position), found.text(lang));
                t(
                    format!("{place_of}：该列没有列名，但有值 {found}"),
                    format!("{place_of}: the column has no header, and holds {found}"),
                )
                .help(p(
                    "在第 1 行写上列名（考核办法中的名称或编号），或删去这一列的值",
                    "give the column a header in row 1 (a name or id of the policy), or remove its values",
                ))
            }
            SheetError::Cell { at: position, header, found, problem } => {
                let (place_of, found) = (at(position), found.text(lang));
                let (expected, help) = problem.text(lang);
                t(
                    format!("{place_of}（{header}）：应为{expected}，实为 {found}"),
                    format!("{place_of} ({header}): expected {expected}, found {found}"),
                )
                .help(help)
            }
            SheetError::DuplicateId { at: position, header, id, first } => {
                let (place_of, first) = (at(position), at(first));
                t(
                    format!("{place_of}（{header}）：编号 `{id}` 与 {first} 重复"),
                    format!("{place_of} ({header}): id `{id}` is also at {first}"),
                )
                .help(p(
                    "每条记录一个编号；同一人（或窗口）只占一行",
                    "each record has one id: a person (or a window) has one row",
                ))
            }
            SheetError::UnknownWindow { at: position, header, found, hint } => {
                let place_of = at(position);
                let help = match hint {
                    WindowHint::Name { id } => lang.pick(
                        format!("`{found}` 是窗口名称；请填写其编号 `{id}`"),
                        format!("`{found}` is a window's name: give its id, `{id}`"),
                    ),
                    WindowHint::Near { id } => lang.pick(format!("是否应为 `{id}`？"), format!("did you mean `{id}`?")),
                    WindowHint::None => p("填写“窗口”表中已有的窗口编号", "give the id of a window on the sheet 窗口")
                        .to_string(),
                };
                t(
                    format!("{place_of}（{header}）：没有编号为 `{found}` 的窗口"),
                    format!("{place_of} ({header}): no window has id `{found}`"),
                )
                .help(help)
            }
            SheetError::Unweighted { at: position, id, members, weight, category } => {
                let place_of = at(position);
                let (why_zh, why_en) = if *members == 0 {
                    ("没有工作人员".to_string(), "has no staff".to_string())
                } else {
                    (
                        format!("的 {members} 名工作人员{weight}合计为 0"),
                        format!("has {members} staff whose {weight} sum to 0"),
                    )
                };
                t(
                    format!("{place_of}：窗口 `{id}` {why_zh}，无法计算其{category}的加权平均"),
                    format!("{place_of}: window `{id}` {why_en}, so its weighted average of {category} cannot be taken"),
                )
                .help(lang.pick(
                    format!("在“人员”表中填写该窗口工作人员的{weight}，或把该窗口从本期删去"),
                    format!("give the {weight} of the window's staff on the sheet 人员, or remove the window from the period"),
                ))
            }
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            SheetError::Read(table) => table.file(),
            SheetError::NotSummary { path }
            | SheetError::NoSheets { path, .. }
            | SheetError::MissingSheet { path, .. }
            | SheetError::NoRoster { path }
            | SheetError::Period { path, at: None, .. } => Some(path),
            SheetError::Period { at: Some(at), .. }
            | SheetError::UnknownHeader { at, .. }
            | SheetError::DuplicateHeader { at, .. }
            | SheetError::Unnamed { at, .. }
            | SheetError::Cell { at, .. }
            | SheetError::DuplicateId { at, .. }
            | SheetError::UnknownWindow { at, .. }
            | SheetError::Unweighted { at, .. } => Some(&at.table),
            SheetError::MissingColumn { table, .. } | SheetError::RosterColumn { table, .. } => Some(table),
        }
    }

    fn cell(&self) -> Option<(u32, Option<u32>)> {
        match self {
            SheetError::Read(table) => table.cell(),
            SheetError::Period { at: Some(at), .. }
            | SheetError::UnknownHeader { at, .. }
            | SheetError::DuplicateHeader { at, .. }
            | SheetError::Unnamed { at, .. }
            | SheetError::Cell { at, .. }
            | SheetError::DuplicateId { at, .. }
            | SheetError::UnknownWindow { at, .. }
            | SheetError::Unweighted { at, .. } => Some((at.row, at.column.map(|c| c + 1))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn every_sheet_error_is_worded_in_both_languages() {
        let s = |text: &str| text.to_string();
        let at = Position { table: Arc::from("人员.csv"), origin: Origin::Csv, row: 5, column: Some(2) };
        let d = Decimal::from;
        let cell =
            |problem| SheetError::Cell { at: at.clone(), header: s("迟到"), found: Found::Value(s("x")), problem };
        let amounts = |why| CellProblem::Amounts { min: d(5), max: d(10), example: s("5;8"), why };
        let levels = |why| CellProblem::Levels { example: s("县级:1"), levels: vec![s("县级")], why };
        let mut examples = vec![
            SheetError::Read(TableError::Csv { path: s("人员.csv"), row: 3, reason: s("x") }),
            SheetError::NotSummary { path: s("a.csv") },
            SheetError::NoSheets { path: s("d"), found: vec![], records: false },
            SheetError::NoSheets { path: s("d"), found: vec![s("punches.csv")], records: true },
            SheetError::MissingSheet { path: s("d"), csv: true, sheet: s("窗口.csv"), found: vec![], records: false },
            SheetError::MissingSheet {
                path: s("a.xlsx"), csv: false, sheet: s("窗口"), found: vec![], records: false
            },
            SheetError::MissingSheet {
                path: s("d"),
                csv: true,
                sheet: s("窗口.csv"),
                found: vec![s("roster.csv")],
                records: true,
            },
            SheetError::NoRoster { path: s("r.xlsx") },
            SheetError::UnknownHeader {
                at: at.clone(),
                header: s("x"),
                subject: s("工作人员"),
                why: UnknownHeader::Unknown,
            },
            SheetError::UnknownHeader {
                at: at.clone(),
                header: s("x"),
                subject: s("工作人员"),
                why: UnknownHeader::Near { header: s("迟到") },
            },
            SheetError::UnknownHeader {
                at: at.clone(),
                header: s("x"),
                subject: s("工作人员"),
                why: UnknownHeader::Elsewhere { of: s("窗口"), fact: s("x"), sheet: "窗口" },
            },
            SheetError::DuplicateHeader { at: at.clone(), header: s("迟到"), first: at.clone() },
            SheetError::MissingColumn { table: s("人员"), column: s("工号"), id: s("id"), weight: false },
            SheetError::MissingColumn {
                table: s("人员"), column: s("在岗工作日"), id: s("workdays"), weight: true
            },
            SheetError::RosterColumn { table: s("roster.csv"), column: s("工号"), id: s("id") },
            SheetError::Unnamed { at: at.clone(), found: Found::Value(s("3")) },
            SheetError::DuplicateId { at: at.clone(), header: s("工号"), id: s("S1"), first: at.clone() },
            SheetError::Unweighted {
                at: at.clone(),
                id: s("W1"),
                members: 0,
                weight: s("在岗工作日"),
                category: s("考勤"),
            },
            SheetError::Unweighted {
                at: at.clone(),
                id: s("W1"),
                members: 2,
                weight: s("在岗工作日"),
                category: s("考勤"),
            },
        ];
        for hint in [WindowHint::Name { id: s("W1") }, WindowHint::Near { id: s("W1") }, WindowHint::None] {
            examples.push(SheetError::UnknownWindow { at: at.clone(), header: s("窗口"), found: s("W9"), hint });
        }
        for problem in [
            PeriodProblem::Disagrees { period: s("2026-Q3"), name: s("2026-Q2.xlsx"), named: s("2026-Q2") },
            PeriodProblem::Missing,
            PeriodProblem::NotAPeriod { text: Some(s("三季度")) },
            PeriodProblem::NotAPeriod { text: None },
        ] {
            examples.push(SheetError::Period { at: Some(at.clone()), path: s("a.xlsx"), problem });
        }
        examples.push(SheetError::Period { at: None, path: s("a.xlsx"), problem: PeriodProblem::Missing });
        for problem in [
            CellProblem::NoId,
            CellProblem::NoWindow,
            CellProblem::Role { roles: vec![s("首席代表"), s("工作人员")] },
            CellProblem::StaffType { types: vec![s("事业单位")] },
            CellProblem::Joined,
            CellProblem::Date,
            CellProblem::NoWeight,
            CellProblem::Quantity { days: true, max: None },
            CellProblem::Quantity { days: false, max: None },
            CellProblem::Quantity { days: false, max: Some(d(1_000_000)) },
            amounts(AmountsProblem::Outside { amount: d(12) }),
            amounts(AmountsProblem::NotANumber),
            amounts(AmountsProblem::NotAnAmount { part: s("5-8") }),
            amounts(AmountsProblem::Empty),
            levels(LevelsProblem::NoLevel),
            levels(LevelsProblem::NoCount { part: s("县级") }),
            levels(LevelsProblem::NotALevel { name: s("镇级") }),
            levels(LevelsProblem::Twice { name: s("县级") }),
            levels(LevelsProblem::CountNotWhole { part: s("县级:1.5") }),
        ] {
            examples.push(cell(problem));
        }
        let variant = |e: &SheetError| match e {
            SheetError::Read(_) => 0,
            SheetError::NotSummary { .. } => 1,
            SheetError::NoSheets { .. } => 2,
            SheetError::MissingSheet { .. } => 3,
            SheetError::NoRoster { .. } => 4,
            SheetError::Period { .. } => 5,
            SheetError::UnknownHeader { .. } => 6,
            SheetError::DuplicateHeader { .. } => 7,
            SheetError::MissingColumn { .. } => 8,
            SheetError::RosterColumn { .. } => 9,
            SheetError::Unnamed { .. } => 10,
            SheetError::Cell { .. } => 11,
            SheetError::DuplicateId { .. } => 12,
            SheetError::UnknownWindow { .. } => 13,
            SheetError::Unweighted { .. } => 14,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 15);
        assert_eq!(place(Lang::Zh, &at), "人员.csv:5，C 列");
        assert_eq!(place(Lang::En, &at), "人员.csv:5, column C");
    }
}
