//! Text out. Every file kaohe writes goes through [`file`]: whole or not at
//! all, never over one of the run's inputs, never replacing a link or a
//! device with a regular file, keeping the mode of what it replaces.
//! [`pdf`] prints a page to PDF with a headless Chromium, when there is one.

pub mod file;
pub mod pdf;

pub use file::{write, OutputError};
