//! Text in: the `.rules` files of a policy directory, a facts file, the
//! document a policy cites. Each is read once, bounded and checked, and held
//! (cheaply shared, by `Arc`) by every diagnostic that points into it.
//!
//! - [`span`]: byte spans, and the line and column a person is shown;
//! - [`read`]: the one bounded reader (size cap, UTF-8 checked, GBK and
//!   UTF-16 recognised and how to convert them told);
//! - [`walk`]: the one directory walker;
//! - [`named`]: the source a diagnostic renders its labels against;
//! - [`table`]: CSV files and xlsx sheets as rows of typed, located cells;
//! - [`error`]: what can go wrong reading;
//! - [`diagnostic`]: what every stage's errors share, so that one renderer
//!   shows them all: a code, a severity, the words in Chinese or English,
//!   and the source and spans they point at.

pub mod diagnostic;
pub mod error;
pub mod named;
pub mod read;
pub mod span;
pub mod table;
pub mod walk;

use std::sync::Arc;

pub use error::{IoReason, NotText, ReadError};
pub use named::Named;
pub use read::MAX_FILE_BYTES;
pub(crate) use span::BOM;
pub use span::{line_col, Span};

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user will recognise it (as given on the command line).
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: &str) -> SourceFile {
        // Windows Notepad starts UTF-8 files with a byte-order mark; it is not text.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        SourceFile { name: name.into(), text: Arc::from(text) }
    }

    pub fn named(&self) -> Named {
        Named::new(&self.name, &self.text)
    }
}
