//! `kaohe gather`: a period's facts from the hall's records, with the
//! evidence of every point.

use std::path::PathBuf;

use clap::Args;
use kaohe::render::Note;

use super::{Context, Failure};

#[derive(Debug, Args)]
pub struct GatherArgs {
    /// The policy directory, e.g. `policies/luoshan`: its counting rules and calendar.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// The records: a folder of CSV files, or an `.xlsx` workbook.
    #[arg(long, value_name = "PATH")]
    records: PathBuf,
    /// The period: a quarter (`2026-Q3`) or a month (`2026-07`).
    #[arg(long, value_name = "PERIOD")]
    period: String,
    /// Write the facts to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: GatherArgs, context: &Context) -> Result<(), Failure> {
    let period = kaohe::app::gather::parse_period(&args.period)?;
    let (loaded, run) = kaohe::app::gather::gather(&args.policy, &args.records, period)?;
    context.warn(&loaded.warnings())?;
    for note in &run.gathered.notes {
        context.note(&Note::Said(note.clone()))?;
    }
    context.note(&run.summary())?;
    let records = records_files(&args.records);
    let mut inputs = loaded.input_paths();
    inputs.extend(records.iter().map(PathBuf::as_path));
    let written = super::out::write(args.out.as_deref(), &inputs, |out| {
        kaohe::render::write_facts(out, &run.version.policy, &run.gathered)
    });
    std::mem::forget(run);
    written
}

/// The files the run read, which `--out` may not overwrite.
fn records_files(path: &std::path::Path) -> Vec<PathBuf> {
    match std::fs::read_dir(path) {
        Ok(entries) => entries.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => vec![path.to_path_buf()],
    }
}
