//! What can go wrong reading a file: each variant names the path and says
//! how to fix it.

use miette::Diagnostic;
use thiserror::Error;

/// A file that could not be read at all.
#[derive(Debug, Error, Diagnostic)]
pub enum ReadError {
    #[error("cannot read `{path}`: {reason}")]
    Io { path: String, reason: String },
    #[error("`{path}` is not UTF-8 text (first bad byte at offset {offset})")]
    #[diagnostic(help("save the file as UTF-8; a file saved as GBK can be converted with `iconv -f GBK -t UTF-8`"))]
    NotUtf8 { path: String, offset: usize },
    /// Not UTF-8: where the first bad byte is, what the file looks like
    /// instead, and how to convert it.
    #[error("`{path}` is not UTF-8 text: {found}")]
    #[diagnostic(help("{help}"))]
    Encoding { path: String, offset: usize, line: usize, column: usize, found: String, help: String },
    #[error("`{path}` is too large to read: {}; kaohe reads files of at most {}", size_text(*size), size_text(*limit))]
    #[diagnostic(help("a quarter's facts take a few megabytes; check that this is the right file"))]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("`{path}` is not a directory of `.rules` files")]
    #[diagnostic(help("pass the policy directory, for example `--policy policies/luoshan`"))]
    NotADirectory { path: String },
    #[error("the policy directory `{path}` holds no `.rules` file")]
    NoRules { path: String },
}

impl ReadError {
    /// The file was read but is not text kaohe can take: the input is at
    /// fault, not the file system.
    pub fn is_not_text(&self) -> bool {
        matches!(self, ReadError::NotUtf8 { .. } | ReadError::Encoding { .. })
    }
}

/// `512 MiB (536870912 bytes)`, `1.5 GiB (1610612736 bytes)`, `300 bytes`.
pub(crate) fn size_text(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let tenths = u128::from(bytes) * 10 / u128::from(size);
            return if tenths % 10 == 0 {
                format!("{} {unit} ({bytes} bytes)", tenths / 10)
            } else {
                format!("{}.{} {unit} ({bytes} bytes)", tenths / 10, tenths % 10)
            };
        }
    }
    format!("{bytes} bytes")
}
