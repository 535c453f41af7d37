//! Source text: the `.rules` files of a policy directory and the facts file,
//! held once and shared (cheaply, by `Arc`) with every diagnostic that points
//! into them.
//!
//! Reading is where hostile files are met first: a file larger than
//! [`MAX_FILE_BYTES`] is refused before it is read, and one that is not UTF-8
//! is refused with where its first bad byte is and, when it looks like GBK
//! (the encoding Chinese Windows saves "ANSI" text in) or UTF-16, how to
//! convert it. A UTF-8 byte-order mark is dropped.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use miette::{Diagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use thiserror::Error;

pub use crate::facts::json::Span;

pub mod table;

/// The largest file kaohe reads: 512 MiB. A real quarter's facts are a few
/// megabytes; a larger file is almost certainly the wrong one, and reading
/// it whole could exhaust memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user will recognise it (as given on the command line).
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: &str) -> SourceFile {
        // Windows Notepad starts UTF-8 files with a byte-order mark; it is not text.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        SourceFile { name: name.into(), text: Arc::from(text) }
    }

    pub fn named(&self) -> Named {
        Named { name: Arc::from(self.name.as_str()), text: Arc::clone(&self.text), index: Arc::default() }
    }

    /// Read a file whole, checking that it is UTF-8 and at most [`MAX_FILE_BYTES`].
    pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
        SourceFile::read_with_limit(path, MAX_FILE_BYTES)
    }

    /// [`SourceFile::read`] with another size limit, in bytes. The size is
    /// checked before reading; a file that grows while it is read (or a pipe,
    /// whose size is not known) is still never read past the limit.
    pub fn read_with_limit(path: &Path, limit: u64) -> Result<SourceFile, ReadError> {
        let name = path.display().to_string();
        let io = |err: std::io::Error| ReadError::Io { path: name.clone(), reason: err.to_string() };
        let file = std::fs::File::open(path).map_err(io)?;
        let metadata = file.metadata().map_err(io)?;
        if metadata.is_dir() {
            return Err(ReadError::Io { path: name, reason: "it is a directory".into() });
        }
        if metadata.len() > limit {
            return Err(ReadError::TooLarge { path: name, size: metadata.len(), limit });
        }
        let mut bytes = Vec::new();
        // One byte past the limit tells a file that grew from one that fits.
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(ReadError::TooLarge { path: name, size: bytes.len() as u64, limit });
        }
        SourceFile::decode(name, bytes)
    }

    /// A file's bytes as text: UTF-8, or an error saying where it is not.
    pub fn decode(name: String, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, &text)),
            Err(err) => Err(not_text(name, err.as_bytes(), err.utf8_error().valid_up_to())),
        }
    }
}

/// A file that could not be read at all.
#[derive(Debug, Error, Diagnostic)]
pub enum ReadError {
    #[error("cannot read `{path}`: {reason}")]
    Io { path: String, reason: String },
    #[error("`{path}` is not UTF-8 text (first bad byte at offset {offset})")]
    #[diagnostic(help("save the file as UTF-8; a file saved as GBK can be converted with `iconv -f GBK -t UTF-8`"))]
    NotUtf8 { path: String, offset: usize },
    /// Not UTF-8: where the first bad byte is, what the file looks like
    /// instead, and how to convert it.
    #[error("`{path}` is not UTF-8 text: {found}")]
    #[diagnostic(help("{help}"))]
    Encoding { path: String, offset: usize, line: usize, column: usize, found: String, help: String },
    #[error("`{path}` is too large to read: {}; kaohe reads files of at most {}", size_text(*size), size_text(*limit))]
    #[diagnostic(help("a quarter's facts take a few megabytes; check that this is the right file"))]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("`{path}` is not a directory of `.rules` files")]
    #[diagnostic(help("pass the policy directory, for example `--policy policies/luoshan`"))]
    NotADirectory { path: String },
    #[error("the policy directory `{path}` holds no `.rules` file")]
    NoRules { path: String },
}

impl ReadError {
    /// The file was read but is not text kaohe can take: the input is at
    /// fault, not the file system.
    pub fn is_not_text(&self) -> bool {
        matches!(self, ReadError::NotUtf8 { .. } | ReadError::Encoding { .. })
    }
}

/// `512 MiB (536870912 bytes)`, `1.5 GiB (1610612736 bytes)`, `300 bytes`.
fn size_text(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let tenths = u128::from(bytes) * 10 / u128::from(size);
            return if tenths % 10 == 0 {
                format!("{} {unit} ({bytes} bytes)", tenths / 10)
            } else {
                format!("{}.{} {unit} ({bytes} bytes)", tenths / 10, tenths % 10)
            };
        }
    }
    format!("{bytes} bytes")
}

