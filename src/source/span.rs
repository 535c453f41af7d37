//! Where in a text something is: byte spans, and the line and column a
//! person is shown.

/// A byte range `start..end` in one source text. Offsets are `u32`: kaohe
/// reads no file larger than [`super::MAX_FILE_BYTES`], far below 4 GiB, and
/// a span sits in every syntax node and every JSON value, so it stays small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// An `end` before `start` gives an empty span rather than a panic; an
    /// offset past `u32::MAX` (never read: see above) is held at it.
    pub fn new(start: usize, end: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let start = clamp(start);
        Span { start, end: clamp(end).max(start) }
    }

    /// An empty span at `at`.
    pub fn at(at: usize) -> Span {
        Span::new(at, at)
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start(), span.len()).into()
    }
}

pub(crate) const BOM: &str = "\u{feff}";

/// 1-based (line, column) of a byte offset, as an editor shows it: the
/// column counts chars, not bytes, so Chinese text gives sensible columns;
/// lines split on `\n`, and neither a byte-order mark nor the `\r` of a CRLF
/// counts as a column.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let offset = offset.min(bytes.len());
    let before = bytes.get(..offset).unwrap_or_default();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let chars = count_chars(before.get(line_start..).unwrap_or_default());
    (line, chars.saturating_sub(not_columns(bytes, line_start, offset)) + 1)
}

/// The chars of `bytes`: counting the bytes that start one works even
/// mid-char, with no slicing.
pub(super) fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// How many of the chars from `line_start` to `offset` are no column: a
/// byte-order mark at the start of the text, and the `\r` of a CRLF when
/// `offset` is at its `\n`.
pub(super) fn not_columns(bytes: &[u8], line_start: usize, offset: usize) -> usize {
    let bom = line_start == 0 && offset >= BOM.len() && bytes.starts_with(BOM.as_bytes());
    let cr = bytes.get(offset) == Some(&b'\n') && offset > line_start && bytes.get(offset - 1) == Some(&b'\r');
    usize::from(bom) + usize::from(cr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_never_run_backwards() {
        assert_eq!(Span::new(7, 3), Span::at(7));
        assert_eq!(Span::new(3, 7).len(), 4);
        assert_eq!(Span::new(usize::MAX, usize::MAX).start(), u32::MAX as usize);
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col("张三\n李四", 7), (2, 1));
        assert_eq!(line_col("张三\n李四", 10), (2, 2));
        assert_eq!(line_col("\u{feff}{}", 3), (1, 1));
        assert_eq!(line_col("a\r\nb", 1), (1, 2));
    }
}
