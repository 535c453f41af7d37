//! Source text: the `.rules` files of a policy directory and the facts file,
//! held once and shared (cheaply, by `Arc`) with every diagnostic that points
//! into them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource};
use thiserror::Error;

pub use crate::facts::json::Span;

/// The source code a diagnostic renders its labels against.
pub type Named = NamedSource<Arc<str>>;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user will recognise it (as given on the command line).
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: &str) -> SourceFile {
        // Windows Notepad starts UTF-8 files with a byte-order mark; it is not text.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        SourceFile { name: name.into(), text: Arc::from(text) }
    }

    pub fn named(&self) -> Named {
        NamedSource::new(self.name.clone(), Arc::clone(&self.text)).with_language("kaohe")
    }

    /// Read a file whole, checking that it is UTF-8.
    pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
        let bytes = std::fs::read(path)
            .map_err(|err| ReadError::Io { path: path.display().to_string(), reason: err.to_string() })?;
        match std::str::from_utf8(&bytes) {
            Ok(text) => Ok(SourceFile::new(path.display().to_string(), text)),
            Err(err) => Err(ReadError::NotUtf8 { path: path.display().to_string(), offset: err.valid_up_to() }),
        }
    }
}

/// A file that could not be read at all.
#[derive(Debug, Error, Diagnostic)]
pub enum ReadError {
    #[error("cannot read `{path}`: {reason}")]
    Io { path: String, reason: String },
    #[error("`{path}` is not UTF-8 text (first bad byte at offset {offset})")]
    #[diagnostic(help("save the file as UTF-8; a file saved as GBK can be converted with `iconv -f GBK -t UTF-8`"))]
    NotUtf8 { path: String, offset: usize },
    #[error("`{path}` is not a directory of `.rules` files")]
    #[diagnostic(help("pass the policy directory, for example `--policy policies/luoshan`"))]
    NotADirectory { path: String },
    #[error("the policy directory `{path}` holds no `.rules` file")]
    NoRules { path: String },
}

/// The `.rules` files of a policy directory, sorted by name so that every
/// run reads them in the same order.
pub fn read_policy_dir(dir: &Path) -> Result<Vec<SourceFile>, Vec<ReadError>> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        vec![if dir.is_file() {
            ReadError::NotADirectory { path: dir.display().to_string() }
        } else {
            ReadError::Io { path: dir.display().to_string(), reason: err.to_string() }
        }]
    })?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if path.extension().is_some_and(|ext| ext == "rules") && path.is_file() {
                    paths.push(path);
                }
            }
            Err(err) => return Err(vec![ReadError::Io { path: dir.display().to_string(), reason: err.to_string() }]),
        }
    }
    if paths.is_empty() {
        return Err(vec![ReadError::NoRules { path: dir.display().to_string() }]);
    }
    paths.sort();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match SourceFile::read(&path) {
            Ok(file) => files.push(file),
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}
