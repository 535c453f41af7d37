//! `kaohe annual`: a year from its quarterly facts files.

use std::path::{Path, PathBuf};

use clap::Args;
use kaohe::facts::Period;

use super::eval::Format;
use super::format::{choose, Kind};
use super::{Context, Failure};

#[derive(Debug, Args)]
pub struct AnnualArgs {
    /// The policy directory, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The year's quarterly facts files (one to four, one per quarter, in any order).
    #[arg(long, value_name = "FILE", num_args = 1..=4, required = true)]
    facts: Vec<PathBuf>,
    /// `table` for a person at a terminal; `json` for other tools. Without
    /// it, the extension of `--out` decides (`.json`, `.txt`), else `table`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the results to FILE instead of stdout (`-` is stdout): whole, or not
    /// at all; through a link to its target, keeping the mode of the file it
    /// replaces; never over a file the run reads, never to a device.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: AnnualArgs, context: &Context) -> Result<(), Failure> {
    let explicit = args.format.map(|f| if f == Format::Json { Kind::Json } else { Kind::Table });
    let format = choose("annual", explicit, args.out.as_deref(), &[Kind::Table, Kind::Json], Kind::Table)?;
    let (policies, year) = kaohe::app::year::score_year(&args.policy, &args.facts)?;
    context.warn(&policies.warnings())?;
    for quarter in &year.quarters {
        super::out::note(&quarter.summary())?;
    }
    super::out::note(&format!("year {} rolled up by policy {}", year.year, year.version.describe()))?;
    if !year.results.missing.is_empty() {
        let missing: Vec<String> = year.results.missing.iter().map(Period::to_string).collect();
        super::out::note(&format!(
            "note: no facts for {}; annual totals average the quarters given",
            missing.join(", ")
        ))?;
    }
    let mut inputs = policies.input_paths();
    inputs.extend(args.facts.iter().map(PathBuf::as_path));
    let inputs: Vec<&Path> = inputs;
    let (policy, results) = (&year.version.policy, &year.results);
    super::out::write(args.out.as_deref(), &inputs, |out| match format {
        Kind::Json => kaohe::render::write_annual_json(out, policy, results),
        _ => kaohe::render::write_annual_table(out, policy, results),
    })
}
