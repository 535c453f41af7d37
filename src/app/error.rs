//! Why a use case failed, as the command line needs to know it: which input
//! was at fault (so that it can pick an exit status), and every diagnostic.

use miette::{miette, Report, Severity};

use super::load::Broken;

/// Which input was at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    /// A file could not be read or written.
    Io,
    /// The command line asked for something that is not there.
    Usage,
    /// The policy was rejected.
    Policy,
    /// The facts were rejected.
    Facts,
}

/// A failed use case: the input at fault and every diagnostic found.
#[derive(Debug)]
pub struct Error {
    pub fault: Fault,
    pub diagnostics: Vec<Report>,
}

impl Error {
    pub fn new(fault: Fault, diagnostics: Vec<Report>) -> Error {
        Error { fault, diagnostics }
    }

    pub fn io(message: String) -> Error {
        Error { fault: Fault::Io, diagnostics: vec![miette::miette!("{message}")] }
    }

    /// Join another failure's diagnostics to this one; the fault of the
    /// earlier stage (reading before the policy before the facts) wins.
    pub fn join(&mut self, other: Error) {
        self.fault = self.fault.min(other.fault);
        self.diagnostics.extend(other.diagnostics);
    }
}

// ---------------------------------------------------------------------------
// The use cases' own messages, all in one place: what a command line asked
// for that is not there, or a file that is the wrong kind for the command.
// ---------------------------------------------------------------------------

impl Error {
    fn one(fault: Fault, report: Report) -> Error {
        Error { fault, diagnostics: vec![report] }
    }

    /// `kaohe man NAME` of a subcommand that does not exist.
    pub fn unknown_subcommand(name: &str, known: &[&str]) -> Error {
        Error::one(
            Fault::Usage,
            miette::miette!(help = format!("the subcommands are: {}", known.join(", ")), "no subcommand `{name}`"),
        )
    }
}

impl Error {
    /// The version a run needs did not load (`needed`: `is in force for
    /// 2027-Q1`, `is the newest`): its own errors follow (with the first
    /// such error only).
    pub fn version_in_force_rejected(broken: &mut Broken, needed: &str) -> Error {
        let lead = match broken.effective {
            Some(_) => miette!(
                help = "fix its errors (below), or move the version out of the policy directory",
                "policy version `{}` {needed}, but it was rejected",
                broken.describe()
            ),
            None => miette!(
                help = "kaohe cannot tell when it takes effect, so it may be the one in force: fix its errors (below), or move it out of the policy directory",
                "policy version `{}` was rejected, and its effective date could not be read",
                broken.describe()
            ),
        };
        let mut diagnostics = vec![lead];
        diagnostics.append(&mut broken.error.diagnostics);
        Error { fault: broken.error.fault, diagnostics }
    }

    /// A warning: a version that did not load, and was not needed.
    pub fn version_skipped(broken: &Broken, dir: &std::path::Path) -> Report {
        miette!(
            severity = Severity::Warning,
            help = format!("`kaohe check --policy {}` shows its errors", dir.display()),
            "policy version `{}` was rejected and skipped; it is not in force for this run",
            broken.describe()
        )
    }
}

impl Error {
    /// `kaohe eval` (or `explain`, `diff`) of a year's facts file.
    pub fn year_not_quarter(file: &str, year: i32) -> Error {
        Error::one(
            Fault::Facts,
            miette!(
                help = format!(
                    "a quarter's file has a period like `{year}-Q3`; a year is rolled up from its quarterly files by `kaohe annual --policy DIR --facts {year}-Q1.json {year}-Q2.json {year}-Q3.json {year}-Q4.json`"
                ),
                "`{file}` holds the year {year}, but this command scores one quarter"
            ),
        )
    }
}

impl Error {
    /// `--format json --out results.txt`.
    pub fn format_against_out(format: &str, out: &str, named: &str) -> Error {
        Error::one(
            Fault::Usage,
            miette!(
                help = "give one of the two: the extension of `--out` picks the format by itself",
                "`--format {format}` contradicts `--out {out}`, whose extension means `{named}`"
            ),
        )
    }

    /// `kaohe eval --out results.md`.
    pub fn format_not_offered(command: &str, out: &str, named: &str, offered: &[String]) -> Error {
        Error::one(
            Fault::Usage,
            miette!(
                help = format!("`kaohe {command}` writes {}", offered.join(" or ")),
                "`kaohe {command}` cannot write `{named}`, which the extension of `--out {out}` asks for"
            ),
        )
    }
}

impl Error {
    /// `kaohe explain --id` of an id or name no record has.
    pub fn unknown_record(wanted: &str, facts: &std::path::Path, suggestion: Option<&str>) -> Error {
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "give the id of a staff member or a window in the file, or a name only one of them has".into(),
        };
        Error::one(
            Fault::Usage,
            miette!(help = help, "no staff member or window has the id or name `{wanted}` in `{}`", facts.display()),
        )
    }

    /// `kaohe explain --id 张三` when several records have that name.
    pub fn ambiguous_name(wanted: &str, ids: &[&str]) -> Error {
        let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
        Error::one(
            Fault::Usage,
            miette!(
                help = format!("give one of their ids: {}", ids.join(", ")),
                "{} records are named `{wanted}`",
                ids.len()
            ),
        )
    }
}
