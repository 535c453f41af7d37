//! `kaohe annual`: a year from its quarterly facts files.

use std::path::{Path, PathBuf};

use clap::Args;

use super::eval::Format;
use super::format::{choose, Kind};
use super::{Context, Failure};

#[derive(Debug, Args)]
pub struct AnnualArgs {
    /// The policy directory, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The year's quarterly facts files (one to four, one per quarter, in any
    /// order): JSON, or summary workbooks (`.xlsx`) or folders of their CSV files.
    #[arg(long, value_name = "FILE", num_args = 1..=4, required = true)]
    facts: Vec<PathBuf>,
    /// `table` for a person at a terminal; `json` for other tools; `xlsx` a
    /// workbook (the year, each quarter's trace). Without it, the extension
    /// of `--out` decides (`.json`, `.txt`, `.xlsx`), else `table`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the results to FILE instead of stdout (`-` is stdout): whole, or not
    /// at all; through a link to its target, keeping the mode of the file it
    /// replaces; never over a file the run reads, never to a device.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    table: super::table::TableArgs,
    /// Instead of the tables, this record's ledger for the year (an id or a
    /// name): each quarter's total, the mean, and each annual veto with its
    /// clause and the numbers that decided it (as `kaohe explain` with the
    /// year's files).
    #[arg(long, value_name = "ID")]
    explain: Option<String>,
}

pub fn run(args: AnnualArgs, context: &Context) -> Result<(), Failure> {
    let offered = [Kind::Table, Kind::Json, Kind::Xlsx];
    let format = choose("annual", args.format.map(Format::kind), args.out.as_deref(), &offered, Kind::Table)?;
    let (policies, year) = kaohe::app::year::score_year(&args.policy, &args.facts)?;
    context.warn(&policies.warnings())?;
    for note in year.summaries() {
        context.note(&note)?;
    }
    let mut inputs = policies.input_paths();
    inputs.extend(args.facts.iter().map(PathBuf::as_path));
    let inputs: Vec<&Path> = inputs;
    if let Some(wanted) = &args.explain {
        let quarters: Vec<_> = year.quarters.iter().map(|q| &q.quarter).collect();
        let first = args.facts.first().map_or(Path::new(""), PathBuf::as_path);
        let found = kaohe::app::explain::in_year(&year.results, &quarters, wanted, first)?;
        if let Some(note) = &found.note {
            context.note(note)?;
        }
        let scoring = kaohe::app::report::Scoring::Year(Box::new(year));
        let format = if format == Kind::Json { super::explain::Format::Json } else { super::explain::Format::Text };
        let text = super::explain::render(&scoring, &found.records, format)?;
        return super::out::write(args.out.as_deref(), &inputs, |out| out.write_all(text.as_bytes()));
    }
    let (policy, results) = (&year.version.policy, &year.results);
    let options = args.table.options(results.windows.iter().map(|w| w.id.as_str()))?;
    if format == Kind::Xlsx {
        let quarters = kaohe::app::report::quarters(&year);
        let book = super::out::workbook(|| kaohe::render::xlsx::year(policy, results, &quarters))?;
        return super::out::write(args.out.as_deref(), &inputs, |out| out.write_all(&book));
    }
    let version = year.version.dir.display().to_string();
    let names = |id: &str| {
        year.quarters.iter().rev().find_map(|q| q.quarter.windows.iter().find(|w| w.id == id).map(|w| w.name.clone()))
    };
    super::out::write(args.out.as_deref(), &inputs, |out| match format {
        Kind::Json => kaohe::render::write_annual_json(out, policy, results),
        _ => kaohe::render::write_annual_table(out, policy, &version, results, &names, &options),
    })
}
