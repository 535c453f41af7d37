//! `kaohe fmt`: the `.rules` files named (and every one beneath a directory
//! named), each laid out in the one canonical layout (`syntax::format`), and
//! either rewritten in place (atomically, keeping its mode) or, to check,
//! compared as a unified diff.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::error::{problems, Problem};
use crate::output::OutputError;
use crate::source::{walk, ReadError, SourceFile};
use crate::syntax::format::format_source;
use crate::syntax::FormatError;

/// What happened to one file.
pub enum Outcome {
    /// Already in the layout.
    Unchanged,
    /// Not in the layout: with `check`, the unified diff; else it was rewritten.
    Changed { diff: Option<String> },
    /// It does not parse, or is not text: left as it is.
    Rejected(Problem),
    /// It could not be read or written.
    Failed(Problem),
}

/// Every file looked at, in order, with its outcome; and what could not be
/// looked at (a path that is not there).
pub struct Formatted {
    pub files: Vec<(PathBuf, Outcome)>,
    pub unreadable: Vec<Problem>,
}

/// Format the files at `paths`; with `check`, write nothing.
pub fn format_paths(paths: &[PathBuf], check: bool) -> Formatted {
    let mut errors = Vec::new();
    let files = collect(paths, &mut errors);
    let files = files
        .into_iter()
        .map(|path| {
            let outcome = format_one(&path, check);
            (path, outcome)
        })
        .collect();
    Formatted { files, unreadable: problems(errors) }
}

fn format_one(path: &Path, check: bool) -> Outcome {
    let name = path.display().to_string();
    let original = match read(path) {
        Ok(text) => text,
        Err(err) if err.is_not_text() => return Outcome::Rejected(err.into()),
        Err(err) => return Outcome::Failed(err.into()),
    };
    let formatted = match format_source(&SourceFile::new(name.clone(), &original)) {
        Ok(text) => text,
        Err(FormatError::Syntax(err)) => return Outcome::Rejected(Problem::Syntax(err)),
        Err(err) => return Outcome::Rejected(err.into()),
    };
    if formatted == original {
        return Outcome::Unchanged;
    }
    if check {
        return Outcome::Changed { diff: Some(unified_diff(&name, &original, &formatted)) };
    }
    match crate::output::file::replace_with(path, |out| out.write_all(formatted.as_bytes())) {
        Ok(()) => Outcome::Changed { diff: None },
        Err(err) => Outcome::Failed(OutputError::Io { path: name, reason: err.into() }.into()),
    }
}

/// The files to format: each PATH that is a file, and every `.rules` file
/// beneath each PATH that is a directory, in name order, each once.
fn collect(paths: &[PathBuf], errors: &mut Vec<ReadError>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let found = walk::tree(path, "rules", errors);
                if found.is_empty() {
                    errors.push(ReadError::NoRules { path: path.display().to_string() });
                }
                files.extend(found);
            }
            Ok(_) => files.push(path.clone()),
            Err(err) => errors.push(ReadError::io(path, err)),
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    files
}

/// The file's text exactly as it is on disk (a byte-order mark included).
fn read(path: &Path) -> Result<String, ReadError> {
    // Bounded, regular files only: `kaohe fmt /dev/zero` or a FIFO is refused.
    let bytes = crate::source::read::read_bytes(path, crate::source::MAX_FILE_BYTES)?;
    String::from_utf8(bytes)
        .map_err(|err| ReadError::NotUtf8 { path: path.display().to_string(), offset: err.utf8_error().valid_up_to() })
}

/// `--- path` / `+++ path` and hunks of `-`, `+` and ` ` lines, three lines
/// of context; a last line without a newline is marked as `diff -u` does.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(name, name).to_string()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::unified_diff;

    #[test]
    fn no_difference_no_diff() {
        assert_eq!(unified_diff("f", "a\nb\n", "a\nb\n"), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(unified_diff("f", old, new), "--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    }

    #[test]
    fn far_apart_changes_make_two_hunks() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let new = old.replace("2\n", "two\n").replace("19\n", "nineteen\n");
        let diff = unified_diff("f", &old, &new);
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
    }

    #[test]
    fn missing_final_newline_is_marked() {
        assert_eq!(
            unified_diff("f", "a\nb", "a\nb\n"),
            "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
        );
    }

    #[test]
    fn insertion_into_an_empty_file() {
        // A one-line range is written without its length, as GNU diff writes it.
        assert_eq!(unified_diff("f", "", "a\n"), "--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n");
    }
}
