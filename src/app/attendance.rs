//! A month's facts for the 《考勤通报》 (第十七条(三)): who was late, left
//! early, missed a punch, was absent or on leave, and on which days, from
//! the facts file `kaohe gather` writes for a month (`"period": "2026-07"`,
//! `evidence` beside `facts`: docs/io.md, records.md).
//!
//! A month is read by the facts loader as a quarter is, with the same
//! checks and the same errors, by the version in force on its first day;
//! it is counted, not scored: the assessment is quarterly (第十一条), and a
//! month's counts against a quarter's thresholds would mean nothing.

use super::error::Error;
use super::load::Loaded;
use super::period::{facts_error, version_for};
use crate::facts::Parsed;
use crate::facts::Quarter;
use crate::policy::Version;
use crate::source::SourceFile;

/// A month's records, and the version that read them.
pub struct Attendance {
    pub version: Version,
    pub month: Quarter,
}

/// Read a parsed month's facts file with the version in force for it.
pub fn load(policies: &mut Loaded, file: &SourceFile, root: Parsed<'_>) -> Result<Attendance, Error> {
    let version = version_for(policies, &root)?;
    let month = crate::facts::load_parsed(file, &root, &version.policy).map_err(facts_error)?;
    Ok(Attendance { version, month })
}
