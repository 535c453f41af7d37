//! Stage 1, text → syntax tree: the pest grammar (`grammar/kaohe.pest`)
//! turns each `.rules` file into an [`ast::File`]. Nothing is resolved here;
//! a file that parses may still be rejected by `check`. [`format`] lays a
//! file out in the one canonical layout, keeping its comments (`kaohe fmt`).

pub mod ast;
pub mod error;
pub mod format;
mod parse;
pub mod records;

pub use error::{FormatError, SyntaxError};
pub use parse::parse_file;

/// The pest parser generated from the grammar file.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/kaohe.pest"]
pub(crate) struct KaoheParser;
