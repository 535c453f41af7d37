//! How a failed run reports: every diagnostic on stderr, rendered with its
//! source, then a count; the exit status says which input was at fault.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, Report};

/// Exit statuses, documented in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Io = 1,
    Policy = 3,
    Facts = 4,
}

/// A run that failed: why, and every diagnostic found.
pub struct Failure {
    pub exit: Exit,
    pub diagnostics: Vec<Report>,
}

impl Failure {
    pub fn new(exit: Exit, diagnostics: Vec<Report>) -> Failure {
        Failure { exit, diagnostics }
    }

    pub fn io(message: String) -> Failure {
        Failure { exit: Exit::Io, diagnostics: vec![miette::miette!("{message}")] }
    }
}

/// Printing more than this many diagnostics helps nobody: the rest are counted.
const MAX_SHOWN: usize = 100;

pub struct Style {
    handler: GraphicalReportHandler,
}

impl Style {
    /// `color`: forced on or off, or None to colour only a terminal that wants it.
    pub fn new(color: Option<bool>) -> Style {
        let color = color.unwrap_or_else(|| std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none());
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        Style { handler: GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false) }
    }

    pub fn print(&self, diagnostics: &[Report]) {
        let n = diagnostics.len();
        let mut text = self.render(diagnostics);
        text.push_str(&format!("{n} error{} found\n", if n == 1 { "" } else { "s" }));
        eprint!("{text}");
    }

    /// Warnings, rendered as errors are, then how many; `denied` when
    /// `--deny-warnings` fails the run for them.
    pub fn print_warnings(&self, warnings: &[Report], denied: bool) {
        let n = warnings.len();
        let mut text = self.render(warnings);
        let denied = if denied { ", denied by --deny-warnings" } else { "" };
        text.push_str(&format!("{n} warning{}{denied}\n", if n == 1 { "" } else { "s" }));
        eprint!("{text}");
    }

    fn render(&self, diagnostics: &[Report]) -> String {
        let mut text = String::new();
        for report in diagnostics.iter().take(MAX_SHOWN) {
            if self.handler.render_report(&mut text, report.as_ref()).is_err() {
                text.push_str(&format!("{report}\n"));
            }
            text.push('\n');
        }
        let n = diagnostics.len();
        if n > MAX_SHOWN {
            text.push_str(&format!("… and {} more not shown\n", n - MAX_SHOWN));
        }
        text
    }
}