/// The error for bytes that are not UTF-8 from `offset` on.
fn not_text(path: String, bytes: &[u8], offset: usize) -> ReadError {
    let valid = bytes.get(..offset).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default();
    let (line, column) = crate::facts::json::line_col(valid, valid.len());
    let byte = bytes.get(offset).copied().unwrap_or_default();
    let convert = |from: &str| {
        let quoted = shell_quote(&path);
        let temporary = shell_quote(&format!("{path}.utf8"));
        format!(
            "convert it to UTF-8: `iconv -f {from} -t UTF-8 {quoted} > {temporary} && mv {temporary} {quoted}` (or save it as UTF-8 from the editor)"
        )
    };
    let at = format!("line {line}, column {column} (byte offset {offset})");
    let (found, help) = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        ("it is UTF-16 (Windows \"Unicode\"): it starts with a UTF-16 byte-order mark".to_string(), convert("UTF-16"))
    } else {
        match looks_like_gb(bytes) {
            Some(encoding) => (
                format!(
                    "it looks like {encoding} (GB18030), as saved by Chinese Windows; the first byte that is not UTF-8 is at {at}"
                ),
                convert(encoding),
            ),
            None => (
                format!("byte 0x{byte:02X} at {at} is not valid UTF-8"),
                "kaohe reads UTF-8 text only: save the file as UTF-8; in a file edited by hand, the byte may be part of a damaged character".to_string(),
            ),
        }
    };
    ReadError::Encoding { path, offset, line, column, found, help }
}

/// Whether every byte of the file reads as ASCII, GBK double bytes or
/// GB18030 four-byte sequences, with at least one Chinese character, and
/// which of the two it needs. A heuristic: other legacy encodings (Big5,
/// Shift JIS) are often also valid GBK, but a Chinese government hall's
/// non-UTF-8 file is GBK far more often than anything else.
fn looks_like_gb(bytes: &[u8]) -> Option<&'static str> {
    let mut i = 0;
    // Pairs in the GB2312 area (both bytes 0xA1 and up), where the common
    // characters are, and pairs elsewhere in GBK.
    let (mut common, mut rare, mut four) = (0usize, 0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        match (b, bytes.get(i + 1).copied(), bytes.get(i + 2).copied(), bytes.get(i + 3).copied()) {
            (0x00..=0x7F, ..) => i += 1,
            (0xA1..=0xFE, Some(0xA1..=0xFE), ..) => {
                common += 1;
                i += 2;
            }
            (0x81..=0xFE, Some(0x40..=0x7E | 0x80..=0xFE), ..) => {
                rare += 1;
                i += 2;
            }
            (0x81..=0xFE, Some(0x30..=0x39), Some(0x81..=0xFE), Some(0x30..=0x39)) => {
                four += 1;
                i += 4;
            }
            _ => return None,
        }
    }
    // Latin-1 and the like read as rare pairs, if at all.
    if common == 0 || common < rare {
        return None;
    }
    Some(if four == 0 { "GBK" } else { "GB18030" })
}

/// A path as a POSIX shell reads it back: as it is when that is safe, else in single quotes.
fn shell_quote(text: &str) -> String {
    let safe = |c: char| c.is_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The `.rules` files of a policy directory, sorted by name so that every
/// run reads them in the same order. A `.rules` entry that cannot be read —
/// a broken or looping symbolic link, a file without permission — is an
/// error naming it, never silently left out; directories are not read into,
/// so a looping directory link cannot make this run forever.
pub fn read_policy_dir(dir: &Path) -> Result<Vec<SourceFile>, Vec<ReadError>> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        vec![if dir.is_file() {
            ReadError::NotADirectory { path: dir.display().to_string() }
        } else {
            ReadError::Io { path: dir.display().to_string(), reason: err.to_string() }
        }]
    })?;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut not_files: Vec<ReadError> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if path.extension().is_none_or(|ext| ext != "rules") {
                    continue;
                }
                // Through links: a broken or looping one is an error; a
                // directory is not read into; a pipe would block.
                match std::fs::metadata(&path) {
                    Ok(meta) if meta.is_file() => paths.push(path),
                    Ok(meta) if meta.is_dir() => {}
                    Ok(_) => not_files.push(ReadError::Io {
                        path: path.display().to_string(),
                        reason: "it is not a regular file".into(),
                    }),
                    Err(err) => {
                        not_files.push(ReadError::Io { path: path.display().to_string(), reason: err.to_string() })
                    }
                }
            }
            Err(err) => return Err(vec![ReadError::Io { path: dir.display().to_string(), reason: err.to_string() }]),
        }
    }
    if !not_files.is_empty() {
        not_files.sort_by_key(|e| e.to_string());
        return Err(not_files);
    }
    if paths.is_empty() {
        return Err(vec![ReadError::NoRules { path: dir.display().to_string() }]);
    }
    paths.sort();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match SourceFile::read(&path) {
            Ok(file) => files.push(file),
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// The source code a diagnostic renders its labels against: a file's name
/// and text, shared.
///
/// It renders as miette renders any text, with two differences for large
/// and hostile files. It reads only the lines around a label, finding their
/// numbers in a sparse index built once per file, so a hundred diagnostics
/// near the end of a 50 MB file do not scan it three hundred times. And a
/// line longer than [`MAX_LINE`] bytes (a minified JSON file is one line) is
/// shown only around the label, so that one error does not print the whole
/// file.
#[derive(Clone)]
pub struct Named {
    name: Arc<str>,
    text: Arc<str>,
    index: Arc<OnceLock<LineIndex>>,
}

impl std::fmt::Debug for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Named").field("name", &self.name).field("bytes", &self.text.len()).finish()
    }
}

