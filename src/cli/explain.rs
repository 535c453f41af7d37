//! `kaohe explain`: ledgers for an appeal, of a quarter or of a year, one
//! record's or every record's, as text, JSON or a page to print.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use kaohe::app::explain::{self as find, Who};
use kaohe::app::report::{self, Scoring};
use kaohe::app::{Error, Fault};

use super::{Context, Failure};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The policy directory, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// A quarter's facts for its ledger, or a year's quarterly files (two to
    /// four) for the year's: each quarter's total and the annual vetoes.
    #[arg(long, value_name = "FILE", num_args = 1..=4, required = true)]
    facts: Vec<PathBuf>,
    /// The staff member or window: an id (`S0007`, `W03`) or a name. A
    /// substitute's id shows the people they stood in for (第十四条).
    #[arg(long, value_name = "ID", required_unless_present = "all", conflicts_with = "all")]
    id: Option<String>,
    /// Every record, staff then windows, one after another (a page each in HTML).
    #[arg(long)]
    all: bool,
    /// `text` to read; `json` for other tools; `html` a page to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Html,
}

pub fn run(args: ExplainArgs, context: &Context) -> Result<(), Failure> {
    let (policies, scoring) = report::score(&args.policy, &args.facts)?;
    context.warn(&policies.warnings())?;
    for line in scoring.summaries() {
        super::out::note(&line)?;
    }
    let first = args.facts.first().map_or(Path::new(""), PathBuf::as_path);
    if let Scoring::Month(_) = scoring {
        return Err(month_refused());
    }
    let found = match (&scoring, &args.id) {
        (_, None) => find::Found {
            records: match &scoring {
                Scoring::Period(s) => find::all_in_period(&s.quarter),
                Scoring::Year(y) => find::all_in_year(&y.results),
                Scoring::Month(_) => Vec::new(),
            },
            note: None,
        },
        (Scoring::Period(s), Some(id)) => find::in_period(&s.quarter, id, first)?,
        (Scoring::Month(_), Some(_)) => return Err(month_refused()),
        (Scoring::Year(y), Some(id)) => {
            let quarters: Vec<_> = y.quarters.iter().map(|q| &q.quarter).collect();
            find::in_year(&y.results, &quarters, id, first)?
        }
    };
    if let Some(note) = &found.note {
        super::out::note(&format!("note: {note}"))?;
    }
    let text = render(&scoring, &found.records, args.format)?;
    let mut inputs = policies.input_paths();
    inputs.extend(args.facts.iter().map(PathBuf::as_path));
    super::out::write(args.out.as_deref(), &inputs, |out| out.write_all(text.as_bytes()))
}

/// The ledgers of `records`, in `format`.
pub(super) fn render(scoring: &Scoring, records: &[Who], format: Format) -> Result<String, Failure> {
    let failed = || {
        let error = kaohe::app::AppError::NotMade { what: kaohe::app::Made::Ledger, reason: None };
        Failure::from(Error::one(Fault::Io, error))
    };
    let mut parts: Vec<(String, String)> = Vec::new();
    for who in records {
        let (staff, i) = match *who {
            Who::Staff(i) => (true, i),
            Who::Window(i) => (false, i),
        };
        let (heading, text) = match (scoring, format) {
            (Scoring::Month(_), _) => return Err(month_refused()),
            (Scoring::Period(s), Format::Json) => (
                String::new(),
                kaohe::render::ledger::quarter_json(&s.version.policy, &s.quarter, &s.results, staff, i)
                    .map_err(|_| failed())?,
            ),
            (Scoring::Period(s), _) => {
                let list = if staff { &s.quarter.staff } else { &s.quarter.windows };
                let heading = list.get(i).map_or(String::new(), |r| format!("{} {}", r.id, r.name));
                let text =
                    kaohe::render::ledger(&s.version.policy, &s.quarter, &s.results, staff, i).ok_or_else(failed)?;
                (heading, text)
            }
            (Scoring::Year(y), format) => {
                let quarters = report::quarters(y);
                let policy = &y.version.policy;
                let list = if staff { &y.results.staff } else { &y.results.windows };
                let heading = list.get(i).map_or(String::new(), |r| format!("{} {}", r.id, r.name));
                let text = if format == Format::Json {
                    kaohe::render::ledger::year_json(policy, &y.results, &quarters, staff, i)
                } else {
                    kaohe::render::ledger::year_ledger(policy, &y.results, &quarters, staff, i)
                };
                (heading, text.ok_or_else(failed)?)
            }
        };
        parts.push((heading, text));
    }
    Ok(match format {
        Format::Text => parts.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n\u{c}\n"),
        Format::Json if parts.len() == 1 => parts.into_iter().map(|(_, t)| t + "\n").collect(),
        Format::Json => format!("[\n{}\n]\n", parts.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(",\n")),
        Format::Html => {
            let (policy, period) = match scoring {
                Scoring::Month(_) => return Err(month_refused()),
                Scoring::Period(s) => (&s.version.policy, kaohe::render::words::period(&s.quarter.period)),
                Scoring::Year(y) => {
                    (&y.version.policy, kaohe::render::words::period(&kaohe::facts::Period::Year(y.year)))
                }
            };
            kaohe::render::ledger::ledgers_html(policy, &period, parts).map_err(|_| failed())?
        }
    })
}

/// A month is counted for the 考勤通报, not scored: it has no ledger.
fn month_refused() -> Failure {
    let error = kaohe::app::AppError::MonthHas { not: kaohe::app::MonthLacks::Ledger };
    Error::one(Fault::Usage, error).into()
}
