//! Where a subcommand's words go: its result to standard output or to
//! `--out FILE` (written whole or not at all, `kaohe::output::file`), its
//! notes to standard error; every write fallible (`kaohe::output::stdio`).

use std::io::{self, Write};
use std::path::Path;

use kaohe::app::Error;
use kaohe::output::file::WriteError;
use kaohe::output::stdio;

use super::Failure;

/// Write the result through `render`, to `out` or to stdout (`None`, or
/// `-`). `inputs` are the files the run reads: `--out` may not name one of
/// them.
pub fn write(
    out: Option<&Path>,
    inputs: &[&Path],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    match kaohe::output::write(out.filter(|p| !is_stdout(p)), inputs, render) {
        Ok(()) => Ok(()),
        Err(WriteError::Stdout(err)) => Err(Failure::Print(err)),
        Err(WriteError::File(err)) => Err(Error::one(kaohe::app::Fault::Io, err).into()),
    }
}

/// `--out -` is standard output, as it is for most tools.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Print `text` on standard output.
pub fn print(text: &str) -> Result<(), Failure> {
    stdio::print(text).map_err(Failure::Print)
}

/// A `kaohe: …` line on standard error: what was read, what was scored.
/// With `--error-format json`, a JSON line like the diagnostics', so that
/// every line of stderr parses.
pub fn note(line: &str) -> Result<(), Failure> {
    let text = if super::stderr::json() { kaohe::render::note_json(line) } else { format!("kaohe: {line}\n") };
    stdio::eprint(&text).map_err(Failure::Print)
}

/// Text for standard error (rendered diagnostics, warnings).
pub fn eprint(text: &str) -> Result<(), Failure> {
    stdio::eprint(text).map_err(Failure::Print)
}

/// A workbook made by `make`, or why it could not be.
pub fn workbook(make: impl FnOnce() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError>) -> Result<Vec<u8>, Failure> {
    make().map_err(|err| {
        let error = kaohe::app::AppError::NotMade { what: kaohe::app::Made::Workbook, reason: Some(err.to_string()) };
        Error::one(kaohe::app::Fault::Io, error).into()
    })
}