impl Named {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(self.text.as_bytes()))
    }

    fn contents<'a>(
        &self,
        data: &'a [u8],
        at: usize,
        line: usize,
        column: usize,
        lines: usize,
    ) -> MietteSpanContents<'a> {
        MietteSpanContents::new_named(self.name.to_string(), data, (at, data.len()).into(), line, column, lines)
            .with_language("kaohe")
    }
}

/// Lines longer than this many bytes are shown only around their label.
pub const MAX_LINE: usize = 512;

/// How many bytes of a long line are shown on each side of a label.
const AROUND: usize = 80;

impl SourceCode for Named {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = &self.text;
        let bytes = text.as_bytes();
        let start = span.offset().min(bytes.len());
        let end = start.saturating_add(span.len()).min(bytes.len());

        if let Some(context_start) = short_context(bytes, start, end, context_lines_before, context_lines_after) {
            // miette reads from a little above the context (it looks at the
            // byte before a label), with the lines above it counted.
            let region = context_start.saturating_sub(2);
            let above = self.index().breaks_before(bytes, region);
            let rest = bytes.get(region..).unwrap_or_default();
            let shifted = SourceSpan::new(span.offset().saturating_sub(region).into(), span.len());
            let inner = rest.read_span(&shifted, context_lines_before, context_lines_after)?;
            let at = inner.span().offset() + region;
            let (line, column, lines) = (inner.line() + above, inner.column(), inner.line_count() + above);
            return Ok(Box::new(self.contents(inner.data(), at, line, column, lines)));
        }
        if span.offset() > bytes.len() {
            return Err(MietteError::OutOfBounds);
        }

        // A long line: from a little before the label to a little after it,
        // within its lines, and no context lines.
        let line_start = self.index().line_start(bytes, start);
        let mut lo = if context_lines_before == 0 { start } else { start.saturating_sub(AROUND).max(line_start) };
        while lo > line_start && !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let limit = end.saturating_add(AROUND).min(bytes.len());
        let line_end = bytes
            .get(end..limit)
            .and_then(|b| b.iter().position(|&b| b == b'\n' || b == b'\r'))
            .map_or(limit, |i| end + i);
        let mut hi = line_end;
        while hi < bytes.len() && !text.is_char_boundary(hi) {
            hi += 1;
        }
        let data = bytes.get(lo..hi).unwrap_or_default();
        let line = self.index().breaks_before(bytes, line_start);
        Ok(Box::new(self.contents(data, lo, line, lo - line_start, count_breaks(bytes, lo, hi))))
    }
}

/// A line break as miette counts them: a `\n`, or a `\r` not followed by one.
fn is_break(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b'\n') => true,
        Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

fn count_breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to.min(bytes.len())).filter(|&i| is_break(bytes, i)).count()
}

/// The start of the line holding `at`, if it is at most [`MAX_LINE`] bytes above.
fn short_line_start(bytes: &[u8], at: usize) -> Option<usize> {
    let floor = at.saturating_sub(MAX_LINE + 1);
    match (floor..at).rev().find(|&i| is_break(bytes, i)) {
        Some(i) => Some(i + 1),
        None if floor == 0 => Some(0),
        None => None,
    }
}

/// The end of the line holding `at` (the offset of its break, or the end of
/// the text), if it is at most [`MAX_LINE`] bytes below.
fn short_line_end(bytes: &[u8], at: usize) -> Option<usize> {
    let ceiling = at.saturating_add(MAX_LINE + 1).min(bytes.len());
    match (at..ceiling).find(|&i| bytes[i] == b'\n' || bytes[i] == b'\r') {
        Some(i) => Some(i),
        None if ceiling == bytes.len() => Some(ceiling),
        None => None,
    }
}

