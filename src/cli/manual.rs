//! `kaohe completions SHELL` and `kaohe man`: what a packager installs
//! beside the binary, made from the same definitions as `--help`.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{out, Cli, Failure};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand (`eval`, `fmt`, …) for its own page; without it, kaohe(1).
    #[arg(value_name = "SUBCOMMAND")]
    subcommand: Option<String>,
}

/// The completion script, on stdout: e.g. `kaohe completions bash >
/// /usr/share/bash-completion/completions/kaohe`.
pub fn completions(args: CompletionsArgs) -> Result<(), Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "kaohe", &mut script);
    out::write(None, &[], |w| w.write_all(&script))
}

/// The manual page in roff, on stdout: e.g. `kaohe man > kaohe.1`, or
/// `kaohe man eval > kaohe-eval.1`.
pub fn man(args: ManArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.subcommand {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone().display_name(format!("kaohe-{name}")),
            None => {
                let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
                return Err(kaohe::app::Error::unknown_subcommand(name, &names).into());
            }
        },
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff).map_err(|err| {
        kaohe::app::Error::one(kaohe::app::Fault::Io, kaohe::app::AppError::Manual { reason: err.into() })
    })?;
    out::write(None, &[], |w| w.write_all(&roff))
}
