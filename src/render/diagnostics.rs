//! Diagnostics as a person reads them on stderr: each rendered with the
//! source it points into (miette's graphical handler, plain or in colour),
//! then how many there were.

use miette::{GraphicalReportHandler, GraphicalTheme, Report};

/// Printing more than this many diagnostics helps nobody: the rest are counted.
const MAX_SHOWN: usize = 100;

pub struct Diagnostics {
    handler: GraphicalReportHandler,
}

impl Diagnostics {
    pub fn new(color: bool) -> Diagnostics {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        Diagnostics { handler: GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false) }
    }

    /// Errors, then `3 errors found`.
    pub fn errors(&self, diagnostics: &[Report]) -> String {
        let n = diagnostics.len();
        let mut text = self.render(diagnostics);
        text.push_str(&format!("{n} error{} found\n", if n == 1 { "" } else { "s" }));
        text
    }

    /// Warnings, rendered as errors are, then how many; `denied` when
    /// `--deny-warnings` fails the run for them.
    pub fn warnings(&self, warnings: &[Report], denied: bool) -> String {
        let n = warnings.len();
        let mut text = self.render(warnings);
        let denied = if denied { ", denied by --deny-warnings" } else { "" };
        text.push_str(&format!("{n} warning{}{denied}\n", if n == 1 { "" } else { "s" }));
        text
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
