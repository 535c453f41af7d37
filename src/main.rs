//! The `kaohe` command: parses the command line and hands it to `cli`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = kaohe_cli::Cli::parse();
    kaohe_cli::run(args)
}

#[path = "cli/mod.rs"]
mod kaohe_cli;
