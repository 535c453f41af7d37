//! Text out. Every file kaohe writes goes through [`file`]: whole or not at
//! all, never over one of the run's inputs, never replacing a link or a
//! device with a regular file, keeping the mode of what it replaces. Every
//! line printed goes through [`stdio`], whose writes fail instead of
//! panicking. [`pdf`] prints a page to PDF with a headless Chromium, when
//! there is one.

pub mod error;
pub mod file;
pub mod pdf;
pub mod stdio;

pub use error::OutputError;
pub use file::write;
pub use stdio::PrintError;
