//! A small, strict JSON reader for facts files.
//!
//! kaohe must point at every bad input in a facts file with its exact line and
//! column, and must read numbers exactly as written: scores are decimals, and
//! a trip through `f64` would round them. serde_json gives no span per value
//! and parses numbers to `f64`, so this module parses RFC 8259 JSON into a
//! tree where every value and every object key carries its byte [`Span`] in
//! the source, and every number stays as its validated text.
//!
//! Strings without escapes borrow from the source, so a 30 MB file costs
//! little more than its tree. Nesting is capped at [`MAX_DEPTH`]: hostile
//! input gets an error, never a stack overflow.

use std::borrow::Cow;

pub use super::error::{Container, Hint, JsonError, JsonType};
pub use crate::source::Span;
use crate::source::{line_col, BOM};

/// A JSON value and where it is written. The span of a string includes its
/// quotes, and that of an array or object its brackets, so slicing the source
/// with it gives back the value's exact text.
#[derive(Debug, Clone, PartialEq)]
pub struct Json<'a> {
    pub kind: JsonKind<'a>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JsonKind<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written (validated against the JSON number grammar), e.g. "-0.5", "62", "1e3".
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in document order; duplicate keys are kept (the caller reports them).
    Object(Vec<Member<'a>>),
}

/// One `"key": value` of an object. `key_span` includes the key's quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Json<'a>,
}

impl<'a> Json<'a> {
    /// What it is, for messages like "expected a number, found a string".
    pub fn json_type(&self) -> JsonType {
        match self.kind {
            JsonKind::Null => JsonType::Null,
            JsonKind::Bool(_) => JsonType::Bool,
            JsonKind::Number(_) => JsonType::Number,
            JsonKind::String(_) => JsonType::String,
            JsonKind::Array(_) => JsonType::List,
            JsonKind::Object(_) => JsonType::Object,
        }
    }

    /// "null", "a boolean", "a number", "a string", "a list", "an object".
    pub fn type_name(&self) -> &'static str {
        self.json_type().text(crate::source::diagnostic::Lang::En)
    }

    /// The first member with that key; `None` if there is none or this is not an object.
    pub fn get(&self, key: &str) -> Option<&Member<'a>> {
        match &self.kind {
            JsonKind::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }
}

/// Maximum nesting depth of arrays/objects; deeper input is an error, never a stack overflow.
pub const MAX_DEPTH: usize = 128;

/// Parse a whole JSON document. A leading UTF-8 BOM (U+FEFF) is skipped (spans still index the original text).
/// Whitespace is JSON whitespace only (space, \t, \n, \r).
/// An error is what is wrong, and where the reader stopped.
pub fn parse(text: &str) -> Result<Json<'_>, (JsonError, Span)> {
    document(text, |p| p.value(0))
}

/// Read a whole document with `body`, which reads its one value: the
/// byte order mark, the empty file and what trails the value are handled
/// here, alike for every reader (built, checked or streamed).
pub(super) fn document<'a, T>(
    text: &'a str,
    body: impl FnOnce(&mut Parser<'a>) -> PResult<T>,
) -> Result<T, (JsonError, Span)> {
    let mut p = Parser::at(text, 0);
    if text.starts_with(BOM) {
        p.pos = BOM.len();
    }
    p.skip_ws();
    if p.pos >= p.bytes.len() {
        return Err((JsonError::Empty, Span::new(text.len(), text.len())));
    }
    let value = body(&mut p).map_err(|e| *e)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(*p.trailing());
    }
    Ok(value)
}

/// Longest user text quoted in a message, so junk input cannot make a huge one.
const MAX_TOKEN: usize = 40;

/// Bytes that end the fast scan of a string: `"`, `\` and control characters.
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = true;
        i += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Errors are rare and large; boxing keeps the hot `Result`s small.
pub(super) type PResult<T> = Result<T, Failure>;
pub(super) type Failure = Box<(JsonError, Span)>;

fn error(error: JsonError, span: Span) -> Failure {
    Box::new((error, span))
}

