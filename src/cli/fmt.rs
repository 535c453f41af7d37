//! `kaohe fmt [--check] PATH…`: rewrite `.rules` files in the one canonical
//! layout (`kaohe::format`), or with `--check` show what would change.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use miette::Report;

use super::report::{Exit, Style};
use kaohe::format::{format_source, FormatError};
use kaohe::source::{ReadError, SourceFile};

pub const AFTER_HELP: &str = "\
The layout: 4 spaces per block; one item per line; the rows of a block
aligned as a table (name, label, kind; fact, action, cite, wording), each
column padded to its widest cell; one space between tokens otherwise
(`a + b`, `x >= 5`, `5-10`, `15%`); at most one blank line where the author
left one; every comment kept where it was written. A rule whose cite is on
the next line stays split there. docs/language.md, \"Formatting\", has it all.

A file is written only if it changes, whole: to a temporary file beside it,
then renamed over it. A file that does not parse is reported and left as it
is; the other files are still formatted.

Exit status:
  0  success; with --check, every file is already formatted
  1  with --check, some file would change (the diffs are on stdout);
     or a file could not be read or written
  2  usage: the command line itself is wrong
  3  a file does not parse (the syntax error is on stderr), or kaohe could not
     format it; that file is left untouched";

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Write nothing: print a diff of each file that would change, and exit
    /// 1 if any would (for CI, or `kaohe fmt --check DIR | patch -p0`).
    #[arg(long)]
    check: bool,
    /// `.rules` files, or directories: every `.rules` file beneath one is
    /// formatted, e.g. `policies/luoshan` with all its versions.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
}

pub fn run(args: FmtArgs, style: &Style) -> ExitCode {
    let mut io_errors: Vec<Report> = Vec::new();
    let mut rejected: Vec<Report> = Vec::new();
    let files = collect(&args.paths, &mut io_errors);
    let (mut changed, mut unchanged) = (0usize, 0usize);
    for path in &files {
        let name = path.display().to_string();
        let original = match read(path) {
            Ok(text) => text,
            Err(err @ ReadError::NotUtf8 { .. }) => {
                rejected.push(Report::new(err));
                continue;
            }
            Err(err) => {
                io_errors.push(Report::new(err));
                continue;
            }
        };
        let formatted = match format_source(&SourceFile::new(name.clone(), &original)) {
            Ok(text) => text,
            Err(FormatError::Syntax(err)) => {
                rejected.push(Report::new(*err));
                continue;
            }
            Err(err) => {
                rejected.push(Report::new(err));
                continue;
            }
        };
        if formatted == original {
            unchanged += 1;
            continue;
        }
        if args.check {
            print!("{}", unified_diff(&name, &original, &formatted));
            changed += 1;
        } else {
            match write_atomically(path, &formatted) {
                Ok(()) => {
                    println!("formatted {name}");
                    changed += 1;
                }
                Err(err) => io_errors.push(miette::miette!("cannot write `{name}`: {err}")),
            }
        }
    }

    let failed = rejected.len() + io_errors.len();
    let files_word = |n: usize| if n == 1 { "file" } else { "files" };
    let mut summary = if args.check {
        format!("{changed} {} would be reformatted, {unchanged} already formatted", files_word(changed))
    } else {
        format!("{changed} {} formatted, {unchanged} already formatted", files_word(changed))
    };
    if failed > 0 {
        summary.push_str(&format!(", {failed} with errors (on stderr)"));
    }
    println!("{summary}");

    let exit = if !rejected.is_empty() {
        Some(Exit::Policy as u8)
    } else if !io_errors.is_empty() || (args.check && changed > 0) {
        Some(Exit::Io as u8)
    } else {
        None
    };
    rejected.extend(io_errors);
    if !rejected.is_empty() {
        style.print(&rejected);
    }
    exit.map_or(ExitCode::SUCCESS, ExitCode::from)
}

/// The files to format: each PATH that is a file, and every `.rules` file
/// beneath each PATH that is a directory, in name order, each once.
fn collect(paths: &[PathBuf], errors: &mut Vec<Report>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                walk(path, &mut files, errors);
                if files.len() == before {
                    errors.push(Report::new(ReadError::NoRules { path: path.display().to_string() }));
                }
            }
            Ok(_) => files.push(path.clone()),
            Err(err) => {
                errors.push(Report::new(ReadError::Io { path: path.display().to_string(), reason: err.to_string() }))
            }
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.canonicalize().unwrap_or_else(|_| f.clone())));
    files
}

/// Every `.rules` file beneath `dir`, skipping hidden entries and symbolic links.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Report>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(Report::new(ReadError::Io { path: dir.display().to_string(), reason: err.to_string() }));
            return;
        }
    };
    let mut children: Vec<(PathBuf, std::fs::FileType)> = Vec::new();
    for entry in entries {
        match entry.and_then(|e| Ok((e.path(), e.file_type()?))) {
            Ok(child) => children.push(child),
            Err(err) => {
                errors.push(Report::new(ReadError::Io { path: dir.display().to_string(), reason: err.to_string() }))
            }
        }
    }
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in children {
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        if kind.is_dir() {
            walk(&path, files, errors);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "rules") {
            files.push(path);
        }
    }
}

