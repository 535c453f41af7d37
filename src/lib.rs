//! kaohe (考核): a small rules language for the Luoshan service-hall
//! assessment rubric, and the tools that evaluate it.
//!
//! The pipeline, one module a stage, each using only those above it:
//!
//! 1. [`source`] — text in: files read bounded and checked, spans, lines and
//!    columns, the one directory walker. [`json`] reads (and writes) JSON
//!    exactly, every value with its span.
//! 2. [`syntax`] — `grammar/kaohe.pest` turns each `.rules` file into a
//!    syntax tree; [`syntax::format`] lays one out canonically (`kaohe fmt`).
//! 3. [`policy`] — the checked policy that evaluation reads: every name an
//!    index, nothing from syntax; its versions and the one in force.
//! 4. [`check`] — resolves names and kinds across a version's files into a
//!    [`policy::Policy`], and lints what is probably a mistake (words that
//!    are not the source document's, readings the readings file does not
//!    explain, …).
//! 5. [`facts`] — reads a period's facts against the policy into typed records.
//! 6. [`eval`] — scores every record exactly (rust_decimal), keeping a trace
//!    of each point; grades, quotas, vetoes, flags, the year.
//! 7. [`render`] — results as JSON, tables, ledgers, the printed rubric, the
//!    diff of two policies, and the words of diagnostics.
//! 8. [`output`] — text out: files written whole or not at all, never
//!    over an input ([`output::file`]); stdout and stderr written by one
//!    fallible writer ([`output::stdio`]).
//! 9. [`app`] — the use cases the command line calls: score a period, a
//!    year, diff two policies, run a policy's tests, format, print.
//!
//! The `kaohe` binary (`src/main.rs`, `src/cli/`) only parses arguments,
//! calls [`app`], renders, and picks exit statuses.
//!
//! Invariants: evaluation does no I/O and always terminates (a policy has no
//! loops and no recursion); no float ever touches a score; `check` never
//! sees JSON, and `eval` never sees syntax; nothing prints but
//! [`output::stdio`]. ARCHITECTURE.md has the code map, and
//! `tests/architecture.rs` holds the order.

// Every file kaohe writes goes through `output::file`, every print through
// `output::stdio` (clippy.toml lists the ways around them).
#![deny(clippy::disallowed_methods)]

pub mod app;
pub mod check;
pub mod eval;
pub mod facts;
pub mod json;
pub mod output;
pub mod policy;
pub mod records;
pub mod render;
pub mod source;
pub mod suggest;
pub mod syntax;

pub use policy::{Policies, Policy, Version};
/// What every stage's errors share (a code, a severity, the words in Chinese
/// or English, the source and spans), from [`source::diagnostic`].
pub use source::diagnostic;
