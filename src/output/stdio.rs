//! Standard output and standard error: the one place kaohe prints.
//!
//! Every write to either stream goes through here and can fail: a full disk
//! (`>/dev/full`) is [`PrintError::Failed`], which the command line turns
//! into exit status 1 with a message; a reader that has gone away (`| head`
//! closing the pipe) is [`PrintError::Closed`], which ends the run quietly.
//! Nothing here panics, as `print!` does on either. The crate's clippy lints
//! (`print_stdout`, `print_stderr`) keep every other module from printing
//! directly, and `disallowed_methods` (clippy.toml) from reaching the
//! streams by `std::io::stdout()` or `stderr()`.

#![allow(clippy::disallowed_methods, reason = "the one writer of stdout and stderr")]

use std::fmt;
use std::io::{self, BufWriter, IsTerminal, Write};

/// Which of the two streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    /// Whether a person is probably reading it (a terminal).
    pub fn is_terminal(self) -> bool {
        match self {
            Stream::Stdout => io::stdout().is_terminal(),
            Stream::Stderr => io::stderr().is_terminal(),
        }
    }
}

impl fmt::Display for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stream::Stdout => "standard output",
            Stream::Stderr => "standard error",
        })
    }
}

/// Why a print failed.
#[derive(Debug)]
pub enum PrintError {
    /// The reader closed the pipe: there is no one left to tell anything.
    Closed,
    /// The stream could not be written (a full disk, an I/O error).
    Failed { stream: Stream, error: io::Error },
}

impl PrintError {
    fn from_io(stream: Stream, error: io::Error) -> PrintError {
        if error.kind() == io::ErrorKind::BrokenPipe {
            PrintError::Closed
        } else {
            PrintError::Failed { stream, error }
        }
    }
}

impl fmt::Display for PrintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrintError::Closed => f.write_str("the reader closed the pipe"),
            PrintError::Failed { stream, error } => write!(f, "cannot write to {stream}: {error}"),
        }
    }
}

/// Write whatever `render` writes to standard output, buffered, and flush it.
pub fn stdout_with(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), PrintError> {
    let stdout = io::stdout();
    let mut writer = BufWriter::with_capacity(1 << 16, stdout.lock());
    render(&mut writer).and_then(|()| writer.flush()).map_err(|err| PrintError::from_io(Stream::Stdout, err))
}

/// Print `text` on standard output.
pub fn print(text: &str) -> Result<(), PrintError> {
    write_to(Stream::Stdout, text)
}

/// Print `text` on standard error.
pub fn eprint(text: &str) -> Result<(), PrintError> {
    write_to(Stream::Stderr, text)
}

/// Print `text` on `stream`, whole, and flush it.
pub fn write_to(stream: Stream, text: &str) -> Result<(), PrintError> {
    let written = match stream {
        Stream::Stdout => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        }
        Stream::Stderr => {
            let mut err = io::stderr().lock();
            err.write_all(text.as_bytes()).and_then(|()| err.flush())
        }
    };
    written.map_err(|err| PrintError::from_io(stream, err))
}
