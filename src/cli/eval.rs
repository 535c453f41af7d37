//! `kaohe eval`: score a period and print it as a table or as JSON.

use clap::{Args, ValueEnum};

use super::{Failure, Inputs};

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// `table` for a person at a terminal; `json` for other tools (docs/io.md).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the results to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(args: EvalArgs) -> Result<(), Failure> {
    let scored = kaohe::app::period::score_file(&args.inputs.policy, &args.inputs.facts)?;
    eprintln!("kaohe: {}", scored.summary());
    let (policy, quarter, results) = (&scored.version.policy, &scored.quarter, &scored.results);
    let written = super::out::write(args.out.as_deref(), &[&args.inputs.facts], |out| match args.format {
        Format::Table => kaohe::render::write_table(out, policy, quarter, results),
        Format::Json => kaohe::render::write_json(out, policy, quarter, results),
    });
    // The process ends here: freeing a large quarter record by record would
    // only add to its run time.
    std::mem::forget(scored);
    written
}
