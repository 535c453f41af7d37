//! Reading a policy directory: every version's `.rules` files, parsed
//! (`syntax`) and checked (`check`) into the [`Policies`] a command scores
//! with. A directory holds one version (its own `.rules` files) or one
//! subdirectory per version.

use std::path::{Path, PathBuf};

use super::error::{problems, Problem};
use crate::check::{self, Warning};
use crate::diagnostic::Located;
use crate::policy::{Policies, Policy, Version, VersionError};
use crate::source::{walk, SourceFile};
use crate::syntax;

/// Read every version under `dir`.
pub fn load_policies(dir: &Path) -> Result<Policies, Vec<Problem>> {
    load(dir, false).map(|(policies, _)| policies)
}

/// The newest version under `dir`.
pub fn load_newest(dir: &Path) -> Result<Policy, Vec<Problem>> {
    let mut policies = load_policies(dir)?;
    policies.versions.pop().map(|v| v.policy).ok_or_else(Vec::new)
}

/// [`load_policies`], and the warnings about every version (`kaohe check`).
pub fn load_policies_with_warnings(dir: &Path) -> Result<(Policies, Vec<Located<Warning>>), Vec<Problem>> {
    load(dir, true)
}

/// Read, parse and check one version: the `.rules` files of one directory.
pub fn load_version(dir: &Path) -> Result<Policy, Vec<Problem>> {
    load_checked(dir).map(|(policy, _)| policy)
}

/// [`load_version`], and the warnings of [`check::lint`] about the policy it
/// loaded (`kaohe check` prints them).
pub fn load_version_with_warnings(dir: &Path) -> Result<(Policy, Vec<Located<Warning>>), Vec<Problem>> {
    let (policy, files) = load_checked(dir)?;
    let warnings = check::lint(&files, &policy, dir);
    Ok((policy, warnings))
}

/// The parsed files of one directory.
type Parsed = Vec<(SourceFile, syntax::ast::File)>;

/// The checked policy of one directory, and the files it was made from.
fn load_checked(dir: &Path) -> Result<(Policy, Parsed), Vec<Problem>> {
    let files = walk::read_policy_dir(dir).map_err(problems)?;
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match syntax::parse_file(&file) {
            Ok(ast) => parsed.push((file, ast)),
            Err(err) => errors.push(Problem::Syntax(err)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let policy = check::check(&parsed).map_err(problems)?;
    Ok((policy, parsed))
}

/// Every version under `dir`, and with `lint`, the warnings about them.
fn load(dir: &Path, lint: bool) -> Result<(Policies, Vec<Located<Warning>>), Vec<Problem>> {
    let version = |dir: &Path| {
        if lint {
            load_version_with_warnings(dir)
        } else {
            load_version(dir).map(|policy| (policy, Vec::new()))
        }
    };
    let has_rules = walk::files(dir, "rules").map(|files| !files.is_empty()).unwrap_or(false);
    let subdirs: Vec<PathBuf> =
        if has_rules { Vec::new() } else { walk::subdirs_with(dir, "rules").unwrap_or_default() };
    if subdirs.is_empty() {
        // One version: the directory itself (or the error that it holds no rules).
        let (policy, warnings) = version(dir)?;
        return Ok((Policies { versions: vec![Version { dir: dir.to_path_buf(), policy }] }, warnings));
    }
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
            errors.push(Problem::Version(VersionError::NoDate {
                dir: dir.display().to_string(),
                version: version.dir.display().to_string(),
            }));
        }
    }
    versions.sort_by_key(|v| v.policy.effective);
    for pair in versions.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].policy.effective, pair[1].policy.effective) {
            if a == b {
                errors.push(Problem::Version(VersionError::SameDate {
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
