//! Writing JSON strings. kaohe writes its JSON by hand (every score must be
//! its exact decimal, which serde_json would give only through float or its
//! arbitrary-precision mode); this is the one place that escapes a string.

use std::io::{self, Write};

/// Write `text` as a JSON string literal: quotes, backslashes and control
/// characters escaped, everything else (Chinese included) as it is.
pub fn string(out: &mut (impl Write + ?Sized), text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape: Option<&[u8]> = match byte {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0..=0x1f => None,
            _ => continue,
        };
        out.write_all(&text.as_bytes()[start..i])?;
        match escape {
            Some(e) => out.write_all(e)?,
            None => write!(out, "\\u{byte:04x}")?,
        }
        start = i + 1;
    }
    out.write_all(&text.as_bytes()[start..])?;
    out.write_all(b"\"")
}

/// [`string`], as a `String`.
pub fn quoted(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    // Writing to a Vec cannot fail.
    let _ = string(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_escaped() {
        assert_eq!(super::quoted("张\"三\\\n\u{1}\t"), "\"张\\\"三\\\\\\n\\u0001\\t\"");
        assert_eq!(super::quoted(""), "\"\"");
    }
}
