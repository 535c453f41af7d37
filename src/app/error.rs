//! Why a use case failed, as the command line needs to know it: which input
//! was at fault (so that it can pick an exit status), and every problem
//! found, each the typed error of the stage that found it. Below them, what
//! only the use cases themselves can say ([`AppError`]), in both languages.

use std::path::Path;

use super::load::Broken;
use crate::check::{CheckError, Warning};
use crate::facts::FactsError;
use crate::facts::Period;
use crate::output::OutputError;
use crate::policy::VersionError;
use crate::source::diagnostic::{Diagnostic, Lang, Located, Severity, Text};
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
    /// A warning of `kaohe check`'s lints.
    Lint(Box<Located<Warning>>),
    App(Box<AppError>),
    Records(Box<crate::records::RecordsError>),
    Sheet(Box<crate::facts::sheet::SheetError>),
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
            Problem::Lint(e) => e.as_ref(),
            Problem::App(e) => e.as_ref(),
            Problem::Records(e) => e.as_ref(),
            Problem::Sheet(e) => e.as_ref(),
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
    fn cell(&self) -> Option<(u32, Option<u32>)> {
        self.inner().cell()
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
impl From<Located<Warning>> for Problem {
    fn from(e: Located<Warning>) -> Problem {
        Problem::Lint(Box::new(e))
    }
}
impl From<crate::records::RecordsError> for Problem {
    fn from(e: crate::records::RecordsError) -> Problem {
        Problem::Records(Box::new(e))
    }
}
impl From<crate::facts::sheet::SheetError> for Problem {
    fn from(e: crate::facts::sheet::SheetError) -> Problem {
        Problem::Sheet(Box::new(e))
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
pub enum DiffSide {
    /// `--from`, the policy in force.
    Old { from: String },
    /// `--to`, the proposed one.
    New { to: String },
    /// Both said the same.
    Both { from: String, to: String },
}

/// A policy version as a message names it: its directory, and the day it
/// takes effect when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionName {
    pub dir: String,
    pub effective: Option<chrono::NaiveDate>,
}

impl VersionName {
    pub fn of(dir: &Path, effective: Option<chrono::NaiveDate>) -> VersionName {
        VersionName { dir: dir.display().to_string(), effective }
    }

    /// `` `policies/luoshan/2027`（2027-01-01 施行）`` or
    /// `` `policies/luoshan/2027 (effective 2027-01-01)` ``
    fn text(&self, lang: Lang) -> String {
        let dir = &self.dir;
        match (self.effective, lang) {
            (Some(date), Lang::Zh) => format!("`{dir}`（{date} 施行）"),
            (Some(date), Lang::En) => format!("`{dir} (effective {date})`"),
            (None, _) => format!("`{dir}`"),
        }
    }
}

/// What could not be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    Page,
    Ledger,
    Workbook,
}

/// What a month's facts have not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthLacks {
    Ledger,
    Workbook,
}

/// Why a run needed a version that was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needed {
    /// It is in force for the period scored.
    InForce { period: String },
    /// It is the newest, which reads a file without a period.
    Newest,
    /// `kaohe doc --all`
    All,
    /// `kaohe doc --version WANTED`
    Asked { wanted: String },
}

/// What the use cases themselves can say.
#[derive(Debug)]
pub enum AppError {
    /// `kaohe explain --id` names no record of the period, by id or name.
    UnknownRecord { wanted: String, facts: String, suggestion: Option<Suggestion> },
    /// `kaohe explain --id NAME` when several records have that name.
    AmbiguousName { wanted: String, ids: Vec<String> },
    /// `kaohe doc --version` names no version.
    NoSuchVersion { dir: String, wanted: String, versions: Vec<VersionName> },
    /// The version a run needs was rejected; its own errors follow.
    VersionRejected { version: VersionName, needed: Needed },
    /// A warning: a version that was rejected, and not needed by this run.
    VersionSkipped { version: VersionName, dir: String },
    /// `kaohe eval` (or `explain`, `diff`) of a year's facts file.
    YearNotQuarter { file: String, year: i32 },
    /// `kaohe annual`: a facts file whose period is a year, not a quarter.
    NotAQuarter { path: String, period: String },
    /// `kaohe annual`: quarters of two years.
    OtherYear { path: String, period: String, first: String, year: i32 },
    /// `kaohe annual`: one quarter given twice.
    QuarterTwice { first: String, second: String, period: String },
    /// A year no date can be made of.
    YearOutOfRange { year: i32 },
    /// `kaohe annual` with a version that has no `annual` block.
    NoAnnualRules { version: VersionName },
    /// `--format json --out results.txt`: `named` is the format the extension means.
    FormatAgainstOut { format: String, out: String, named: String },
    /// `kaohe eval --out results.md`: `offered`, what the command writes.
    FormatNotOffered { command: String, out: String, named: String, offered: Vec<String> },
    /// `kaohe man NAME` of a subcommand that does not exist.
    UnknownSubcommand { name: String, known: Vec<String> },
    /// The manual page could not be made.
    Manual { reason: crate::source::IoReason },
    /// `eval`, `explain` or `diff` given a month's facts file (for the
    /// 考勤通报): the assessment is by quarter.
    MonthNotQuarter { file: String, month: Period },
    /// `kaohe report` without `--facts`.
    NoFacts,
    /// A page, a ledger or a workbook that could not be made: `reason`,
    /// the renderer's own words, when it gave some.
    NotMade { what: Made, reason: Option<String> },
    /// A month asked for what only a scored period has.
    MonthHas { not: MonthLacks },
    /// A PDF or a workbook asked for on a terminal.
    NotForTerminal,
    /// `--window` names no window of the period.
    UnknownWindow { wanted: String, suggestion: Option<Suggestion> },
    /// A problem of one side of `kaohe diff`, and the input it found at fault.
    Side { side: DiffSide, fault: Fault, problem: Problem },
    /// `kaohe gather --period` that is not a quarter or a month.
    NotAPeriod { text: String, year: bool },
    /// A period no date can be made of.
    PeriodOutOfRange { period: String },
    /// `kaohe template --out` that is not an `.xlsx` file.
    TemplateNotXlsx { out: String },
    /// A command line the parser refused: what was wrong with it, and the
    /// usage of the (sub)command it was for (`kaohe eval --policy <DIR>
    /// --facts <FILE>`), when known.
    CommandLine { wrong: CommandLine, usage: Option<String> },
}

