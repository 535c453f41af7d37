//! The one reader of text files: bounded, UTF-8 checked, and telling a
//! GBK or UTF-16 file apart with how to convert it.

use std::io::Read;
use std::path::Path;

use super::error::{NotText, ReadError};
use super::SourceFile;

/// The largest file kaohe reads: 512 MiB. A real quarter's facts are a few
/// megabytes; a larger file is almost certainly the wrong one, and reading
/// it whole could exhaust memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

impl SourceFile {
    /// Read a file whole, checking that it is UTF-8 and at most [`MAX_FILE_BYTES`].
    pub fn read(path: &Path) -> Result<SourceFile, ReadError> {
        SourceFile::read_with_limit(path, MAX_FILE_BYTES)
    }

    /// [`SourceFile::read`] with another size limit, in bytes. The size is
    /// checked before reading; a file that grows while it is read (or a pipe,
    /// whose size is not known) is still never read past the limit.
    pub fn read_with_limit(path: &Path, limit: u64) -> Result<SourceFile, ReadError> {
        let bytes = read_bytes(path, limit)?;
        SourceFile::decode(path.display().to_string(), bytes)
    }
}

/// The one bounded read: the bytes of a regular file (through links), at
/// most `limit` of them. A directory, a device (`/dev/zero`), a FIFO or a
/// socket is refused before it is opened (opening a FIFO without a writer
/// would block), and the opened file is checked again. A file may start
/// with one UTF-8 byte-order mark (Windows Notepad writes one; the reader
/// of its text skips it), not two: the second would be read as text, an
/// invisible character before the first word.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let name = path.display().to_string();
    let io = |err: std::io::Error| ReadError::io(path, err);
    let kind = |metadata: &std::fs::Metadata| {
        if metadata.is_dir() {
            Err(ReadError::IsDirectory { path: name.clone() })
        } else if !metadata.is_file() {
            Err(ReadError::NotRegular { path: name.clone() })
        } else {
            Ok(())
        }
    };
    kind(&std::fs::metadata(path).map_err(io)?)?;
    let file = std::fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    kind(&metadata)?;
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { path: name, size: metadata.len(), limit });
    }
    let mut bytes = Vec::new();
    // One byte past the limit tells a file that grew from one that fits.
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { path: name, size: bytes.len() as u64, limit });
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]) {
        return Err(ReadError::SecondBom { path: name });
    }
    Ok(bytes)
}

impl SourceFile {
    /// A file's bytes as text: UTF-8, or an error saying where it is not.
    pub fn decode(name: String, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, &text)),
            Err(err) => Err(not_text(name, err.as_bytes(), err.utf8_error().valid_up_to())),
        }
    }
}

/// The error for bytes that are not UTF-8 from `offset` on.
fn not_text(path: String, bytes: &[u8], offset: usize) -> ReadError {
    let valid = bytes.get(..offset).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default();
    let (line, column) = super::line_col(valid, valid.len());
    let found = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        NotText::Utf16
    } else if bytes.starts_with(b"PK\x03\x04") {
        NotText::Workbook
    } else {
        match looks_like_gb(bytes) {
            Some(encoding) => NotText::Gb { encoding },
            None => NotText::Byte(bytes.get(offset).copied().unwrap_or_default()),
        }
    };
    ReadError::Encoding { path, offset, line, column, found }
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

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
}
