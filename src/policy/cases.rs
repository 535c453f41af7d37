//! What a policy's own test cases (`<version>/tests/*.json`, `kaohe test`)
//! found, as data: each case passed or how it failed, and what no case
//! exercised. `app::policy_tests` runs them; `render` reports them.

use std::path::PathBuf;

/// The cases of one version, run.
#[derive(Debug, Clone)]
pub struct VersionTests {
    /// The version, as `kaohe` names it: `policies/luoshan/2026 (effective 2026-01-01)`.
    pub version: String,
    /// Where its cases are: `<version>/tests`.
    pub dir: PathBuf,
    pub cases: Vec<CaseResult>,
    /// Every rule, average, veto, flag and annual line no case exercised,
    /// described as the policy writes it.
    pub unexercised: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The case's file name: `attendance.json`.
    pub file: String,
    /// Its `name`, or the file name without `.json`.
    pub name: String,
    pub why: Option<String>,
    /// How the case failed, one line each (`S1.total: expected 98.5, got 97`);
    /// empty when it passed.
    pub failures: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}
