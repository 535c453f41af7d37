//! `kaohe report`: the bulletin the bureau publishes, as HTML, PDF or a
//! spreadsheet, chosen by `--out`'s extension (or `--format`).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use kaohe::app::report::{self, Scoring};
use kaohe::app::Error;
use kaohe::output::stdio::Stream;
use kaohe::render::bulletin::Issue;
use kaohe::render::Note;

use super::{Context, Failure};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The policy directory, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The facts: one quarter's file for the quarter's 《考核通报》, a year's
    /// quarterly files (two to four) for the year's results, or one month's
    /// file (`"period": "2026-07"`, with evidence) for its 《考勤通报》.
    #[arg(long, value_name = "FILE", num_args = 1..=4, required = true)]
    facts: Vec<PathBuf>,
    /// Write to FILE: `.html` (a page to print on A4), `.pdf` (that page
    /// printed by a headless Chromium or Chrome found on this machine, or
    /// named in KAOHE_CHROMIUM) or `.xlsx` (a workbook). Without it, the
    /// HTML goes to stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The output's form, when `--out`'s extension does not say it.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// The number line under the masthead; by default `2026年第3期` (the
    /// quarter) or `2026年度`.
    #[arg(long, value_name = "TEXT")]
    number: Option<String>,
    /// The date of issue, `YYYY-MM-DD`; by default today.
    #[arg(long, value_name = "DATE")]
    date: Option<chrono::NaiveDate>,
    /// The issuing office in the signature (第十七条: 报局办公室通过后印发);
    /// by default the bureau named in the policy's title and 办公室.
    #[arg(long, value_name = "TEXT")]
    office: Option<String>,
    /// Who drafted it, under the signature (第十条: 具体工作由环境股承办).
    #[arg(long, value_name = "TEXT", default_value = "环境股")]
    drafter: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Html,
    Pdf,
    Xlsx,
}

/// `--format`, else the extension of `--out`, else HTML.
fn format_of(args: &ReportArgs) -> Format {
    let extension = args.out.as_deref().and_then(Path::extension).map(|e| e.to_string_lossy().to_lowercase());
    args.format.unwrap_or(match extension.as_deref() {
        Some("pdf") => Format::Pdf,
        Some("xlsx") => Format::Xlsx,
        _ => Format::Html,
    })
}

pub fn run(args: ReportArgs, context: &Context) -> Result<(), Failure> {
    let format = format_of(&args);
    if format != Format::Html && args.out.is_none() && Stream::Stdout.is_terminal() {
        return Err(Error::one(kaohe::app::Fault::Usage, kaohe::app::AppError::NotForTerminal).into());
    }
    let (policies, scoring) = report::score(&args.policy, &args.facts)?;
    context.warn(&policies.warnings())?;
    for note in scoring.summaries() {
        context.note(&note)?;
    }
    let issue = Issue {
        number: args.number.clone(),
        date: args.date.unwrap_or_else(|| chrono::Local::now().date_naive()),
        office: args.office.clone(),
        drafter: args.drafter.clone(),
    };
    let bytes = match format {
        Format::Html => report::html(&scoring, &issue)?.into_bytes(),
        Format::Pdf => {
            let pdf = report::pdf(&scoring, &issue)?;
            let browser = kaohe::output::pdf::find_browser().unwrap_or_default();
            context.note(&Note::Printed { browser })?;
            pdf
        }
        Format::Xlsx => match &scoring {
            Scoring::Period(s) => {
                super::out::workbook(|| kaohe::render::xlsx::period(&s.version.policy, &s.quarter, &s.results))?
            }
            Scoring::Year(y) => {
                super::out::workbook(|| kaohe::render::xlsx::year(&y.version.policy, &y.results, &report::quarters(y)))?
            }
            Scoring::Month(_) => {
                let error = kaohe::app::AppError::MonthHas { not: kaohe::app::MonthLacks::Workbook };
                return Err(Error::one(kaohe::app::Fault::Usage, error).into());
            }
        },
    };
    let mut inputs = policies.input_paths();
    inputs.extend(args.facts.iter().map(PathBuf::as_path));
    super::out::write(args.out.as_deref(), &inputs, |out| out.write_all(&bytes))
}
