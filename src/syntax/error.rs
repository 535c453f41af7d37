use miette::Diagnostic;
use thiserror::Error;

use crate::source::{Named, Span};

/// A `.rules` file that does not follow the grammar. pest stops at the first
/// such place in a file, so there is at most one per file.
#[derive(Debug, Error, Diagnostic)]
#[error("syntax error: {message}")]
#[diagnostic(code(kaohe::syntax))]
pub struct SyntaxError {
    pub message: String,
    #[source_code]
    pub src: Named,
    #[label("{label}")]
    pub span: Span,
    pub label: String,
    #[help]
    pub help: Option<String>,
}
