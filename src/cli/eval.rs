//! `kaohe eval`: score a period and print it as a table, JSON or a workbook.

use clap::{Args, ValueEnum};

use super::format::{choose, Kind};
use super::{Context, Failure, Inputs};

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// `table` for a person at a terminal; `json` for other tools; `xlsx` a
    /// workbook (one sheet a subject, every trace line). Without it, the
    /// extension of `--out` decides (`.json`, `.txt`, `.xlsx`), else `table`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the results to FILE instead of stdout (`-` is stdout): whole, or not
    /// at all; through a link to its target, keeping the mode of the file it
    /// replaces; never over a file the run reads, never to a device.
    #[arg(long, value_name = "FILE")]
    out: Option<std::path::PathBuf>,
    #[command(flatten)]
    table: super::table::TableArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Xlsx,
}

impl Format {
    pub fn kind(self) -> Kind {
        match self {
            Format::Table => Kind::Table,
            Format::Json => Kind::Json,
            Format::Xlsx => Kind::Xlsx,
        }
    }
}

pub fn run(args: EvalArgs, context: &Context) -> Result<(), Failure> {
    let offered = [Kind::Table, Kind::Json, Kind::Xlsx];
    let format = choose("eval", args.format.map(Format::kind), args.out.as_deref(), &offered, Kind::Table)?;
    let (policies, scored) = kaohe::app::period::score_file(&args.inputs.policy, &args.inputs.facts)?;
    context.warn(&policies.warnings())?;
    context.note(&scored.summary())?;
    let mut inputs = policies.input_paths();
    inputs.push(&args.inputs.facts);
    let (policy, quarter, results) = (&scored.version.policy, &scored.quarter, &scored.results);
    let options = args.table.options(quarter.windows.iter().map(|w| w.id.as_str()))?;
    let version = scored.version.dir.display().to_string();
    let written = match format {
        Kind::Xlsx => {
            let book = super::out::workbook(|| kaohe::render::xlsx::period(policy, quarter, results))?;
            super::out::write(args.out.as_deref(), &inputs, |out| out.write_all(&book))
        }
        _ => super::out::write(args.out.as_deref(), &inputs, |out| match format {
            Kind::Json => kaohe::render::write_json(out, policy, quarter, results),
            _ => kaohe::render::write_table(out, policy, &version, quarter, results, &options),
        }),
    };
    // The process ends here: freeing a large quarter record by record would
    // only add to its run time.
    std::mem::forget(scored);
    written
}
