//! What can go wrong reading a file, and how each says it, in Chinese and
//! English: each names the path and says how to fix it.

use std::io::ErrorKind;

use crate::source::diagnostic::{Diagnostic, Lang, Text};

/// A file or directory that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The system refused: not there, no permission, …
    Io {
        path: String,
        reason: IoReason,
    },
    /// A directory where a file was wanted.
    IsDirectory {
        path: String,
    },
    /// A device, a pipe or a socket: reading it could block or never end.
    NotRegular {
        path: String,
    },
    /// Not UTF-8 (`kaohe fmt`, which keeps a file's bytes as they are).
    NotUtf8 {
        path: String,
        offset: usize,
    },
    /// Not UTF-8: where the first bad byte is, and what the file looks like instead.
    Encoding {
        path: String,
        offset: usize,
        line: usize,
        column: usize,
        found: NotText,
    },
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
    },
    /// A UTF-8 byte-order mark after the one a file may start with: an
    /// invisible character where the file's first word should be.
    SecondBom {
        path: String,
    },
    /// A file where a policy directory was wanted.
    NotADirectory {
        path: String,
    },
    /// A policy directory without a `.rules` file.
    NoRules {
        path: String,
    },
}

/// What a file that is not UTF-8 text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// It starts with a UTF-16 byte-order mark (Windows "Unicode").
    Utf16,
    /// Its bytes read as GBK or GB18030, as Chinese Windows saves text.
    Gb { encoding: &'static str },
    /// An Excel workbook (a zip file), not text at all.
    Workbook,
    /// Something else: the first byte that is not UTF-8.
    Byte(u8),
}

/// Why the system refused, as data: the kind, worded in either language,
/// and the system's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoReason {
    pub kind: ErrorKind,
    pub system: String,
}

impl From<std::io::Error> for IoReason {
    fn from(err: std::io::Error) -> IoReason {
        IoReason { kind: err.kind(), system: err.to_string() }
    }
}

impl IoReason {
    /// Why a file could not be read, as a reason: the system's for an I/O
    /// error, else the reader's own (a device, a FIFO, too large).
    pub fn of(err: &ReadError) -> IoReason {
        match err {
            ReadError::Io { reason, .. } => reason.clone(),
            other => IoReason { kind: ErrorKind::InvalidInput, system: other.text(Lang::En).message },
        }
    }

    /// In Chinese, the common kinds in Chinese; else the system's words.
    pub fn text(&self, lang: Lang) -> String {
        let chinese = match self.kind {
            ErrorKind::NotFound => "没有这个文件或目录",
            ErrorKind::PermissionDenied => "没有权限",
            ErrorKind::AlreadyExists => "文件已存在",
            _ => return self.system.clone(),
        };
        lang.pick(chinese.to_string(), self.system.clone())
    }
}

impl ReadError {
    pub fn io(path: &std::path::Path, err: std::io::Error) -> ReadError {
        ReadError::Io { path: path.display().to_string(), reason: err.into() }
    }

    /// The file was read but is not text kaohe can take: the input is at
    /// fault, not the file system.
    pub fn is_not_text(&self) -> bool {
        matches!(self, ReadError::NotUtf8 { .. } | ReadError::Encoding { .. } | ReadError::SecondBom { .. })
    }