/// What is wrong with a command line, as the argument parser found it (the
/// CLI reads it out of clap's error; the library knows no clap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandLine {
    /// `--polcy`, or a word where none is expected (`kaohe eval x.json`).
    UnknownArgument { given: String, suggestion: Option<String> },
    /// `kaohe evl`: the subcommands it may be, and all of them.
    UnknownCommand { given: String, suggestions: Vec<String>, known: Vec<String> },
    /// `--format xml`: the values it may take, and the nearest.
    BadValue { option: String, given: String, possible: Vec<String>, suggestion: Option<String> },
    /// `--policy` at the end of the line, or `--policy=`.
    NoValue { option: String },
    /// Required options not given: `--policy <DIR>`.
    Missing { options: Vec<String> },
    /// `--id S1 --id S2` (`with` is the option itself), or two options
    /// that exclude each other.
    Conflict { option: String, with: Option<String> },
    /// A second value for an option that takes one.
    TooMany { option: String, given: String },
    /// A value the option's own parser refused, in the parser's words.
    Invalid { option: String, given: String, reason: Option<String> },
    /// An argument that is not UTF-8.
    NotUtf8,
    /// Anything else, in the parser's own (English) words.
    Other { words: String },
}

impl Error {
    /// The version a run needs did not load: its own errors follow.
    pub fn version_in_force_rejected(broken: &mut Broken, needed: Needed) -> Error {
        let version = VersionName::of(&broken.dir, broken.effective);
        let mut problems = vec![AppError::VersionRejected { version, needed }.into()];
        problems.append(&mut broken.error.problems);
        Error { fault: broken.error.fault, problems }
    }

    /// A warning: a version that did not load, and was not needed.
    pub fn version_skipped(broken: &Broken, dir: &Path) -> Problem {
        let version = VersionName::of(&broken.dir, broken.effective);
        AppError::VersionSkipped { version, dir: dir.display().to_string() }.into()
    }

    /// `kaohe eval` (or `explain`, `diff`) of a year's facts file.
    pub fn year_not_quarter(file: &str, year: i32) -> Error {
        Error::one(Fault::Facts, AppError::YearNotQuarter { file: file.to_string(), year })
    }

    pub fn month_not_quarter(file: &str, month: Period) -> Error {
        Error::one(Fault::Facts, AppError::MonthNotQuarter { file: file.to_string(), month })
    }

    /// `--format json --out results.txt`.
    pub fn format_against_out(format: &str, out: &str, named: &str) -> Error {
        let error = AppError::FormatAgainstOut { format: format.into(), out: out.into(), named: named.into() };
        Error::one(Fault::Usage, error)
    }

    /// `kaohe eval --out results.md`.
    pub fn format_not_offered(command: &str, out: &str, named: &str, offered: &[String]) -> Error {
        let error = AppError::FormatNotOffered {
            command: command.into(),
            out: out.into(),
            named: named.into(),
            offered: offered.to_vec(),
        };
        Error::one(Fault::Usage, error)
    }

    /// `kaohe explain --id` of an id or name no record has.
    pub fn unknown_record(wanted: &str, facts: &Path, suggestion: Option<Suggestion>) -> Error {
        let facts = facts.display().to_string();
        Error::one(Fault::Usage, AppError::UnknownRecord { wanted: wanted.to_string(), facts, suggestion })
    }

    /// `kaohe explain --id 张三` when several records have that name.
    pub fn ambiguous_name(wanted: &str, ids: &[&str]) -> Error {
        let ids = ids.iter().map(|id| id.to_string()).collect();
        Error::one(Fault::Usage, AppError::AmbiguousName { wanted: wanted.to_string(), ids })
    }

