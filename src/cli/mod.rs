//! The command line: one file per subcommand, each parsing its arguments,
//! calling `kaohe::app`, rendering the result and choosing where it goes.
//! This module holds what they share: the policy and facts arguments, where
//! output goes, and how a failure becomes diagnostics and an exit status.

mod annual;
mod check;
mod diff;
mod doc;
mod eval;
mod explain;
mod fmt;
mod out;
mod test;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use kaohe::app::{Error, Fault};
use kaohe::diagnostic::Lang;
use kaohe::render::{Diagnostics, ErrorFormat};

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  a file could not be read, or the output could not be written
  2  usage: the command line itself is wrong
  3  the policy was rejected (syntax or check errors, on stderr; or, with
     `check --deny-warnings`, warnings)
  4  the facts file was rejected (every error in it, on stderr)
  5  `kaohe test`: a policy test case failed (its report is on stdout)

On any other failure stdout is left empty.";

/// Score the Luoshan service-hall assessment from plain-text policy files.
///
/// A policy is a directory of `.rules` files that encode the bureau's scoring
/// tables, each rule citing its clause. A facts file is one period's JSON
/// (see docs/io.md). kaohe scores every staff member and window exactly and
/// explains every point.
#[derive(Debug, Parser)]
#[command(name = "kaohe", version, after_help = EXIT_CODES, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// When to colour diagnostics on stderr.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,

    /// The language of diagnostics: `zh` (Chinese) or `en` (English).
    /// Without it, an English locale (`LC_ALL`, `LC_MESSAGES` or `LANG`
    /// starting with `en`) reads English, and every other one Chinese.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<LangArg>,

    /// How diagnostics are written on stderr: `human` (with the source they
    /// point at) or `json` (one object a line: severity, code, message,
    /// label, file, line, column, help), for scripts.
    #[arg(long, global = true, value_enum, value_name = "FORMAT", default_value_t = ErrorFormatArg::Human)]
    error_format: ErrorFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ErrorFormatArg {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Score a period's facts: every staff member and window, with grades.
    #[command(after_help = EXIT_CODES)]
    Eval(eval::EvalArgs),
    /// Show one record's ledger: every rule that moved its score, with cite,
    /// wording, quantity and points; each category's floor; total and grade.
    #[command(after_help = EXIT_CODES)]
    Explain(explain::ExplainArgs),
    /// Roll a year up from its quarterly facts files: annual totals, who is
    /// not assessed, annual vetoes and quota, flags such as 退回原单位.
    #[command(after_help = EXIT_CODES)]
    Annual(annual::AnnualArgs),
    /// Parse and check a policy directory without facts, and warn about what
    /// is probably a mistake (--deny-warnings to refuse it for that).
    #[command(after_help = EXIT_CODES)]
    Check(check::CheckArgs),
    /// Rewrite `.rules` files in the one canonical layout, keeping every
    /// comment; with --check, only show what would change.
    #[command(after_help = fmt::AFTER_HELP)]
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
    #[command(after_help = test::AFTER_HELP)]
    Test(test::TestArgs),
}

/// The policy and facts every scoring command reads.
#[derive(Debug, Args)]
struct Inputs {
    /// The policy directory: its `.rules` files, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The period's facts, a JSON file (docs/io.md).
    #[arg(long, value_name = "FILE")]
    facts: PathBuf,
}

/// How a subcommand ended, other than in success.
enum Failure {
    /// A use case failed: print its diagnostics, exit for its fault.
    App(Error),
    /// The subcommand has said what there is to say; exit with this status.
    Exit(u8),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        Failure::App(err)
    }
}

/// What a subcommand gets besides its arguments.
struct Context {
    diagnostics: Diagnostics,
}

pub fn run(cli: Cli) -> ExitCode {
    let color = match cli.color {
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        Color::Always => true,
        Color::Never => false,
    };
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let format = match cli.error_format {
        ErrorFormatArg::Human => ErrorFormat::Human,
        ErrorFormatArg::Json => ErrorFormat::Json,
    };
    let context = Context { diagnostics: Diagnostics::new(color, lang, format) };
    let outcome = match cli.command {
        Command::Eval(args) => eval::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Annual(args) => annual::run(args),
        Command::Check(args) => check::run(args, &context),
        Command::Fmt(args) => fmt::run(args, &context),
        Command::Diff(args) => diff::run(args),
        Command::Doc(args) => doc::run(args),
        Command::Test(args) => test::run(args, &context),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Exit(code)) => ExitCode::from(code),
        Err(Failure::App(err)) => {
            eprint!("{}", context.diagnostics.errors(&err.problems));
            ExitCode::from(exit_status(err.fault))
        }
    }
}

/// The exit status of each fault, as `--help` documents it.
fn exit_status(fault: Fault) -> u8 {
    match fault {
        Fault::Io => 1,
        Fault::Usage => 2,
        Fault::Policy => 3,
        Fault::Facts => 4,
    }
}