    pub fn path(&self) -> &str {
        match self {
            ReadError::Io { path, .. }
            | ReadError::IsDirectory { path }
            | ReadError::NotRegular { path }
            | ReadError::NotUtf8 { path, .. }
            | ReadError::Encoding { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::SecondBom { path }
            | ReadError::NotADirectory { path }
            | ReadError::NoRules { path } => path,
        }
    }
}

impl Diagnostic for ReadError {
    fn code(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "kaohe::read::io",
            ReadError::IsDirectory { .. } => "kaohe::read::is_directory",
            ReadError::NotRegular { .. } => "kaohe::read::not_regular",
            ReadError::NotUtf8 { .. } => "kaohe::read::not_utf8",
            ReadError::Encoding { .. } => "kaohe::read::encoding",
            ReadError::TooLarge { .. } => "kaohe::read::too_large",
            ReadError::SecondBom { .. } => "kaohe::read::second_bom",
            ReadError::NotADirectory { .. } => "kaohe::read::not_a_directory",
            ReadError::NoRules { .. } => "kaohe::read::no_rules",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        match self {
            ReadError::Io { path, reason } => {
                let reason = reason.text(lang);
                Text::new(lang.pick(format!("无法读取 `{path}`：{reason}"), format!("cannot read `{path}`: {reason}")))
            }
            ReadError::IsDirectory { path } => {
                Text::new(lang.pick(
                    format!("无法读取 `{path}`：这是一个目录"),
                    format!("cannot read `{path}`: it is a directory"),
                ))
            }
            ReadError::NotRegular { path } => Text::new(lang.pick(
                format!("无法读取 `{path}`：这不是普通文件"),
                format!("cannot read `{path}`: it is not a regular file"),
            )),
            ReadError::NotUtf8 { path, offset } => Text::new(lang.pick(
                format!("`{path}` 不是 UTF-8 文本（第一个错误字节在偏移 {offset} 处）"),
                format!("`{path}` is not UTF-8 text (first bad byte at offset {offset})"),
            ))
            .help(lang.pick(
                "请把文件存为 UTF-8；存为 GBK 的文件可以用 `iconv -f GBK -t UTF-8` 转换",
                "save the file as UTF-8; a file saved as GBK can be converted with `iconv -f GBK -t UTF-8`",
            )),
            ReadError::Encoding { path, offset, line, column, found } => {
                let at = lang.pick(
                    format!("第 {line} 行第 {column} 列（字节偏移 {offset}）"),
                    format!("line {line}, column {column} (byte offset {offset})"),
                );
                let what = match found {
                    NotText::Utf16 => lang.pick(
                        "它是 UTF-16 编码（Windows 所说的“Unicode”）：以 UTF-16 字节顺序标记开头".to_string(),
                        "it is UTF-16 (Windows \"Unicode\"): it starts with a UTF-16 byte-order mark".to_string(),
                    ),
                    NotText::Gb { encoding } => lang.pick(
                        format!("它看来是 {encoding}（GB18030）编码，中文 Windows 常这样保存；第一个不是 UTF-8 的字节在{at}"),
                        format!("it looks like {encoding} (GB18030), as saved by Chinese Windows; the first byte that is not UTF-8 is at {at}"),
                    ),
                    NotText::Workbook => lang.pick(
                        "它是 Excel 工作簿（xlsx），不是文本文件".to_string(),
                        "it is an Excel workbook (xlsx), not a text file".to_string(),
                    ),
                    NotText::Byte(byte) => lang.pick(
                        format!("{at}的字节 0x{byte:02X} 不是有效的 UTF-8"),
                        format!("byte 0x{byte:02X} at {at} is not valid UTF-8"),
                    ),
                };
                let help = match found {
                    NotText::Utf16 => convert(lang, path, "UTF-16"),
                    NotText::Gb { encoding } => convert(lang, path, encoding),
                    NotText::Workbook => lang.pick(
                        "`--facts` 读的是一个考核期的 JSON 事实文件（见 docs/io.md）；请把表格里的数据整理成事实文件",
                        "`--facts` reads one period's facts as JSON (docs/io.md); turn the sheet's figures into a facts file",
                    )
                    .to_string(),
                    NotText::Byte(_) => lang.pick(
                        "kaohe 只读 UTF-8 文本：请把文件存为 UTF-8；如果是手工编辑的文件，这个字节可能是一个损坏的字符的一部分",
                        "kaohe reads UTF-8 text only: save the file as UTF-8; in a file edited by hand, the byte may be part of a damaged character",
                    )
                    .to_string(),
                };
                Text::new(
                    lang.pick(
                        format!("`{path}` 不是 UTF-8 文本：{what}"),
                        format!("`{path}` is not UTF-8 text: {what}"),
                    ),
                )
                .help(help)
            }
            ReadError::TooLarge { path, size, limit } => {
                let (size, limit) = (size_text(lang, *size), size_text(lang, *limit));
                Text::new(lang.pick(
                    format!("`{path}` 太大，无法读取：{size}；kaohe 读取的文件最大为 {limit}"),
                    format!("`{path}` is too large to read: {size}; kaohe reads files of at most {limit}"),
                ))
                .help(lang.pick(
                    "一个季度的事实只有几兆字节；请确认是不是选错了文件",
                    "a quarter's facts take a few megabytes; check that this is the right file",
                ))
            }
            ReadError::SecondBom { path } => {
                let command = format!("sed -i '1s/^\\xEF\\xBB\\xBF//' {}", shell_quote(path));
                Text::new(lang.pick(
                    format!("`{path}` 以两个字节顺序标记（U+FEFF）开头：第 1 行第 1 列（字节偏移 3）是第二个"),
                    format!("`{path}` starts with two byte-order marks (U+FEFF): the second is at line 1, column 1 (byte offset 3)"),
                ))
                .help(lang.pick(
                    format!("文件开头至多一个字节顺序标记：删去一个，例如 `{command}`，或在编辑器中另存为 UTF-8"),
                    format!("a file starts with at most one byte-order mark: delete one, for example with `{command}`, or save it as UTF-8 from the editor"),
                ))
            }
            ReadError::NotADirectory { path } => Text::new(lang.pick(
                format!("`{path}` 不是存放 `.rules` 文件的目录"),
                format!("`{path}` is not a directory of `.rules` files"),
            ))
            .help(lang.pick(
                "请给出政策目录，例如 `--policy policies/luoshan`",
                "pass the policy directory, for example `--policy policies/luoshan`",
            )),
            ReadError::NoRules { path } => Text::new(lang.pick(
                format!("政策目录 `{path}` 中没有 `.rules` 文件"),
                format!("the policy directory `{path}` holds no `.rules` file"),
            )),
        }
    }

