//! `kaohe doc`: the printed rubric. The policy as the annex tables the bureau
//! publishes (考核内容, 考核要求, 增减分值, 依据, 原文), so that an author can
//! compare it line by line with the document.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::Failure;
use kaohe::render::DocFormat;

#[derive(Debug, Args)]
pub struct DocArgs {
    /// The policy directory: its `.rules` files, or one subdirectory per version.
    #[arg(long, value_name = "DIR")]
    policy: PathBuf,
    /// `md` (Markdown) to read or diff as text; `html` for one self-contained page to print.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
    /// Of a directory of versions, the one to print: its subdirectory name
    /// (`2026`) or its effective date (`2026-01-01`). Without it, the newest.
    #[arg(long, value_name = "VERSION", conflicts_with = "all")]
    version: Option<String>,
    /// Print every version, oldest first.
    #[arg(long)]
    all: bool,
    /// Write the rubric to FILE instead of stdout: whole, or not at all.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Md,
    Html,
}

pub fn run(args: DocArgs) -> Result<(), Failure> {
    let policies = kaohe::app::period::load_policies(&args.policy)?;
    let versions = kaohe::app::doc::versions(&policies, &args.policy, args.version.as_deref(), args.all)?;
    let format = match args.format {
        Format::Md => DocFormat::Markdown,
        Format::Html => DocFormat::Html,
    };
    // `--out` may not name one of the policy's own files.
    let rules = kaohe::app::doc::rules_files(&versions);
    let inputs: Vec<&Path> = rules.iter().map(PathBuf::as_path).collect();
    let chosen: Vec<&kaohe::Policy> = versions.iter().map(|v| &v.policy).collect();
    super::out::write(args.out.as_deref(), &inputs, |out| kaohe::render::write_doc(out, &chosen, format))
}