    /// `kaohe man NAME` of a subcommand that does not exist.
    pub fn unknown_subcommand(name: &str, known: &[&str]) -> Error {
        let known = known.iter().map(|k| k.to_string()).collect();
        Error::one(Fault::Usage, AppError::UnknownSubcommand { name: name.to_string(), known })
    }
}

impl Diagnostic for AppError {
    fn code(&self) -> &'static str {
        match self {
            AppError::UnknownRecord { .. } => "kaohe::app::unknown_record",
            AppError::AmbiguousName { .. } => "kaohe::app::ambiguous_name",
            AppError::NoSuchVersion { .. } => "kaohe::app::no_such_version",
            AppError::VersionRejected { .. } => "kaohe::app::version_rejected",
            AppError::VersionSkipped { .. } => "kaohe::app::version_skipped",
            AppError::YearNotQuarter { .. } => "kaohe::app::year_not_quarter",
            AppError::NotAQuarter { .. } => "kaohe::app::not_a_quarter",
            AppError::OtherYear { .. } => "kaohe::app::other_year",
            AppError::QuarterTwice { .. } => "kaohe::app::quarter_twice",
            AppError::YearOutOfRange { .. } => "kaohe::app::year_out_of_range",
            AppError::NoAnnualRules { .. } => "kaohe::app::no_annual_rules",
            AppError::FormatAgainstOut { .. } => "kaohe::app::format_against_out",
            AppError::FormatNotOffered { .. } => "kaohe::app::format_not_offered",
            AppError::UnknownSubcommand { .. } => "kaohe::app::unknown_subcommand",
            AppError::Manual { .. } => "kaohe::app::manual",
            AppError::MonthNotQuarter { .. } => "kaohe::app::month_not_quarter",
            AppError::NoFacts => "kaohe::app::no_facts",
            AppError::NotMade { .. } => "kaohe::app::not_made",
            AppError::MonthHas { .. } => "kaohe::app::month_has_not",
            AppError::NotForTerminal => "kaohe::app::not_for_terminal",
            AppError::UnknownWindow { .. } => "kaohe::app::unknown_window",
            AppError::NotAPeriod { .. } => "kaohe::app::not_a_period",
            AppError::PeriodOutOfRange { .. } => "kaohe::app::period_out_of_range",
            AppError::TemplateNotXlsx { .. } => "kaohe::app::template_not_xlsx",
            AppError::CommandLine { wrong, .. } => wrong.code(),
            AppError::Side { problem, .. } => problem.code(),
        }
    }

    fn severity(&self) -> Severity {
        match self {
            AppError::VersionSkipped { .. } => Severity::Warning,
            AppError::Side { problem, .. } => problem.severity(),
            _ => Severity::Error,
        }
    }

    fn text(&self, lang: Lang) -> Text {
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let p = |zh: &'static str, en: &'static str| lang.pick(zh, en);
        match self {
            AppError::UnknownRecord { wanted, facts, suggestion } => t(
                format!("`{facts}` 中没有编号或姓名为 `{wanted}` 的工作人员或窗口"),
                format!("no staff member or window has the id or name `{wanted}` in `{facts}`"),
            )
            .help(suggestion.as_ref().map(|s| s.help(lang)).unwrap_or_else(|| {
                p(
                    "请给出文件中某位工作人员或某个窗口的编号，或者只有一条记录用的姓名",
                    "give the id of a staff member or a window in the file, or a name only one of them has",
                )
                .to_string()
            })),
            AppError::AmbiguousName { wanted, ids } => {
                let list = crate::source::diagnostic::list(lang, ids.iter().map(String::as_str));
                t(
                    format!("有 {} 条记录名为 `{wanted}`", ids.len()),
                    format!("{} records are named `{wanted}`", ids.len()),
                )
                .help(lang.pick(format!("请给出其中一条的编号：{list}"), format!("give one of their ids: {list}")))
            }
            AppError::NoSuchVersion { dir, wanted, versions } => {
                let versions: Vec<String> = versions.iter().map(|v| v.text(lang)).collect();
                let versions = versions.join("\n");
                t(format!("`{dir}` 中没有版本 `{wanted}`"), format!("`{dir}` has no version `{wanted}`"))
                    .help(lang.pick(format!("现有版本：\n{versions}"), format!("its versions are:\n{versions}")))
            }
            AppError::VersionRejected { version, needed } => {
                let name = version.text(lang);
                if version.effective.is_none() {
                    return t(
                        format!("政策版本 {name} 没有通过检查，也读不出它的施行日期"),
                        format!("policy version {name} was rejected, and its effective date could not be read"),
                    )
                    .help(p(
                        "kaohe 不知道它何时施行，它可能就是正在施行的版本：改正它的错误（见下），或者把它移出政策目录",
                        "kaohe cannot tell when it takes effect, so it may be the one in force: fix its errors (below), or move it out of the policy directory",
                    ));
                }
                let (zh, en) = match needed {
                    Needed::InForce { period } => (format!("在 {period} 施行"), format!("is in force for {period}")),
                    Needed::Newest => ("是最新的版本".to_string(), "is the newest".to_string()),
                    Needed::All => ("在 `--all` 之列".to_string(), "is one of `--all`".to_string()),
                    Needed::Asked { wanted } => (
                        format!("正是 `--version {wanted}` 要的版本"),
                        format!("is the one `--version {wanted}` asks for"),
                    ),
                };
                t(
                    format!("政策版本 {name} {zh}，但它没有通过检查"),
                    format!("policy version {name} {en}, but it was rejected"),
                )
                .help(p(
                    "改正它的错误（见下），或者把这个版本移出政策目录",
                    "fix its errors (below), or move the version out of the policy directory",
                ))
            }
            AppError::VersionSkipped { version, dir } => {
                let name = version.text(lang);
                t(
                    format!("政策版本 {name} 没有通过检查，已跳过；本次运行用不到它"),
                    format!("policy version {name} was rejected and skipped; it is not in force for this run"),
                )
                .help(lang.pick(
                    format!("`kaohe check --policy {dir}` 会列出它的错误"),
                    format!("`kaohe check --policy {dir}` shows its errors"),
                ))
            }
            AppError::YearNotQuarter { file, year } => {
                let annual = format!(
                    "`kaohe annual --policy DIR --facts {year}-Q1.json {year}-Q2.json {year}-Q3.json {year}-Q4.json`"
                );
                t(
                    format!("`{file}` 是 {year} 年全年的事实，而这个命令只计一个季度"),
                    format!("`{file}` holds the year {year}, but this command scores one quarter"),
                )
                .help(lang.pick(
                    format!("季度的事实文件，考核期写作 `{year}-Q3` 这样；全年由各季度的文件汇总：{annual}"),
                    format!("a quarter's file has a period like `{year}-Q3`; a year is rolled up from its quarterly files by {annual}"),
                ))
            }
            AppError::NotAQuarter { path, period } => t(
                format!("`{path}` 的考核期是 {period}，不是一个季度"),
                format!("`{path}` covers {period}, not a quarter"),
            )
            .help(p(
                "请给出该年各季度的事实文件，考核期写作 `2026-Q1` 这样",
                "give the year's quarterly files, each with a period like `2026-Q1`",
            )),
            AppError::OtherYear { path, period, first, year } => t(
                format!("`{path}` 是 {period}，而 `{first}` 属于 {year} 年"),
                format!("`{path}` is {period}, but `{first}` is in {year}"),
            )
            .help(p("年度汇总只取同一年的各季度", "an annual roll-up takes the quarters of one year")),
            AppError::QuarterTwice { first, second, period } => t(
                format!("`{first}` 和 `{second}` 都是 {period}"),
                format!("`{first}` and `{second}` are both {period}"),
            )
            .help(p("每个季度只给一次", "give each quarter once")),
            AppError::YearOutOfRange { year } => {
                t(format!("年份 {year} 超出范围"), format!("year {year} is out of range"))
            }
            AppError::NoAnnualRules { version } => {
                let name = version.text(lang);
                t(format!("政策 {name} 没有年度考核的规定"), format!("policy {name} says nothing about the year"))
                    .help(p(
                    "在考核对象中加一段 `annual { total mean of quarters, rounded to 2 places [第十二条] … }`",
                    "add an `annual { total mean of quarters, rounded to 2 places [第十二条] … }` block to a subject",
                ))
            }
            AppError::FormatAgainstOut { format, out, named } => t(
                format!("`--format {format}` 与 `--out {out}` 矛盾：它的扩展名表示 `{named}`"),
                format!("`--format {format}` contradicts `--out {out}`, whose extension means `{named}`"),
            )
            .help(p(
                "两者只给一个：`--out` 的扩展名本身就决定了格式",
                "give one of the two: the extension of `--out` picks the format by itself",
            )),
            AppError::FormatNotOffered { command, out, named, offered } => t(
                format!("`kaohe {command}` 不能写出 `--out {out}` 的扩展名所要求的 `{named}`"),
                format!("`kaohe {command}` cannot write `{named}`, which the extension of `--out {out}` asks for"),
            )
            .help(lang.pick(
                format!("`kaohe {command}` 能写出 {}", offered.join(" 或 ")),
                format!("`kaohe {command}` writes {}", offered.join(" or ")),
            )),
            AppError::UnknownSubcommand { name, known } => {
                t(format!("没有子命令 `{name}`"), format!("no subcommand `{name}`")).help(lang.pick(
                    format!("子命令有：{}", known.join("、")),
                    format!("the subcommands are: {}", known.join(", ")),
                ))
            }
            AppError::Manual { reason } => {
                let reason = reason.text(lang);
                t(format!("无法生成手册页：{reason}"), format!("cannot make the manual page: {reason}"))
            }
            AppError::MonthNotQuarter { file, month } => {
                let quarter = match *month {
                    Period::Month { year, month } => format!("{year}-Q{}", month.div_ceil(3)),
                    other => other.to_string(),
                };
                t(
                    format!("`{file}` 是 {month} 一个月的事实，而考核按季度进行（第十一条）"),
                    format!("`{file}` holds the month {month}, but the assessment is by quarter"),
                )
                .help(lang.pick(
                    format!("一个月的事实用于《考勤通报》：`kaohe report --policy DIR --facts {file}`；季度的事实由 `kaohe gather --period {quarter}` 得出"),
                    format!("a month's facts make its 考勤通报: `kaohe report --policy DIR --facts {file}`; a quarter's facts come from `kaohe gather --period {quarter}`"),
                ))
            }
            AppError::NoFacts => {
                Text::new(p("请用 `--facts FILE` 给出考核期的事实", "give the period's facts with `--facts FILE`"))
            }
            AppError::NotMade { what, reason } => {
                let (zh, en) = match what {
                    Made::Page => ("页面", "the page"),
                    Made::Ledger => ("台账", "a ledger"),
                    Made::Workbook => ("工作簿", "the workbook"),
                };
                match reason {
                    Some(reason) => t(format!("无法生成{zh}：{reason}"), format!("cannot make {en}: {reason}")),
                    None => t(format!("无法生成{zh}"), format!("cannot make {en}")),
                }
            }
            AppError::MonthHas { not: MonthLacks::Ledger } => Text::new(p(
                "一个月的事实不计分，所以没有台账",
                "a month's facts are not scored, so they have no ledger",
            ))
            .help(p(
                "用这个月的文件运行 `kaohe report --facts` 得到它的《考勤通报》；台账请对季度或年度查看",
                "`kaohe report --facts` with the month's file makes its 《考勤通报》; explain a quarter or a year",
            )),
            AppError::MonthHas { not: MonthLacks::Workbook } => {
                Text::new(p("一个月的考勤通报没有工作簿", "a month's 考勤通报 has no workbook"))
                    .help(p("写成 `.html` 或 `.pdf`", "write it as `.html` or `.pdf`"))
            }
            AppError::NotForTerminal => {
                Text::new(p("PDF 或工作簿不能显示在终端上", "a PDF or a workbook is not for a terminal"))
                    .help(p("用 `--out FILE` 写到文件", "write it to a file with `--out FILE`"))
            }
            AppError::UnknownWindow { wanted, suggestion } => {
                t(format!("没有编号为 `{wanted}` 的窗口"), format!("no window has id `{wanted}`"))
                    .help_if(suggestion.as_ref().map(|s| s.help(lang)))
            }
            AppError::Side { side, fault, problem } => {
                let mut text = problem.text(lang);
                text.context = Some(side_text(lang, side, *fault));
                text
            }
            AppError::NotAPeriod { text, year: false } => t(
                format!("`--period {text}` 不是季度，也不是月份"),
                format!("`--period {text}` is not a quarter or a month"),
            )
            .help(p(
                "季度写作 `2026-Q3`，月份写作 `2026-07`",
                "write a quarter like `2026-Q3`, or a month like `2026-07`",
            )),
            AppError::NotAPeriod { text, year: true } => t(
                format!("`--period {text}` 不是季度、年度或月份"),
                format!("`--period {text}` is not a quarter, a year or a month"),
            )
            .help(p(
                "季度写作 `2026-Q4`，年度写作 `2026`，月份写作 `2026-10`",
                "write a quarter like `2026-Q4`, a year like `2026`, or a month like `2026-10`",
            )),
            AppError::PeriodOutOfRange { period } => {
                t(format!("考核期 {period} 超出范围"), format!("period {period} is out of range"))
            }
            AppError::TemplateNotXlsx { out } => t(
                format!("`--out {out}`：模板是 .xlsx 工作簿"),
                format!("`--out {out}`: the template is an .xlsx workbook"),
            )
            .help(p(
                "文件名写成 `2026-Q4.xlsx` 这样：表格软件按扩展名打开它",
                "name it like `2026-Q4.xlsx`: spreadsheet programs open it by its extension",
            )),
            AppError::CommandLine { wrong, usage } => wrong.text(lang, usage.as_deref()),
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

    fn cell(&self) -> Option<(u32, Option<u32>)> {
        match self {
            AppError::Side { problem, .. } => problem.cell(),
            _ => None,
        }
    }

    fn file(&self) -> Option<&str> {
        match self {
            AppError::UnknownRecord { facts, .. } => Some(facts),
            AppError::NoSuchVersion { dir, .. } => Some(dir),
            AppError::VersionRejected { version, .. } | AppError::VersionSkipped { version, .. } => Some(&version.dir),
            AppError::NoAnnualRules { version } => Some(&version.dir),
            AppError::YearNotQuarter { file, .. } => Some(file),
            AppError::NotAQuarter { path, .. } | AppError::OtherYear { path, .. } => Some(path),
            AppError::QuarterTwice { second, .. } => Some(second),
            AppError::FormatAgainstOut { out, .. } | AppError::FormatNotOffered { out, .. } => Some(out),
            AppError::Side { problem, .. } => problem.file(),
            AppError::MonthNotQuarter { file, .. } => Some(file),
            AppError::AmbiguousName { .. }
            | AppError::YearOutOfRange { .. }
            | AppError::UnknownSubcommand { .. }
            | AppError::Manual { .. }
            | AppError::NoFacts
            | AppError::NotMade { .. }
            | AppError::MonthHas { .. }
            | AppError::NotForTerminal
            | AppError::UnknownWindow { .. }
            | AppError::NotAPeriod { .. }
            | AppError::PeriodOutOfRange { .. }
            | AppError::CommandLine { .. } => None,
            AppError::TemplateNotXlsx { out } => Some(out),
        }
    }
}

impl CommandLine {
    fn code(&self) -> &'static str {
        match self {
            CommandLine::UnknownArgument { .. } => "kaohe::cli::unknown_argument",
            CommandLine::UnknownCommand { .. } => "kaohe::cli::unknown_command",
            CommandLine::BadValue { .. } => "kaohe::cli::bad_value",
            CommandLine::NoValue { .. } => "kaohe::cli::no_value",
            CommandLine::Missing { .. } => "kaohe::cli::missing",
            CommandLine::Conflict { .. } => "kaohe::cli::conflict",
            CommandLine::TooMany { .. } => "kaohe::cli::too_many",
            CommandLine::Invalid { .. } => "kaohe::cli::invalid",
            CommandLine::NotUtf8 => "kaohe::cli::not_utf8",
            CommandLine::Other { .. } => "kaohe::cli::other",
        }
    }

    /// The words, with how to write the command (its usage) under the
    /// advice particular to the mistake.
    fn text(&self, lang: Lang, usage: Option<&str>) -> Text {
        use crate::source::diagnostic::list;
        let t = |zh: String, en: String| Text::new(lang.pick(zh, en));
        let did_you_mean = |name: &str| lang.pick(format!("是不是 `{name}`？"), format!("did you mean `{name}`?"));
        let (text, advice) = match self {
            CommandLine::UnknownArgument { given, suggestion } if given.starts_with('-') => (
                t(format!("没有选项 `{given}`"), format!("no option `{given}`")),
                suggestion.as_deref().map(did_you_mean),
            ),
            CommandLine::UnknownArgument { given, .. } => (
                t(format!("多余的参数 `{given}`"), format!("unexpected argument `{given}`")),
                Some(lang.pick(
                    "每个文件都要跟在它的选项后面，如 `--facts 2026-Q3.json`".to_string(),
                    "every file follows its option, as in `--facts 2026-Q3.json`".to_string(),
                )),
            ),
            CommandLine::UnknownCommand { given, suggestions, known } => {
                let advice = match suggestions.as_slice() {
                    [one] => did_you_mean(one),
                    [] => lang.pick(
                        format!("子命令有：{}", list(lang, known.iter().map(String::as_str))),
                        format!("the subcommands are: {}", list(lang, known.iter().map(String::as_str))),
                    ),
                    many => {
                        let many = list(lang, many.iter().map(String::as_str));
                        lang.pick(format!("是不是 {many} 之一？"), format!("did you mean one of {many}?"))
                    }
                };
                (t(format!("没有子命令 `{given}`"), format!("no subcommand `{given}`")), Some(advice))
            }
            CommandLine::BadValue { option, given, possible, suggestion } => {
                let choices = list(lang, possible.iter().map(String::as_str));
                let mut advice = lang.pick(format!("可取的值：{choices}"), format!("the values it takes: {choices}"));
                if let Some(near) = suggestion {
                    advice =
                        lang.pick(format!("{advice}；是不是 `{near}`？"), format!("{advice}; did you mean `{near}`?"));
                }
                let text = t(format!("`{option}` 不能取 `{given}`"), format!("`{option}` cannot be `{given}`"));
                (text, (!possible.is_empty()).then_some(advice))
            }
            CommandLine::NoValue { option } => {
                (t(format!("`{option}` 后面缺少值"), format!("`{option}` needs a value")), None)
            }
            CommandLine::Missing { options } => {
                let options = list(lang, options.iter().map(String::as_str));
                (t(format!("缺少必需的选项：{options}"), format!("required options are missing: {options}")), None)
            }
            CommandLine::Conflict { option, with: None } => (
                t(format!("`{option}` 不能与其他选项同用"), format!("`{option}` cannot be used with the others")),
                None,
            ),
            CommandLine::Conflict { option, with: Some(with) } if with == option => {
                (t(format!("`{option}` 只能给一次"), format!("`{option}` can be given only once")), None)
            }
            CommandLine::Conflict { option, with: Some(with) } => (
                t(format!("`{option}` 不能与 `{with}` 同用"), format!("`{option}` cannot be used with `{with}`")),
                None,
            ),
            CommandLine::TooMany { option, given } => (
                t(
                    format!("`{option}` 只取一个值，`{given}` 是多出来的"),
                    format!("`{option}` takes one value; `{given}` is one too many"),
                ),
                None,
            ),
            CommandLine::Invalid { option, given, reason } => {
                let text = t(format!("`{option}` 不能取 `{given}`"), format!("`{option}` cannot be `{given}`"));
                (text, reason.clone())
            }
            CommandLine::NotUtf8 => (
                t(
                    "命令行中有参数不是 UTF-8 文本".to_string(),
                    "an argument of the command line is not UTF-8".to_string(),
                ),
                Some(lang.pick("文件名请用 UTF-8 编码".to_string(), "name the files in UTF-8".to_string())),
            ),
            CommandLine::Other { words } => {
                (t(format!("命令行有误：{words}"), format!("the command line is wrong: {words}")), None)
            }
        };
        let usage = usage.map(|usage| {
            let command: Vec<&str> = usage.split(' ').take_while(|w| !w.starts_with(['-', '<', '['])).collect();
            let command = command.join(" ");
            lang.pick(
                format!("用法：`{usage}`（`{command} --help` 说明每个选项）"),
                format!("usage: `{usage}` (`{command} --help` explains every option)"),
            )
        });
        let help: Vec<String> = advice.into_iter().chain(usage).collect();
        text.help_if((!help.is_empty()).then(|| help.join("\n")))
    }
}

