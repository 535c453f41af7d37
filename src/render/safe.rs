//! Text from the facts (ids, names) and from the policy (labels) shown so
//! that it cannot act on the terminal or the page: a control character
//! (an ESC sequence could clear the screen or rewrite another person's row),
//! a bidirectional override (U+202E reverses what follows it) or a line
//! break inside a name (Excel's Alt+Enter splits a table row) is shown as
//! an escape instead: `\u{1b}`, `\u{202e}`, `⏎`. The JSON output keeps every
//! character exactly; only what a person reads is escaped.
//!
//! [`name`] is for one value (a cell, a name in a sentence); [`text`] for a
//! whole rendered page or diagnostic, whose own line breaks stay. [`Safe`]
//! applies [`text`] to everything written through it.

use std::borrow::Cow;
use std::io::{self, Write};

/// How a line break inside a name is shown.
pub const LINE_BREAK: char = '⏎';

/// One value as a person is shown it: line breaks as `⏎` (`\r\n` as one),
/// other control characters and bidirectional controls as `\u{…}`.
pub fn name(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A whole text as a person is shown it: [`name`]'s escapes, except that
/// `\n` stays a line break.
pub fn text(text: &str) -> Cow<'_, str> {
    escape(text, true)
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

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let keep = |c: char| !is_unsafe(c) || (keep_newlines && c == '\n');
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if keep(c) {
            out.push(c);
        } else if c == '\r' && chars.peek() == Some(&'\n') {
            // `\r\n` is one line break.
            chars.next();
            out.push(if keep_newlines { '\n' } else { LINE_BREAK });
        } else if is_line_break(c) {
            out.push(LINE_BREAK);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
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
