//! Why a use case failed, as the command line needs to know it: which input
//! was at fault (so that it can pick an exit status), and every diagnostic.

use miette::Report;

/// Which input was at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    /// A file could not be read or written.
    Io,
    /// The command line asked for something that is not there.
    Usage,
    /// The policy was rejected.
    Policy,
    /// The facts were rejected.
    Facts,
}

/// A failed use case: the input at fault and every diagnostic found.
#[derive(Debug)]
pub struct Error {
    pub fault: Fault,
    pub diagnostics: Vec<Report>,
}

impl Error {
    pub fn new(fault: Fault, diagnostics: Vec<Report>) -> Error {
        Error { fault, diagnostics }
    }

    pub fn io(message: String) -> Error {
        Error { fault: Fault::Io, diagnostics: vec![miette::miette!("{message}")] }
    }

    /// Join another failure's diagnostics to this one; the fault of the
    /// earlier stage (reading before the policy before the facts) wins.
    pub fn join(&mut self, other: Error) {
        self.fault = self.fault.min(other.fault);
        self.diagnostics.extend(other.diagnostics);
    }
}
