//! How a run ends: its exit status, as `--help` documents it, and the
//! diagnostics of a failure on standard error.

use std::process::ExitCode;

use kaohe::app::{Error, Fault};
use kaohe::output::stdio::{self, PrintError, Stream};
use kaohe::output::OutputError;
use kaohe::render::Diagnostics;

/// How a subcommand ended, other than in success.
pub enum Failure {
    /// A use case failed: print its diagnostics, exit for its fault.
    App(Error),
    /// The subcommand has said what there is to say; exit with this status.
    Exit(u8),
    /// Standard output or standard error could not be written.
    Print(PrintError),
}

impl From<Error> for Failure {
    fn from(err: Error) -> Failure {
        Failure::App(err)
    }
}

/// The exit status of each fault.
pub fn status(fault: Fault) -> u8 {
    match fault {
        Fault::Io => 1,
        Fault::Usage => 2,
        Fault::Policy => 3,
        Fault::Facts => 4,
    }
}

/// The exit status of a run, its failure's diagnostics printed. A closed
/// pipe ends the run quietly; any other failed write is exit status 1, said
/// on stderr when stderr can still be written.
pub fn finish(outcome: Result<(), Failure>, diagnostics: &Diagnostics) -> ExitCode {
    match outcome {
        Ok(()) | Err(Failure::Print(PrintError::Closed)) => ExitCode::SUCCESS,
        Err(Failure::Exit(code)) => ExitCode::from(code),
        Err(Failure::Print(PrintError::Failed { stream: Stream::Stdout, error })) => {
            let err = Error::one(Fault::Io, OutputError::Stdout { reason: error.into() });
            // Whether stderr takes it or not, the status says the run failed.
            let _ = stdio::eprint(&diagnostics.errors(&err.problems));
            ExitCode::from(status(Fault::Io))
        }
        Err(Failure::Print(PrintError::Failed { .. })) => ExitCode::from(status(Fault::Io)),
        Err(Failure::App(err)) => {
            let _ = stdio::eprint(&diagnostics.errors(&err.problems));
            ExitCode::from(status(err.fault))
        }
    }
}

/// A command line clap refused (status 2), worded as kaohe's own
/// diagnostics; or `--help` and `--version` (status 0, on stdout).
pub fn clap_error(err: clap::Error) -> ExitCode {
    let diagnostics = super::stderr::unparsed();
    if !super::help::shows_help(&err) {
        let refused = Error::one(Fault::Usage, super::usage::refused(&err));
        return finish(Err(Failure::App(refused)), &diagnostics);
    }
    let stream = if err.use_stderr() { Stream::Stderr } else { Stream::Stdout };
    let text = if stream.is_terminal() { err.render().ansi().to_string() } else { err.render().to_string() };
    match stdio::write_to(stream, &text) {
        Ok(()) | Err(PrintError::Closed) => ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2)),
        Err(failed) => finish(Err(Failure::Print(failed)), &diagnostics),
    }
}