    fn file(&self) -> Option<&str> {
        Some(self.path())
    }
}

/// How to convert a file to UTF-8 in place, from `encoding`.
fn convert(lang: Lang, path: &str, encoding: &str) -> String {
    let quoted = shell_quote(path);
    let temporary = shell_quote(&format!("{path}.utf8"));
    let command = format!("iconv -f {encoding} -t UTF-8 {quoted} > {temporary} && mv {temporary} {quoted}");
    lang.pick(
        format!("请转换为 UTF-8：`{command}`（或在编辑器中另存为 UTF-8）"),
        format!("convert it to UTF-8: `{command}` (or save it as UTF-8 from the editor)"),
    )
}

/// A path as a POSIX shell reads it back: as it is when that is safe, else in single quotes.
pub(crate) fn shell_quote(text: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// `512 MiB (536870912 bytes)`, `1.5 GiB (1610612736 bytes)`, `300 bytes`.
pub(crate) fn size_text(lang: Lang, bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    let exact = lang.pick(format!("{bytes} 字节"), format!("{bytes} bytes"));
    for (unit, size) in UNITS {
        if bytes >= size {
            let tenths = u128::from(bytes) * 10 / u128::from(size);
            let whole = tenths / 10;
            let amount =
                if tenths % 10 == 0 { format!("{whole} {unit}") } else { format!("{whole}.{} {unit}", tenths % 10) };
            return lang.pick(format!("{amount}（{exact}）"), format!("{amount} ({exact})"));
        }
    }
    exact
}

/// A table (a CSV file, or a sheet of a workbook) that could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    Io {
        path: String,
        reason: IoReason,
    },
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
    },
    /// A CSV file in UTF-16 (Excel's "Unicode text").
    Utf16 {
        path: String,
    },
    /// A byte at `row` that is neither UTF-8 nor GBK; `mixed` when UTF-8
    /// Chinese came before it (a file is one or the other).
    Encoding {
        path: String,
        row: u32,
        byte: u8,
        mixed: bool,
    },
    /// Not a workbook calamine can open: `reason`, its words.
    Workbook {
        path: String,
        reason: String,
    },
    Sheet {
        path: String,
        sheet: String,
        reason: String,
    },
    /// A CSV row the reader refused: `reason`, the csv crate's words.
    Csv {
        path: String,
        row: u32,
        reason: String,
    },
}

impl TableError {
    /// The file system refused, rather than the table being wrong.
    pub fn is_io(&self) -> bool {
        matches!(self, TableError::Io { .. })
    }

