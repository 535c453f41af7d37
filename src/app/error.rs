//! Why a use case failed, as the command line needs to know it: which input
//! was at fault (so that it can pick an exit status), and every problem
//! found, each the typed error of the stage that found it. Below them, what
//! only the use cases themselves can say ([`AppError`]), in both languages.

use std::path::Path;

use crate::check::CheckError;
use crate::diagnostic::{Diagnostic, Lang, Located, Severity, Text};
use crate::facts::FactsError;
use crate::output::OutputError;
use crate::policy::VersionError;
use crate::source::{Named, ReadError, Span};
use crate::suggest::Suggestion;
use crate::syntax::{FormatError, SyntaxError};

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

/// A failed use case: the input at fault and every problem found.
#[derive(Debug)]
pub struct Error {
    pub fault: Fault,
    pub problems: Vec<Problem>,
}

impl Error {
    pub fn new(fault: Fault, problems: Vec<Problem>) -> Error {
        Error { fault, problems }
    }

    /// One problem.
    pub fn one(fault: Fault, problem: impl Into<Problem>) -> Error {
        Error { fault, problems: vec![problem.into()] }
    }

    /// Join another failure's problems to this one; the fault of the
    /// earlier stage (reading before the policy before the facts) wins.
    pub fn join(&mut self, other: Error) {
        self.fault = self.fault.min(other.fault);
        self.problems.extend(other.problems);
    }
}

/// One problem, from whichever stage found it.
#[derive(Debug)]
pub enum Problem {
    Read(ReadError),
    Syntax(Box<Located<SyntaxError>>),
    Format(FormatError),
    Check(Box<Located<CheckError>>),
    Version(VersionError),
    Facts(Box<Located<FactsError>>),
    Output(OutputError),
    App(Box<AppError>),
}

impl Problem {
    fn inner(&self) -> &dyn Diagnostic {
        match self {
            Problem::Read(e) => e,
            Problem::Syntax(e) => e.as_ref(),
            Problem::Format(e) => e,
            Problem::Check(e) => e.as_ref(),
            Problem::Version(e) => e,
            Problem::Facts(e) => e.as_ref(),
            Problem::Output(e) => e,
            Problem::App(e) => e.as_ref(),
        }
    }
}

impl Diagnostic for Problem {
    fn code(&self) -> &'static str {
        self.inner().code()
    }
    fn severity(&self) -> Severity {
        self.inner().severity()
    }
    fn text(&self, lang: Lang) -> Text {
        self.inner().text(lang)
    }
    fn source(&self) -> Option<&Named> {
        self.inner().source()
    }
    fn span(&self) -> Option<Span> {
        self.inner().span()
    }
    fn also(&self) -> Option<Span> {
        self.inner().also()
    }
    fn file(&self) -> Option<&str> {
        self.inner().file()
    }
}

impl From<ReadError> for Problem {
    fn from(e: ReadError) -> Problem {
        Problem::Read(e)
    }
}
impl From<Located<SyntaxError>> for Problem {
    fn from(e: Located<SyntaxError>) -> Problem {
        Problem::Syntax(Box::new(e))
    }
}
impl From<FormatError> for Problem {
    fn from(e: FormatError) -> Problem {
        Problem::Format(e)
    }
}
impl From<Located<CheckError>> for Problem {
    fn from(e: Located<CheckError>) -> Problem {
        Problem::Check(Box::new(e))
    }
}
impl From<VersionError> for Problem {
    fn from(e: VersionError) -> Problem {
        Problem::Version(e)
    }
}
impl From<Located<FactsError>> for Problem {
    fn from(e: Located<FactsError>) -> Problem {
        Problem::Facts(Box::new(e))
    }
}
impl From<OutputError> for Problem {
    fn from(e: OutputError) -> Problem {
        Problem::Output(e)
    }
}
impl From<AppError> for Problem {
    fn from(e: AppError) -> Problem {
        Problem::App(Box::new(e))
    }
}

/// Every problem of a list, as problems.
pub fn problems<E: Into<Problem>>(errors: impl IntoIterator<Item = E>) -> Vec<Problem> {
    errors.into_iter().map(Into::into).collect()
}

/// Which policy of `kaohe diff` a problem is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// `--from`, the policy in force.
    Old { from: String },
    /// `--to`, the proposed one.
    New { to: String },
    /// Both said the same.
    Both { from: String, to: String },
}

/// What the use cases themselves can say.
#[derive(Debug)]
pub enum AppError {
    /// `kaohe explain --id` names no record of the period.
    UnknownId { id: String, facts: String, suggestion: Option<Suggestion> },
    /// `kaohe doc --version` names no version.
    NoSuchVersion { dir: String, wanted: String, versions: Vec<String> },
    /// A policy directory that loaded but holds no version (never, in practice).
    NoVersion { dir: String },
    /// `kaohe annual`: a facts file whose period is a year, not a quarter.
    NotAQuarter { path: String, period: String },
    /// `kaohe annual`: quarters of two years.
    OtherYear { path: String, period: String, first: String, year: i32 },
    /// `kaohe annual`: one quarter given twice.
    QuarterTwice { first: String, second: String, period: String },
    /// A year no date can be made of.
    YearOutOfRange { year: i32 },
    /// `kaohe annual` with a version that has no `annual` block.
    NoAnnualRules { version: String },
    /// A problem of one side of `kaohe diff`, and the input it found at fault.
    Side { side: Side, fault: Fault, problem: Problem },
}

impl AppError {
    pub fn unknown_id(id: &str, facts: &Path, suggestion: Option<Suggestion>) -> AppError {
        AppError::UnknownId { id: id.to_string(), facts: facts.display().to_string(), suggestion }
    }
}

