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
    if format == Kind::Json {
        // Graded on totals; each record is scored again, trace and all, as it
        // is written: a large quarter's traces are never all held at once.
        let (policies, scored) = kaohe::app::period::stand_file(&args.inputs.policy, &args.inputs.facts)?;
        let (inputs, _) = started(&args, context, &policies, &scored)?;
        let (policy, quarter, standings) = (&scored.version.policy, &scored.quarter, &scored.results);
        let written = super::out::write(args.out.as_deref(), &inputs, |out| {
            kaohe::render::write_json_standings(out, policy, quarter, standings)
        });
        std::mem::forget(scored);
        return written;
    }
    let (policies, scored) = kaohe::app::period::score_file(&args.inputs.policy, &args.inputs.facts)?;
    let (inputs, options) = started(&args, context, &policies, &scored)?;
    let (policy, quarter, results) = (&scored.version.policy, &scored.quarter, &scored.results);
    let version = scored.version.dir.display().to_string();
    let written = match format {
        Kind::Xlsx => {
            let book = super::out::workbook(|| kaohe::render::xlsx::period(policy, quarter, results))?;
            super::out::write(args.out.as_deref(), &inputs, |out| out.write_all(&book))
        }
        _ => super::out::write(args.out.as_deref(), &inputs, |out| {
            kaohe::render::write_table(out, policy, &version, quarter, results, &options)
        }),
    };
    // The process ends here: freeing a large quarter record by record would
    // only add to its run time.
    std::mem::forget(scored);
    written
}

/// Once scored: the policy's warnings and what was scored, on stderr; the
/// files the run read (never written over); and the table's options,
/// checked whatever the format, so that a wrong `--window` is refused alike.
fn started<'a, R>(
    args: &'a EvalArgs,
    context: &Context,
    policies: &'a kaohe::app::load::Loaded,
    scored: &kaohe::app::period::Scored<R>,
) -> Result<(Vec<&'a std::path::Path>, kaohe::render::table::Options), Failure> {
    context.warn(&policies.warnings())?;
    context.note(&scored.summary())?;
    let mut inputs = policies.input_paths();
    inputs.push(&args.inputs.facts);
    let options = args.table.options(scored.quarter.windows.iter().map(|w| w.id.as_str()))?;
    Ok((inputs, options))
}
