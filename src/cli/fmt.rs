//! `kaohe fmt [--check] PATH…`: rewrite `.rules` files in the one canonical
//! layout (`kaohe::app::fmt`), or with `--check` show what would change.

use std::path::PathBuf;

use clap::Args;
use kaohe::app::fmt::Outcome;
use kaohe::app::Problem;
use kaohe::render::Note;

use super::{Context, Failure};

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
