//! Where a subcommand's result goes: standard output, or `--out FILE`
//! written whole or not at all (`kaohe::output`).

use std::io::{self, Write};
use std::path::Path;

use kaohe::app::Error;
use kaohe::output::file::WriteError;

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
        Err(WriteError::Stdout(err)) => Err(Error::io(format!("cannot write the results: {err}")).into()),
        Err(WriteError::File(err)) => Err(Error::new(kaohe::app::Fault::Io, vec![miette::Report::new(err)]).into()),
    }
}

/// Whether `--out` names a workbook (`.xlsx`), which is written as one
/// whatever `--format` says.
pub fn is_xlsx(out: Option<&Path>) -> bool {
    out.and_then(Path::extension).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// A workbook made by `make`, or why it could not be.
pub fn workbook(make: impl FnOnce() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError>) -> Result<Vec<u8>, Failure> {
    make().map_err(|err| Error::io(format!("cannot make the workbook: {err}")).into())
}
