//! The command line: one file per subcommand, each parsing its arguments,
//! calling `kaohe::app`, rendering the result and choosing where it goes.
//! This module holds what they share: the policy and facts arguments, where
//! output goes, and how a failure becomes diagnostics and an exit status.

mod annual;
mod check;
mod diff;
mod doc;
mod eval;
mod exit;
mod explain;
mod fmt;
mod format;
mod gather;
mod help;
mod manual;
mod out;
mod report;
mod stderr;
mod table;
mod template;
mod test;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use kaohe::app::Problem;
use kaohe::render::Diagnostics;

pub use exit::clap_error;
use exit::Failure;
pub use help::parse;
use kaohe::render::help::{EXIT_CODES, FMT, GATHER, TEMPLATE, TEST};

/// Score the Luoshan service-hall assessment from plain-text policy files.
///
/// A policy is a directory of `.rules` files that encode the bureau's scoring
/// tables, each rule citing its clause. A facts file is one period's JSON
/// (docs/io.md in kaohe's source tree). kaohe scores every staff member and window exactly and
/// explains every point.
#[derive(Debug, Parser)]
#[command(name = "kaohe", version, after_help = EXIT_CODES, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    #[command(flatten)]
    stderr: stderr::StderrArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a period's facts: every staff member and window, with grades.
    #[command(after_help = EXIT_CODES)]
    Eval(eval::EvalArgs),
    /// Count a period's facts from the hall's records (punches, leave, the
    /// findings log, cases, reviews), each with the evidence behind it.
    #[command(after_help = GATHER)]
    Gather(gather::GatherArgs),
    /// Show one record's ledger: every rule that moved its score, with cite,
    /// wording, quantity and points; each category's floor; total and grade.
    #[command(after_help = EXIT_CODES)]
    Explain(explain::ExplainArgs),
    /// Roll a year up from its quarterly facts files: annual totals, who is
    /// not assessed, annual vetoes and quota, flags such as 退回原单位.
    #[command(after_help = EXIT_CODES)]
    Annual(annual::AnnualArgs),
    /// What the bureau publishes: the quarter's 《考核通报》 (or the year's
    /// results) as a page to print on A4, a PDF, or a workbook.
    #[command(after_help = EXIT_CODES)]
    Report(report::ReportArgs),
    /// Parse and check a policy directory without facts, and warn about what
    /// is probably a mistake (--deny-warnings to refuse it for that).
    #[command(after_help = EXIT_CODES)]
    Check(check::CheckArgs),
    /// Rewrite `.rules` files in the one canonical layout, keeping every
    /// comment; with --check, only show what would change.
    #[command(after_help = FMT)]
    Fmt(fmt::FmtArgs),
    /// Before a rubric change is adopted: score one period's facts with the
    /// old and the new policy, and show every record whose total or grade
    /// moves (largest change first) and the rules added, removed or changed.
    #[command(after_help = EXIT_CODES)]
    Diff(diff::DiffArgs),
    /// Print the policy as the bureau's annex tables (考核内容, 考核要求,
    /// 增减分值, 依据), in Chinese, as Markdown or a self-contained HTML page.
    #[command(after_help = EXIT_CODES)]
    Doc(doc::DocArgs),
    /// Run the policy's own test cases (each version's `tests/*.json`), and
    /// list the rules, vetoes and flags no case exercised.
    #[command(after_help = TEST)]
    Test(test::TestArgs),
    /// Print a shell completion script on stdout, e.g. `kaohe completions
    /// bash > /usr/share/bash-completion/completions/kaohe`.
    Completions(manual::CompletionsArgs),
    /// Print the manual page (roff) on stdout, e.g. `kaohe man > kaohe.1`;
    /// `kaohe man eval` for a subcommand's own page.
    Man(manual::ManArgs),
    /// Write a period's facts workbook to fill in (.xlsx): a sheet of staff
    /// and one of windows, the policy's labels as headers, the roster filled
    /// in, and data validation that catches a mistake as it is typed.
    #[command(after_help = TEMPLATE)]
    Template(template::TemplateArgs),
}

/// The policy and facts every scoring command reads.
#[derive(Debug, Args)]
struct Inputs {
    /// The policy directory, e.g. `policies/luoshan`: its `.rules` files, or
    /// one subdirectory per version. Only the version in force for the
    /// quarter must load; another that is rejected is a warning.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The quarter's facts: a JSON file (docs/io.md in kaohe's source tree), or
    /// a summary workbook (`.xlsx` with sheets 人员, 窗口, 说明, as `kaohe
    /// template` writes it) or a folder of its sheets as CSV files. A year's
    /// file (`"period": "2026"`) is for `kaohe annual`.
    #[arg(long, value_name = "FILE")]
    facts: PathBuf,
}

/// What a subcommand gets besides its arguments.
struct Context {
    diagnostics: Diagnostics,
}

impl Context {
    /// Warnings on stderr (versions of the policy skipped as not needed), if any.
    fn warn(&self, warnings: &[Problem]) -> Result<(), Failure> {
        if warnings.is_empty() {
            return Ok(());
        }
        out::eprint(&self.diagnostics.warnings(warnings, false))
    }

    /// A note of the run on stderr, in the diagnostics' language.
    fn note(&self, note: &kaohe::render::Note) -> Result<(), Failure> {
        out::note(&note.words(self.diagnostics.lang()))
    }
}

pub fn run(cli: Cli) -> ExitCode {
    let context = Context { diagnostics: cli.stderr.diagnostics() };
    let outcome = match cli.command {
        Command::Eval(args) => eval::run(args, &context),
        Command::Gather(args) => gather::run(args, &context),
        Command::Explain(args) => explain::run(args, &context),
        Command::Annual(args) => annual::run(args, &context),
        Command::Report(args) => report::run(args, &context),
        Command::Check(args) => check::run(args, &context),
        Command::Fmt(args) => fmt::run(args, &context),
        Command::Diff(args) => diff::run(args, &context),
        Command::Doc(args) => doc::run(args, &context),
        Command::Test(args) => test::run(args, &context),
        Command::Completions(args) => manual::completions(args),
        Command::Man(args) => manual::man(args),
        Command::Template(args) => template::run(args, &context),
    };
    exit::finish(outcome, &context.diagnostics)
}
