//! `kaohe fmt [--check] PATH…`: rewrite `.rules` files in the one canonical
//! layout (`kaohe::app::fmt`), or with `--check` show what would change.

use std::path::PathBuf;

use clap::Args;
use kaohe::app::fmt::Outcome;
use kaohe::app::Problem;
use kaohe::render::Note;

use super::{Context, Failure};

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
     format it; that file is left untouched

Stdout holds only the diffs of --check, and only when every file could be
read and parsed (else it is empty); which files were formatted, the summary
(`2 files formatted, 5 already formatted`) and every error go to stderr.";

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

/// Diffs (with `--check`) are the only thing on stdout, and only when
/// every file could be read and parsed; what was formatted, the summary and
/// the errors are on stderr.
pub fn run(args: FmtArgs, context: &Context) -> Result<(), Failure> {
    let formatted = kaohe::app::fmt::format_paths(&args.paths, args.check);
    let mut rejected: Vec<Problem> = Vec::new();
    let mut failed: Vec<Problem> = formatted.unreadable;
    let (mut changed, mut unchanged) = (0usize, 0usize);
    let (mut diffs, mut notes) = (String::new(), Vec::new());
    for (path, outcome) in formatted.files {
        match outcome {
            Outcome::Unchanged => unchanged += 1,
            Outcome::Changed { diff } => {
                changed += 1;
                match diff {
                    Some(diff) => diffs.push_str(&diff),
                    None => notes.push(Note::Formatted { path }),
                }
            }
            Outcome::Rejected(report) => rejected.push(report),
            Outcome::Failed(report) => failed.push(report),
        }
    }
    let errors = rejected.len() + failed.len();
    notes.push(Note::FormatSummary { changed, unchanged, errors, check: args.check });

    let exit = if !rejected.is_empty() {
        Some(3)
    } else if !failed.is_empty() || (args.check && changed > 0) {
        Some(1)
    } else {
        None
    };
    if errors == 0 {
        // A reader that stops early (`| head`) does not make `--check` pass:
        // the status says whether files would change, whatever was read.
        match super::out::print(&diffs) {
            Err(Failure::Print(kaohe::output::stdio::PrintError::Closed)) if exit.is_some() => {}
            printed => printed?,
        }
    }
    rejected.extend(failed);
    if !rejected.is_empty() {
        super::out::eprint(&context.diagnostics.errors(&rejected))?;
    }
    for note in &notes {
        context.note(note)?;
    }
    exit.map_or(Ok(()), |code| Err(Failure::Exit(code)))
}