pub(super) struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Parser<'a> {
    /// A parser of `text` at byte `pos`.
    pub(super) fn at(text: &'a str, pos: usize) -> Self {
        Parser { src: text, bytes: text.as_bytes(), pos }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Callers are at the start of a value (whitespace skipped).
    pub(super) fn value(&mut self, depth: usize) -> PResult<Json<'a>> {
        let start = self.pos;
        let kind = match self.peek() {
            Some(b'"') => JsonKind::String(self.string()?),
            Some(b'{') => return self.object(depth),
            Some(b'[') => return self.array(depth),
            Some(b'-' | b'0'..=b'9') => JsonKind::Number(self.number()?),
            Some(b't') if self.literal(b"true") => JsonKind::Bool(true),
            Some(b'f') if self.literal(b"false") => JsonKind::Bool(false),
            Some(b'n') if self.literal(b"null") => JsonKind::Null,
            Some(_) => return Err(self.not_a_value()),
            None => return Err(self.end_of_file()),
        };
        Ok(Json { kind, span: Span::new(start, self.pos) })
    }

    /// Consumes `word` if it is next and not the start of a longer word (`truex`).
    fn literal(&mut self, word: &[u8]) -> bool {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let after = rest.get(word.len()).copied();
        if rest.starts_with(word) && !after.is_some_and(is_ident_byte) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn enter(&self, depth: usize) -> PResult<()> {
        if depth >= MAX_DEPTH {
            return Err(error(JsonError::TooDeep { limit: MAX_DEPTH }, Span::new(self.pos, self.pos + 1)));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> PResult<Json<'a>> {
        let mut items = Vec::new();
        let span = self.array_with(depth, |p| {
            items.push(p.value(depth + 1)?);
            Ok(())
        })?;
        Ok(Json { kind: JsonKind::Array(items), span })
    }

    fn object(&mut self, depth: usize) -> PResult<Json<'a>> {
        self.object_sized(depth, 0)
    }

    /// A value that is most likely an object of a handful of members (an
    /// item of a facts file's list): its members' vector is made once at
    /// that size, rather than grown from 4 to 8 with a copy per record.
    pub(super) fn record(&mut self, depth: usize) -> PResult<Json<'a>> {
        match self.peek() {
            Some(b'{') => self.object_sized(depth, 8),
            _ => self.value(depth),
        }
    }

    fn object_sized(&mut self, depth: usize, capacity: usize) -> PResult<Json<'a>> {
        let mut members = Vec::with_capacity(capacity);
        let span = self.object_with(depth, |p, key, key_span| {
            let value = p.value(depth + 1)?;
            members.push(Member { key, key_span, value });
            Ok(())
        })?;
        Ok(Json { kind: JsonKind::Object(members), span })
    }

    /// Checks the value here without building it, with the errors
    /// [`Parser::value`] would give.
    pub(super) fn skip(&mut self, depth: usize) -> PResult<()> {
        match self.peek() {
            Some(b'{') => self.object_with(depth, |p, _, _| p.skip(depth + 1)).map(drop),
            Some(b'[') => self.array_with(depth, |p| p.skip(depth + 1)).map(drop),
            _ => self.value(depth).map(drop),
        }
    }

    /// The list at `pos` (its `[`), each item read by `item`, which must
    /// consume one value (at `depth + 1`). Returns the list's span. Every
    /// reader of a list, built or skipped or streamed, goes through here,
    /// so that all give the same errors at the same places.
    pub(super) fn array_with(&mut self, depth: usize, mut item: impl FnMut(&mut Self) -> PResult<()>) -> PResult<Span> {
        self.enter(depth)?;
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                item(self).map_err(|e| self.explain_eof(e, open, Container::List))?;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => {
                        let comma = self.pos;
                        self.pos += 1;
                        self.skip_ws();
                        if self.peek() == Some(b']') {
                            return Err(trailing_comma(comma, Container::List));
                        }
                    }
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    Some(_) => {
                        return Err(self.expected_separator(open, Container::List));
                    }
                    None => {
                        let e = self.end_of_file();
                        return Err(self.explain_eof(e, open, Container::List));
                    }
                }
            }
        }
        Ok(Span::new(open, self.pos))
    }

    /// The object at `pos` (its `{`), each member's value read by `member`
    /// (given the key and its span), which must consume one value (at
    /// `depth + 1`). Returns the object's span. As [`Parser::array_with`],
    /// the one loop of every object reader.
    pub(super) fn object_with(
        &mut self,
        depth: usize,
        mut member: impl FnMut(&mut Self, Cow<'a, str>, Span) -> PResult<()>,
    ) -> PResult<Span> {
        self.enter(depth)?;
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let key_start = self.pos;
                let key = match self.peek() {
                    Some(b'"') => self.string()?,
                    Some(_) => return Err(self.not_a_key()),
                    None => {
                        let e = self.end_of_file();
                        return Err(self.explain_eof(e, open, Container::Object));
                    }
                };
                let key_span = Span::new(key_start, self.pos);
                self.skip_ws();
                match self.peek() {
                    Some(b':') => self.pos += 1,
                    Some(_) => return Err(self.expected_colon()),
                    None => {
                        let e = self.end_of_file();
                        return Err(self.explain_eof(e, open, Container::Object));
                    }
                }
                self.skip_ws();
                member(self, key, key_span).map_err(|e| self.explain_eof(e, open, Container::Object))?;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => {
                        let comma = self.pos;
                        self.pos += 1;
                        self.skip_ws();
                        if self.peek() == Some(b'}') {
                            return Err(trailing_comma(comma, Container::Object));
                        }
                    }
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    Some(_) => {
                        return Err(self.expected_separator(open, Container::Object));
                    }
                    None => {
                        let e = self.end_of_file();
                        return Err(self.explain_eof(e, open, Container::Object));
                    }
                }
            }
        }
        Ok(Span::new(open, self.pos))
    }

    /// At the opening `"`; leaves `pos` after the closing one.
    pub(super) fn string(&mut self) -> PResult<Cow<'a, str>> {
        let open = self.pos;
        let start = open + 1;
        let mut i = self.scan_plain(start);
        if self.bytes.get(i) == Some(&b'"') {
            self.pos = i + 1;
            return Ok(Cow::Borrowed(self.slice(start, i)?));
        }
        // Escapes: copy the plain runs between them.
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(self.slice(start, i)?);
        loop {
            match self.bytes.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => i = self.escape(i, open, &mut out)?,
                Some(&b) => return Err(control_character(i, b)),
                None => return Err(unterminated(open)),
            }
            let run_end = self.scan_plain(i);
            out.push_str(self.slice(i, run_end)?);
            i = run_end;
        }
    }

    /// The end of the run of ordinary string bytes from `i`. (Eight bytes
    /// at a time, and `Iterator::position`, both measured slower: most
    /// strings of a facts file are short.)
    fn scan_plain(&self, mut i: usize) -> usize {
        while let Some(&b) = self.bytes.get(i) {
            if STRING_STOP[b as usize] {
                break;
            }
            i += 1;
        }
        i
    }

    /// Decodes the escape whose `\` is at `at`, in the string opened at
    /// `open`; returns the index after it.
    fn escape(&self, at: usize, open: usize, out: &mut String) -> PResult<usize> {
        let simple = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(at, open, out),
            Some(_) => {
                let c = self.char_at(at + 1).unwrap_or('\u{fffd}');
                let span = Span::new(at, at + 1 + c.len_utf8());
                return Err(error(JsonError::InvalidEscape { shown: show_char(c) }, span));
            }
            None => return Err(unterminated(open)),
        };
        out.push(simple);
        Ok(at + 2)
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at `at`.
    fn unicode_escape(&self, at: usize, open: usize, out: &mut String) -> PResult<usize> {
        let high = self.hex4(at, open)?;
        let code = if (0xD800..0xDC00).contains(&high) {
            let low = match self.bytes.get(at + 6..at + 8) {
                Some(b"\\u") => Some(self.hex4(at + 6, open)?),
                _ => None,
            };
            match low {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return match char::from_u32(code) {
                        Some(c) => {
                            out.push(c);
                            Ok(at + 12)
                        }
                        None => Err(lone_surrogate(at, high)),
                    };
                }
                _ => return Err(lone_surrogate(at, high)),
            }
        } else {
            high
        };
        match char::from_u32(code) {
            Some(c) => {
                out.push(c);
                Ok(at + 6)
            }
            None => Err(lone_surrogate(at, code)),
        }
    }

    /// The four hex digits of the `\u` escape at `at`.
    fn hex4(&self, at: usize, open: usize) -> PResult<u32> {
        let mut code = 0;
        for k in 0..4 {
            let digit = self.bytes.get(at + 2 + k).and_then(|&b| char::from(b).to_digit(16));
            match digit {
                Some(d) => code = code * 16 + d,
                None => return Err(self.bad_unicode_escape(at, open)),
            }
        }
        Ok(code)
    }

    fn bad_unicode_escape(&self, at: usize, open: usize) -> Failure {
        let rest = self.src.get(at + 2..).unwrap_or_default();
        let digits = rest.bytes().take(4).take_while(u8::is_ascii_hexdigit).count();
        if digits == rest.len() {
            // The input ends inside the escape: the string is what is cut short.
            return unterminated(open);
        }
        // Show `\u` and what follows it, up to the four places of the digits.
        let shown: String = rest.chars().take_while(|&c| c != '"' && c != '\\' && !c.is_control()).take(4).collect();
        let span = Span::new(at, at + 2 + shown.len());
        error(JsonError::InvalidUnicodeEscape { shown }, span)
    }

    /// At `-` or a digit.
    fn number(&mut self) -> PResult<&'a str> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i = skip_digits(b, i + 1),
            _ => return Err(self.bad_number(start)),
        }
        if b.get(i) == Some(&b'.') {
            if !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                return Err(self.bad_number(start));
            }
            i = skip_digits(b, i + 1);
        }
        if let Some(b'e' | b'E') = b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = b.get(i) {
                i += 1;
            }
            if !b.get(i).is_some_and(u8::is_ascii_digit) {
                return Err(self.bad_number(start));
            }
            i = skip_digits(b, i);
        }
        // "01", "1.2.3" and "12ab" are one bad number, not a number and junk.
        if b.get(i).copied().is_some_and(is_number_byte) {
            return Err(self.bad_number(start));
        }
        self.pos = i;
        self.slice(start, i)
    }

    fn bad_number(&self, start: usize) -> Failure {
        let len = self
            .bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take(MAX_TOKEN)
            .take_while(|&&b| is_number_byte(b))
            .count();
        let span = Span::new(start, start + len);
        let token = self.src.get(start..start + len).unwrap_or_default();
        error(JsonError::InvalidNumber { token: token.to_string(), hint: number_hint(token) }, span)
    }

    /// Not a value where one was expected (`pos` is not at the end).
    fn not_a_value(&self) -> Failure {
        let at = self.pos;
        let next_is_digit = self.bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        match self.peek() {
            Some(b'+' | b'.') if next_is_digit => return self.bad_number(at),
            _ => {}
        }
        let (token, span) = self.token_at(at);
        let help = match self.peek() {
            Some(b) if is_ident_byte(b) => word_hint(&token),
            _ => self.char_at(at).and_then(char_hint),
        };
        error(JsonError::ExpectedValue { found: token, hint: help }, span)
    }

    fn not_a_key(&self) -> Failure {
        let (token, span) = self.token_at(self.pos);
        let help = match self.peek() {
            Some(b) if is_ident_byte(b) => Some(Hint::QuoteKeys),
            _ => self.char_at(self.pos).and_then(char_hint),
        };
        error(JsonError::ExpectedKey { found: token, hint: help }, span)
    }

    fn expected_colon(&self) -> Failure {
        let (_, span) = self.token_at(self.pos);
        let help = match self.char_at(self.pos) {
            Some('=') => Some(Hint::ColonNotEquals),
            Some(c) => char_hint(c),
            None => None,
        };
        error(JsonError::ExpectedColon { hint: help }, span)
    }

    /// Neither `,` nor the closing bracket after an item of the container opened at `open`.
    fn expected_separator(&self, open: usize, container: Container) -> Failure {
        let (_, span) = self.token_at(self.pos);
        let wrong_closer = match container {
            Container::List => '}',
            Container::Object => ']',
        };
        let help = match self.char_at(self.pos) {
            Some(c) if c == wrong_closer => {
                Some(Hint::Mismatched { found: c, open: line_col(self.src, open), container })
            }
            Some('"' | '{' | '[' | '-' | '0'..='9' | 't' | 'f' | 'n') => Some(Hint::AddComma(container)),
            Some(c) => char_hint(c),
            None => None,
        };
        error(JsonError::ExpectedSeparator { container, hint: help }, span)
    }

    fn end_of_file(&self) -> Failure {
        let end = self.bytes.len();
        error(JsonError::UnexpectedEnd { open: None }, Span::new(end, end))
    }

    /// Says which container an end of file left open; the innermost one wins.
    fn explain_eof(&self, mut e: Failure, open: usize, container: Container) -> Failure {
        if let JsonError::UnexpectedEnd { open: slot @ None } = &mut e.0 {
            let (line, column) = line_col(self.src, open);
            *slot = Some((container, line, column));
        }
        e
    }

    /// After the value, at the first non-whitespace byte.
    fn trailing(&self) -> Failure {
        let (_, span) = self.token_at(self.pos);
        let help = match self.char_at(self.pos) {
            Some(',') => Some(Hint::RemoveTrailingComma),
            Some('}' | ']') => Some(Hint::UnopenedBracket),
            Some(c) => char_hint(c).or(Some(Hint::OneValue)),
            None => None,
        };
        error(JsonError::Trailing { hint: help }, span)
    }

    /// The word or single char at `at`, as shown in a message, and its span.
    fn token_at(&self, at: usize) -> (String, Span) {
        let rest = self.bytes.get(at..).unwrap_or_default();
        let word = rest.iter().take(MAX_TOKEN).take_while(|&&b| is_ident_byte(b)).count();
        if word > 0 {
            let token = self.src.get(at..at + word).unwrap_or_default();
            return (token.to_string(), Span::new(at, at + word));
        }
        match self.char_at(at) {
            Some(c) => (show_char(c), Span::new(at, at + c.len_utf8())),
            None => (String::new(), Span::new(at, at)),
        }
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.src.get(at..).and_then(|s| s.chars().next())
    }

    /// `start` and `end` are always next to ASCII bytes, so at char boundaries.
    fn slice(&self, start: usize, end: usize) -> PResult<&'a str> {
        self.src.get(start..end).ok_or_else(|| error(JsonError::InvalidText, Span::new(start, end)))
    }
}

