//! Diagnostics as a person or a script reads them on stderr.
//!
//! `human`: each rendered by miette's graphical handler (plain or in
//! colour) with the source it points into, worded in the chosen language,
//! then how many there were. `json`: one JSON object a line, a diagnostic
//! each (`severity`, `code`, `message`, `label`, `file`, `line`, `column`,
//! `help`; `null` where there is none), and no count. The run's notes are
//! lines of severity `note` then.
//!
//! Every stage's errors reach this file as [`Diagnostic`]s, data with their
//! words beside them; miette is used only here, through an adapter.
//!
//! What a person reads is terminal-safe ([`super::safe`]): a control
//! character, a bidi control or a line break that came from the input (an
//! id or a key quoted in a message, the file's name, the lines of the file
//! shown around a label) is shown escaped, and the labels still point at
//! what they pointed at. `json` keeps every character exactly.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::safe::{self, Escaped};
use crate::json;
use crate::source::diagnostic::{shown, Diagnostic, Lang, Severity, Text};
use crate::source::{Named, Span};

/// Printing more than this many diagnostics helps nobody: the rest are counted.
const MAX_SHOWN: usize = 100;

/// How diagnostics are written (`--error-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ErrorFormat {
    #[default]
    Human,
    Json,
}

pub struct Diagnostics {
    handler: GraphicalReportHandler,
    lang: Lang,
    format: ErrorFormat,
}

impl Diagnostics {
    pub fn new(color: bool, lang: Lang, format: ErrorFormat) -> Diagnostics {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
        Diagnostics { handler, lang, format }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Errors, then `3 errors found`.
    pub fn errors<D: Diagnostic>(&self, diagnostics: &[D]) -> String {
        let n = diagnostics.len();
        let mut text = self.render(diagnostics);
        if self.format == ErrorFormat::Human {
            let plural = if n == 1 { "" } else { "s" };
            text.push_str(&self.lang.pick(format!("共 {n} 个错误\n"), format!("{n} error{plural} found\n")));
        }
        text
    }

    /// Warnings, rendered as errors are, then how many; `denied` when
    /// `--deny-warnings` fails the run for them.
    pub fn warnings<D: Diagnostic>(&self, warnings: &[D], denied: bool) -> String {
        let n = warnings.len();
        let mut text = self.render(warnings);
        if self.format == ErrorFormat::Human {
            let plural = if n == 1 { "" } else { "s" };
            text.push_str(&match (self.lang, denied) {
                (Lang::Zh, false) => format!("共 {n} 个警告\n"),
                (Lang::Zh, true) => format!("共 {n} 个警告，因 --deny-warnings 而拒绝\n"),
                (Lang::En, false) => format!("{n} warning{plural}\n"),
                (Lang::En, true) => format!("{n} warning{plural}, denied by --deny-warnings\n"),
            });
        }
        text
    }

    fn render<D: Diagnostic>(&self, diagnostics: &[D]) -> String {
        let mut text = String::new();
        if self.format == ErrorFormat::Json {
            for diagnostic in diagnostics {
                text.push_str(&json_line(diagnostic, self.lang));
                text.push('\n');
            }
            return text;
        }
        // Each file escaped once, however many diagnostics point into it.
        let mut snippets: HashMap<(usize, usize, usize), Snippet> = HashMap::new();
        for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
            let snippet = diagnostic.source().map(|source| {
                let key = (source.text().as_ptr() as usize, source.text().len(), source.name().as_ptr() as usize);
                &*snippets.entry(key).or_insert_with(|| Snippet::new(source))
            });
            text.push_str(&self.graphical(diagnostic, snippet));
            text.push('\n');
        }
        let n = diagnostics.len();
        if n > MAX_SHOWN {
            let more = n - MAX_SHOWN;
            text.push_str(
                &self.lang.pick(format!("…… 另有 {more} 个未列出\n"), format!("… and {more} more not shown\n")),
            );
        }
        text
    }