impl Diagnostic for AppError {
    fn code(&self) -> &'static str {
        match self {
            AppError::UnknownId { .. } => "kaohe::app::unknown_id",
            AppError::NoSuchVersion { .. } => "kaohe::app::no_such_version",
            AppError::NoVersion { .. } => "kaohe::app::no_version",
            AppError::NotAQuarter { .. } => "kaohe::app::not_a_quarter",
            AppError::OtherYear { .. } => "kaohe::app::other_year",
            AppError::QuarterTwice { .. } => "kaohe::app::quarter_twice",
            AppError::YearOutOfRange { .. } => "kaohe::app::year_out_of_range",
            AppError::NoAnnualRules { .. } => "kaohe::app::no_annual_rules",
            AppError::Side { problem, .. } => problem.code(),
        }
    }

    fn text(&self, lang: Lang) -> Text {
        match self {
            AppError::UnknownId { id, facts, suggestion } => Text::new(lang.pick(
                format!("`{facts}` 中没有编号为 `{id}` 的工作人员或窗口"),
                format!("no staff member or window has id `{id}` in `{facts}`"),
            ))
            .help_if(suggestion.as_ref().map(|s| s.help(lang))),
            AppError::NoSuchVersion { dir, wanted, versions } => Text::new(
                lang.pick(format!("`{dir}` 中没有版本 `{wanted}`"), format!("`{dir}` has no version `{wanted}`")),
            )
            .help(lang.pick(
                format!("现有版本：\n{}", versions.join("\n")),
                format!("its versions are:\n{}", versions.join("\n")),
            )),
            AppError::NoVersion { dir } => Text::new(
                lang.pick(format!("`{dir}` 中的政策没有任何版本"), format!("the policy in `{dir}` has no version")),
            ),
            AppError::NotAQuarter { path, period } => Text::new(lang.pick(
                format!("`{path}` 的考核期是 {period}，不是一个季度"),
                format!("`{path}` covers {period}, not a quarter"),
            ))
            .help(lang.pick(
                "请给出该年各季度的事实文件，考核期写作 `2026-Q1` 这样",
                "give the year's quarterly files, each with a period like `2026-Q1`",
            )),
            AppError::OtherYear { path, period, first, year } => Text::new(lang.pick(
                format!("`{path}` 是 {period}，而 `{first}` 属于 {year} 年"),
                format!("`{path}` is {period}, but `{first}` is in {year}"),
            ))
            .help(lang.pick("年度汇总只取同一年的各季度", "an annual roll-up takes the quarters of one year")),
            AppError::QuarterTwice { first, second, period } => Text::new(lang.pick(
                format!("`{first}` 和 `{second}` 都是 {period}"),
                format!("`{first}` and `{second}` are both {period}"),
            ))
            .help(lang.pick("每个季度只给一次", "give each quarter once")),
            AppError::YearOutOfRange { year } => {
                Text::new(lang.pick(format!("年份 {year} 超出范围"), format!("year {year} is out of range")))
            }
            AppError::NoAnnualRules { version } => Text::new(lang.pick(
                format!("政策 {version} 没有年度考核的规定"),
                format!("policy {version} says nothing about the year"),
            ))
            .help(lang.pick(
                "在考核对象中加一段 `annual { total mean of quarters, rounded to 2 places [第十二条] … }`",
                "add an `annual { total mean of quarters, rounded to 2 places [第十二条] … }` block to a subject",
            )),
            AppError::Side { side, fault, problem } => {
                let mut text = problem.text(lang);
                text.context = Some(side_text(lang, side, *fault));
                text
            }
        }
    }

    fn source(&self) -> Option<&Named> {
        match self {
            AppError::Side { problem, .. } => problem.source(),
            _ => None,
        }
    }

    fn span(&self) -> Option<Span> {
        match self {
            AppError::Side { problem, .. } => problem.span(),
            _ => None,
        }
    }

    fn also(&self) -> Option<Span> {
        match self {
            AppError::Side { problem, .. } => problem.also(),
            _ => None,
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            AppError::UnknownId { facts, .. } => Some(facts),
            AppError::NoSuchVersion { dir, .. } | AppError::NoVersion { dir } => Some(dir),
            AppError::NotAQuarter { path, .. } | AppError::OtherYear { path, .. } => Some(path),
            AppError::QuarterTwice { second, .. } => Some(second),
            AppError::Side { problem, .. } => problem.file(),
            AppError::YearOutOfRange { .. } | AppError::NoAnnualRules { .. } => None,
        }
    }
}

/// `the old policy (--from …) rejects the facts`, and the like.
fn side_text(lang: Lang, side: &Side, fault: Fault) -> String {
    let (zh, en, one) = match side {
        Side::Old { from } => (format!("旧政策（--from {from}）"), format!("the old policy (--from {from})"), true),
        Side::New { to } => (format!("新政策（--to {to}）"), format!("the new policy (--to {to})"), true),
        Side::Both { from, to } => (
            format!("两个政策（--from {from}，--to {to}）"),
            format!("both policies (--from {from}, --to {to})"),
            false,
        ),
    };
    match (fault, one) {
        (Fault::Facts, true) => lang.pick(format!("{zh}不接受这些事实"), format!("{en} rejects the facts")),
        (Fault::Facts, false) => lang.pick(format!("{zh}都不接受这些事实"), format!("{en} reject the facts")),
        (Fault::Policy, true) => lang.pick(format!("{zh}未通过检查"), format!("{en} is rejected")),
        (Fault::Policy, false) => lang.pick(format!("{zh}都未通过检查"), format!("{en} are rejected")),
        (Fault::Io | Fault::Usage, _) => lang.pick(zh, en),
    }
}
