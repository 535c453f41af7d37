//! What can be wrong with a period's records, one variant a kind of
//! problem, each saying where (the file or sheet, the 1-based row, the
//! column), what was expected and what was found, and how to fix it.

use miette::Diagnostic;
use thiserror::Error;

use crate::source::table::{Position, TableError};

#[derive(Debug, Error, Diagnostic)]
pub enum RecordsError {
    #[error("找不到记录 `{path}`：{reason}")]
    #[diagnostic(code(kaohe::records), help("`--records` 是一个存放 CSV 文件的文件夹，或一个 .xlsx 工作簿"))]
    NoRecords { path: String, reason: String },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Table(#[from] TableError),

    #[error("缺少表 {table}：{looked}")]
    #[diagnostic(code(kaohe::records), help("{help}"))]
    MissingTable { table: &'static str, looked: String, help: String },

    #[error("`{name}` 不是 kaohe 读取的表")]
    #[diagnostic(code(kaohe::records), help("{help}"))]
    UnknownTable { name: String, help: String },

    #[error("{table} 缺少列 `{column}`（{english}）")]
    #[diagnostic(code(kaohe::records), help("{help}"))]
    MissingColumn { table: String, column: &'static str, english: &'static str, help: String },

    /// A cell that is not what its column holds.
    #[error("{at} 列 `{column}`：应为 {expected}，实为 {found}")]
    #[diagnostic(code(kaohe::records))]
    Cell {
        at: Position,
        column: &'static str,
        expected: String,
        found: String,
        #[help]
        help: Option<String>,
    },

    /// An id that names no staff member, window, kind, item or rating.
    #[error("{at} 列 `{column}`：没有{what} `{found}`")]
    #[diagnostic(code(kaohe::records))]
    Unknown {
        at: Position,
        column: &'static str,
        what: &'static str,
        found: String,
        #[help]
        help: Option<String>,
    },

    #[error("{at} 列 `{column}`：{what} `{id}` 重复（第一次在 {first}）")]
    #[diagnostic(code(kaohe::records), help("每个编号只能出现一次"))]
    Duplicate { at: Position, column: &'static str, what: &'static str, id: String, first: Position },

    #[error("政策没有 {year} 年的日历：{needed}")]
    #[diagnostic(
        code(kaohe::records),
        help(
            "在政策的 calendar.rules 中按国务院办公厅当年的节假日安排通知加上 `calendar {year} \"…\" issued … {{ … }}`"
        )
    )]
    NoCalendar { year: i32, needed: String },

    #[error("政策没有计数规则：{what}")]
    #[diagnostic(code(kaohe::records), help("{help}"))]
    NoRules { what: String, help: String },
}

// A bridge until this file holds typed data worded in both languages.
impl crate::source::diagnostic::Diagnostic for RecordsError {
    fn code(&self) -> &'static str {
        "kaohe::records"
    }
    fn text(&self, _lang: crate::source::diagnostic::Lang) -> crate::source::diagnostic::Text {
        let help = miette::Diagnostic::help(self).map(|h| h.to_string());
        crate::source::diagnostic::Text::new(self.to_string()).help_if(help)
    }
}
