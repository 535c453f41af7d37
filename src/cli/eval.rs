//! `kaohe eval`: score a period and print it as a table or as JSON.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::report::Failure;
use super::Inputs;

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// `table` for a person at a terminal; `json` for other tools (docs/io.md).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(args: EvalArgs) -> Result<(), Failure> {
    let scored = super::score::score_inputs(&args.inputs)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = match args.format {
        Format::Table => kaohe::render::write_table(&mut out, &scored.version.policy, &scored.quarter, &scored.results),
        Format::Json => kaohe::render::write_json(&mut out, &scored.version.policy, &scored.quarter, &scored.results),
    };
    written.and_then(|()| out.flush()).map_err(|err| Failure::io(format!("cannot write the results: {err}")))
}