/// The file's text exactly as it is on disk (a byte-order mark included).
fn read(path: &Path) -> Result<String, ReadError> {
    let bytes = std::fs::read(path)
        .map_err(|err| ReadError::Io { path: path.display().to_string(), reason: err.to_string() })?;
    String::from_utf8(bytes)
        .map_err(|err| ReadError::NotUtf8 { path: path.display().to_string(), offset: err.utf8_error().valid_up_to() })
}

/// Write `text` to a temporary file beside `path`, then rename it over
/// `path`: a reader sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    // Through a symbolic link to the file it names, not over the link.
    let target = if path.symlink_metadata()?.file_type().is_symlink() { path.canonicalize()? } else { path.into() };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "rules".into());
    let temp = target.with_file_name(format!(".{name}.kaohe-fmt-{}", std::process::id()));
    let permissions = std::fs::metadata(&target)?.permissions();
    let result = File::create(&temp)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| std::fs::set_permissions(&temp, permissions))
        .and_then(|()| std::fs::rename(&temp, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

// ---------------------------------------------------------------------------
// A unified diff, written out here: a longest common subsequence of lines
// is plenty for policy files of a few hundred lines.
// ---------------------------------------------------------------------------

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Past this many cells of the LCS table, the differing middle of the two
/// files is shown as removed whole and added whole: still a correct diff.
const MAX_TABLE: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// `--- path` / `+++ path` and hunks of `-`, `+` and ` ` lines; a last line
/// without a newline is marked as `diff -u` does.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let script = edit_script(&a, &b);
    // Each step with the old and new line numbers (0-based) before it.
    let mut steps = Vec::with_capacity(script.len());
    let (mut i, mut j) = (0usize, 0usize);
    for op in script {
        steps.push((op, i, j));
        match op {
            Op::Same => (i, j) = (i + 1, j + 1),
            Op::Removed => i += 1,
            Op::Added => j += 1,
        }
    }
    let changes: Vec<usize> = steps.iter().enumerate().filter(|(_, s)| s.0 != Op::Same).map(|(k, _)| k).collect();
    let mut out = String::new();
    if changes.is_empty() {
        return out;
    }
    out.push_str(&format!("--- {name}\n+++ {name}\n"));
    let mut k = 0;
    while let Some(&first) = changes.get(k) {
        let mut last = first;
        k += 1;
        while let Some(&next) = changes.get(k) {
            if next - last > 2 * CONTEXT + 1 {
                break;
            }
            last = next;
            k += 1;
        }
        let from = first.saturating_sub(CONTEXT);
        let to = (last + 1 + CONTEXT).min(steps.len());
        let hunk = steps.get(from..to).unwrap_or_default();
        let old_len = hunk.iter().filter(|s| s.0 != Op::Added).count();
        let new_len = hunk.iter().filter(|s| s.0 != Op::Removed).count();
        let (old_at, new_at) = hunk.first().map_or((0, 0), |s| (s.1, s.2));
        let start = |at: usize, len: usize| if len == 0 { at } else { at + 1 };
        out.push_str(&format!("@@ -{},{old_len} +{},{new_len} @@\n", start(old_at, old_len), start(new_at, new_len)));
        for &(op, i, j) in hunk {
            let (mark, line) = match op {
                Op::Same => (' ', a.get(i)),
                Op::Removed => ('-', a.get(i)),
                Op::Added => ('+', b.get(j)),
            };
            let line = line.copied().unwrap_or_default();
            out.push(mark);
            out.push_str(line.strip_suffix('\n').unwrap_or(line));
            out.push('\n');
            if !line.ends_with('\n') {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// The steps that turn `a` into `b`, keeping a longest common subsequence.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix =
        a.iter().rev().zip(b.iter().rev()).take(a.len().min(b.len()) - prefix).take_while(|(x, y)| x == y).count();
    let mid_a = a.get(prefix..a.len() - suffix).unwrap_or_default();
    let mid_b = b.get(prefix..b.len() - suffix).unwrap_or_default();
    let mut script = vec![Op::Same; prefix];
    let (n, m) = (mid_a.len(), mid_b.len());
    if (n + 1).saturating_mul(m + 1) > MAX_TABLE {
        script.extend(std::iter::repeat_n(Op::Removed, n));
        script.extend(std::iter::repeat_n(Op::Added, m));
    } else {
        // lcs[i][j]: the longest common subsequence of mid_a[i..] and mid_b[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let value = if mid_a.get(i) == mid_b.get(j) {
                    lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
                } else {
                    let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                    let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                    down.max(right)
                };
                if let Some(cell) = lcs.get_mut(i * width + j) {
                    *cell = value;
                }
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && mid_a.get(i) == mid_b.get(j) {
                script.push(Op::Same);
                (i, j) = (i + 1, j + 1);
            } else if i < n && (j == m || lcs.get((i + 1) * width + j).copied() >= lcs.get(i * width + j + 1).copied())
            {
                script.push(Op::Removed);
                i += 1;
            } else {
                script.push(Op::Added);
                j += 1;
            }
        }
    }
    script.extend(std::iter::repeat_n(Op::Same, suffix));
    script
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
        assert_eq!(unified_diff("f", "", "a\n"), "--- f\n+++ f\n@@ -0,0 +1,1 @@\n+a\n");
    }
}
