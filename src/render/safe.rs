//! Text from the facts (ids, names) and from the policy (labels) shown so
//! that it cannot act on the terminal or the page: a control character
//! (an ESC sequence could clear the screen or rewrite another person's row),
//! a bidirectional override (U+202E reverses what follows it) or a line
//! break inside a name (Excel's Alt+Enter splits a table row) is shown as
//! an escape instead: `\u{1b}`, `\u{202e}`, `⏎`. The JSON output keeps every
//! character exactly; only what a person reads is escaped.
//!
//! [`name`] is for one value (a cell, a name in a sentence); [`text`] for a
//! whole rendered page or diagnostic, whose own line breaks stay; [`source`]
//! for a file a diagnostic quotes, with where its escapes are, so that the
//! diagnostic's labels still point at what they pointed at. [`Safe`]
//! applies [`text`] to everything written through it.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

/// How a line break inside a name is shown.
pub const LINE_BREAK: char = '⏎';

/// One value as a person is shown it: line breaks as `⏎` (`\r\n` as one),
/// other control characters and bidirectional controls as `\u{…}`.
pub fn name(text: &str) -> Cow<'_, str> {
    escape(text, Keep::Nothing, |_, _| ())
}

/// A whole text as a person is shown it: [`name`]'s escapes, except that
/// `\n` stays a line break.
pub fn text(text: &str) -> Cow<'_, str> {
    escape(text, Keep::Newlines, |_, _| ())
}

/// A source file as a diagnostic quotes it: [`text`]'s escapes, except that
/// a `\r\n` and a tab stay as they are (miette shows them as a line's end
/// and as spaces), with where each escape is, so that a byte offset into
/// the file can be found in what is shown. `None` when nothing is escaped.
pub fn source(text: &str) -> Option<Escaped> {
    let mut escapes = Vec::new();
    match escape(text, Keep::Source, |original, shown| escapes.push(Escape { original, shown })) {
        Cow::Borrowed(_) => None,
        Cow::Owned(shown) => Some(Escaped { text: shown, escapes }),
    }
}

/// Whether `c` is shown escaped (a `\n` aside, which [`text`] keeps).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_line_break(c) || is_bidi_control(c)
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The characters that change the direction text is laid out in (Unicode's
/// Bidi_Control property): marks, embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What [`escape`] leaves as it is, besides the characters that are safe.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    /// `\n`.
    Newlines,
    /// `\n`, `\r\n` and `\t`.
    Source,
}

/// The one escaper. `escaped(original, shown)` is told the byte range of
/// each escaped character (or `\r\n`) in `text` and of what replaced it.
fn escape(text: &str, keep: Keep, mut escaped: impl FnMut(Range<usize>, Range<usize>)) -> Cow<'_, str> {
    let kept = |c: char, next: Option<char>| {
        !is_unsafe(c)
            || (keep != Keep::Nothing && c == '\n')
            || (keep == Keep::Source && (c == '\t' || (c == '\r' && next == Some('\n'))))
    };
    let mut chars = text.char_indices().peekable();
    let first = loop {
        match chars.next() {
            None => return Cow::Borrowed(text),
            Some((at, c)) if !kept(c, chars.peek().map(|&(_, n)| n)) => break (at, c),
            Some(_) => {}
        }
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first.0]);
    let mut next = Some(first);
    while let Some((at, c)) = next {
        let following = chars.peek().map(|&(_, n)| n);
        if kept(c, following) {
            out.push(c);
        } else {
            let shown = out.len();
            let mut end = at + c.len_utf8();
            if c == '\r' && following == Some('\n') {
                // `\r\n` is one line break.
                chars.next();
                end += 1;
                out.push(if keep == Keep::Newlines { '\n' } else { LINE_BREAK });
            } else if is_line_break(c) {
                out.push(LINE_BREAK);
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            escaped(at..end, shown..out.len());
        }
        next = chars.next();
    }
    Cow::Owned(out)
}

/// A text with its unsafe characters escaped ([`source`]), and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escaped {
    pub text: String,
    /// In order, none overlapping.
    escapes: Vec<Escape>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Escape {
    original: Range<usize>,
    shown: Range<usize>,
}

impl Escaped {
    /// Where byte `at` of the original is in the shown text. An offset
    /// inside an escaped character is its start, or with `end` its end (so
    /// a span over part of it covers its whole escape).
    pub fn shown(&self, at: usize, end: bool) -> usize {
        let i = self.escapes.partition_point(|e| e.original.start < at);
        match i.checked_sub(1).and_then(|i| self.escapes.get(i)) {
            None => at,
            Some(e) if at < e.original.end => {
                if end {
                    e.shown.end
                } else {
                    e.shown.start
                }
            }
            Some(e) => e.shown.end + (at - e.original.end),
        }
    }

