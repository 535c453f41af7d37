//! A policy directory may hold one version of the rubric, or one
//! subdirectory per version (`policies/luoshan/2025/`, `…/2026/`), each
//! declaring the day it takes effect. A period is scored by the version in
//! force on its first day.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use miette::{Diagnostic, Report};
use thiserror::Error;

use crate::Policy;

/// Every version of a policy, oldest first.
#[derive(Debug, Clone)]
pub struct Policies {
    pub versions: Vec<Version>,
}

#[derive(Debug, Clone)]
pub struct Version {
    /// The directory its `.rules` files are in.
    pub dir: PathBuf,
    pub policy: Policy,
}

impl Version {
    /// `policies/luoshan/2026 (effective 2026-01-01)`
    pub fn describe(&self) -> String {
        match self.policy.effective {
            Some(date) => format!("{} (effective {date})", self.dir.display()),
            None => self.dir.display().to_string(),
        }
    }
}

#[derive(Debug, Error, Diagnostic)]
pub enum VersionError {
    #[error("`{dir}` holds several policy versions, but `{version}` does not say when it takes effect")]
    #[diagnostic(code(kaohe::policy), help("write `policy \"…\" effective 2026-01-01` in one of its files"))]
    NoDate { dir: String, version: String },
    #[error("versions `{first}` and `{second}` both take effect on {date}")]
    #[diagnostic(code(kaohe::policy), help("give each version its own `effective` date"))]
    SameDate { first: String, second: String, date: NaiveDate },
    #[error("no version of the policy in `{dir}` is in force on {date}, the start of period {period}")]
    #[diagnostic(code(kaohe::policy), help("the versions take effect on: {dates}"))]
    NoneInForce { dir: String, date: NaiveDate, period: String, dates: String },
}

impl Policies {
    /// The version in force on `date`: the latest one effective on or before
    /// it. A version without a date is in force on every date.
    pub fn in_force(&self, date: NaiveDate) -> Option<&Version> {
        self.versions.iter().rev().find(|v| v.policy.effective.is_none_or(|effective| effective <= date))
    }

    /// The newest version.
    pub fn latest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// The error for a period no version covers.
    pub fn none_in_force(&self, dir: &Path, date: NaiveDate, period: String) -> VersionError {
        let dates = self
            .versions
            .iter()
            .filter_map(|v| v.policy.effective.map(|d| format!("{d} ({})", v.dir.display())))
            .collect::<Vec<_>>()
            .join(", ");
        VersionError::NoneInForce { dir: dir.display().to_string(), date, period, dates }
    }
}

/// Read every version under `dir`.
pub fn load_policies(dir: &Path) -> Result<Policies, Vec<Report>> {
    load(dir, false).map(|(policies, _)| policies)
}

/// [`load_policies`], and the warnings about every version (`kaohe check`).
pub fn load_policies_with_warnings(dir: &Path) -> Result<(Policies, Vec<Report>), Vec<Report>> {
    load(dir, true)
}

/// Every version under `dir`, and with `lint`, the warnings about them.
fn load(dir: &Path, lint: bool) -> Result<(Policies, Vec<Report>), Vec<Report>> {
    let version = |dir: &Path| {
        if lint {
            crate::load_version_with_warnings(dir)
        } else {
            crate::load_version(dir).map(|policy| (policy, Vec::new()))
        }
    };
    let has_rules = std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().any(|e| e.path().extension().is_some_and(|x| x == "rules") && e.path().is_file())
        })
        .unwrap_or(false);
    let mut subdirs: Vec<PathBuf> = if has_rules {
        Vec::new()
    } else {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .filter(|p| {
                        std::fs::read_dir(p)
                            .map(|es| es.flatten().any(|e| e.path().extension().is_some_and(|x| x == "rules")))
                            .unwrap_or(false)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    if subdirs.is_empty() {
        // One version: the directory itself (or the error that it holds no rules).
        let (policy, warnings) = version(dir)?;
        return Ok((Policies { versions: vec![Version { dir: dir.to_path_buf(), policy }] }, warnings));
    }
    subdirs.sort();
    let mut versions = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for sub in subdirs {
        match version(&sub) {
            Ok((policy, found)) => {
                versions.push(Version { dir: sub, policy });
                warnings.extend(found);
            }
            Err(errs) => errors.extend(errs),
        }
    }
    for version in &versions {
        if version.policy.effective.is_none() {
            errors.push(Report::new(VersionError::NoDate {
                dir: dir.display().to_string(),
                version: version.dir.display().to_string(),
            }));
        }
    }
    versions.sort_by_key(|v| v.policy.effective);
    for pair in versions.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].policy.effective, pair[1].policy.effective) {
            if a == b {
                errors.push(Report::new(VersionError::SameDate {
                    first: pair[0].dir.display().to_string(),
                    second: pair[1].dir.display().to_string(),
                    date: a,
                }));
            }
        }
    }
    if errors.is_empty() {
        Ok((Policies { versions }, warnings))
    } else {
        Err(errors)
    }
}
