//! `kaohe template`: the summary-layout workbook of a period, made by the
//! policy version in force for it and filled in with the roster.

use std::path::Path;

use miette::{miette, Report};

use super::error::{Error, Fault};
use super::period::load_policies;
use crate::facts::Period;
use crate::policy::Version;
use crate::render::Roster;

/// A workbook to write, and what it was made from.
pub struct Template {
    pub version: Version,
    pub roster: Roster,
    /// The `.xlsx` file's bytes.
    pub bytes: Vec<u8>,
}

impl Template {
    /// `2026-Q4: 40 staff and 12 windows, by policy …`: for stderr.
    pub fn summary(&self, period: Period) -> String {
        format!(
            "{period}: template for {} staff and {} windows, by policy {}",
            self.roster.staff.len(),
            self.roster.windows.len(),
            self.version.describe()
        )
    }
}

/// The template of `period` by the policy in `dir`.
pub fn template(dir: &Path, period: Period) -> Result<Template, Error> {
    let policies = load_policies(dir)?;
    let start =
        period.start().ok_or_else(|| Error::new(Fault::Usage, vec![miette!("period {period} is out of range")]))?;
    let version = policies.in_force(start).ok_or_else(|| {
        Error::new(Fault::Policy, vec![Report::new(policies.none_in_force(dir, start, period.to_string()))])
    })?;
    let roster = Roster::default();
    let bytes = crate::render::write_template(&version.policy, period, &roster)
        .map_err(|err| Error::io(format!("cannot make the workbook: {err}")))?;
    Ok(Template { version: version.clone(), roster, bytes })
}