    fn path(&self) -> &str {
        match self {
            TableError::Io { path, .. }
            | TableError::TooLarge { path, .. }
            | TableError::Utf16 { path }
            | TableError::Encoding { path, .. }
            | TableError::Workbook { path, .. }
            | TableError::Sheet { path, .. }
            | TableError::Csv { path, .. } => path,
        }
    }
}

impl Diagnostic for TableError {
    fn code(&self) -> &'static str {
        match self {
            TableError::Io { .. } => "kaohe::table::io",
            TableError::TooLarge { .. } => "kaohe::table::too_large",
            TableError::Utf16 { .. } | TableError::Encoding { .. } => "kaohe::table::encoding",
            TableError::Workbook { .. } | TableError::Sheet { .. } => "kaohe::table::workbook",
            TableError::Csv { .. } => "kaohe::table::csv",
        }
    }

    fn text(&self, lang: Lang) -> Text {
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let resave = lang.pick(
            "用 Excel 或 WPS 打开后另存为“CSV UTF-8（逗号分隔）”；若该行是拼接进来的，请用同一种编码重新导出",
            "open it in Excel or WPS and save it as \"CSV UTF-8 (Comma delimited)\"; if the row was pasted in from another file, export both in one encoding",
        );
        match self {
            TableError::Io { path, reason } => {
                let reason = reason.text(lang);
                t(format!("无法读取 `{path}`：{reason}"), format!("cannot read `{path}`: {reason}"))
            }
            TableError::TooLarge { path, size, limit } => {
                let (size, limit) = (size_text(lang, *size), size_text(lang, *limit));
                t(
                    format!("`{path}` 太大（{size}），kaohe 最多读取 {limit} 的文件"),
                    format!("`{path}` is too large ({size}); kaohe reads files of at most {limit}"),
                )
                .help(lang.pick(
                    "一个季度的记录只有几十兆字节；请确认文件是否选对",
                    "a quarter's records take a few tens of megabytes; check that this is the right file",
                ))
            }
            TableError::Utf16 { path } => t(
                format!("`{path}` 第 1 行：文件是 UTF-16 编码（Excel 的“Unicode 文本”）"),
                format!("`{path}` row 1: the file is UTF-16 (Excel's \"Unicode text\")"),
            )
            .help(lang.pick(
                "在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”",
                "save it from Excel as \"CSV UTF-8 (Comma delimited)\" or \"CSV (Comma delimited)\"",
            )),
            TableError::Encoding { path, row, byte, mixed: true } => t(
                format!("`{path}` 第 {row} 行：文件前面是 UTF-8，这里却有不是 UTF-8 的字节 0x{byte:02X}：一个文件只能用一种编码"),
                format!("`{path}` row {row}: the file is UTF-8 before this row, and here is a byte 0x{byte:02X} that is not: a file has one encoding"),
            )
            .help(resave),
            TableError::Encoding { path, row, byte, mixed: false } => t(
                format!("`{path}` 第 {row} 行：字节 0x{byte:02X} 既不是 UTF-8 也不是 GBK"),
                format!("`{path}` row {row}: byte 0x{byte:02X} is neither UTF-8 nor GBK"),
            )
            .help(resave),
            TableError::Workbook { path, reason } => t(
                format!("`{path}` 不是可读取的 .xlsx 工作簿：{reason}"),
                format!("`{path}` is not an .xlsx workbook kaohe can read: {reason}"),
            )
            .help(lang.pick(
                "在 Excel 或 WPS 中打开后另存为 .xlsx（Excel 工作簿）",
                "open it in Excel or WPS and save it as .xlsx (Excel workbook)",
            )),
            TableError::Sheet { path, sheet, reason } => t(
                format!("`{path}` 的工作表 `{sheet}` 无法读取：{reason}"),
                format!("sheet `{sheet}` of `{path}` cannot be read: {reason}"),
            ),
            TableError::Csv { path, row, reason } => t(
                format!("`{path}` 第 {row} 行无法按 CSV 读取：{reason}"),
                format!("`{path}` row {row} cannot be read as CSV: {reason}"),
            )
            .help(lang.pick(
                "检查这一行的引号：带逗号或换行的单元格要用英文双引号括起来，单元格中的双引号写两次",
                "check the row's quotes: a cell with a comma or a line break is in double quotes, and a double quote in it is written twice",
            )),
        }
    }

    fn file(&self) -> Option<&str> {
        Some(self.path())
    }

    fn cell(&self) -> Option<(u32, Option<u32>)> {
        match self {
            TableError::Utf16 { .. } => Some((1, None)),
            TableError::Encoding { row, .. } | TableError::Csv { row, .. } => Some((*row, None)),
            _ => None,
        }
    }
}

