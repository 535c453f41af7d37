//! `kaohe doc`: the printed rubric. The policy as the annex tables of the
//! document (考核内容, 考核要求, 增减分值, 备注: the document's words in its
//! order, the readings as footnotes), then the rules outside the tables, so
//! that an author can compare it line by line with the paper.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::format::{choose, Kind};
use super::{Context, Failure};
use kaohe::render::DocFormat;

#[derive(Debug, Args)]
pub struct DocArgs {
    /// The policy directory: its `.rules` files, or one subdirectory per version.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// `md` (Markdown) to read or diff as text; `html` for one self-contained
    /// page that prints on A4. Without it, the extension of `--out` decides (`.md`,
    /// `.html`), else `md`.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Of a directory of versions, the one to print: its subdirectory name
    /// (`2026`) or its effective date (`2026-01-01`). Without it, the newest.
    #[arg(long, value_name = "VERSION", conflicts_with = "all")]
    version: Option<String>,
    /// Print every version, oldest first.
    #[arg(long)]
    all: bool,
    /// Write the rubric to FILE instead of stdout (`-` is stdout): whole, or not
    /// at all; through a link to its target, keeping the mode of the file it
    /// replaces; never over a file the run reads, never to a device.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Html,
}

pub fn run(args: DocArgs, context: &Context) -> Result<(), Failure> {
    let explicit = args.format.map(|f| if f == Format::Html { Kind::Html } else { Kind::Markdown });
    let format = choose("doc", explicit, args.out.as_deref(), &[Kind::Markdown, Kind::Html], Kind::Markdown)?;
    let format = if format == Kind::Html { DocFormat::Html } else { DocFormat::Markdown };
    let mut loaded = kaohe::app::period::load(&args.policy)?;
    let warnings = loaded.warnings();
    let inputs: Vec<PathBuf> = loaded.inputs.clone();
    let versions = kaohe::app::doc::versions(&mut loaded, args.version.as_deref(), args.all)?;
    context.warn(&warnings)?;
    // `--out` may not name any file of the policy, of any version.
    let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
    let chosen: Vec<&kaohe::Policy> = versions.iter().map(|v| &v.policy).collect();
    super::out::write(args.out.as_deref(), &inputs, |out| kaohe::render::write_doc(out, &chosen, format))
}
