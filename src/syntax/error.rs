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

impl crate::diagnostic::Diagnostic for SyntaxError {
    fn code(&self) -> &'static str {
        "kaohe::syntax"
    }
    fn text(&self, _lang: crate::diagnostic::Lang) -> crate::diagnostic::Text {
        crate::diagnostic::Text::new(format!("syntax error: {}", self.message))
            .label(self.label.clone())
            .help_if(self.help.clone())
    }
    fn source(&self) -> Option<&Named> {
        Some(&self.src)
    }
    fn span(&self) -> Option<Span> {
        Some(self.span)
    }
}
