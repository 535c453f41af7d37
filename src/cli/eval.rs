//! `kaohe eval`: score a period and print it as a table or as JSON.

use clap::{Args, ValueEnum};

use super::format::{choose, Kind};
use super::{Context, Failure, Inputs};

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// `table` for a person at a terminal; `json` for other tools. Without
    /// it, the extension of `--out` decides (`.json`, `.txt`), else `table`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the results to FILE instead of stdout (`-` is stdout): whole, or not
    /// at all; through a link to its target, keeping the mode of the file it
    /// replaces; never over a file the run reads, never to a device.
    #[arg(long, value_name = "FILE")]
    out: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(args: EvalArgs, context: &Context) -> Result<(), Failure> {
    let explicit = args.format.map(|f| if f == Format::Json { Kind::Json } else { Kind::Table });
    let format = choose("eval", explicit, args.out.as_deref(), &[Kind::Table, Kind::Json], Kind::Table)?;
    let (policies, scored) = kaohe::app::period::score_file(&args.inputs.policy, &args.inputs.facts)?;
    context.warn(&policies.warnings())?;
    super::out::note(&scored.summary())?;
    let mut inputs = policies.input_paths();
    inputs.push(&args.inputs.facts);
    let (policy, quarter, results) = (&scored.version.policy, &scored.quarter, &scored.results);
    let written = super::out::write(args.out.as_deref(), &inputs, |out| match format {
        Kind::Json => kaohe::render::write_json(out, policy, quarter, results),
        _ => kaohe::render::write_table(out, policy, quarter, results),
    });
    // The process ends here: freeing a large quarter record by record would
    // only add to its run time.
    std::mem::forget(scored);
    written
}
