//! A policy directory may hold one version of the rubric, or one
//! subdirectory per version (`policies/luoshan/2026/`, `…/2027/`), each
//! declaring the day it takes effect. A period is scored by the version in
//! force on its first day. Reading the versions from disk is the
//! application's (`app::load`); this is only the choice among them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::VersionError;
use super::Policy;

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
        let versions =
            self.versions.iter().filter_map(|v| v.policy.effective.map(|d| (d, v.dir.display().to_string()))).collect();
        VersionError::NoneInForce { dir: dir.display().to_string(), date, period, versions }
    }
}