/// Where the context of `start..end` begins (the start of the line
/// `before` lines above the label's), if the label's lines and the context
/// lines are all at most [`MAX_LINE`] bytes long; `None` if one is longer.
fn short_context(bytes: &[u8], start: usize, end: usize, before: usize, after: usize) -> Option<usize> {
    let mut context_start = short_line_start(bytes, start)?;
    for _ in 0..before {
        if context_start == 0 {
            break;
        }
        // Step over the break (`\n`, `\r\n` or a lone `\r`) into the line above.
        let mut above = context_start - 1;
        if bytes.get(above) == Some(&b'\n') && above > 0 && bytes.get(above - 1) == Some(&b'\r') {
            above -= 1;
        }
        context_start = short_line_start(bytes, above)?;
    }
    // The label's own lines, then those after it.
    let mut at = context_start;
    let mut lines_after = 0;
    loop {
        let line_end = short_line_end(bytes, at)?;
        if line_end >= end {
            // One line more than asked: miette may count a label that ends
            // on a line break as ending on the line before it.
            if lines_after > after || line_end >= bytes.len() {
                return Some(context_start);
            }
            lines_after += 1;
        }
        at = line_end + 1;
        if bytes.get(line_end) == Some(&b'\r') && bytes.get(at) == Some(&b'\n') {
            at += 1;
        }
        if at > bytes.len() {
            return Some(context_start);
        }
    }
}

/// Every [`STEP`] bytes, how many line breaks come before and where the
/// line there starts: finding a line's number costs at most one step's scan.
struct LineIndex {
    checkpoints: Vec<(usize, usize)>,
}

const STEP: usize = 1 << 16;

impl LineIndex {
    fn new(bytes: &[u8]) -> LineIndex {
        let mut checkpoints = Vec::with_capacity(bytes.len() / STEP + 1);
        let (mut breaks, mut line_start) = (0, 0);
        for i in 0..bytes.len() {
            if i % STEP == 0 {
                checkpoints.push((breaks, line_start));
            }
            if is_break(bytes, i) {
                breaks += 1;
                line_start = i + 1;
            }
        }
        if checkpoints.is_empty() {
            checkpoints.push((0, 0));
        }
        LineIndex { checkpoints }
    }

    fn checkpoint(&self, at: usize) -> (usize, usize, usize) {
        let k = (at / STEP).min(self.checkpoints.len() - 1);
        let (breaks, line_start) = self.checkpoints[k];
        (k * STEP, breaks, line_start)
    }

    /// The line breaks before `at`: the 0-based line `at` is on.
    fn breaks_before(&self, bytes: &[u8], at: usize) -> usize {
        let (from, breaks, _) = self.checkpoint(at);
        breaks + count_breaks(bytes, from, at)
    }

