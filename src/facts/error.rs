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

impl crate::diagnostic::Diagnostic for FactsError {
    fn code(&self) -> &'static str {
        "kaohe::facts"
    }
    fn text(&self, _lang: crate::diagnostic::Lang) -> crate::diagnostic::Text {
        crate::diagnostic::Text::new(self.message.clone()).label(self.label.clone()).help_if(self.help.clone())
    }
    fn source(&self) -> Option<&Named> {
        Some(&self.src)
    }
    fn span(&self) -> Option<Span> {
        Some(self.span)
    }
}