fn skip_digits(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Bytes that may be glued into one (bad) number token.
fn is_number_byte(b: u8) -> bool {
    is_ident_byte(b) || matches!(b, b'.' | b'+' | b'-')
}

/// Invisible or control chars are shown escaped, so a message never quotes nothing.
fn show_char(c: char) -> String {
    if c.is_control() || (c.is_whitespace() && c != ' ') || c == '\u{feff}' || c == '\u{200b}' {
        c.escape_unicode().to_string()
    } else {
        c.to_string()
    }
}

fn trailing_comma(comma: usize, container: Container) -> Failure {
    error(JsonError::TrailingComma { container }, Span::new(comma, comma + 1))
}

fn unterminated(open: usize) -> Failure {
    error(JsonError::Unterminated, Span::new(open, open + 1))
}

fn control_character(at: usize, byte: u8) -> Failure {
    error(JsonError::ControlCharacter { byte }, Span::new(at, at + 1))
}

fn lone_surrogate(at: usize, code: u32) -> Failure {
    error(JsonError::LoneSurrogate { code }, Span::new(at, at + 6))
}

fn number_hint(token: &str) -> Option<Hint> {
    let unsigned = token.strip_prefix('-').unwrap_or(token);
    let lower = unsigned.to_ascii_lowercase();
    if lower.starts_with("inf") || lower.starts_with("nan") {
        Some(Hint::NoNanOrInfinity)
    } else if token.starts_with('+') {
        Some(Hint::NoPlusSign)
    } else if unsigned.is_empty() {
        Some(Hint::DigitsAfterMinus)
    } else if unsigned.starts_with('.') {
        Some(Hint::DigitBeforePoint)
    } else if lower.starts_with("0x") {
        Some(Hint::DecimalOnly)
    } else if unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
    {
        Some(Hint::NoLeadingZeros)
    } else if token.ends_with('.') || lower.contains(".e") {
        Some(Hint::DigitAfterPoint)
    } else if lower.ends_with('e') || token.ends_with('+') || token.ends_with('-') {
        Some(Hint::ExponentDigits)
    } else {
        None
    }
}

fn word_hint(word: &str) -> Option<Hint> {
    match word {
        "NaN" | "nan" | "Infinity" | "infinity" | "inf" => Some(Hint::NoNanOrInfinity),
        "True" | "TRUE" | "False" | "FALSE" | "Null" | "NULL" | "None" | "none" | "nil" => {
            Some(Hint::LowercaseLiterals)
        }
        "undefined" => Some(Hint::UseNull),
        _ if ["true", "false", "null"].iter().any(|lit| lit.starts_with(word) || word.starts_with(lit)) => {
            Some(Hint::Literals)
        }
        _ => Some(Hint::QuoteStrings),
    }
}

/// Advice for a char that often stands where JSON punctuation should be.
fn char_hint(c: char) -> Option<Hint> {
    match c {
        '\'' => Some(Hint::SingleQuotes),
        '/' | '#' => Some(Hint::NoComments),
        '“' | '”' | '＂' | '‘' | '’' => Some(Hint::TypographicQuote),
        '，' | '、' => Some(Hint::AsciiComma),
        '：' => Some(Hint::AsciiColon),
        '［' | '］' | '｛' | '｝' => Some(Hint::AsciiBrackets),
        '\u{3000}' | '\u{a0}' | '\u{feff}' | '\u{200b}' | '\u{b}' | '\u{c}' => Some(Hint::OnlyWhitespace),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::source::diagnostic::{Diagnostic, Lang};

    /// An error as it reads in English, and where it is.
    #[derive(Debug)]
    struct Said {
        message: String,
        help: Option<String>,
        span: Span,
    }

    fn err(text: &str) -> Said {
        match parse(text) {
            Ok(v) => panic!("expected an error for {text:?}, got {v:?}"),
            Err((e, span)) => {
                let said = e.text(Lang::En);
                // Every error reads in Chinese too.
                assert!(!e.text(Lang::Zh).message.is_empty());
                Said { message: said.message, help: said.help, span }
            }
        }
    }

    /// Asserts the error's message and that its span covers exactly `spanned`
    /// at byte `at`.
    fn assert_err(text: &str, message: &str, at: usize, spanned: &str) -> Said {
        let e = err(text);
        assert_eq!(e.message, message, "message for {text:?}");
        assert_eq!(e.span, Span::new(at, at + spanned.len()), "span for {text:?}");
        assert_eq!(&text[e.span.start()..e.span.end()], spanned, "spanned text for {text:?}");
        e
    }

    fn text_of(text: &str, span: Span) -> &str {
        &text[span.start()..span.end()]
    }

    /// Every value's span, re-parsed alone, gives the same value (shifted).
    fn check_spans(text: &str, v: &Json<'_>) {
        let alone = parse(text_of(text, v.span)).unwrap();
        assert_eq!(alone.type_name(), v.type_name());
        match &v.kind {
            JsonKind::Array(items) => items.iter().for_each(|i| check_spans(text, i)),
            JsonKind::Object(members) => {
                for m in members {
                    let key = parse(text_of(text, m.key_span)).unwrap();
                    assert_eq!(key.kind, JsonKind::String(m.key.clone()));
                    check_spans(text, &m.value);
                }
            }
            other => assert_eq!(&alone.kind, other),
        }
    }

    const DOC: &str = r#"{
  "period": "2026-Q3",
  "staff": [
    {"id": "S000001", "name": "张三", "workdays": 62, "days_away": -0.5,
     "facts": {"late_early_away": 2, "rude_conduct": [6, 8], "news_articles": {"city": 1}}},
    {"id": "S000002", "name": "李\"四\"", "ok": true, "no": false, "none": null, "e": 1.25e-3}
  ]
}"#;

    #[test]
    fn parses_a_document_with_exact_spans() {
        let v = parse(DOC).unwrap();
        assert_eq!(v.span, Span::new(0, DOC.len()));
        check_spans(DOC, &v);

        let staff = &v.get("staff").unwrap().value;
        let JsonKind::Array(people) = &staff.kind else { panic!("staff is {}", staff.type_name()) };
        assert_eq!(people.len(), 2);
        let facts = &people[0].get("facts").unwrap().value;
        assert!(text_of(DOC, facts.span).starts_with("{\"late_early_away\""));
        assert!(text_of(DOC, facts.span).ends_with("{\"city\": 1}}"));
        let rude = &facts.get("rude_conduct").unwrap().value;
        assert_eq!(text_of(DOC, rude.span), "[6, 8]");
        let city = &facts.get("news_articles").unwrap().value.get("city").unwrap();
        assert_eq!(text_of(DOC, city.key_span), "\"city\"");
        assert_eq!(city.value.kind, JsonKind::Number("1"));
        assert_eq!(text_of(DOC, city.value.span), "1");

        let name = &people[0].get("name").unwrap();
        assert_eq!(name.value.kind, JsonKind::String(Cow::Borrowed("张三")));
        assert_eq!(text_of(DOC, name.value.span), "\"张三\"");
        assert_eq!(people[0].get("days_away").unwrap().value.kind, JsonKind::Number("-0.5"));
        let second = &people[1];
        assert_eq!(second.get("name").unwrap().value.kind, JsonKind::String(Cow::Owned("李\"四\"".to_string())));
        assert_eq!(second.get("ok").unwrap().value.kind, JsonKind::Bool(true));
        assert_eq!(second.get("no").unwrap().value.kind, JsonKind::Bool(false));
        assert_eq!(second.get("none").unwrap().value.kind, JsonKind::Null);
        assert_eq!(second.get("e").unwrap().value.kind, JsonKind::Number("1.25e-3"));
    }

    #[test]
    fn scalars_and_empty_containers_at_top_level() {
        assert_eq!(parse("null").unwrap().kind, JsonKind::Null);
        assert_eq!(parse(" true ").unwrap().span, Span::new(1, 5));
        assert_eq!(parse("\"x\"").unwrap().kind, JsonKind::String("x".into()));
        assert_eq!(parse("-0.5").unwrap().kind, JsonKind::Number("-0.5"));
        assert_eq!(parse("[]").unwrap().kind, JsonKind::Array(vec![]));
        assert_eq!(parse("{ \n\t\r }").unwrap().kind, JsonKind::Object(vec![]));
        assert_eq!(parse("[ [ ] , { } ]").unwrap().span, Span::new(0, 13));
        assert_eq!(parse("\"\"").unwrap().kind, JsonKind::String("".into()));
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let v = parse(r#"["plain 文字", "esc\naped"]"#).unwrap();
        let JsonKind::Array(items) = v.kind else { panic!() };
        assert!(matches!(&items[0].kind, JsonKind::String(Cow::Borrowed("plain 文字"))));
        assert!(matches!(&items[1].kind, JsonKind::String(Cow::Owned(s)) if s == "esc\naped"));
        let v = parse(r#"{"k": 1}"#).unwrap();
        let JsonKind::Object(members) = v.kind else { panic!() };
        assert!(matches!(members[0].key, Cow::Borrowed("k")));
    }

    #[test]
    fn type_names_and_get() {
        let names: Vec<_> =
            ["null", "true", "1", "\"s\"", "[]", "{}"].iter().map(|t| parse(t).unwrap().type_name()).collect();
        assert_eq!(names, ["null", "a boolean", "a number", "a string", "a list", "an object"]);
        let v = parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
        assert_eq!(v.get("a").unwrap().value.kind, JsonKind::Number("1"));
        assert_eq!(v.get("a").unwrap().key_span, Span::new(1, 4));
        assert!(v.get("c").is_none());
        assert!(parse("[1]").unwrap().get("a").is_none());
        // Duplicates are kept, in order, for the caller to report.
        let JsonKind::Object(members) = v.kind else { panic!() };
        let keys: Vec<_> = members.iter().map(|m| (m.key.as_ref(), m.key_span.start())).collect();
        assert_eq!(keys, [("a", 1), ("b", 9), ("a", 17)]);
    }

    #[test]
    fn escapes_and_surrogates() {
        let v = parse(r#""\" \\ \/ \b \f \n \r \t \u00e9 \u4E2D \ud83d\ude00 \u0000 end""#).unwrap();
        assert_eq!(v.kind, JsonKind::String("\" \\ / \u{8} \u{c} \n \r \t é 中 😀 \u{0} end".into()));
        // An escape right after multi-byte text keeps the text intact.
        assert_eq!(parse(r#""张\t三""#).unwrap().kind, JsonKind::String("张\t三".into()));
    }

    #[test]
    fn bad_escapes() {
        let e = assert_err(r#"["ok", "a\qb"]"#, "invalid escape `\\q`", 9, "\\q");
        assert!(e.help.unwrap().contains("\\uXXXX"));
        assert_err(r#""\张""#, "invalid escape `\\张`", 1, "\\张");
        assert_err(r#""\u12G4""#, "invalid escape `\\u12G4`", 1, "\\u12G4");
        assert_err(r#""\u12""#, "invalid escape `\\u12`", 1, "\\u12");
        assert_err(r#""\x41""#, "invalid escape `\\x`", 1, "\\x");
        assert_err("\"ab\\", "unterminated string", 0, "\"");
        assert_err("\"ab\\u00", "unterminated string", 0, "\"");
        assert_err("[\"\\u", "unterminated string", 1, "\"");
    }

    #[test]
    fn lone_surrogates_are_errors() {
        let e = assert_err(r#""\ud800""#, "unpaired surrogate `\\ud800` in string", 1, "\\ud800");
        assert!(e.help.is_some());
        assert_err(r#""x\uDC00y""#, "unpaired surrogate `\\udc00` in string", 2, "\\uDC00");
        assert_err(r#""\ud800\u0041""#, "unpaired surrogate `\\ud800` in string", 1, "\\ud800");
        assert_err(r#""\ud800\ud800""#, "unpaired surrogate `\\ud800` in string", 1, "\\ud800");
        assert_err(r#""\ud800x""#, "unpaired surrogate `\\ud800` in string", 1, "\\ud800");
        assert_err(r#""\ud800\uzzzz""#, "invalid escape `\\uzzzz`", 7, "\\uzzzz");
    }

    #[test]
    fn control_characters_in_strings() {
        let e = assert_err("{\"name\": \"张\n三\"}", "control character in string", 13, "\n");
        assert!(e.help.unwrap().contains("\\n"));
        let e = assert_err("\"a\tb\"", "control character in string", 2, "\t");
        assert!(e.help.unwrap().contains("\\t"));
        let e = assert_err("\"a\\n\u{1}\"", "control character in string", 4, "\u{1}");
        assert_eq!(e.help.unwrap(), "write it as `\\u0001`");
        // DEL and everything above 0x1f may appear raw.
        assert_eq!(parse("\"\u{7f}\"").unwrap().kind, JsonKind::String("\u{7f}".into()));
    }

    #[test]
    fn unterminated_string_points_at_its_opening_quote() {
        let e = assert_err("{\"a\": \"never closed", "unterminated string", 6, "\"");
        assert!(e.help.is_some());
        assert_err("{\"key", "unterminated string", 1, "\"");
    }

    #[test]
    fn valid_numbers_keep_their_text() {
        for n in [
            "0",
            "-0",
            "1",
            "-1",
            "10",
            "62",
            "1.5",
            "0.1",
            "-0.0",
            "1e3",
            "1E3",
            "1e+3",
            "1E-3",
            "-0.0e0",
            "123.456e789",
            "12345678901234567890123456789",
            "0.30000000000000000000000001",
        ] {
            let v = parse(n).unwrap();
            assert_eq!(v.kind, JsonKind::Number(n), "{n}");
            assert_eq!(v.span, Span::new(0, n.len()));
            let in_list = format!("[{n},{n}]");
            assert!(parse(&in_list).is_ok(), "{in_list}");
        }
    }

    #[test]
    fn invalid_numbers() {
        for (n, bad) in [
            ("01", "01"),
            ("-01", "-01"),
            ("00", "00"),
            ("-", "-"),
            ("1.", "1."),
            ("1.e5", "1.e5"),
            ("1e", "1e"),
            ("1e+", "1e+"),
            ("1E-", "1E-"),
            ("-a", "-a"),
            ("0x1F", "0x1F"),
            ("1.2.3", "1.2.3"),
            ("12ab", "12ab"),
            ("-Infinity", "-Infinity"),
            ("1-2", "1-2"),
            ("--1", "--1"),
            ("-.5", "-.5"),
        ] {
            let text = format!("[1, {n}]");
            assert_err(&text, &format!("invalid number `{bad}`"), 4, bad);
        }
        let e = assert_err("[.5]", "invalid number `.5`", 1, ".5");
        assert!(e.help.unwrap().contains("0.5"));
        let e = assert_err("{\"a\": +1}", "invalid number `+1`", 6, "+1");
        assert!(e.help.unwrap().contains('+'));
        let e = err("007");
        assert!(e.help.unwrap().contains("\"007\""));
        let e = err("-Infinity");
        assert_eq!(e.help.unwrap(), "JSON has no NaN or Infinity");
        // A number followed by a separate token is not one bad number.
        assert_err("[1 2]", "expected `,` or `]` after a list item", 3, "2");
        // Long junk is quoted only in part.
        let long = format!("[1{}]", "2a".repeat(100));
        assert_eq!(err(&long).span.len(), MAX_TOKEN);
    }

    #[test]
    fn nan_infinity_and_bad_literals() {
        let e = assert_err("[NaN]", "expected a value, found `NaN`", 1, "NaN");
        assert_eq!(e.help.unwrap(), "JSON has no NaN or Infinity");
        assert_err("{\"a\": Infinity}", "expected a value, found `Infinity`", 6, "Infinity");
        let e = assert_err("[True]", "expected a value, found `True`", 1, "True");
        assert!(e.help.unwrap().contains("lowercase"));
        assert_err("[tru]", "expected a value, found `tru`", 1, "tru");
        assert_err("[truex]", "expected a value, found `truex`", 1, "truex");
        assert_err("[nul", "expected a value, found `nul`", 1, "nul");
        let e = assert_err("[operator]", "expected a value, found `operator`", 1, "operator");
        assert_eq!(e.help.unwrap(), "strings must be in double quotes");
        // A literal at the end of input is fine.
        assert_eq!(parse("false").unwrap().kind, JsonKind::Bool(false));
    }

    #[test]
    fn strings_of_every_length_end_where_they_end() {
        // Strings of every length end where they end, escapes or not.
        for n in 0..40 {
            let plain = "张".repeat(n) + &"a".repeat(n % 9);
            assert_eq!(parse(&format!("\"{plain}\"")).unwrap().kind, JsonKind::String(plain.clone().into()));
            let escaped = format!("\"{plain}\\n{plain}\"");
            assert_eq!(parse(&escaped).unwrap().kind, JsonKind::String(format!("{plain}\n{plain}").into()));
        }
    }

    #[test]
    fn trailing_commas() {
        let e = assert_err("[1, 2, ]", "trailing comma in list", 5, ",");
        assert_eq!(e.help.unwrap(), "remove the trailing comma");
        let e = assert_err("{\"a\": 1,\n}", "trailing comma in object", 7, ",");
        assert_eq!(e.help.unwrap(), "remove the trailing comma");
        assert_err("[,1]", "expected a value, found `,`", 1, ",");
        assert_err("[1,,2]", "expected a value, found `,`", 3, ",");
        assert_err("{,}", "expected an object key in double quotes, found `,`", 1, ",");
        let e = assert_err("{\"a\":1},", "trailing characters after the JSON value", 7, ",");
        assert_eq!(e.help.unwrap(), "remove the trailing comma");
    }

    #[test]
    fn single_quotes_and_bare_keys() {
        let e = assert_err("{'a': 1}", "expected an object key in double quotes, found `'`", 1, "'");
        assert_eq!(e.help.unwrap(), "JSON strings use double quotes");
        let e = assert_err("{\"a\": 'x'}", "expected a value, found `'`", 6, "'");
        assert_eq!(e.help.unwrap(), "JSON strings use double quotes");
        let e = assert_err("{a: 1}", "expected an object key in double quotes, found `a`", 1, "a");
        assert_eq!(e.help.unwrap(), "object keys must be in double quotes");
        let e = assert_err("[“张三”]", "expected a value, found `“`", 1, "“");
        assert!(e.help.unwrap().contains("typographic"));
    }

    #[test]
    fn comments_are_rejected() {
        let e = assert_err("// facts\n{}", "expected a value, found `/`", 0, "/");
        assert_eq!(e.help.unwrap(), "JSON does not allow comments");
        let e = assert_err("[1 /* x */]", "expected `,` or `]` after a list item", 3, "/");
        assert_eq!(e.help.unwrap(), "JSON does not allow comments");
        let e = assert_err("{\"a\": 1 # x\n}", "expected `,` or `}` after an object member", 8, "#");
        assert_eq!(e.help.unwrap(), "JSON does not allow comments");
        let e = assert_err("{} // end", "trailing characters after the JSON value", 3, "/");
        assert_eq!(e.help.unwrap(), "JSON does not allow comments");
    }

    #[test]
    fn missing_separators_and_mismatched_brackets() {
        let e = assert_err("{\"a\": 1 \"b\": 2}", "expected `,` or `}` after an object member", 8, "\"");
        assert_eq!(e.help.unwrap(), "add a `,` between object members");
        let e = assert_err("[1 [2]]", "expected `,` or `]` after a list item", 3, "[");
        assert_eq!(e.help.unwrap(), "add a `,` between list items");
        assert_err("{\"a\" 1}", "expected `:` after an object key", 5, "1");
        let e = assert_err("{\"a\" = 1}", "expected `:` after an object key", 5, "=");
        assert!(e.help.unwrap().contains("`:`"));
        let e = assert_err("{\"a\"：1}", "expected `:` after an object key", 4, "：");
        assert_eq!(e.help.unwrap(), "use the ASCII colon `:`");
        let e = assert_err("[1，2]", "expected `,` or `]` after a list item", 2, "，");
        assert_eq!(e.help.unwrap(), "use the ASCII comma `,`");
        let e = assert_err("\n [1, 2}", "expected `,` or `]` after a list item", 7, "}");
        assert_eq!(e.help.unwrap(), "this `}` does not match the `[` at line 2, column 2; close it with `]`");
        let e = assert_err("{\"a\": 1]", "expected `,` or `}` after an object member", 7, "]");
        assert!(e.help.unwrap().contains("`{` at line 1, column 1"));
        assert_err("{\"a\": }", "expected a value, found `}`", 6, "}");
        let e = assert_err("[1]]", "trailing characters after the JSON value", 3, "]");
        assert!(e.help.is_some());
        let e = assert_err("{} {}", "trailing characters after the JSON value", 3, "{");
        assert_eq!(e.help.unwrap(), "a JSON file holds exactly one value");
        assert_err("nullx", "expected a value, found `nullx`", 0, "nullx");
        assert_err("null x", "trailing characters after the JSON value", 5, "x");
    }

    #[test]
    fn only_json_whitespace_separates_tokens() {
        let e = assert_err("[1,\u{3000}2]", "expected a value, found `\\u{3000}`", 3, "\u{3000}");
        assert!(e.help.unwrap().contains("only spaces"));
        assert_err("[\u{c}1]", "expected a value, found `\\u{c}`", 1, "\u{c}");
        assert_err("[1\u{a0}]", "expected `,` or `]` after a list item", 2, "\u{a0}");
    }

    #[test]
    fn empty_input() {
        assert_err("", "empty file", 0, "");
        assert_err(" \n\t\r\n ", "empty file", 6, "");
        assert_err("\u{feff}", "empty file", 3, "");
        assert_err("\u{feff}  ", "empty file", 5, "");
    }

    #[test]
    fn unexpected_end_of_file_names_the_open_container() {
        for text in ["[", "[1", "[1,", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,"] {
            let e = assert_err(text, "unexpected end of file", text.len(), "");
            assert!(e.help.unwrap().ends_with("at line 1, column 1 is never closed"), "{text}");
        }
        let e = err("{\"a\": [1,\n  {\"b\": [");
        assert_eq!(e.message, "unexpected end of file");
        assert_eq!(e.help.unwrap(), "the list opened at line 2, column 9 is never closed");
        let e = err("[{}");
        assert_eq!(e.help.unwrap(), "the list opened at line 1, column 1 is never closed");
    }

    #[test]
    fn nesting_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_err(&deep, "nesting deeper than 128 levels", MAX_DEPTH, "[");
        let objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH + 1), "}".repeat(MAX_DEPTH + 1));
        assert_err(&objects, "nesting deeper than 128 levels", 5 * MAX_DEPTH, "{");
    }

    #[test]
    fn a_million_open_brackets_is_an_error_not_a_stack_overflow() {
        let text = "[".repeat(1_000_000);
        assert_err(&text, "nesting deeper than 128 levels", MAX_DEPTH, "[");
        let text = "{\"k\":[".repeat(500_000);
        assert_eq!(err(&text).message, "nesting deeper than 128 levels");
    }

    #[test]
    fn byte_order_mark_is_skipped_but_spans_index_the_original() {
        let text = "\u{feff}{\"a\": [1]}";
        let v = parse(text).unwrap();
        assert_eq!(v.span, Span::new(3, text.len()));
        assert_eq!(text_of(text, v.get("a").unwrap().value.span), "[1]");
        assert_eq!(line_col(text, 3), (1, 1));
        let e = err("\u{feff}{\"a\" 1}");
        assert_eq!(line_col("\u{feff}{\"a\" 1}", e.span.start()), (1, 6));
        // Only a leading mark is skipped.
        assert_err("[1,\u{feff}2]", "expected a value, found `\\u{feff}`", 3, "\u{feff}");
    }

    #[test]
    fn crlf_documents() {
        let text = "{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}\r\n";
        let e = assert_err(text, "expected a value, found `x`", 21, "x");
        assert_eq!(line_col(text, e.span.start()), (3, 8));
        let v = parse("{\r\n\"a\":\r\n1\r\n}\r\n").unwrap();
        assert_eq!(v.get("a").unwrap().value.span, Span::new(9, 10));
        // The `\r` and `\n` of a CRLF share the column after the line's text.
        assert_eq!(line_col(text, 1), (1, 2));
        assert_eq!(line_col(text, 2), (1, 2));
        assert_eq!(line_col(text, 3), (2, 1));
    }

    #[test]
    fn line_col_counts_chars() {
        let text = "{\"name\": \"张三\", \"role\": 操作员}";
        let e = assert_err(text, "expected a value, found `操`", 27, "操");
        assert_eq!(line_col(text, e.span.start()), (1, 24));
        let text = "[\n  \"王五\",\n  \"赵六\" x]";
        let e = err(text);
        assert_eq!(line_col(text, e.span.start()), (3, 8));
        assert_eq!(line_col("", 0), (1, 1));
        assert_eq!(line_col("ab", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 3), (2, 1));
        assert_eq!(line_col("ab\ncd", 5), (2, 3));
        assert_eq!(line_col("ab\ncd", 99), (2, 3));
        assert_eq!(line_col("ab\n", 2), (1, 3));
        // Mid-char offsets give the char's own column rather than a panic.
        assert_eq!(line_col("张三", 1), (1, 2));
        assert_eq!(line_col("张三", 3), (1, 2));
    }

    #[test]
    fn span_helpers() {
        let s = Span::new(3, 7);
        assert_eq!(s, Span::new(3, 7));
        assert_eq!(s.end(), 7);
        assert_eq!(Span::new(7, 3), Span::at(7));
        let source: miette::SourceSpan = s.into();
        assert_eq!((source.offset(), source.len()), (3, 4));
        assert_eq!(err("[").message, "unexpected end of file");
    }

    #[test]
    fn messages_are_lowercase_without_final_period() {
        let inputs = [
            "",
            "[",
            "[1,]",
            "{'a':1}",
            "\"\\q\"",
            "\"\n\"",
            "01",
            "[1 2]",
            "{\"a\" 1}",
            "{} x",
            "\"\\ud800\"",
            "\"abc",
            "[NaN]",
        ];
        for text in inputs {
            let e = err(text);
            let first = e.message.chars().next().unwrap();
            assert!(!first.is_uppercase(), "{text:?}: {}", e.message);
            assert!(!e.message.ends_with('.'), "{text:?}: {}", e.message);
            assert!(e.span.end() <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(e.span.start()) && text.is_char_boundary(e.span.end()));
        }
    }

    /// Every truncation and many single-byte corruptions of a real document
    /// parse or fail cleanly, with a span inside the text.
    #[test]
    fn never_panics_on_damaged_input() {
        let check = |text: &str| {
            if let Err((e, span)) = parse(text) {
                assert!(span.end() <= text.len(), "{text:?}: {e:?}");
                assert!(text.is_char_boundary(span.start()), "{text:?}: {e:?}");
                assert!(text.is_char_boundary(span.end()), "{text:?}: {e:?}");
                let _ = line_col(text, span.start());
            }
        };
        let doc = format!("\u{feff}{DOC} \"\\ud83d\\ude00\\u00e9\" ");
        for end in (0..=doc.len()).filter(|&i| doc.is_char_boundary(i)) {
            check(&doc[..end]);
        }
        let replacements =
            ["", "\"", "\\", "{", "}", "[", "]", ",", ":", "-", ".", "e", "0", "\n", "\u{1}", "中", "u", "d800"];
        for mutated in super::super::corruptions(&doc, &replacements, 0x2545_f491_4f6c_dd1d, 20_000) {
            check(&mutated);
        }
    }
}
