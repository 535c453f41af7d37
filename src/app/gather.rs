//! Gather a period's facts from the hall's records: pick the policy version
//! in force on the period's first day, and count the records by its rules
//! (`crate::records`).

use crate::render::Note;
use std::path::Path;

use super::load::Loaded;

use super::error::{problems, AppError, Error, Fault};
use crate::facts::Period;
use crate::policy::Version;
use crate::records::Gathered;

/// A period gathered, and the version that counted it.
pub struct Run {
    pub version: Version,
    pub gathered: Gathered,
}

impl Run {
    /// What was gathered, by which version: for stderr.
    pub fn summary(&self) -> Note {
        Note::Gathered {
            period: self.gathered.period,
            staff: self.gathered.staff.len(),
            windows: self.gathered.windows.len(),
            by: (&self.version).into(),
        }
    }
}

/// `2026-Q3` or `2026-07`: a quarter, or a month for the monthly 考勤通报.
pub fn parse_period(text: &str) -> Result<Period, Error> {
    match Period::parse(text) {
        Some(period @ (Period::Quarter { .. } | Period::Month { .. })) => Ok(period),
        _ => Err(Error::one(Fault::Usage, AppError::NotAPeriod { text: text.to_string(), year: false })),
    }
}

/// Load the policy in `dir`, and gather `period` from the records at
/// `records`; with the versions loaded (their warnings, the files read).
pub fn gather(dir: &Path, records: &Path, period: Period) -> Result<(Loaded, Run), Error> {
    let mut loaded = super::period::load(dir)?;
    let out_of_range = || Error::one(Fault::Usage, AppError::PeriodOutOfRange { period: period.to_string() });
    let start = period.start().ok_or_else(out_of_range)?;
    let version = loaded.in_force(start, &period.to_string())?.clone();
    let gathered = crate::records::gather(&version.policy, records, period).map_err(|errors| {
        let fault = if errors.iter().all(crate::records::RecordsError::is_io) { Fault::Io } else { Fault::Facts };
        Error::new(fault, problems(errors))
    })?;
    Ok((loaded, Run { version, gathered }))
}
