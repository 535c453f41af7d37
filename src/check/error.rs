use miette::Diagnostic;
use thiserror::Error;

use crate::source::{Named, Span};

/// A policy that parses but does not make sense: an undeclared name, a rule
/// that does not fit its fact, a duplicate, a missing cite.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(kaohe::policy))]
pub struct CheckError {
    pub message: String,
    #[source_code]
    pub src: Named,
    #[label("{label}")]
    pub span: Span,
    pub label: String,
    /// Where the other half of a conflict is, when it is in the same file.
    #[label("first declared here")]
    pub first: Option<Span>,
    #[help]
    pub help: Option<String>,
}
