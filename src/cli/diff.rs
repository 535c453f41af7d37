//! `kaohe diff`: what a rubric change does to one period, before it is
//! adopted (`kaohe::app::diff`).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use kaohe::policy::diff::Side;
use kaohe::render::Note;

use super::format::{choose, Kind};
use super::{Context, Failure};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The policy in force: a directory of `.rules` files, or of versions.
    #[arg(long, value_name = "OLD")]
    from: PathBuf,
    /// The proposed policy, likewise.
    #[arg(long, value_name = "NEW")]
    to: PathBuf,
    /// One quarter's facts file, scored with both. A fact only one policy
    /// knows is scored as zero by the other, and the output says so.
    #[arg(long, value_name = "FILE")]
    facts: PathBuf,
    /// `table` for a person at a terminal; `json` for other tools. Without
    /// it, the extension of `--out` decides (`.json`, `.txt`), else `table`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the comparison to FILE instead of stdout (`-` is stdout): whole, or not
    /// at all; through a link to its target, keeping the mode of the file it
    /// replaces; never over a file the run reads, never to a device.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// What `diff` writes: no workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
}

pub fn run(args: DiffArgs, context: &Context) -> Result<(), Failure> {
    let explicit = args.format.map(|f| match f {
        Format::Table => Kind::Table,
        Format::Json => Kind::Json,
    });
    let format = choose("diff", explicit, args.out.as_deref(), &[Kind::Table, Kind::Json], Kind::Table)?;
    let sides = kaohe::app::diff::score_sides(&args.from, &args.to, &args.facts)?;
    context.warn(&sides.warnings)?;
    context.note(&sides.old.summary())?;
    context.note(&sides.new.summary())?;
    for one in sides.one_sided.iter().filter(|one| one.records > 0) {
        let other = match one.known_to {
            Side::Old => &args.to,
            Side::New => &args.from,
        };
        context.note(&Note::OneSided { one: one.clone(), other: other.clone() })?;
    }
    let diff = kaohe::app::diff::compare(&args.from, &args.to, &sides);
    let inputs: Vec<&Path> = sides.inputs.iter().map(PathBuf::as_path).collect();
    super::out::write(args.out.as_deref(), &inputs, |out| match format {
        Kind::Json => kaohe::render::write_diff_json(out, &diff),
        _ => kaohe::render::write_diff_table(out, &diff),
    })
}
