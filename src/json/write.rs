//! Writing JSON strings. kaohe writes its JSON by hand (every score must be
//! its exact decimal, which serde_json would give only through float or its
//! arbitrary-precision mode); this is the one place that escapes a string.

use std::io::{self, Write};

/// Write `text` as a JSON string literal: quotes, backslashes and control
/// characters escaped, everything else (Chinese included) as it is.
pub fn string(out: &mut (impl Write + ?Sized), text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    escaped(text, |piece| out.write_all(piece))?;
    out.write_all(b"\"")
}

/// [`string`] onto the end of a buffer, which cannot fail: the results of a
/// large quarter are made in buffers, record by record.
pub fn push_string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let _ = escaped(text, |piece| {
        out.extend_from_slice(piece);
        Ok::<(), std::convert::Infallible>(())
    });
    out.push(b'"');
}

/// Which bytes a JSON string cannot hold as they are: `"`, `\` and the
/// control characters. Every other byte, UTF-8 continuations included, is
/// copied.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// The escaped text, as runs to copy and escapes between them.
fn escaped<E>(text: &str, mut emit: impl FnMut(&[u8]) -> Result<(), E>) -> Result<(), E> {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if !NEEDS_ESCAPE[byte as usize] {
            continue;
        }
        emit(&bytes[start..i])?;
        let mut unicode = *b"\\u0000";
        emit(match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                unicode[4] = HEX[(byte >> 4) as usize];
                unicode[5] = HEX[(byte & 0xf) as usize];
                &unicode
            }
        })?;
        start = i + 1;
    }
    emit(&bytes[start..])
}

/// [`string`], as a `String`.
pub fn quoted(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    push_string(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_escaped() {
        assert_eq!(super::quoted("张\"三\\\n\u{1}\t"), "\"张\\\"三\\\\\\n\\u0001\\t\"");
        assert_eq!(super::quoted(""), "\"\"");
        assert_eq!(super::quoted("\u{1f}\u{7f}\u{202e}"), "\"\\u001f\u{7f}\u{202e}\"");
        let mut written = Vec::new();
        assert!(super::string(&mut written, "a\"b\u{0}c").is_ok());
        assert_eq!(written, b"\"a\\\"b\\u0000c\"");
    }
}
