//! `kaohe diff`: what a rubric change does to one period, before it is
//! adopted (`kaohe::app::diff`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Failure;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The policy in force: a directory of `.rules` files, or of versions.
    #[arg(long, value_name = "OLD")]
    from: PathBuf,
    /// The proposed policy, likewise.
    #[arg(long, value_name = "NEW")]
    to: PathBuf,
    /// One period's facts, a JSON file (docs/io.md), scored with both.
    #[arg(long, value_name = "FILE")]
    facts: PathBuf,
    /// `table` for a person at a terminal; `json` for other tools.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the comparison to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(args: DiffArgs) -> Result<(), Failure> {
    let (old, new) = kaohe::app::diff::score_sides(&args.from, &args.to, &args.facts)?;
    eprintln!("kaohe: {}", old.summary());
    eprintln!("kaohe: {}", new.summary());
    let diff = kaohe::app::diff::compare(&args.from, &args.to, &old, &new);
    super::out::write(args.out.as_deref(), &[&args.facts], |out| match args.format {
        Format::Table => kaohe::render::write_diff_table(out, &diff),
        Format::Json => kaohe::render::write_diff_json(out, &diff),
    })
}