/// `the old policy (--from …) rejects the facts`, and the like.
fn side_text(lang: Lang, side: &DiffSide, fault: Fault) -> String {
    let (zh, en, one) = match side {
        DiffSide::Old { from } => (format!("旧政策（--from {from}）"), format!("the old policy (--from {from})"), true),
        DiffSide::New { to } => (format!("新政策（--to {to}）"), format!("the new policy (--to {to})"), true),
        DiffSide::Both { from, to } => (
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_app_error_is_worded_in_both_languages() {
        let s = |text: &str| text.to_string();
        let date = chrono::NaiveDate::from_ymd_opt(2027, 1, 1);
        let version = || VersionName { dir: s("policies/luoshan/2027"), effective: date };
        let undated = || VersionName { dir: s("policies/luoshan/2027"), effective: None };
        let inner = || Problem::Read(ReadError::NoRules { path: s("p") });
        let mut examples = vec![
            AppError::UnknownRecord { wanted: s("S018"), facts: s("q.json"), suggestion: None },
            AppError::UnknownRecord {
                wanted: s("S018"),
                facts: s("q.json"),
                suggestion: Some(Suggestion::Near { name: s("S0018"), label: s("罗建华") }),
            },
            AppError::AmbiguousName { wanted: s("张伟"), ids: vec![s("S1"), s("S2")] },
            AppError::NoSuchVersion { dir: s("p"), wanted: s("2024"), versions: vec![version(), undated()] },
            AppError::VersionRejected { version: undated(), needed: Needed::Newest },
            AppError::VersionSkipped { version: version(), dir: s("p") },
            AppError::YearNotQuarter { file: s("2026.json"), year: 2026 },
            AppError::NotAQuarter { path: s("2026.json"), period: s("2026") },
            AppError::OtherYear { path: s("b.json"), period: s("2027-Q1"), first: s("a.json"), year: 2026 },
            AppError::QuarterTwice { first: s("a.json"), second: s("b.json"), period: s("2026-Q1") },
            AppError::YearOutOfRange { year: 300_000 },
            AppError::NoAnnualRules { version: version() },
            AppError::FormatAgainstOut { format: s("json"), out: s("r.md"), named: s("md") },
            AppError::FormatNotOffered { command: s("eval"), out: s("r.md"), named: s("md"), offered: vec![s("json")] },
            AppError::UnknownSubcommand { name: s("evl"), known: vec![s("eval")] },
            AppError::Manual { reason: std::io::Error::other("x").into() },
        ];
        for needed in
            [Needed::InForce { period: s("2027-Q1") }, Needed::Newest, Needed::All, Needed::Asked { wanted: s("2027") }]
        {
            examples.push(AppError::VersionRejected { version: version(), needed });
        }
        for side in
            [DiffSide::Old { from: s("a") }, DiffSide::New { to: s("b") }, DiffSide::Both { from: s("a"), to: s("b") }]
        {
            for fault in [Fault::Io, Fault::Usage, Fault::Policy, Fault::Facts] {
                examples.push(AppError::Side { side: side.clone(), fault, problem: inner() });
            }
        }
        let variant = |e: &AppError| match e {
            AppError::UnknownRecord { .. } => 0,
            AppError::AmbiguousName { .. } => 1,
            AppError::NoSuchVersion { .. } => 2,
            AppError::VersionRejected { .. } => 3,
            AppError::VersionSkipped { .. } => 4,
            AppError::YearNotQuarter { .. } => 5,
            AppError::NotAQuarter { .. } => 6,
            AppError::OtherYear { .. } => 7,
            AppError::QuarterTwice { .. } => 8,
            AppError::YearOutOfRange { .. } => 9,
            AppError::NoAnnualRules { .. } => 10,
            AppError::FormatAgainstOut { .. } => 11,
            AppError::FormatNotOffered { .. } => 12,
            AppError::UnknownSubcommand { .. } => 13,
            AppError::Manual { .. } => 14,
            AppError::Side { .. } => 15,
            AppError::MonthNotQuarter { .. } => 16,
            AppError::NoFacts => 17,
            AppError::NotMade { .. } => 18,
            AppError::MonthHas { .. } => 19,
            AppError::NotForTerminal => 20,
            AppError::UnknownWindow { .. } => 21,
            AppError::NotAPeriod { .. } => 22,
            AppError::PeriodOutOfRange { .. } => 23,
            AppError::TemplateNotXlsx { .. } => 24,
            // Each kind of command-line mistake counts as its own variant.
            AppError::CommandLine { wrong, .. } => match wrong {
                CommandLine::UnknownArgument { .. } => 25,
                CommandLine::UnknownCommand { .. } => 26,
                CommandLine::BadValue { .. } => 27,
                CommandLine::NoValue { .. } => 28,
                CommandLine::Missing { .. } => 29,
                CommandLine::Conflict { .. } => 30,
                CommandLine::TooMany { .. } => 31,
                CommandLine::Invalid { .. } => 32,
                CommandLine::NotUtf8 => 33,
                CommandLine::Other { .. } => 34,
            },
        };
        examples.extend([
            AppError::MonthNotQuarter { file: s("2026-07.json"), month: Period::Month { year: 2026, month: 7 } },
            AppError::NoFacts,
            AppError::NotMade { what: Made::Page, reason: Some(s("x")) },
            AppError::NotMade { what: Made::Ledger, reason: None },
            AppError::NotMade { what: Made::Workbook, reason: Some(s("x")) },
            AppError::MonthHas { not: MonthLacks::Ledger },
            AppError::MonthHas { not: MonthLacks::Workbook },
            AppError::NotForTerminal,
            AppError::UnknownWindow { wanted: s("W1"), suggestion: None },
            AppError::NotAPeriod { text: s("2026"), year: false },
            AppError::NotAPeriod { text: s("2026Q4"), year: true },
            AppError::PeriodOutOfRange { period: s("300000-Q1") },
            AppError::TemplateNotXlsx { out: s("2026-Q4.csv") },
        ]);
        let usage = Some(s("kaohe eval --policy <DIR> --facts <FILE>"));
        for wrong in [
            CommandLine::UnknownArgument { given: s("--polcy"), suggestion: Some(s("--policy")) },
            CommandLine::UnknownArgument { given: s("x.json"), suggestion: None },
            CommandLine::UnknownCommand { given: s("evl"), suggestions: vec![s("eval")], known: vec![s("eval")] },
            CommandLine::UnknownCommand { given: s("x"), suggestions: vec![], known: vec![s("eval"), s("fmt")] },
            CommandLine::UnknownCommand { given: s("e"), suggestions: vec![s("eval"), s("explain")], known: vec![] },
            CommandLine::BadValue {
                option: s("--format"),
                given: s("xml"),
                possible: vec![s("json"), s("table")],
                suggestion: Some(s("table")),
            },
            CommandLine::NoValue { option: s("--policy") },
            CommandLine::Missing { options: vec![s("--policy <DIR>")] },
            CommandLine::Conflict { option: s("--id"), with: Some(s("--id")) },
            CommandLine::Conflict { option: s("--a"), with: Some(s("--b")) },
            CommandLine::Conflict { option: s("--a"), with: None },
            CommandLine::TooMany { option: s("--id"), given: s("S2") },
            CommandLine::Invalid { option: s("--x"), given: s("y"), reason: Some(s("z")) },
            CommandLine::NotUtf8,
            CommandLine::Other { words: s("x") },
        ] {
            examples.push(AppError::CommandLine { wrong: wrong.clone(), usage: None });
            examples.push(AppError::CommandLine { wrong, usage: usage.clone() });
        }
        crate::source::diagnostic::assert_worded(&examples, variant, 35);
        // The usage names the subcommand's own --help.
        let missing =
            AppError::CommandLine { wrong: CommandLine::Missing { options: vec![s("--facts <FILE>")] }, usage };
        assert_eq!(
            missing.text(Lang::Zh).help.as_deref(),
            Some("用法：`kaohe eval --policy <DIR> --facts <FILE>`（`kaohe eval --help` 说明每个选项）")
        );
        // A side's context is its own words, in both languages.
        let both = examples.iter().rev().find(|e| matches!(e, AppError::Side { .. }));
        let side = |lang| both.and_then(|e| e.text(lang).context).unwrap_or_default();
        assert_eq!(side(Lang::En), "both policies (--from a, --to b) reject the facts");
        assert_eq!(side(Lang::Zh), "两个政策（--from a，--to b）都不接受这些事实");
    }
}
