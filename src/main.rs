//! The `kaohe` command: parses the command line (its `--help` in the run's
//! language) and hands it to `cli`.

// As in the library: output through `kaohe::output` only (clippy.toml).
#![deny(clippy::disallowed_methods)]

use std::process::ExitCode;

fn main() -> ExitCode {
    match kaohe_cli::parse() {
        Ok(args) => kaohe_cli::run(args),
        Err(err) => kaohe_cli::clap_error(err),
    }
}

#[path = "cli/mod.rs"]
mod kaohe_cli;