    fn graphical(&self, diagnostic: &dyn Diagnostic, snippet: Option<&Snippet>) -> String {
        let shown = Shown::new(diagnostic, snippet, self.lang);
        let mut out = String::new();
        if self.handler.render_report(&mut out, &shown).is_err() {
            return format!("{}\n", shown.text.message);
        }
        if self.lang == Lang::Zh {
            out = chinese_help(&out);
        }
        out
    }
}

/// miette writes its help line as `  help: …`; in Chinese it reads
/// `  提示：…`, as wide on a terminal (8 columns), so that the lines the
/// help wraps onto stay aligned. Colour codes before it are kept.
fn chinese_help(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        match line.find("  help: ") {
            Some(at) if is_escape_codes(&line[..at]) => {
                out.push_str(&line[..at]);
                out.push_str("  提示：");
                out.push_str(&line[at + "  help: ".len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Only terminal colour codes (`\x1b[…m`), or nothing.
fn is_escape_codes(text: &str) -> bool {
    let mut rest = text;
    while let Some(after) = rest.strip_prefix("\u{1b}[") {
        match after.find('m') {
            Some(end) if after[..end].bytes().all(|b| b.is_ascii_digit() || b == b';') => rest = &after[end + 1..],
            _ => return false,
        }
    }
    rest.is_empty()
}

/// A note of the run (`2026-Q3: 40 staff and 12 windows scored by …`) as
/// `--error-format json` writes it: a line like a diagnostic's, of
/// severity `note`.
pub fn note_json(message: &str) -> String {
    format!(
        "{{\"severity\": \"note\", \"code\": null, \"message\": {}, \"label\": null, \"file\": null, \"line\": null, \"column\": null, \"help\": null}}\n",
        json::quoted(message)
    )
}

/// One diagnostic as a JSON object on one line.
fn json_line(diagnostic: &dyn Diagnostic, lang: Lang) -> String {
    let text = shown(diagnostic, lang);
    let message = match &text.context {
        Some(context) => lang.pick(format!("{context}：{}", text.message), format!("{context}: {}", text.message)),
        None => text.message.clone(),
    };
    let optional = |value: Option<&str>| value.map_or_else(|| "null".to_string(), json::quoted);
    let position = match (diagnostic.source(), diagnostic.span()) {
        (Some(source), Some(span)) => {
            let (line, column) = source.line_col(span.start());
            Some((line.to_string(), column.to_string()))
        }
        // A table's row and column.
        _ => diagnostic.cell().map(|(row, column)| (row.to_string(), column.map_or("null".into(), |c| c.to_string()))),
    };
    let (line, column) = position.unwrap_or_else(|| ("null".to_string(), "null".to_string()));
    format!(
        "{{\"severity\": {}, \"code\": {}, \"message\": {}, \"label\": {}, \"file\": {}, \"line\": {line}, \"column\": {column}, \"help\": {}}}",
        json::quoted(diagnostic.severity().name()),
        json::quoted(diagnostic.code()),
        json::quoted(&message),
        optional(text.label.as_deref()),
        optional(diagnostic.file()),
        optional(text.help.as_deref()),
    )
}

/// A diagnostic worded in one language, as miette renders it: its words
/// terminal-safe, its source the [`Snippet`] of its file.
struct Shown<'a> {
    diagnostic: &'a dyn Diagnostic,
    snippet: Option<&'a Snippet>,
    text: Text,
    /// The message, shown under the context when there is one.
    cause: Option<Cause>,
}

impl<'a> Shown<'a> {
    fn new(diagnostic: &'a dyn Diagnostic, snippet: Option<&'a Snippet>, lang: Lang) -> Shown<'a> {
        let text = terminal_safe(shown(diagnostic, lang));
        let cause = text.context.as_ref().map(|_| Cause(text.message.clone()));
        Shown { diagnostic, snippet, text, cause }
    }
}

/// A diagnostic's words with what came from the input escaped: a message,
/// label or context is one line; a help may be several (a list of versions).
fn terminal_safe(text: Text) -> Text {
    let line = |words: Option<String>| words.map(|w| safe::name(&w).into_owned());
    Text {
        message: safe::name(&text.message).into_owned(),
        label: line(text.label),
        also: line(text.also),
        help: text.help.map(|help| safe::text(&help).into_owned()),
        context: line(text.context),
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.context.as_deref().unwrap_or(&self.text.message))
    }
}

impl std::error::Error for Shown<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.cause.as_ref().map(|cause| cause as &(dyn std::error::Error + 'static))
    }
}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.text.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.map(|snippet| snippet as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let snippet = self.snippet?;
        let label = |span: Span, words: &Option<String>| LabeledSpan::new_with_span(words.clone(), snippet.span(span));
        let main = self.diagnostic.span().map(|span| label(span, &self.text.label));
        let also = self.diagnostic.also().map(|span| label(span, &self.text.also));
        Some(Box::new(main.into_iter().chain(also)))
    }
}

/// The source miette shows a diagnostic's labels in: the file as it is, or,
/// when its text or its name holds what would act on the terminal (an ESC
/// sequence in a comment, a U+202E in a name, a lone carriage return), a
/// copy with that escaped as [`safe::source`] escapes it. The labels' spans
/// are found in the copy; the line a label is on is the same (only `\n`
/// and `\r\n` end a line in it, as for `--error-format json`), and the
/// column in the header is the file's own, in characters.
struct Snippet {
    /// What is shown: the file, or its escaped copy.
    named: Named,
    escaped: Option<Escaped>,
    /// The file itself, for the header's column.
    file: Named,
}

impl Snippet {
    fn new(source: &Named) -> Snippet {
        let name = safe::name(source.name());
        let escaped = safe::source(source.text());
        if escaped.is_none() && name == source.name() {
            return Snippet { named: source.clone(), escaped: None, file: source.clone() };
        }
        let text: Arc<str> = Arc::from(escaped.as_ref().map_or(source.text(), |e| e.text.as_str()));
        Snippet { named: Named::new(&name, &text), escaped, file: source.clone() }
    }

    /// Where a span of the file is in what is shown.
    fn span(&self, span: Span) -> SourceSpan {
        match &self.escaped {
            None => span.into(),
            Some(escaped) => {
                let start = escaped.shown(span.start(), false);
                let end = escaped.shown(span.end(), true).max(start);
                (start, end - start).into()
            }
        }
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self.named.read_span(span, context_lines_before, context_lines_after)?;
        // miette asks for the label alone (no context lines) for the header,
        // `[file:line:column]`, and counts its column in bytes of what it is
        // shown. The header gives the file's own column in characters, as
        // `--error-format json` and an editor do: `"name": "张三", "x"`
        // points at column 21, not 25.
        if context_lines_before != 0 || context_lines_after != 0 {
            return Ok(contents);
        }
        let at = contents.span().offset();
        let in_file = self.escaped.as_ref().map_or(at, |escaped| escaped.original(at));
        let column = self.file.line_col(in_file).1.saturating_sub(1);
        let shown = MietteSpanContents::new_named(
            self.named.name().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        );
        Ok(Box::new(shown.with_language("kaohe")))
    }
}

/// The message under a context: miette shows it as the cause.
#[derive(Debug)]
struct Cause(String);

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Cause {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_line_reads_chinese_with_or_without_colour() {
        assert_eq!(chinese_help("x\n  help: 是不是\n"), "x\n  提示：是不是\n");
        assert_eq!(chinese_help("\u{1b}[38;5;14m  help: \u{1b}[0m是\n"), "\u{1b}[38;5;14m  提示：\u{1b}[0m是\n");
        // Only at the start of a line.
        assert_eq!(chinese_help("  × no  help: here\n"), "  × no  help: here\n");
    }
}
