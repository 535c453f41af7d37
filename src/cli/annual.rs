//! `kaohe annual`: a year from its quarterly facts files.

use std::path::{Path, PathBuf};

use clap::Args;
use kaohe::facts::Period;

use super::eval::Format;
use super::Failure;

#[derive(Debug, Args)]
pub struct AnnualArgs {
    /// The policy directory, e.g. `policies/luoshan`.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The year's quarterly facts files (one to four, one per quarter, in any
    /// order): JSON, or summary workbooks (`.xlsx`) or folders of their CSV files.
    #[arg(long, value_name = "FILE", num_args = 1..=4, required = true)]
    facts: Vec<PathBuf>,
    /// `table` for a person at a terminal; `json` for other tools (docs/io.md).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the results to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: AnnualArgs) -> Result<(), Failure> {
    let year = kaohe::app::year::score_year(&args.policy, &args.facts)?;
    for quarter in &year.quarters {
        eprintln!("kaohe: {}", quarter.summary());
    }
    eprintln!("kaohe: year {} rolled up by policy {}", year.year, year.version.describe());
    if !year.results.missing.is_empty() {
        let missing: Vec<String> = year.results.missing.iter().map(Period::to_string).collect();
        eprintln!("kaohe: note: no facts for {}; annual totals average the quarters given", missing.join(", "));
    }
    let inputs: Vec<&Path> = args.facts.iter().map(PathBuf::as_path).collect();
    let (policy, results) = (&year.version.policy, &year.results);
    super::out::write(args.out.as_deref(), &inputs, |out| match args.format {
        Format::Table => kaohe::render::write_annual_table(out, policy, results),
        Format::Json => kaohe::render::write_annual_json(out, policy, results),
    })
}
