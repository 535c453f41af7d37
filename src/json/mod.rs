//! JSON both ways, exactly. [`read`] is the strict reader of facts files and
//! policy test cases: every value keeps its span, so a bad one is pointed at
//! by line and column, and every number stays as written, to be read as an
//! exact decimal; [`stream`] reads a large document a record at a time,
//! with the same checks. [`write`] is the one writer of JSON strings, so
//! that every output escapes alike.

pub mod error;
pub mod read;
pub mod stream;
pub mod write;

pub use error::{JsonError, JsonType};
pub use read::{parse, Json, JsonKind, Member, MAX_DEPTH};
pub use stream::{each_item, leading_string, outline, outline_with_items, parse_at, Outline, TopMember};
pub use write::{push_string, quoted, string};

/// For the readers' tests: `count` corruptions of `doc`, each one character
/// (or the end) replaced by one of `replacements`, at places a xorshift
/// from `seed` picks, always on a character boundary.
#[cfg(test)]
pub(crate) fn corruptions<'d>(
    doc: &'d str,
    replacements: &'d [&'d str],
    mut seed: u64,
    count: usize,
) -> impl Iterator<Item = String> + 'd {
    (0..count).map(move |_| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut at = (seed % doc.len() as u64) as usize;
        while !doc.is_char_boundary(at) {
            at -= 1;
        }
        let with = replacements[(seed >> 32) as usize % replacements.len()];
        let next = doc[at..].chars().next().map_or(0, char::len_utf8);
        format!("{}{}{}", &doc[..at], with, &doc[at + next..])
    })
}
