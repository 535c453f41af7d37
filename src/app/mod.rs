//! The use cases, as the command line (or any other front end) calls them:
//! each takes paths and options, runs the stages, and returns data to
//! render or an [`Error`] that says which input was at fault.
//!
//! - [`load`]: a policy directory → its checked versions;
//! - [`period`]: score one period's facts with the version in force;
//! - [`year`]: score a year's quarters and roll them up;
//! - [`explain`]: whose ledger an appeal asks for (by id, name, or a substitute's id);
//! - [`report`]: what the bureau publishes, from a period or a year;
//! - [`diff`]: what a rubric change does to one period;
//! - [`policy_tests`]: run the cases a policy keeps beside each version;
//! - [`gather`]: a period's facts counted from the hall's records;
//! - [`fmt`]: lay `.rules` files out in the canonical layout;
//! - [`doc`]: pick the versions to print as the annex tables;
//! - [`template`]: the summary-layout workbook of a period, to fill in.

pub mod attendance;
mod changes;
pub mod diff;
pub mod doc;
mod error;
pub mod explain;
pub mod fmt;
pub mod gather;
pub mod load;
pub mod period;
pub mod policy_tests;
pub mod report;
pub mod template;
pub mod year;

pub use error::{
    problems, AppError, CommandLine, DiffSide, Error, Fault, Made, MonthLacks, Needed, Problem, VersionName,
};