    /// The start of the line `at` is on.
    fn line_start(&self, bytes: &[u8], at: usize) -> usize {
        let (from, _, line_start) = self.checkpoint(at);
        (from..at.min(bytes.len())).rev().find(|&i| is_break(bytes, i)).map_or(line_start, |i| i + 1)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    /// What plain miette shows for a span: (data, offset, line, column, line count).
    fn plain(text: &str, span: (usize, usize), before: usize, after: usize) -> (String, usize, usize, usize, usize) {
        let c = text.read_span(&span.into(), before, after).unwrap();
        (String::from_utf8_lossy(c.data()).into_owned(), c.span().offset(), c.line(), c.column(), c.line_count())
    }

    fn named(text: &str, span: (usize, usize), before: usize, after: usize) -> (String, usize, usize, usize, usize) {
        let file = SourceFile::new("f", text);
        let named = file.named();
        let c = named.read_span(&span.into(), before, after).unwrap();
        assert_eq!(c.name(), Some("f"));
        assert_eq!(c.language(), Some("kaohe"));
        (String::from_utf8_lossy(c.data()).into_owned(), c.span().offset(), c.line(), c.column(), c.line_count())
    }

    #[test]
    fn short_lines_read_as_miette_reads_them() {
        let texts = [
            "a\nbb\nccc\ndddd\neeeee\n",
            "one\r\ntwo\r\nthree\r\nfour",
            "x\ry\rz\n\n\nw",
            "张三\n李四\n王五\n",
            "",
            "no newline at all",
            "\n\n\n\n",
            "ab\r\ncd\re\n\nfgh\r\r\nij\n\r",
        ];
        for text in texts {
            for start in 0..=text.len() {
                for len in [0, 1, 3, 7] {
                    if start + len > text.len() {
                        continue;
                    }
                    for (before, after) in [(0, 0), (1, 1), (2, 0), (0, 2), (3, 3)] {
                        let span = (start, len);
                        assert_eq!(
                            named(text, span, before, after),
                            plain(text, span, before, after),
                            "{text:?} {span:?} {before} {after}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_large_file_reads_as_miette_reads_it() {
        // Short lines of every length up to MAX_LINE, ending in `\n`, `\r\n` or a lone `\r`.
        let mut text = String::new();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        while text.len() < 3 * STEP {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % (MAX_LINE as u64 / 4)) as usize;
            text.push_str(&"张x".repeat(len / 4));
            text.push_str(["\n", "\r\n", "\r", "\n\n"][(seed >> 40) as usize % 4]);
        }
        let mut checked = 0;
        for start in (0..text.len()).step_by(STEP / 5 + 3).chain([STEP - 1, STEP, STEP + 1, 2 * STEP, text.len()]) {
            for len in [0, 1, 5, 700] {
                if start + len > text.len() {
                    continue;
                }
                for (before, after) in [(0, 0), (1, 1), (2, 2)] {
                    let span = (start, len);
                    assert_eq!(
                        named(&text, span, before, after),
                        plain(&text, span, before, after),
                        "{span:?} {before} {after}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
    }

    #[test]
    fn a_long_line_is_shown_around_the_label() {
        let long = format!("{{\"a\": [{}x]}}", "1, ".repeat(10_000));
        let at = long.find('x').unwrap();
        let text = format!("first\n{long}\nlast\n");
        let start = 6 + at;
        let (data, offset, line, column, lines) = named(&text, (start, 1), 1, 1);
        assert!(data.len() <= 2 * AROUND + 1, "{}", data.len());
        assert!(data.contains('x') && !data.contains('\n'));
        assert_eq!(&text[offset..offset + data.len()], data);
        assert_eq!((line, column, lines), (1, offset - 6, 0));
        // The header's position is the label's own.
        let (data, offset, line, column, _) = named(&text, (start, 1), 0, 0);
        assert!(data.starts_with('x'));
        assert_eq!((offset, line, column), (start, 1, at));
        // Chinese text is cut between characters.
        let text = "张".repeat(1000);
        let (data, offset, ..) = named(&text, (1500, 3), 1, 1);
        assert!(text.is_char_boundary(offset) && !data.contains('\u{fffd}'));
    }

    #[test]
    fn a_long_context_line_is_not_shown() {
        let text = format!("{{\"period\": 5,\n\"staff\": [{}]}}", "{}, ".repeat(50_000));
        let (data, ..) = named(&text, (11, 1), 1, 1);
        assert_eq!(data, "{\"period\": 5,");
    }

    #[test]
    fn spans_past_the_end_are_out_of_bounds() {
        let file = SourceFile::new("f", "abc");
        assert!(file.named().read_span(&(10, 2).into(), 1, 1).is_err());
        assert!("abc".read_span(&(10, 2).into(), 1, 1).is_err());
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(300), "300 bytes");
        assert_eq!(size_text(2048), "2 KiB (2048 bytes)");
        assert_eq!(size_text(MAX_FILE_BYTES), "512 MiB (536870912 bytes)");
        assert_eq!(size_text(3 << 29), "1.5 GiB (1610612736 bytes)");
        assert_eq!(size_text(u64::MAX), "17179869183.9 GiB (18446744073709551615 bytes)");
    }

    #[test]
    fn gbk_is_told_from_other_bytes() {
        // "公安" in GBK.
        assert_eq!(looks_like_gb(b"{\"name\": \"\xb9\xab\xb0\xb2\"}"), Some("GBK"));
        assert_eq!(looks_like_gb(b"\x81\x30\x81\x30\xb9\xab"), Some("GB18030"));
        assert_eq!(looks_like_gb(b"plain ascii"), None);
        assert_eq!(looks_like_gb(b"\xff\xff"), None);
        assert_eq!(looks_like_gb(b"caf\xe9 au lait"), None, "Latin-1");
        assert_eq!(looks_like_gb("公".as_bytes()), None, "an odd byte out");
    }

    #[test]
    fn quoting_for_the_shell() {
        assert_eq!(shell_quote("facts/2026-Q3.json"), "facts/2026-Q3.json");
        assert_eq!(shell_quote("my facts.json"), "'my facts.json'");
        assert_eq!(shell_quote("it's.json"), r"'it'\''s.json'");
    }
}
