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
        matches!(self, ReadError::NotUtf8 { .. } | ReadError::Encoding { .. })
    }

    pub fn path(&self) -> &str {
        match self {
            ReadError::Io { path, .. }
            | ReadError::IsDirectory { path }
            | ReadError::NotRegular { path }
            | ReadError::NotUtf8 { path, .. }
            | ReadError::Encoding { path, .. }
            | ReadError::TooLarge { path, .. }
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
        };
        crate::source::diagnostic::assert_worded(&examples, variant, 8);
    }

    #[test]
    fn common_system_reasons_read_chinese() {
        let reason: IoReason = std::io::Error::from(ErrorKind::NotFound).into();
        assert_eq!(reason.text(Lang::Zh), "没有这个文件或目录");
        assert_eq!(reason.text(Lang::En), reason.system);
    }
}
