//! Where a subcommand's result goes: standard output, or `--out FILE`
//! written whole or not at all (`kaohe::output`).

use std::io::{self, Write};
use std::path::Path;

use kaohe::app::{Error, Fault};
use kaohe::output::file::WriteError;
use kaohe::output::OutputError;

use super::Failure;

/// Write the result through `render`, to `out` or to stdout. `inputs` are
/// the files the run reads: `--out` may not name one of them. A reader
/// that stops reading standard output early (`| head`) ends the run quietly.
pub fn write(
    out: Option<&Path>,
    inputs: &[&Path],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    match kaohe::output::write(out, inputs, render) {
        Ok(()) => Ok(()),
        Err(WriteError::Stdout(err)) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(WriteError::Stdout(err)) => Err(Error::one(Fault::Io, OutputError::Stdout { reason: err.into() }).into()),
        Err(WriteError::File(err)) => Err(Error::one(Fault::Io, err).into()),
    }
}
