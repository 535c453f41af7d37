//! Why a summary workbook (or its CSV files) is refused. Every problem is
//! located as a person finds it in a spreadsheet: the sheet or file, the
//! 1-based row (the header being row 1), the column's letter and header;
//! and says what was expected and what was found.

use miette::Diagnostic;
use thiserror::Error;

use crate::source::table::TableError;

#[derive(Debug, Error, Diagnostic)]
pub enum SheetError {
    /// The file, a sheet or a CSV file could not be read at all.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Read(#[from] TableError),

    #[error("`{path}` 不是汇总表：{why}")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    NotSummary { path: String, why: String, help: String },

    /// A folder that holds no sheet of a summary at all: not facts, but
    /// the wrong path.
    #[error("`{path}` 是文件夹，其中没有汇总表的 人员.csv 与 窗口.csv{found}")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    NoSheets { path: String, found: String, help: String },

    #[error("`{path}` 没有{what} `{sheet}`{found}")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    MissingSheet { path: String, what: &'static str, sheet: String, found: String, help: String },

    /// The period is missing, unreadable, or said two ways.
    #[error("{at}：{message}")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    Period { at: String, message: String, help: String },

    #[error("{at}：列名 `{header}` 不是考核办法中的{subject}事实{also}")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    UnknownHeader { at: String, header: String, subject: String, also: String, help: String },

    #[error("{at}：列 `{header}` 与 {first} 重复")]
    #[diagnostic(code(kaohe::facts::sheet), help("每个事实只占一列；请合并或删除其中一列"))]
    DuplicateHeader { at: String, header: String, first: String },

    #[error("{table} 缺少列 `{column}`（{id}）")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    MissingColumn { table: String, column: String, id: String, help: String },

    #[error("{at}：该列没有列名，但有值 {found}")]
    #[diagnostic(code(kaohe::facts::sheet), help("在第 1 行写上列名（考核办法中的名称或编号），或删去这一列的值"))]
    Unnamed { at: String, found: String },

    /// A cell whose value is not what its column holds.
    #[error("{at}（{header}）：应为{expected}，实为 {found}")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    Cell { at: String, header: String, expected: String, found: String, help: String },

    #[error("{at}（{header}）：编号 `{id}` 与 {first} 重复")]
    #[diagnostic(code(kaohe::facts::sheet), help("每条记录一个编号；同一人（或窗口）只占一行"))]
    DuplicateId { at: String, header: String, id: String, first: String },

    #[error("{at}（{header}）：没有编号为 `{found}` 的窗口")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    UnknownWindow { at: String, header: String, found: String, help: String },

    /// A window whose staff have no workdays: its averaged category cannot be taken.
    #[error("{at}：窗口 `{id}` {why}，无法计算其{category}的加权平均")]
    #[diagnostic(code(kaohe::facts::sheet), help("{help}"))]
    Unweighted { at: String, id: String, why: String, category: String, help: String },
}

// A bridge until this file holds typed data worded in both languages.
impl crate::source::diagnostic::Diagnostic for SheetError {
    fn code(&self) -> &'static str {
        "kaohe::records"
    }
    fn text(&self, _lang: crate::source::diagnostic::Lang) -> crate::source::diagnostic::Text {
        let help = miette::Diagnostic::help(self).map(|h| h.to_string());
        crate::source::diagnostic::Text::new(self.to_string()).help_if(help)
    }
}
