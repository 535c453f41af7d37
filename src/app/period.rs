//! Score a period: read its facts, pick the policy version in force for it,
//! load the records against that version and score them. `eval`, `explain`,
//! `annual` and `diff` all start here.

use std::path::Path;

use super::error::{problems, AppError, Error, Fault};
use crate::eval::Results;
use crate::facts::Quarter;
use crate::policy::{Policies, Version};
use crate::source::SourceFile;

/// A period scored against the policy version in force for it.
pub struct Scored {
    pub version: Version,
    pub quarter: Quarter,
    pub results: Results,
}

impl Scored {
    /// `2026-Q3: 40 staff and 12 windows scored by policy …`: for stderr.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} staff and {} windows scored by policy {}",
            self.quarter.period,
            self.quarter.staff.len(),
            self.quarter.windows.len(),
            self.version.describe()
        )
    }
}

/// Every version of the policy in `dir`.
pub fn load_policies(dir: &Path) -> Result<Policies, Error> {
    super::load::load_policies(dir).map_err(|errs| Error::new(Fault::Policy, errs))
}

/// A facts file's text.
pub fn read_facts(path: &Path) -> Result<SourceFile, Error> {
    SourceFile::read(path).map_err(|err| {
        // A file that is there but is not text is bad facts; one that cannot be read is not.
        let fault = if err.is_not_text() { Fault::Facts } else { Fault::Io };
        Error::one(fault, err)
    })
}

/// Score one facts file with the version of `policies` in force for its period.
pub fn score(policies: &Policies, dir: &Path, file: &SourceFile) -> Result<Scored, Error> {
    let facts_error = |errs: Vec<crate::facts::Error>| Error::new(Fault::Facts, problems(errs));
    let root = crate::facts::parse(file).map_err(facts_error)?;
    let period = crate::facts::peek_period(&root);
    // Without a readable period the newest version reads the file, and
    // reports the period along with anything else wrong in it.
    let version = match period.and_then(|p| p.start().map(|start| (p, start))) {
        Some((period, start)) => policies
            .in_force(start)
            .ok_or_else(|| Error::one(Fault::Policy, policies.none_in_force(dir, start, period.to_string())))?,
        None => policies
            .latest()
            .ok_or_else(|| Error::one(Fault::Io, AppError::NoVersion { dir: dir.display().to_string() }))?,
    };
    let quarter = crate::facts::load_parsed(file, &root, &version.policy).map_err(facts_error)?;
    // The records hold what scoring needs; the JSON tree can go before it starts.
    drop(root);
    let results = crate::eval::evaluate(&version.policy, &quarter);
    Ok(Scored { version: version.clone(), quarter, results })
}

/// Load the policy in `dir` and the facts at `facts`, and score them.
pub fn score_file(dir: &Path, facts: &Path) -> Result<Scored, Error> {
    let policies = load_policies(dir)?;
    let file = read_facts(facts)?;
    score(&policies, dir, &file)
}
