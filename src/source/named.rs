//! The source a diagnostic renders its labels against, fast on large and
//! hostile files.

use std::sync::{Arc, OnceLock};

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::span::{count_chars, not_columns};

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
    positions: Arc<OnceLock<PositionIndex>>,
}

impl std::fmt::Debug for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Named").field("name", &self.name).field("bytes", &self.text.len()).finish()
    }
}

impl Named {
    pub fn new(name: &str, text: &Arc<str>) -> Named {
        Named { name: Arc::from(name), text: Arc::clone(text), index: Arc::default(), positions: Arc::default() }
    }

    /// The 1-based (line, column) of a byte offset, as
    /// [`line_col`](super::line_col) gives it (an editor's: columns in
    /// chars), found from a sparse index built once per file: a hundred
    /// diagnostics at the end of a 15 MB line do not each count its chars.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        self.positions.get_or_init(|| PositionIndex::new(bytes)).line_col(bytes, offset)
    }

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

/// Every [`STEP`] bytes, for [`Named::line_col`]: how many `\n` come
/// before, where the line there starts, and how many chars of it come
/// before. Lines here end at `\n` only, as in [`super::line_col`] (not
/// miette's lone `\r` of [`LineIndex`]).
struct PositionIndex {
    checkpoints: Vec<(usize, usize, usize)>,
}

impl PositionIndex {
    fn new(bytes: &[u8]) -> PositionIndex {
        let mut checkpoints = Vec::with_capacity(bytes.len() / STEP + 1);
        let (mut newlines, mut line_start, mut chars) = (0, 0, 0);
        for (i, &b) in bytes.iter().enumerate() {
            if i % STEP == 0 {
                checkpoints.push((newlines, line_start, chars));
            }
            if b == b'\n' {
                (newlines, line_start, chars) = (newlines + 1, i + 1, 0);
            } else {
                chars += count_chars(&[b]);
            }
        }
        if checkpoints.is_empty() {
            checkpoints.push((0, 0, 0));
        }
        PositionIndex { checkpoints }
    }

    fn line_col(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(bytes.len());
        let k = (offset / STEP).min(self.checkpoints.len() - 1);
        let (from, (newlines, checkpoint_line, chars_then)) = (k * STEP, self.checkpoints[k]);
        let scanned = bytes.get(from..offset).unwrap_or_default();
        let line = 1 + newlines + scanned.iter().filter(|&&b| b == b'\n').count();
        let (line_start, chars) = match scanned.iter().rposition(|&b| b == b'\n') {
            Some(i) => (from + i + 1, count_chars(bytes.get(from + i + 1..offset).unwrap_or_default())),
            None => (checkpoint_line, chars_then + count_chars(scanned)),
        };
        (line, chars.saturating_sub(not_columns(bytes, line_start, offset)) + 1)
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
        let file = crate::source::SourceFile::new("f", text);
        let named = file.named();
        let c = named.read_span(&span.into(), before, after).unwrap();
        assert_eq!(c.name(), Some("f"));
        assert_eq!(c.language(), Some("kaohe"));
        (String::from_utf8_lossy(c.data()).into_owned(), c.span().offset(), c.line(), c.column(), c.line_count())
    }

    #[test]
    fn line_col_from_the_index_is_line_col() {
        // Lines short and long (past several checkpoints), Chinese, CRLF, a
        // lone `\r`, a BOM: every offset near a checkpoint, a line start or
        // the end, and a sample of the rest.
        let long = format!("{}\r\n{}", "张三,".repeat(3 * STEP / 7), "a\rb\n".repeat(STEP / 4));
        for text in ["", "\u{feff}", "\u{feff}\r\n", "ab\r\ncd\n", "\u{feff}张三\n李四\r\n", &long] {
            let named = Named::new("f", &Arc::from(text));
            let near = |at: usize| at.saturating_sub(3)..(at + 4).min(text.len() + 2);
            let mut offsets: Vec<usize> = (0..text.len() + 2).step_by(997).collect();
            offsets.extend((0..=text.len() / STEP).flat_map(|k| near(k * STEP)));
            offsets.extend(text.match_indices('\n').step_by(101).flat_map(|(i, _)| near(i)));
            offsets.extend(near(text.len()));
            for at in offsets {
                assert_eq!(named.line_col(at), crate::source::line_col(text, at), "at {at} of {} bytes", text.len());
            }
        }
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
        let file = crate::source::SourceFile::new("f", "abc");
        assert!(file.named().read_span(&(10, 2).into(), 1, 1).is_err());
        assert!("abc".read_span(&(10, 2).into(), 1, 1).is_err());
    }
}
