use miette::Diagnostic;
use thiserror::Error;

use crate::source::{Named, Span};

/// A facts file, or a value in it, that cannot be scored. The message names
/// the record and the field; the label points at the value in the file.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(kaohe::facts))]
pub struct FactsError {
    pub message: String,
    #[source_code]
    pub src: Named,
    #[label("{label}")]
    pub span: Span,
    pub label: String,
    #[help]
    pub help: Option<String>,
}
