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
pub use stream::{each_item, outline, parse_at, Outline, TopMember};
pub use write::{push_string, quoted, string};
