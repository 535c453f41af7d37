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

impl crate::diagnostic::Diagnostic for CheckError {
    fn code(&self) -> &'static str {
        "kaohe::policy"
    }
    fn text(&self, _lang: crate::diagnostic::Lang) -> crate::diagnostic::Text {
        crate::diagnostic::Text::new(self.message.clone())
            .label(self.label.clone())
            .also("first declared here")
            .help_if(self.help.clone())
    }
    fn source(&self) -> Option<&Named> {
        Some(&self.src)
    }
    fn span(&self) -> Option<Span> {
        Some(self.span)
    }
    fn also(&self) -> Option<Span> {
        self.first
    }
}