    /// Where byte `at` of the shown text is in the original: an offset
    /// inside an escape is the escaped character's start.
    pub fn original(&self, at: usize) -> usize {
        let i = self.escapes.partition_point(|e| e.shown.start <= at);
        match i.checked_sub(1).and_then(|i| self.escapes.get(i)) {
            None => at,
            Some(e) if at < e.shown.end => e.original.start,
            Some(e) => e.original.end + (at - e.shown.end),
        }
    }
}

/// A writer that shows everything written through it as [`text`] does. A
/// character split across two writes is held until the rest of it comes.
pub struct Safe<W: Write> {
    inner: W,
    /// The first bytes of a character whose last bytes are still to come.
    pending: Vec<u8>,
}

impl<W: Write> Safe<W> {
    pub fn new(inner: W) -> Safe<W> {
        Safe { inner, pending: Vec::new() }
    }
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let joined;
        let all: &[u8] = if self.pending.is_empty() {
            bytes
        } else {
            joined = [self.pending.as_slice(), bytes].concat();
            &joined
        };
        let (valid, rest) = match std::str::from_utf8(all) {
            Ok(valid) => (valid, &[][..]),
            // Bytes that cannot start a character's end (an invalid sequence,
            // not a cut one) are written as they are: kaohe writes only text.
            Err(err) if err.error_len().is_some() => {
                self.inner.write_all(all)?;
                self.pending.clear();
                return Ok(bytes.len());
            }
            Err(err) => {
                let (valid, rest) = all.split_at(err.valid_up_to());
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
        };
        self.inner.write_all(text(valid).as_bytes())?;
        self.pending = rest.to_vec();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.inner.write_all(&pending)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Safe<W> {
    fn drop(&mut self) {
        // A character cut at the very end is written as it is (and `flush`
        // has normally written it already).
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn names_are_shown_escaped() {
        assert_eq!(name("王建国"), "王建国");
        assert!(matches!(name("王建国"), Cow::Borrowed(_)));
        assert_eq!(name("王\u{1b}[2J建国"), "王\\u{1b}[2J建国");
        assert_eq!(name("\u{202e}国建王"), "\\u{202e}国建王");
        assert_eq!(name("王\n建国"), "王⏎建国");
        assert_eq!(name("王\r\n建国\r"), "王⏎建国⏎");
        assert_eq!(name("a\tb\u{7f}\u{9b}"), "a\\u{9}b\\u{7f}\\u{9b}");
        assert_eq!(name("x\u{2028}y\u{2066}z\u{200f}"), "x⏎y\\u{2066}z\\u{200f}");
        // Wide and combining characters are text, not controls.
        assert_eq!(name("é 窗口 👩‍💻"), "é 窗口 👩‍💻");
    }

    #[test]
    fn whole_texts_keep_their_lines() {
        assert_eq!(text("一\n二\r\n三\u{1b}c"), "一\n二\n三\\u{1b}c");
    }

    #[test]
    fn a_source_keeps_its_line_ends_and_tabs_and_says_where_it_escaped() {
        assert_eq!(source("a\r\n\tb\n"), None);
        let text = "a\u{1b}[2J\r\nb\u{202e}c\rd";
        let shown = source(text).unwrap();
        assert_eq!(shown.text, "a\\u{1b}[2J\r\nb\\u{202e}c⏎d");
        // Every character that is not escaped is found where it is shown.
        for (at, c) in text.char_indices() {
            let there = shown.shown(at, false);
            if !is_unsafe(c) || c == '\n' || (c == '\r' && text[at..].starts_with("\r\n")) {
                assert!(shown.text[there..].starts_with(c), "{at} {c:?}");
            }
            assert_eq!(shown.original(there), at, "{at}");
        }
        assert_eq!(shown.shown(text.len(), false), shown.text.len());
        // A span over the override covers its whole escape; one inside it too.
        let bidi = text.find('\u{202e}').unwrap();
        let (start, end) = (shown.shown(bidi, false), shown.shown(bidi + 3, true));
        assert_eq!(&shown.text[start..end], "\\u{202e}");
        assert_eq!((shown.shown(bidi + 1, false), shown.shown(bidi + 1, true)), (start, end));
        // The lone carriage return is one `⏎`.
        let cr = text.rfind('\r').unwrap();
        assert_eq!(&shown.text[shown.shown(cr, false)..shown.shown(cr + 1, true)], "⏎");
        assert_eq!(shown.original(start + 2), bidi, "inside an escape is its character");
    }

    #[test]
    fn the_writer_escapes_across_writes() {
        let mut out = Vec::new();
        {
            let mut safe = Safe::new(&mut out);
            let bytes = "王\u{202e}\n".as_bytes();
            // Cut inside 王 and inside U+202E.
            for piece in [&bytes[..1], &bytes[1..4], &bytes[4..5], &bytes[5..]] {
                safe.write_all(piece).unwrap();
            }
            safe.write_all(b"\x1b[2J").unwrap();
            safe.flush().unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "王\\u{202e}\n\\u{1b}[2J");
    }
}