/// What a table's cell should have held, when it is one of the kinds any
/// table has (`source::table::Cell` reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Time,
    Date,
    Number,
}

impl CellKind {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            CellKind::Time => lang.pick("时间（如 `2026-07-03 08:55`）", "a time (like `2026-07-03 08:55`)"),
            CellKind::Date => lang.pick("日期（如 `2026-07-03`）", "a date (like `2026-07-03`)"),
            CellKind::Number => lang.pick("数字", "a number"),
        }
    }
}

/// What a cell held, as a message quotes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Empty,
    /// Its text (clipped when long).
    Value(String),
    /// A formula error such as `#N/A`.
    FormulaError,
}

impl Found {
    /// `` `09:07` ``, `空`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Found::Empty => lang.pick("空", "nothing").to_string(),
            Found::Value(value) => format!("`{value}`"),
            Found::FormulaError => lang.pick("公式错误", "a formula error").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MAX_FILE_BYTES;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(Lang::En, 300), "300 bytes");
        assert_eq!(size_text(Lang::En, 2048), "2 KiB (2048 bytes)");
        assert_eq!(size_text(Lang::En, MAX_FILE_BYTES), "512 MiB (536870912 bytes)");
        assert_eq!(size_text(Lang::En, 3 << 29), "1.5 GiB (1610612736 bytes)");
        assert_eq!(size_text(Lang::En, u64::MAX), "17179869183.9 GiB (18446744073709551615 bytes)");
        assert_eq!(size_text(Lang::Zh, MAX_FILE_BYTES), "512 MiB（536870912 字节）");
    }

    #[test]
    fn quoting_for_the_shell() {
        assert_eq!(shell_quote("facts/2026-Q3.json"), "facts/2026-Q3.json");
        assert_eq!(shell_quote("my facts.json"), "'my facts.json'");
        assert_eq!(shell_quote("it's.json"), r"'it'\''s.json'");
    }

    #[test]
    fn every_read_error_is_worded_in_both_languages() {
        let path = || "q3.json".to_string();
        let reason: IoReason = std::io::Error::from(ErrorKind::PermissionDenied).into();
        let encoding = |found| ReadError::Encoding { path: path(), offset: 10, line: 2, column: 3, found };
        let examples = [
            ReadError::Io { path: path(), reason },
            ReadError::IsDirectory { path: path() },
            ReadError::NotRegular { path: path() },
            ReadError::NotUtf8 { path: path(), offset: 3 },
            encoding(NotText::Utf16),
            encoding(NotText::Gb { encoding: "GBK" }),
            encoding(NotText::Workbook),
            encoding(NotText::Byte(0xFF)),
            ReadError::TooLarge { path: path(), size: 1 << 30, limit: MAX_FILE_BYTES },
            ReadError::NotADirectory { path: path() },
            ReadError::NoRules { path: path() },
            ReadError::SecondBom { path: path() },
        ];
        let variant = |e: &ReadError| match e {
            ReadError::Io { .. } => 0,
            ReadError::IsDirectory { .. } => 1,
            ReadError::NotRegular { .. } => 2,
            ReadError::NotUtf8 { .. } => 3,
            ReadError::Encoding { .. } => 4,
            ReadError::TooLarge { .. } => 5,
            ReadError::NotADirectory { .. } => 6,
            ReadError::NoRules { .. } => 7,
            ReadError::SecondBom { .. } => 8,
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 9);
    }

    #[test]
    fn common_system_reasons_read_chinese() {
        let reason: IoReason = std::io::Error::from(ErrorKind::NotFound).into();
        assert_eq!(reason.text(Lang::Zh), "没有这个文件或目录");
        assert_eq!(reason.text(Lang::En), reason.system);
    }
}
